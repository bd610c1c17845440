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
 *
 * Limitations: the AuthnRequest's namespace prefixes are node-saml's (`samlp:`, `saml:`), where
 * Cognito's are `saml2p:`, `saml2:`; what it asks for (NameIDPolicy unspecified, AllowCreate, no
 * RequestedAuthnContext) is assumed from requests Cognito is seen to send.
 */
import type { BaseServices } from '../../base-services.js';
import { injectedSamlResponseFault } from './idp-faults.js';
import { samlIdpOf } from './saml-idp.js';
import { samlSigningKey } from './saml-keys.js';
import { CheckList, checkSamlResponse, type SamlReport } from './saml-response.js';
import { assertionConsumerUrl, samlServiceProvider } from './saml-sp.js';
import { decodeRedirectMessage, prettyXml } from './saml-xml.js';
import { FederationError, type FederationCall, type IdpIdentity, type IdpRedirect, type PendingIdpRequest } from './types.js';
import { providerClockOf } from '../../clock.js';

export type SamlLoginServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'ids' | 'faults'>;

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
    providerClockOf(services.clock),
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
    const injected = injectedSamlResponseFault(services, call);
    if (injected) checks.fail('Status is Success', injected);
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
