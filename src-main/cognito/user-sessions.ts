/**
 * Cognito's user sessions: with session tracking ENABLED for the pool, every sign-in begins a
 * TOKEN session (the sandbox's refresh-token family) and every hosted-UI sign-in an SSO session
 * (the hosted session and its cookie). A session shows its client, when it began and was last
 * active, the caller's IP address and device, and, for a token session begun through the hosted
 * UI, the SSO session it came through (OriginSessionId).
 *
 * Rules, from the SDK's documentation:
 * - the pool's defaults are UserSessionTracking DISABLED and MaxPerUser 20; a client's SSO
 *   MaxValidityMinutes defaults to 60; with tracking DISABLED, client settings are kept but dormant;
 * - MaxPerUser: a sign-in of a user at the limit first evicts their least recently used token
 *   session (across the pool's clients); lowering the limit evicts nothing until the next sign-in;
 * - a token session's LastActiveDate moves on each refresh (a sign-in begins a new session); an
 *   SSO session's on each authentication and token grant through it;
 * - SSO MaxValidityMinutes: how long after the last fresh authentication an app client silently
 *   reuses the SSO session (0: never); the session itself lives as long as the longest of the
 *   pool's clients reuses it (at least the hosted session's hour);
 * - revoking a TOKEN session revokes its refresh token family and every access token minted from
 *   it; revoking an SSO session ends the hosted session (the hosted UI asks to sign in again);
 *   LINKED also revokes the SSO session a token session came through, or the token sessions that
 *   came through an SSO session.
 *
 * Assumptions (the docs are silent): sessions begun while tracking was DISABLED are not sessions
 * and are never listed, even after tracking is ENABLED; with tracking DISABLED the lists are
 * empty. Session ids are `tkn` or `sso` and 25 random lowercase letters and digits.
 * Limitations: no geo-IP database: LastLocation's Country is `unknown` and City absent.
 */
import { randomInt } from 'node:crypto';
import type { BaseServices } from '../base-services.js';
import type { Store } from '../store/index.js';
import type { HostedSession } from '../store/repositories/hosted-sessions.js';
import type { SessionActivity, StoredRefreshToken } from '../store/repositories/refresh-tokens.js';
import type { PoolSessionConfiguration } from '../store/repositories/session-configurations.js';
import { currentCaller, deviceTypeOf, noteTokenSessionBegun, tokenSessionsBegunInThisCall } from '../tokens/caller.js';

export const DEFAULT_MAX_PER_USER = 20;
export const DEFAULT_SSO_MAX_VALIDITY_MINUTES = 60;
/** The hosted session's own lifetime, whatever the clients' reuse. */
const MINIMUM_SSO_SESSION_MINUTES = 60;

export interface UserSession {
  sessionId: string;
  type: 'TOKEN' | 'SSO';
  clientId: string;
  created: number;
  lastActive: number;
  deviceType?: string;
  lastIp?: string;
  /** TOKEN: the SSO session it came through. */
  originSessionId?: string;
  /** TOKEN: the family's first token's jti (its access tokens' `origin_jti`). */
  familyJti?: string;
  /** SSO: the hosted session's cookie hash. */
  idHash?: string;
}

type Services = Pick<BaseServices, 'store' | 'clock'>;

export function poolSessionConfiguration(store: Store, poolId: string): PoolSessionConfiguration {
  return store.sessionConfigurations.findForPool(poolId) ?? { userSessionTracking: 'DISABLED', maxPerUser: DEFAULT_MAX_PER_USER };
}

export const tracksSessions = (store: Store, poolId: string): boolean => poolSessionConfiguration(store, poolId).userSessionTracking === 'ENABLED';

export function ssoMaxValidityMinutes(store: Store, clientId: string): number {
  return store.sessionConfigurations.findSsoMaxValidityMinutes(clientId) ?? DEFAULT_SSO_MAX_VALIDITY_MINUTES;
}

const SESSION_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newSessionId(prefix: 'tkn' | 'sso'): string {
  let id = prefix;
  while (id.length < 28) id += SESSION_ID_ALPHABET[randomInt(SESSION_ID_ALPHABET.length)];
  return id;
}

/** What the current request leaves on a session it begins or continues: now, the caller's IP and device. */
export function currentActivity(at: number): SessionActivity {
  const caller = currentCaller();
  return { at, ...(caller?.ip && { ip: caller.ip }), ...(caller && { deviceType: deviceTypeOf(caller.userAgent) }) };
}

/** The same, as the columns a session begun now starts with. */
export function activityColumns(now: number): { lastActive: number; lastIp?: string; deviceType?: string } {
  const { at, ip, deviceType } = currentActivity(now);
  return { lastActive: at, ...(ip && { lastIp: ip }), ...(deviceType && { deviceType }) };
}

/**
 * A sign-in of the user begins a token session when the pool tracks sessions: answers its id,
 * after evicting the user's least recently used sessions beyond MaxPerUser - 1.
 */
