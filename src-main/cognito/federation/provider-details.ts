/**
 * ProviderDetails per provider type: what a request must give, and what Cognito adds when it
 * describes the provider (endpoint URLs, defaults). Caller-given keys win over the additions,
 * which also lets a social provider point at the sandbox's mock IdPs.
 *
 * OIDC endpoints the caller does not give are read from the issuer's discovery document when the
 * provider is created or updated, and stored with the details (oidc-discovery.ts); they are not
 * added here. A SAML `MetadataURL` is stored without its endpoints. The refusals here use sandbox
 * wording: Cognito's texts for them are not known.
 */
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { InvalidParameterException } from '../errors.js';
import { samlEndpoints } from './saml-metadata.js';

type Details = Record<string, string>;

interface TypeRules {
  required: string[];
  /** Checks beyond presence. */
  check?(details: Details): void;
  /** What DescribeIdentityProvider adds to the stored details. */
  additions(details: Details): Details;
  /** Kept for federation but never shown. */
  hidden?: string[];
  /** AttributeMapping when the request has none. */
  defaultAttributeMapping: Record<string, string>;
}

const SOCIAL_REQUIRED = ['client_id', 'client_secret', 'authorize_scopes'];
const DEFAULT_FACEBOOK_API_VERSION = 'v17.0';
const BOOLEAN_SAML_FLAGS = ['IDPSignout', 'IDPInit', 'EncryptedResponses'];

function checkOidc(details: Details): void {
  if (!['GET', 'POST'].includes(details.attributes_request_method!)) {
    throw new InvalidParameterException('attributes_request_method must be GET or POST.');
  }
  if (!URL.canParse(details.oidc_issuer!)) throw new InvalidParameterException('oidc_issuer must be a URL.');
}

function checkSaml(details: Details): void {
  if ((details.MetadataURL === undefined) === (details.MetadataFile === undefined)) {
    throw new InvalidParameterException('SAML identity providers need exactly one of MetadataURL and MetadataFile.');
  }
  if (details.MetadataFile !== undefined && !samlEndpoints(details.MetadataFile)) {
    throw new InvalidParameterException(
      'MetadataFile is not SAML metadata of an identity provider with an HTTP-Redirect SingleSignOnService.',
    );
  }
  for (const flag of BOOLEAN_SAML_FLAGS) {
    if (details[flag] !== undefined && !['true', 'false'].includes(details[flag])) {
      throw new InvalidParameterException(`${flag} must be true or false.`);
    }
  }
  if (details.RequestSigningAlgorithm !== undefined && details.RequestSigningAlgorithm !== 'rsa-sha256') {
    throw new InvalidParameterException('RequestSigningAlgorithm must be rsa-sha256.');
  }
}

function samlAdditions(details: Details): Details {
  const endpoints = details.MetadataFile === undefined ? undefined : samlEndpoints(details.MetadataFile);
  if (!endpoints) return {};
  return {
    SSORedirectBindingURI: endpoints.ssoRedirectBindingUri,
    ...(endpoints.sloRedirectBindingUri && { SLORedirectBindingURI: endpoints.sloRedirectBindingUri }),
  };
}

function facebookAdditions(details: Details): Details {
  const version = details.api_version ?? DEFAULT_FACEBOOK_API_VERSION;
  return {
    api_version: version,
    attributes_url: `https://graph.facebook.com/${version}/me?fields=`,
    attributes_url_add_attributes: 'true',
    authorize_url: `https://www.facebook.com/${version}/dialog/oauth`,
    token_request_method: 'GET',
    token_url: `https://graph.facebook.com/${version}/oauth/access_token`,
  };
}

const RULES: Record<IdentityProviderTypeType, TypeRules> = {
  OIDC: {
    required: ['client_id', 'client_secret', 'authorize_scopes', 'attributes_request_method', 'oidc_issuer'],
    check: checkOidc,
    additions: () => ({ attributes_url_add_attributes: 'false' }),
    defaultAttributeMapping: { username: 'sub' },
  },
  SAML: {
    required: [],
    check: checkSaml,
    additions: samlAdditions,
    defaultAttributeMapping: {},
  },
  Google: {
    required: SOCIAL_REQUIRED,
    additions: () => ({
      attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
      attributes_url_add_attributes: 'true',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
      token_url: 'https://www.googleapis.com/oauth2/v4/token',
    }),
    defaultAttributeMapping: { username: 'sub' },
  },
  Facebook: {
    required: SOCIAL_REQUIRED,
    additions: facebookAdditions,
    defaultAttributeMapping: { username: 'id' },
  },
  LoginWithAmazon: {
    required: SOCIAL_REQUIRED,
    additions: () => ({
      attributes_url: 'https://api.amazon.com/user/profile',
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://www.amazon.com/ap/oa',
      token_request_method: 'POST',
      token_url: 'https://api.amazon.com/auth/o2/token',
    }),
    defaultAttributeMapping: { username: 'user_id' },
  },
  SignInWithApple: {
    required: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
    additions: () => ({
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://appleid.apple.com/auth/authorize',
      oidc_issuer: 'https://appleid.apple.com',
      token_request_method: 'POST',
      token_url: 'https://appleid.apple.com/auth/token',
    }),
    hidden: ['private_key'],
    defaultAttributeMapping: { username: 'sub' },
  },
};

export function checkProviderDetails(type: IdentityProviderTypeType, details: Details): void {
  const rules = RULES[type];
  const missing = rules.required.find((key) => !details[key]);
  if (missing) throw new InvalidParameterException(`${missing} is required in ProviderDetails of a ${type} identity provider.`);
  rules.check?.(details);
}

export function defaultAttributeMapping(type: IdentityProviderTypeType): Record<string, string> {
  return { ...RULES[type].defaultAttributeMapping };
}

/** Everything federation needs: the stored details, secrets included, with Cognito's additions. */
export function effectiveDetails(provider: IdentityProvider): Details {
  return { ...RULES[provider.type].additions(provider.details), ...provider.details };
}

/** The details as DescribeIdentityProvider shows them. */
export function describedDetails(provider: IdentityProvider): Details {
  const details = effectiveDetails(provider);
  for (const key of RULES[provider.type].hidden ?? []) delete details[key];
  return details;
}
