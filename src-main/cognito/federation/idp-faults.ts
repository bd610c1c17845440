/**
 * Injected identity provider faults (debug/faults.ts), refused as Cognito refuses the real ones, so
 * the hosted UI sends the app to its redirect URI with `error` and `error_description`:
 *  - OIDC and social providers, at the token endpoint (the provider is not called):
 *    `error` mode: the endpoint answers 500 (`{name} Error - 500 error getting token`, or with the
 *    fault's message as the provider's `server_error` description); `timeout` mode:
 *    `Timeout occurred in calling IdP token endpoint`;
 *  - SAML providers: the response carries a Responder status (with the fault's message as its
 *    StatusMessage): `server_error` "Invalid SAML response received: ...". A SAML response comes
 *    by the browser, so there is no call to time out: `timeout` fails the same way.
 */
import type { BaseServices } from '../../base-services.js';
import { IdpUnreachable } from './idp-fetch.js';
import { answeredBadly, unreachable } from './idp-refusals.js';
import type { FederationCall, FederationError } from './types.js';

const RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';

export interface InjectedIdpFault {
  /** What the check list says of it. */
  detail: string;
  refusal: FederationError;
}

type IdpFaultServices = Pick<BaseServices, 'faults'>;

function hit({ faults }: IdpFaultServices, call: FederationCall) {
  const site = { poolId: call.pool.id, providerName: call.provider.name, flowId: call.flowId };
  const fault = faults.match('idp', site);
  return fault && { fault, report: (refusal: { error: string; description: string }) => faults.injected(fault, site, { error: { type: refusal.error, message: refusal.description } }) };
}

/** The token endpoint's injected failure, if a fault hits this login now. */
export function injectedTokenEndpointFault(services: IdpFaultServices, call: FederationCall, tokenUrl: string): InjectedIdpFault | undefined {
  const found = hit(services, call);
  if (!found) return undefined;
  const { fault, report } = found;
  const refusal =
    fault.mode === 'timeout'
      ? unreachable('token', new IdpUnreachable(tokenUrl, 'no answer (injected fault)', 'timeout'))
      : answeredBadly(call.provider.name, 'token', {
          status: 500,
          contentType: 'application/json',
          text: fault.message ? JSON.stringify({ error: 'server_error', error_description: fault.message }) : '',
        });
  report(refusal);
  return { detail: fault.mode === 'timeout' ? 'no answer in time (injected fault)' : 'answered 500 (injected fault)', refusal };
}

/** The SAML response's injected failure (a Responder status) as the status check's detail, if a fault hits this login now. */
export function injectedSamlResponseFault(services: IdpFaultServices, call: FederationCall): string | undefined {
  const found = hit(services, call);
  if (!found) return undefined;
  const detail = `The identity provider answered ${RESPONDER}${found.fault.message ? `: ${found.fault.message}` : ''} (injected fault).`;
  found.report({ error: 'server_error', description: `Invalid SAML response received: ${detail}` });
  return detail;
}
