/**
 * A federated login with a SAML 2.0 provider, the pool as service provider (entity ID
 * `urn:amazon:cognito:sp:{poolId}`, ACS `{origin}/saml2/idpresponse`):
 *
 * - startSamlLogin: the AuthnRequest, by the HTTP-Redirect binding to the provider's
 *   SingleSignOnService, carrying the login's Session as RelayState; signed with the pool's
 *   signing key when the provider's RequestSigningAlgorithm is rsa-sha256 (Cognito's requests are
 *   unsigned otherwise). Published as `federation.requested`, the request decoded.
 * - finishSamlLogin: the SAMLResponse checked (saml-response.ts), the identity it vouches for
 *   returned or FederationError thrown; published as `federation.responded` with every check.
 * - samlResponseAddressee: an unverified look at a response nobody asked for (IdP-initiated), to
 *   find the pool and provider it is meant for before it is checked.
 *
 * Limitations: the AuthnRequest's namespace prefixes are node-saml's (`samlp:`, `saml:`), where
 * Cognito's are `saml2p:`, `saml2:`; what it asks for (NameIDPolicy unspecified, AllowCreate, no
 * RequestedAuthnContext) is assumed from requests Cognito is seen to send.
 */
import type { BaseServices } from '../../base-services.js';
import type { Store } from '../../store/index.js';
import { knownSamlIdp, samlIdpOf } from './saml-idp.js';
import { samlSigningKey } from './saml-keys.js';
import { CheckList, checkSamlResponse, type SamlReport } from './saml-response.js';
import { assertionConsumerUrl, samlServiceProvider } from './saml-sp.js';
import { childElement, childElements, decodePostMessage, decodeRedirectMessage, parseSamlXml, prettyXml, SAML_ASSERTION, SAML_PROTOCOL, textOf } from './saml-xml.js';
import { FederationError, type FederationCall, type IdpIdentity, type IdpRedirect, type PendingIdpRequest } from './types.js';

export type SamlLoginServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'ids'>;

const SIGNATURE_SHOWN = 24;

function requireSaml(call: FederationCall): void {
  if (call.provider.type !== 'SAML') throw new Error(`${call.provider.name} is a ${call.provider.type} provider, not SAML.`);
}

function isWebUrl(url: string): boolean {
  return URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
}

/** The redirect's parameters as the debugger shows them: the request itself is shown decoded beside them. */
function shownParameters(location: URL): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of location.searchParams) {
    if (name === 'SAMLRequest') parameters[name] = '(the AuthnRequest, DEFLATE-compressed and base64-encoded)';
    else if (name === 'Signature') parameters[name] = `${value.slice(0, SIGNATURE_SHOWN)}…`;
    else parameters[name] = value;
  }
  return parameters;
}

/** Where the browser goes to sign in at the provider, and what the login keeps meanwhile. */
export async function startSamlLogin(services: SamlLoginServices, call: FederationCall, relayState: string): Promise<IdpRedirect> {
  requireSaml(call);
  const idp = await samlIdpOf(services, call.provider, call.flowId);
  if (!isWebUrl(idp.ssoRedirectBindingUri)) {
    throw new FederationError('invalid_request', `The SingleSignOnService of identity provider ${call.provider.name} is not an http(s) URL.`);
  }
  const signed = call.provider.details.RequestSigningAlgorithm === 'rsa-sha256';
  const requestId = `_${services.ids.uuid()}`;
  const signingKey = signed ? (await samlSigningKey(services, call.pool.id)).privateKey : undefined;
  const sp = samlServiceProvider(
    { poolId: call.pool.id, origin: call.origin, idpCertificates: idp.signingCertificates, ssoUrl: idp.ssoRedirectBindingUri, requestId, ...(signingKey && { signingKey }) },
    services.clock,
  );
  const location = await sp.getAuthorizeUrlAsync(relayState, undefined, {});
  const url = new URL(location);
  services.bus.publish(
    'federation.requested',
    {
      provider: call.provider.name,
      providerType: call.provider.type,
      protocol: 'saml',
      url: `${url.origin}${url.pathname}`,
      parameters: shownParameters(url),
      authnRequest: { id: requestId, xml: prettyXml(decodeRedirectMessage(url.searchParams.get('SAMLRequest')!)), signed },
    },
    { flowId: call.flowId, poolId: call.pool.id },
  );
  const pending: PendingIdpRequest = { provider: call.provider.name, protocol: 'saml', requestId, returnUrl: assertionConsumerUrl(call.origin), sent: services.clock.now() };
  return { location, pending };
}

