/**
 * The hosted UI's sign-in session: after a password sign-in the browser holds a cookie for an
 * hour, during which the pool's clients send it back to the app without asking again (unless the
 * authorize request says `prompt=login`). /logout ends it. Only the cookie value's hash is stored.
 */
import type { BaseServices } from '../base-services.js';
import type { HostedSession } from '../store/repositories/hosted-sessions.js';
import { createHash } from 'node:crypto';

/** Cognito's hosted session lasts an hour. */
export const HOSTED_SESSION_SECONDS = 3600;

type SessionServices = Pick<BaseServices, 'store' | 'clock' | 'ids'>;

const hashOf = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Opens a session for the user; answers the cookie's value. */
export function openHostedSession({ store, clock, ids }: SessionServices, poolId: string, sub: string, authTime: number): string {
  const value = ids.opaque(32);
  const now = clock.now();
  store.hostedSessions.deleteExpired(now);
  store.hostedSessions.insert({ idHash: hashOf(value), poolId, sub, authTime, created: now, expires: now + HOSTED_SESSION_SECONDS * 1000 });
  return value;
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
