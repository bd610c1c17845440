/**
 * OIDC discovery: the endpoints an OIDC provider's `{oidc_issuer}/.well-known/openid-configuration`
 * names, as ProviderDetails keys (authorize_url, token_url, attributes_url, jwks_uri).
 *
 * Cognito reads the document when a provider is created or updated without those URLs, and keeps
 * what it found in the details (DescribeIdentityProvider shows them); the sandbox does the same,
 * through idpFetch, and also at sign-in when the provider could not be reached then. A document
 * is kept an hour per issuer.
 *
 * Not checked, as the sandbox serves plain http on loopback: the guide's "the discovery document
 * must use HTTPS" for the endpoints and its ports 80 and 443. The document's own `issuer` is not
 * compared with oidc_issuer (the ID token's is).
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import { IdpCache } from './idp-cache.js';
import { jsonOf, type IdpCallContext } from './idp-fetch.js';
import { answeredBadly, callIdp } from './idp-refusals.js';
import { FederationError } from './types.js';

export type DiscoveryServices = Pick<BaseServices, 'bus' | 'clock' | 'options'>;

/** ProviderDetails key ← discovery document member. */
const DISCOVERED = {
  authorize_url: 'authorization_endpoint',
  token_url: 'token_endpoint',
  attributes_url: 'userinfo_endpoint',
  jwks_uri: 'jwks_uri',
} as const;

type EndpointKey = keyof typeof DISCOVERED;
export type OidcEndpoints = Partial<Record<EndpointKey, string>>;

/** Without these a sign-in cannot go on; a provider without userInfo is signed in from its ID token. */
const NEEDED: EndpointKey[] = ['authorize_url', 'token_url', 'jwks_uri'];

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const discovered = new IdpCache<OidcEndpoints>(DISCOVERY_TTL_MS);

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** An http(s) URL the sandbox may call, or undefined. */
export function callableUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  return ['http:', 'https:'].includes(new URL(value).protocol) ? value : undefined;
}

/** What the document names, as ProviderDetails keys; undefined unless it names every needed endpoint. */
function endpointsOf(document: Record<string, unknown> | undefined): OidcEndpoints | undefined {
  if (!document) return undefined;
  const endpoints: OidcEndpoints = {};
  for (const [key, member] of Object.entries(DISCOVERED) as [EndpointKey, string][]) {
    const url = callableUrl(document[member]);
    if (url) endpoints[key] = url;
  }
  return NEEDED.every((key) => endpoints[key]) ? endpoints : undefined;
}

/**
 * Reads the issuer's discovery document (or the one kept for it). Throws the FederationError a
 * sign-in is refused with when the issuer cannot be reached or does not answer with a document.
 */
export async function discoverOidc(
  services: DiscoveryServices,
  providerName: string,
  issuer: string,
  context: IdpCallContext,
  { fresh = false } = {},
): Promise<OidcEndpoints> {
  const kept = fresh ? undefined : discovered.get(services, issuer);
  if (kept) return kept;
  const answer = await callIdp(services, 'discovery', discoveryUrl(issuer), {}, context);
  const endpoints = answer.status === 200 ? endpointsOf(jsonOf(answer)) : undefined;
  if (!endpoints) throw answeredBadly(providerName, 'discovery', answer);
  discovered.set(services, issuer, endpoints);
  return endpoints;
}

/** The endpoints the details give, completed from discovery when one that is needed is missing. */
export async function oidcEndpoints(
  services: DiscoveryServices,
  providerName: string,
  details: Record<string, string>,
  context: IdpCallContext,
): Promise<Required<Pick<OidcEndpoints, 'authorize_url' | 'token_url' | 'jwks_uri'>> & OidcEndpoints> {
  const given: OidcEndpoints = {};
  for (const key of Object.keys(DISCOVERED) as EndpointKey[]) if (details[key]) given[key] = details[key];
  const complete = NEEDED.every((key) => given[key]) ? given : { ...(await discoverOidc(services, providerName, details.oidc_issuer!, context)), ...given };
  return complete as Required<Pick<OidcEndpoints, 'authorize_url' | 'token_url' | 'jwks_uri'>> & OidcEndpoints;
}

/**
 * CreateIdentityProvider / UpdateIdentityProvider: an OIDC provider's details with the endpoints
 * its issuer's discovery document names, where the caller gave none. When the issuer cannot be
 * reached or answers no document, the details stay as given and sign-in discovers them.
 */
export async function withDiscoveredEndpoints(
  services: DiscoveryServices,
  provider: { poolId: string; name: string; type: IdentityProviderTypeType; details: Record<string, string> },
): Promise<Record<string, string>> {
  const { details } = provider;
  if (provider.type !== 'OIDC' || (Object.keys(DISCOVERED) as EndpointKey[]).every((key) => details[key])) return details;
  try {
    return { ...(await discoverOidc(services, provider.name, details.oidc_issuer!, { poolId: provider.poolId }, { fresh: true })), ...details };
  } catch (error) {
    if (error instanceof FederationError) return details;
    throw error;
  }
}
