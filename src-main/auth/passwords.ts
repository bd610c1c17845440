/**
 * Passwords as users have them: kept only as an SRP salt and verifier (see srp.ts), made for the
 * stored username (the USER_ID_FOR_SRP clients will hash), with an expiry when temporary.
 */
import type { StoredPassword, StoredUser } from '../store/repositories/users.js';
import { createVerifier, verifyPassword } from './srp.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface NewPasswordOptions {
  /** A temporary password (AdminCreateUser, AdminSetUserPassword without Permanent) expires. */
  temporary: boolean;
  /** The pool's TemporaryPasswordValidityDays. */
  validityDays: number;
  now: number;
}

export function storedPassword(poolId: string, username: string, password: string, options: NewPasswordOptions): StoredPassword {
  const verifier = createVerifier(poolId, username, password);
  return options.temporary ? { ...verifier, expires: options.now + options.validityDays * DAY_MS } : verifier;
}

/** Whether a temporary password is past its validity (permanent ones never are). */
export function isPasswordExpired(password: StoredPassword, now: number): boolean {
  return password.expires !== undefined && now > password.expires;
}

/** Whether `password` is the user's password (for the flows that send it in clear). */
export function passwordMatches(user: StoredUser, password: string): boolean {
  return user.password !== undefined && verifyPassword(user.poolId, user.username, password, user.password);
}
