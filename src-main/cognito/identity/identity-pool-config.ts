/**
 * What CreateIdentityPool and UpdateIdentityPool accept beyond the API model, and the
 * configuration they store. UpdateIdentityPool replaces the whole configuration: a member it
 * omits goes back to its default, except DeveloperProviderName, which stays (once set it cannot
 * change).
 *
 * Assumptions (Cognito documents the rules, not all of its wording):
 *  - a CognitoIdentityProviders entry needs a ProviderName `cognito-idp.{region}.amazonaws.com/{userPoolId}`
 *    and a ClientId: otherwise InvalidParameterException "Invalid Cognito Identity Provider"
 *    (Cognito's text); the same ProviderName and ClientId twice is refused; at most 50 entries
 *    (the quota of user pool providers per identity pool), LimitExceededException beyond;
 *  - SupportedLoginProviders keys are the documented public providers only;
 *  - OpenIdConnectProviderARNs and SamlProviderARNs must be IAM provider ARNs, each once; the
 *    sandbox has no IAM, so it checks their form, not that IAM knows them;
 *  - the user pools named are not looked up: an identity pool may trust a user pool of another
 *    sandbox or region, as Cognito lets it.
 */
import type { IdentityPoolConfig } from '../../store/repositories/identity-pools.js';
import { InvalidParameterException, LimitExceededException } from '../errors.js';
import type { CognitoIdentityProvider, IdentityPool } from './types.js';

/** The configuration members of CreateIdentityPool and UpdateIdentityPool, as the request gives them. */
export interface IdentityPoolSettings {
  AllowUnauthenticatedIdentities?: boolean;
  AllowClassicFlow?: boolean;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: Partial<CognitoIdentityProvider>[];
  SamlProviderARNs?: string[];
}

/** The SupportedLoginProviders keys CreateIdentityPool documents. */
export const PUBLIC_LOGIN_PROVIDERS: readonly string[] = [
  'graph.facebook.com',
  'accounts.google.com',
  'appleid.apple.com',
  'www.amazon.com',
  'api.twitter.com',
  'www.digits.com',
];

export const MAX_USER_POOL_PROVIDERS = 50;

const USER_POOL_PROVIDER = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+_[0-9a-zA-Z]+$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/;
const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;

/** The configuration to store for `settings`; `current` is the pool an update replaces. */
export function identityPoolConfig(settings: IdentityPoolSettings, current?: IdentityPool): IdentityPoolConfig {
  const developerProviderName = keptDeveloperProviderName(settings.DeveloperProviderName, current?.DeveloperProviderName);
  return {
    AllowUnauthenticatedIdentities: settings.AllowUnauthenticatedIdentities ?? false,
    ...(settings.AllowClassicFlow !== undefined && { AllowClassicFlow: settings.AllowClassicFlow }),
    SupportedLoginProviders: publicLoginProviders(settings.SupportedLoginProviders ?? {}),
    ...(developerProviderName !== undefined && { DeveloperProviderName: developerProviderName }),
    OpenIdConnectProviderARNs: providerArns(settings.OpenIdConnectProviderARNs ?? [], OIDC_PROVIDER_ARN, 'OpenIdConnectProviderARNs', 'oidc-provider/ISSUER'),
    CognitoIdentityProviders: userPoolProviders(settings.CognitoIdentityProviders ?? []),
    SamlProviderARNs: providerArns(settings.SamlProviderARNs ?? [], SAML_PROVIDER_ARN, 'SamlProviderARNs', 'saml-provider/NAME'),
  };
}

function keptDeveloperProviderName(requested: string | undefined, current: string | undefined): string | undefined {
  if (current === undefined || requested === undefined) return requested ?? current;
  if (requested !== current) {
    throw new InvalidParameterException(`DeveloperProviderName cannot be changed once it is set: this identity pool's is ${current}.`);
  }
  return current;
}

function publicLoginProviders(providers: Record<string, string>): Record<string, string> {
  for (const key of Object.keys(providers)) {
    if (!PUBLIC_LOGIN_PROVIDERS.includes(key)) {
      throw new InvalidParameterException(
        `Invalid login provider ${key} in SupportedLoginProviders: use ${PUBLIC_LOGIN_PROVIDERS.join(', ')}.`,
      );
    }
  }
  return { ...providers };
}

function userPoolProviders(providers: Partial<CognitoIdentityProvider>[]): CognitoIdentityProvider[] {
  if (providers.length > MAX_USER_POOL_PROVIDERS) {
    throw new LimitExceededException(`An identity pool can have at most ${MAX_USER_POOL_PROVIDERS} Cognito identity providers.`);
  }
  const seen = new Set<string>();
  return providers.map(({ ProviderName, ClientId, ServerSideTokenCheck }) => {
    if (!ProviderName || !ClientId || !USER_POOL_PROVIDER.test(ProviderName)) {
      throw new InvalidParameterException('Invalid Cognito Identity Provider');
    }
    const key = `${ProviderName} ${ClientId}`;
    if (seen.has(key)) {
      throw new InvalidParameterException(`Duplicate Cognito Identity Provider: ${ProviderName} with ClientId ${ClientId}.`);
    }
    seen.add(key);
    return { ProviderName, ClientId, ServerSideTokenCheck: ServerSideTokenCheck ?? false };
  });
}

function providerArns(arns: string[], form: RegExp, member: string, resource: string): string[] {
  const seen = new Set<string>();
  for (const arn of arns) {
    if (!form.test(arn)) throw new InvalidParameterException(`Invalid ARN in ${member}: ${arn} (expected arn:aws:iam::ACCOUNT:${resource}).`);
    if (seen.has(arn)) throw new InvalidParameterException(`Duplicate ARN in ${member}: ${arn}.`);
    seen.add(arn);
  }
  return [...arns];
}
