/**
 * The injected faults an AWS JSON call meets before its operation runs (debug/faults.ts): added
 * latency, then throttling, answered as Cognito answers a request over its rate:
 * TooManyRequestsException "Rate exceeded" (HTTP 400), which the AWS SDKs retry as throttling.
 *
 * A fault scoped to a pool hits the calls that name it: UserPoolId (IdentityPoolId), else the pool
 * of the ClientId, of the AccessToken's issuer, or of the Session's flow (whose flow the call then
 * joins in the debugger, a throttled RespondToAuthChallenge included).
 *
 * Limitations: an operation fault matches by name in either service (TagResource, UntagResource
 * and ListTagsForResource are in both); only the AWS JSON API is throttled or delayed, not the
 * hosted UI, the OAuth endpoints (ClientAuthentication's token requests) or federation
 * (UserFederation: inject an identity provider fault instead).
 */
import { decodeJwt } from 'jose';
import type { Services } from '../../services.js';
import { TooManyRequestsException } from '../../cognito/errors.js';
import type { FaultSite } from '../../debug/faults.js';
import { hashToken } from '../../tokens/tokens.js';

type FaultsServices = Pick<Services, 'faults' | 'store'>;

export const THROTTLED_MESSAGE = 'Rate exceeded';

export interface CallSite extends FaultSite {
  operation: string;
  flowId?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The pool an access token's issuer names (`.../{poolId}`), unverified: only to match a fault's scope. */
function poolOfAccessToken(token: string): string | undefined {
  try {
    const issuer = decodeJwt(token).iss;
    return typeof issuer === 'string' ? issuer.slice(issuer.lastIndexOf('/') + 1) : undefined;
  } catch {
    return undefined;
  }
}

/** The call's operation, pool and flow, as far as the request tells them; undefined while no throttle or latency fault is on. */
export function callSiteOf({ faults, store }: FaultsServices, operation: string, body: Record<string, unknown>): CallSite | undefined {
  if (!faults.any('throttle', 'latency')) return undefined;
  const named = text(body.UserPoolId) ?? text(body.IdentityPoolId);
  if (named) return { operation, poolId: named };
  const session = text(body.Session);
  const flow = session ? store.flows.findBySession(hashToken(session)) : undefined;
  if (flow) return { operation, poolId: flow.poolId, flowId: flow.id };
  const clientId = text(body.ClientId);
  const client = clientId ? store.clients.findById(clientId) : undefined;
  if (client) return { operation, poolId: client.poolId };
  const accessToken = text(body.AccessToken);
  return { operation, poolId: accessToken ? poolOfAccessToken(accessToken) : undefined };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits out the latency faults that hit the call, then refuses it if a throttle fault does. */
export async function injectCallFaults({ faults }: FaultsServices, site: CallSite | undefined): Promise<void> {
  if (!site) return;
  const delays = faults.matchAll('latency', site);
  for (const fault of delays) faults.injected(fault, site, { ms: fault.ms });
  const total = delays.reduce((sum, fault) => sum + (fault.ms ?? 0), 0);
  if (total > 0) await sleep(total);
  const throttle = faults.match('throttle', site);
  if (!throttle) return;
  const error = new TooManyRequestsException(THROTTLED_MESSAGE);
  faults.injected(throttle, site, { error: { type: error.type, message: error.message } });
  throw error;
}
