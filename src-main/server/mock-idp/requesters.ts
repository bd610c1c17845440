/**
 * Whom the mocks answer: the identity providers stored in the sandbox's pools that point at a
 * mock (their client_id and secret or key are the mock's registered clients), and Cognito's
 * redirect URI, `/oauth2/idpresponse`, on a loopback or `*.localhost` host.
 */
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { MockIdpKind } from '../../../shared/mock-idp.js';
import type { Store } from '../../store/index.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { isLoopbackAddress } from '../host-check.js';

export const MOCK_IDP_BASE = '/_mock-idp';

export const MOCK_PROVIDER_TYPES: Record<MockIdpKind, IdentityProviderTypeType> = {
  oidc: 'OIDC',
  saml: 'SAML',
  google: 'Google',
  facebook: 'Facebook',
  amazon: 'LoginWithAmazon',
  apple: 'SignInWithApple',
};

/** The details naming where a provider's requests go: a mock answers a provider none of whose URLs point elsewhere. */
const URL_DETAILS = ['authorize_url', 'token_url'];

function hostnameOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname : url.hostname.toLowerCase();
}

function isMockUrl(value: string, kind: MockIdpKind): boolean {
  const url = URL.parse(value);
  return !!url && isLoopbackAddress(hostnameOf(url)) && (url.pathname === `${MOCK_IDP_BASE}/${kind}` || url.pathname.startsWith(`${MOCK_IDP_BASE}/${kind}/`));
}

/** Whether a provider's stored details send it to the mock: OIDC by its issuer, social ones unless a URL of theirs points elsewhere. */
export function addressesMock(provider: IdentityProvider, kind: MockIdpKind): boolean {
  if (provider.type !== MOCK_PROVIDER_TYPES[kind]) return false;
  if (kind === 'oidc') return isMockUrl(provider.details.oidc_issuer ?? '', kind);
  // Google's and Apple's oidc_issuer is the real issuer the mock's tokens carry, not a URL of the mock: it is not looked at.
  const urls = URL_DETAILS.map((key) => provider.details[key]);
  return urls.every((url) => url === undefined || isMockUrl(url, kind));
}

/** The stored providers of every pool that the mock answers with this client_id. */
export function requestersOf(store: Store, kind: MockIdpKind, clientId: string): IdentityProvider[] {
  return store.pools
    .all()
    .flatMap((pool) => store.identityProviders.all(pool.id))
    .filter((provider) => provider.details.client_id === clientId && addressesMock(provider, kind));
}

/** Cognito's redirect URI for identity providers, on a host the sandbox answers: `http(s)://{loopback or *.localhost}[:port]/oauth2/idpresponse`. */
export function isIdpResponseUri(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  const url = URL.parse(value);
  return (
    !!url &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    !url.username &&
    !url.password &&
    !url.hash &&
    isLoopbackAddress(hostnameOf(url)) &&
    url.pathname === '/oauth2/idpresponse'
  );
}