/**
 * The identity the provider's response vouches for: `pending` is the login's AuthnRequest, or
 * undefined for an IdP-initiated response. FederationError when it is refused.
 */
export async function finishSamlLogin(services: SamlLoginServices, call: FederationCall, pending: PendingIdpRequest | undefined, samlResponse: string): Promise<IdpIdentity> {
  requireSaml(call);
  const checks = new CheckList();
  const report: SamlReport = { xml: '', encrypted: false, attributes: {} };
  const publish = (outcome: { userId: string; claims: Record<string, string> } | { error: { error: string; error_description: string } }) =>
    services.bus.publish(
      'federation.responded',
      {
        provider: call.provider.name,
        providerType: call.provider.type,
        protocol: 'saml',
        ...(pending === undefined && { idpInitiated: true }),
        checks: checks.checks,
        saml: report,
        ...outcome,
      },
      { flowId: call.flowId, poolId: call.pool.id },
    );
  try {
    const idp = await samlIdpOf(services, call.provider, call.flowId);
    const identity = await checkSamlResponse(services, call, pending, samlResponse, idp, checks, report);
    publish({ userId: identity.userId, claims: identity.claims });
    return identity;
  } catch (error) {
    const refusal = CheckList.refusalOf(error) ?? (error instanceof FederationError ? error : undefined);
    if (!refusal) throw error;
    publish({ error: { error: refusal.error, error_description: refusal.description } });
    throw refusal;
  }
}

const SP_ENTITY_ID = /^urn:amazon:cognito:sp:(.+)$/;

/** The Audience and Issuers a response shows without any check. */
function peek(samlResponse: string): { audiences: string[]; issuers: string[] } | undefined {
  try {
    const response = parseSamlXml(decodePostMessage(samlResponse)).documentElement;
    if (response.namespaceURI !== SAML_PROTOCOL || response.localName !== 'Response') return undefined;
    const assertion = childElement(response, SAML_ASSERTION, 'Assertion');
    const restrictions = childElements(childElement(assertion, SAML_ASSERTION, 'Conditions') ?? response, SAML_ASSERTION, 'AudienceRestriction');
    const audiences = restrictions.flatMap((restriction) => childElements(restriction, SAML_ASSERTION, 'Audience').map((audience) => textOf(audience) ?? ''));
    const issuers = [textOf(childElement(response, SAML_ASSERTION, 'Issuer')), textOf(childElement(assertion, SAML_ASSERTION, 'Issuer'))].filter((issuer): issuer is string => !!issuer);
    return { audiences, issuers };
  } catch {
    return undefined;
  }
}

/**
 * The pool and provider an IdP-initiated response is addressed to, read without verifying it
 * (finishSamlLogin checks it): the pool of its Audience (`urn:amazon:cognito:sp:{poolId}`; an
 * encrypted assertion hides it, and then every pool is a candidate), the provider whose metadata
 * entity ID is its Issuer. Undefined unless exactly one provider fits. A provider known only by a
 * MetadataURL is found once its metadata was fetched (by a sign-in through it).
 */
export function samlResponseAddressee(store: Store, samlResponse: string): { poolId: string; providerName: string } | undefined {
  const seen = peek(samlResponse);
  if (!seen || seen.issuers.length === 0) return undefined;
  const audiencePools = seen.audiences.map((audience) => SP_ENTITY_ID.exec(audience)?.[1]).filter((poolId): poolId is string => poolId !== undefined);
  const pools = audiencePools.length ? audiencePools.filter((poolId) => store.pools.findById(poolId)) : store.pools.all().map((pool) => pool.id);
  const matches = pools.flatMap((poolId) =>
    store.identityProviders
      .all(poolId)
      .filter((provider) => provider.type === 'SAML' && seen.issuers.includes(knownSamlIdp(store, provider)?.entityId ?? '\u0000'))
      .map((provider) => ({ poolId, providerName: provider.name })),
  );
  return matches.length === 1 ? matches[0] : undefined;
}
