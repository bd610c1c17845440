/**
 * The hosted UI's sign-in session: after a password sign-in the browser holds a cookie for an
 * hour, during which the pool's clients send it back to the app without asking again (unless the
 * authorize request says `prompt=login`). /logout ends it. Only the cookie value's hash is stored.
 * A session opened by a SAML sign-in keeps the provider's NameID and SessionIndex, so the
 * provider's LogoutRequest (single logout) can end it.
 */
import type { BaseServices } from '../base-services.js';
import type { HostedSession } from '../store/repositories/hosted-sessions.js';
import { createHash } from 'node:crypto';
import { activityColumns, linkTokenSessionsBegunInThisCall, newSessionId, ssoSessionMinutes, tracksSessions } from './user-sessions.js';

/** Cognito's hosted session lasts an hour (longer when the pool tracks sessions and a client reuses it longer: user-sessions.ts). */
export const HOSTED_SESSION_SECONDS = 3600;

type SessionServices = Pick<BaseServices, 'store' | 'clock' | 'ids'>;

const hashOf = (value: string) => createHash('sha256').update(value).digest('base64url');

/** The SAML identity a federated sign-in came with: single logout names the session by it. */
export interface SessionSamlIdentity {
  provider: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
}

/** The hosted login that opened a session: its app client. */
export interface OpeningLogin {
  clientId: string;
}

/**
 * Opens a session for the user (signed in through a SAML provider: `saml`; by a hosted login:
 * `login`); answers the cookie's value. The token sessions the sign-in began in this request
 * came through it.
 */
export function openHostedSession(
  { store, clock, ids }: SessionServices,
  poolId: string,
  sub: string,
  authTime: number,
  saml?: SessionSamlIdentity,
  login?: OpeningLogin,
): string {
  const value = ids.opaque(32);
  const idHash = hashOf(value);
  const now = clock.now();
  const sessionId = tracksSessions(store, poolId) ? newSessionId('sso') : undefined;
  const tracked = sessionId ? { sessionId, ...(login && { clientId: login.clientId }), ...activityColumns(now) } : {};
  store.hostedSessions.deleteExpired(now);
  store.transaction(() => {
    store.hostedSessions.insert({ idHash, poolId, sub, authTime, created: now, expires: now + ssoSessionMinutes(store, poolId) * 60_000, ...tracked });
    if (saml) store.samlHostedSessions.insert({ idHash, poolId, ...saml });
    if (sessionId) linkTokenSessionsBegunInThisCall(store, sessionId);
  });
  return value;
}

/** The SAML identity the live session the cookie names was opened with, if any. */
export function hostedSessionSamlIdentity(services: Pick<BaseServices, 'store' | 'clock'>, poolId: string, value: string | undefined): SessionSamlIdentity | undefined {
  const session = findHostedSession(services, poolId, value);
  const saml = session && services.store.samlHostedSessions.find(session.idHash);
  if (!saml) return undefined;
  const { idHash: _idHash, poolId: _poolId, ...identity } = saml;
  return identity;
}

/** Ends the sessions a SAML provider's LogoutRequest names (its NameID, and SessionIndex when given); answers how many ended. */
export function closeSamlSessions({ store }: Pick<BaseServices, 'store'>, poolId: string, identity: Omit<SessionSamlIdentity, 'nameIdFormat'>): number {
  const named = store.samlHostedSessions
    .withNameId(poolId, identity.provider, identity.nameId)
    .filter((session) => identity.sessionIndex === undefined || session.sessionIndex === identity.sessionIndex);
  for (const session of named) store.hostedSessions.delete(session.idHash);
  return named.length;
}

/** The live session the cookie names in this pool, if any. */
export function findHostedSession({ store, clock }: Pick<BaseServices, 'store' | 'clock'>, poolId: string, value: string | undefined): HostedSession | undefined {
  if (!value) return undefined;
  const session = store.hostedSessions.find(hashOf(value));
  return session && session.poolId === poolId && session.expires > clock.now() ? session : undefined;
}

export function closeHostedSession({ store }: Pick<BaseServices, 'store'>, value: string | undefined): void {
  if (value) store.hostedSessions.delete(hashOf(value));
}
