/**
 * What expired while the sandbox's clock jumped (time travel): every deadline the store keeps
 * that fell within the jump, as the window lists it. The expiry itself needs no work here:
 * every check compares against the sandbox clock, so a code, token or lockout whose deadline
 * passed is refused (or let go) at its next use, as in time. Only flows waiting for the client
 * are ended at once (flows/time-travel.ts), as their timer would have ended them.
 *
 * Listed: sign-up confirmation, password reset and attribute verification codes; temporary
 * passwords (an AdminCreateUser account left unused expires with its temporary password: Cognito's
 * UnusedAccountValidityDays is TemporaryPasswordValidityDays); passkey registrations started and
 * not completed; Sessions of waiting flows (a hosted UI page, an authorization code); refresh,
 * access and ID tokens; lockouts after failed sign-ins; the hosted UI's sign-in sessions; an
 * identity pool's AWS credentials. MFA and one-time sign-in codes live in their flow's Session
 * and go with it. Remembered devices have no deadline of their own in Cognito: a device stays
 * remembered until forgotten; what expires is the refresh token that signed in on it.
 */
import type { ExpiredItem } from '../../shared/events.js';
import type { BaseServices } from '../base-services.js';
import type { Span } from '../store/repositories/expiring.js';
import type { PendingCode, UserExtra } from '../store/repositories/users.js';

type ExpiryServices = Pick<BaseServices, 'store'>;

/** Access and ID tokens live at most a day (an app client's AccessTokenValidity / IdTokenValidity). */
const LONGEST_TOKEN_LIFE_MS = 24 * 60 * 60 * 1000;
/** The list a jump reports is bounded: a month's jump over a busy sandbox would otherwise list thousands of tokens. */
export const MAX_EXPIRED_LISTED = 500;

/** The codes a user's `extra` keeps, by member, each with what it is for. */
const USER_CODES: Record<string, string> = {
  confirmationCode: 'sign-up confirmation code (ConfirmSignUp)',
  passwordResetCode: 'password reset code (ConfirmForgotPassword)',
  webAuthnRegistration: 'passkey registration (CompleteWebAuthnRegistration)',
};
/** Attribute verification codes, by attribute (operations/session/attribute-verification.ts keeps them under this member). */
const VERIFICATION_MEMBER = 'attributeVerification';

const within = (at: number | undefined, { from, to }: Span): at is number => typeof at === 'number' && at > from && at <= to;

function userDeadlines(services: ExpiryServices, span: Span): ExpiredItem[] {
  const items: ExpiredItem[] = [];
  for (const user of services.store.expiring.usersWithDeadlines()) {
    const who = { poolId: user.poolId, userName: user.username };
    if (within(user.passwordExpires, span)) {
      const unused = user.status === 'FORCE_CHANGE_PASSWORD' ? ': the account was never used, so it can no longer sign in until an administrator resets its password' : '';
      items.push({ kind: 'temporary-password', ...who, what: `temporary password${unused}`, at: user.passwordExpires });
    }
    for (const [member, what] of Object.entries(USER_CODES)) {
      const pending = user.extra[member] as PendingCode | undefined;
      if (within(pending?.expires, span)) items.push({ kind: member === 'webAuthnRegistration' ? 'passkey-registration' : 'code', ...who, what, at: pending!.expires });
    }
    for (const [attribute, pending] of Object.entries(verificationsOf(user.extra))) {
      if (within(pending?.expires, span)) items.push({ kind: 'code', ...who, what: `${attribute === 'phone_number' ? 'phone number' : 'email'} verification code (VerifyUserAttribute)`, at: pending!.expires });
    }
  }
  return items;
}

const verificationsOf = (extra: UserExtra) => (extra[VERIFICATION_MEMBER] ?? {}) as Record<string, PendingCode | undefined>;

function usernameOf(services: ExpiryServices, poolId: string, sub: string): string {
  return services.store.users.findBySub(poolId, sub)?.username ?? sub;
}

