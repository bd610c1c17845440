/**
 * What sign-up and password recovery keep on a user between calls (in `user.extra`): the code
 * last sent and the flow it belongs to, and the recent attempts that Cognito's per-user hourly
 * limits count. Codes are single use and expire as Cognito's do: 24 hours for sign-up
 * confirmation, 1 hour for password reset.
 */
import type { PendingCode, StoredUser } from '../store/repositories/users.js';
import { CodeMismatchException, ExpiredCodeException, LimitExceededException } from './errors.js';

export const HOUR_MS = 60 * 60 * 1000;
export const CONFIRMATION_CODE_VALIDITY_MS = 24 * HOUR_MS;
export const RESET_CODE_VALIDITY_MS = HOUR_MS;

/** A sign-up confirmation code, with the attribute it was sent to (confirming verifies that one). */
export interface ConfirmationCode extends PendingCode {
  attribute: 'email' | 'phone_number';
}

/**
 * Per user and hour, as Cognito's quotas state them. Requesting and entering reset codes share
 * one allowance, which Cognito sets between 5 and 20 by risk; a local sandbox sees no risk.
 */
export const ATTEMPTS_PER_HOUR = {
  ConfirmSignUp: 15,
  ResendConfirmationCode: 5,
  PasswordRecovery: 20,
} as const;

export type AttemptKind = keyof typeof ATTEMPTS_PER_HOUR;

export interface SelfServiceState {
  signUpFlowId?: string;
  confirmationCode?: ConfirmationCode;
  passwordResetFlowId?: string;
  /** Also set by AdminResetUserPassword. */
  passwordResetCode?: PendingCode;
  /** Epoch ms of the attempts of the last hour, by kind. */
  attempts?: Partial<Record<AttemptKind, number[]>>;
}

export function selfServiceState(user: StoredUser): SelfServiceState {
  return user.extra as SelfServiceState;
}

/** The user with `changes` to its self-service state (a member set to undefined is removed). */
export function withSelfServiceState(user: StoredUser, changes: Partial<SelfServiceState>): StoredUser {
  const extra: Record<string, unknown> = { ...user.extra, ...changes };
  for (const key of Object.keys(changes)) if (extra[key] === undefined) delete extra[key];
  return { ...user, extra };
}

/** Checks `given` against the pending code: none (never sent, or used) and expired ones are ExpiredCode, others CodeMismatch. */
export function checkCode(pending: PendingCode | undefined, given: string, now: number): void {
  if (!pending) throw new ExpiredCodeException();
  if (pending.code !== given) throw new CodeMismatchException();
  if (now > pending.expires) throw new ExpiredCodeException();
}

/**
 * The user with one more attempt of `kind` counted, or LimitExceededException when the last hour
 * already holds the allowance.
 */
export function withAttempt(user: StoredUser, kind: AttemptKind, now: number): StoredUser {
  const attempts = selfServiceState(user).attempts ?? {};
  const recent = (attempts[kind] ?? []).filter((time) => time > now - HOUR_MS);
  if (recent.length >= ATTEMPTS_PER_HOUR[kind]) throw new LimitExceededException('Attempt limit exceeded, please try after some time.');
  return withSelfServiceState(user, { attempts: { ...attempts, [kind]: [...recent, now] } });
}
