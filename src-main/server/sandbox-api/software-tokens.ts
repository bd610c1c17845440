/**
 * `GET /_sandbox/api/api-calls/{seq}/software-token`: the TOTP secret an AssociateSoftwareToken
 * call answered, with its otpauth:// key URI, so the window can draw the QR code an
 * authenticator app scans. The call's `api.called` event masks the SecretCode; the secret is read
 * from the user it was handed to, and only while it is still theirs (pending or verified).
 *
 * Whose call it was: with a Session, the sign-in flow's user (the call's event carries the flow);
 * with an access token, the token's `sub` in the pool its issuer names (read, not verified: it is
 * the sandbox's own token, kept in its own history, and may have expired since).
 * Which secret it was: the one whose AssociateSoftwareToken time falls within the call.
 */
import { decodeJwt } from 'jose';
import type { SoftwareTokenSecret } from '../../../shared/debugger-api.js';
import type { EventData, SandboxEvent } from '../../../shared/events.js';
import { totpUri } from '../../cognito/totp.js';
import { resolveUser } from '../../cognito/usernames.js';
import type { Services } from '../../services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { BadQuery, notFound, type ApiHandler } from './route.js';

type ApiCall = SandboxEvent & { type: 'api.called' };
type Store = Services['store'];

/** How far before the call's start its clock may have read (the call's `ms` is measured apart from the clock). */
const CLOCK_SLACK_MS = 1_000;

function seqOf(raw: string): number {
  const seq = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new BadQuery('seq must be the whole number of an api.called event.');
  return seq;
}

function storedEvent(store: Store, seq: number): SandboxEvent | undefined {
  const [event] = store.events.since(seq - 1, 1);
  return event?.seq === seq ? event : undefined;
}

function answeredSecret(event: SandboxEvent): event is ApiCall {
  if (event.type !== 'api.called') return false;
  const { operation, error, response } = event.data as EventData<'api.called'>;
  return operation === 'AssociateSoftwareToken' && !error && typeof (response as { SecretCode?: unknown } | undefined)?.SecretCode === 'string';
}

function flowUser(store: Store, flowId: string): { pool: UserPool; user: StoredUser } | undefined {
  const flow = store.flows.findById(flowId);
  const pool = flow?.poolId ? store.pools.findById(flow.poolId) : undefined;
  const user = pool && flow?.username ? resolveUser(store, pool, flow.username) : undefined;
  return pool && user ? { pool, user } : undefined;
}

function accessTokenUser(store: Store, accessToken: unknown): { pool: UserPool; user: StoredUser } | undefined {
  if (typeof accessToken !== 'string') return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(accessToken);
  } catch {
    return undefined;
  }
  const poolId = typeof claims.iss === 'string' ? claims.iss.split('/').pop() : undefined;
  const pool = poolId ? store.pools.findById(poolId) : undefined;
  const user = pool && typeof claims.sub === 'string' ? store.users.findBySub(pool.id, claims.sub) : undefined;
  return pool && user ? { pool, user } : undefined;
}

/** The secret of `user` that the call handed out, and whether it waits for VerifySoftwareToken or is in use. */
function secretOfCall(user: StoredUser, call: ApiCall): Pick<SoftwareTokenSecret, 'secretCode' | 'state' | 'friendlyDeviceName'> | undefined {
  const during = (associated: number | undefined) =>
    associated !== undefined && associated <= call.time && associated >= call.time - call.data.ms - CLOCK_SLACK_MS;
  const { pendingSoftwareToken: pending, softwareToken: current } = user.mfa ?? {};
  if (pending && during(pending.associated)) return { secretCode: pending.secret, state: 'pending', friendlyDeviceName: null };
  if (current && during(current.associated)) return { secretCode: current.secret, state: 'verified', friendlyDeviceName: current.friendlyDeviceName ?? null };
  return undefined;
}

export function softwareTokenOfCall({ store }: Pick<Services, 'store'>): ApiHandler<'softwareToken'> {
  return (req, res) => {
    const seq = seqOf(req.params.seq);
    const event = storedEvent(store, seq);
    if (!event) return notFound(res, `No event ${seq} in the debugger's history.`);
    if (!answeredSecret(event)) return notFound(res, `Event ${seq} is not an AssociateSoftwareToken call that answered a SecretCode.`);
    const owner = event.flowId ? flowUser(store, event.flowId) : accessTokenUser(store, (event.data.request as { AccessToken?: unknown }).AccessToken);
    if (!owner) return notFound(res, 'The user that call was for is no longer in the sandbox.');
    const secret = secretOfCall(owner.user, event);
    if (!secret) {
      return notFound(res, 'The secret that call answered is no longer the user’s: a later AssociateSoftwareToken replaced it, or AdminDeleteSoftwareToken removed it.');
    }
    const { pool, user } = owner;
    res.json({
      poolId: pool.id,
      poolName: pool.name,
      username: user.username,
      ...secret,
      uri: totpUri({ secret: secret.secretCode, issuer: pool.name, label: user.username }),
    });
  };
}