function flowSessionWhat(kind: string, state: string): { kind: ExpiredItem['kind']; what: string } {
  if (kind === 'hosted-login' && state === 'codeIssued') return { kind: 'authorization-code', what: 'authorization code (the hosted UI redirected with it; /oauth2/token no longer redeems it)' };
  if (kind === 'hosted-login') return { kind: 'session', what: `hosted UI login waiting in ${state}: its page session` };
  if (kind === 'sign-up') return { kind: 'session', what: 'sign-up flow waiting for ConfirmSignUp' };
  if (kind === 'forgot-password') return { kind: 'session', what: 'forgot-password flow waiting for ConfirmForgotPassword' };
  return { kind: 'session', what: `Session of the ${kind} flow waiting in ${state}` };
}

function flowSessions(services: ExpiryServices, span: Span): ExpiredItem[] {
  return services.store.expiring.flowSessions(span).map((flow) => ({
    ...flowSessionWhat(flow.kind, flow.state),
    ...(flow.poolId && { poolId: flow.poolId }),
    ...(flow.username && { userName: flow.username }),
    flowId: flow.flowId,
    at: flow.sessionExpires,
  }));
}

function tokens(services: ExpiryServices, span: Span): ExpiredItem[] {
  const { expiring } = services.store;
  const items: ExpiredItem[] = expiring.refreshTokens(span).map((token) => ({
    kind: 'refresh-token',
    poolId: token.poolId,
    userName: usernameOf(services, token.poolId, token.sub),
    what: `refresh token of app client ${token.clientId}`,
    at: token.expires,
  }));
  // ID and access tokens are kept nowhere but in the `token.issued` events that handed them out.
  services.store.events.flush();
  for (const event of expiring.issuedTokenEvents({ from: span.from - LONGEST_TOKEN_LIFE_MS, to: span.to })) {
    const { data } = JSON.parse(event.body) as { data: { tokenUse: string; clientId: string; username: string; claims?: { exp?: unknown } } };
    const exp = typeof data.claims?.exp === 'number' ? data.claims.exp * 1000 : undefined;
    if (data.tokenUse === 'refresh' || !within(exp, span)) continue;
    items.push({
      kind: data.tokenUse === 'id' ? 'id-token' : 'access-token',
      ...(event.poolId && { poolId: event.poolId }),
      userName: data.username,
      what: `${data.tokenUse === 'id' ? 'ID' : 'access'} token of app client ${data.clientId}`,
      at: exp,
    });
  }
  return items;
}

function sessionsAndLockouts(services: ExpiryServices, span: Span): ExpiredItem[] {
  const { expiring } = services.store;
  return [
    ...expiring.lockouts(span).map((lockout) => ({
      kind: 'lockout' as const,
      poolId: lockout.poolId,
      userName: usernameOf(services, lockout.poolId, lockout.sub),
      what: `lockout after ${lockout.failures} failed sign-ins ended: the user may try again`,
      at: lockout.lockedUntil,
    })),
    ...expiring.hostedSessions(span).map((session) => ({
      kind: 'hosted-session' as const,
      poolId: session.poolId,
      userName: usernameOf(services, session.poolId, session.sub),
      what: "hosted UI sign-in session (the browser's cookie no longer signs it in)",
      at: session.expires,
    })),
    ...expiring.credentials(span).map((credentials) => ({
      kind: 'credentials' as const,
      ...(credentials.identityPoolId && { poolId: credentials.identityPoolId }),
      userName: credentials.identityId,
      what: 'AWS credentials of an identity pool identity',
      at: credentials.expires,
    })),
  ];
}

export interface ExpiredReport {
  /** Oldest deadline first, at most MAX_EXPIRED_LISTED. */
  expired: ExpiredItem[];
  /** How many more expired than are listed. */
  omitted: number;
}

/** Everything whose deadline fell after `from` and up to `to` (sandbox epoch milliseconds). */
export function expiredBetween(services: ExpiryServices, from: number, to: number): ExpiredReport {
  if (to <= from) return { expired: [], omitted: 0 };
  const span = { from, to };
  const all = [...userDeadlines(services, span), ...flowSessions(services, span), ...tokens(services, span), ...sessionsAndLockouts(services, span)].sort((a, b) => a.at - b.at);
  return { expired: all.slice(0, MAX_EXPIRED_LISTED), omitted: Math.max(0, all.length - MAX_EXPIRED_LISTED) };
}