export function beginTokenSession({ store, clock }: Services, poolId: string, sub: string): string | undefined {
  const configuration = poolSessionConfiguration(store, poolId);
  if (configuration.userSessionTracking !== 'ENABLED') return undefined;
  const now = clock.now();
  const live = store.refreshTokens.liveSessionsOf(poolId, sub, now);
  const excess = live.length - (configuration.maxPerUser - 1);
  for (const leastRecentlyUsed of live.slice(0, Math.max(0, excess))) store.refreshTokens.revokeFamily(leastRecentlyUsed.jti, now, 'MaxPerUser');
  const sessionId = newSessionId('tkn');
  noteTokenSessionBegun(sessionId);
  return sessionId;
}

/** The token sessions the current request began came through the SSO session (a hosted sign-in, or a login that reused the session). */
export function linkTokenSessionsBegunInThisCall(store: Store, ssoSessionId: string): void {
  const begun = tokenSessionsBegunInThisCall();
  if (begun.length > 0) store.refreshTokens.linkToSsoSession(begun, ssoSessionId);
}

/** How long an SSO session opened now lives: as long as the pool's clients may reuse it, and at least an hour. */
export function ssoSessionMinutes(store: Store, poolId: string): number {
  if (!tracksSessions(store, poolId)) return MINIMUM_SSO_SESSION_MINUTES;
  return Math.max(MINIMUM_SSO_SESSION_MINUTES, store.sessionConfigurations.longestSsoMaxValidityMinutes(poolId) ?? 0);
}

/** Whether the client may silently reuse the hosted session: within its SSO MaxValidityMinutes of the last fresh authentication. */
export function clientMayReuse({ store, clock }: Services, session: HostedSession, clientId: string): boolean {
  if (!tracksSessions(store, session.poolId)) return true;
  return clock.now() < session.authTime * 1000 + ssoMaxValidityMinutes(store, clientId) * 60_000;
}

/** A login that reused the SSO session got tokens through it: the session is active, and the token sessions this request began came through it. */
export function noteSsoSessionUse({ store, clock }: Services, session: HostedSession): void {
  if (!session.sessionId) return;
  store.transaction(() => {
    store.hostedSessions.touch(session.idHash, currentActivity(clock.now()));
    linkTokenSessionsBegunInThisCall(store, session.sessionId!);
  });
}

const tokenSession = (token: StoredRefreshToken): UserSession => ({
  sessionId: token.sessionId!,
  type: 'TOKEN',
  clientId: token.clientId,
  created: token.created,
  lastActive: token.lastActive ?? token.created,
  ...(token.deviceType && { deviceType: token.deviceType }),
  ...(token.lastIp && { lastIp: token.lastIp }),
  ...(token.originSessionId && { originSessionId: token.originSessionId }),
  familyJti: token.jti,
});

const ssoSession = (session: HostedSession): UserSession => ({
  sessionId: session.sessionId!,
  type: 'SSO',
  clientId: session.clientId ?? '',
  created: session.created,
  lastActive: session.lastActive ?? session.created,
  ...(session.deviceType && { deviceType: session.deviceType }),
  ...(session.lastIp && { lastIp: session.lastIp }),
  idHash: session.idHash,
});

/** The user's active sessions, token sessions first, each kind most recently active first. */
export function activeSessionsOf({ store, clock }: Services, poolId: string, sub: string): UserSession[] {
  if (!tracksSessions(store, poolId)) return [];
  const now = clock.now();
  const byRecency = (a: UserSession, b: UserSession) => b.lastActive - a.lastActive;
  const tokens = store.refreshTokens.liveSessionsOf(poolId, sub, now).map(tokenSession).sort(byRecency);
  const sso = store.hostedSessions.liveSessionsOf(poolId, sub, now).map(ssoSession).sort(byRecency);
  return [...tokens, ...sso];
}

/** Revokes the session (and, `linked`, the sessions linked to it) for the operation `by`; answers the ids of every session revoked. */
export function revokeSession({ store, clock }: Services, session: UserSession, linked: boolean, by: 'RevokeUserSession' | 'AdminRevokeUserSession'): string[] {
  const now = clock.now();
  const revoked = [session.sessionId];
  store.transaction(() => {
    if (session.type === 'TOKEN') {
      store.refreshTokens.revokeFamily(session.familyJti!, now, by);
      const parent = linked && session.originSessionId ? store.hostedSessions.findBySessionId(session.originSessionId) : undefined;
      if (parent) {
        store.hostedSessions.delete(parent.idHash);
        revoked.push(parent.sessionId!);
      }
      return;
    }
    store.hostedSessions.delete(session.idHash!);
    if (!linked) return;
    for (const child of store.refreshTokens.sessionsFromSso(session.sessionId)) {
      if (child.revoked !== undefined) continue;
      store.refreshTokens.revokeFamily(child.jti, now, by);
      revoked.push(child.sessionId!);
    }
  });
  return revoked;
}

/**
 * RevokeToken with RevokeAssociatedSessions LINKED: the SSO session the revoked token's session came
 * through ends too (its other token sessions stay). Nothing happens when tracking is off or the
 * token session has no parent. Answers the SSO session id ended, if any.
 */
export function revokeParentSsoSession({ store }: Services, familyJti: string): string | undefined {
  const head = store.refreshTokens.findByJti(familyJti);
  if (!head?.originSessionId || !tracksSessions(store, head.poolId)) return undefined;
  const parent = store.hostedSessions.findBySessionId(head.originSessionId);
  if (!parent) return undefined;
  store.hostedSessions.delete(parent.idHash);
  return parent.sessionId;
}
