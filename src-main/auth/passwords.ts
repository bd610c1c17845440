/**
 * Passwords as users have them: kept only as an SRP salt and verifier (see srp.ts), made for the
 * stored username (the USER_ID_FOR_SRP clients will hash), with an expiry when temporary. The
 * exponentiation runs in a worker thread (modpow-workers.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredPassword, StoredUser } from '../store/repositories/users.js';
import { modPowNAsync } from './crypto-workers.js';
import { g, padHex, passwordExponent, type SrpVerifier } from './srp.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface NewPasswordOptions {
  /** A temporary password (AdminCreateUser, AdminSetUserPassword without Permanent) expires. */
  temporary: boolean;
  /** The pool's TemporaryPasswordValidityDays. */
  validityDays: number;
  now: number;
}

async function verifierWithSalt(poolId: string, username: string, password: string, salt: string): Promise<SrpVerifier> {
  const x = passwordExponent(poolId, username, password, salt);
  return { salt, verifier: padHex(await modPowNAsync(g, x)) };
}

export async function storedPassword(poolId: string, username: string, password: string, options: NewPasswordOptions): Promise<StoredPassword> {
  const verifier = await verifierWithSalt(poolId, username, password, randomBytes(16).toString('hex'));
  return options.temporary ? { ...verifier, expires: options.now + options.validityDays * DAY_MS } : verifier;
}

/** Whether a temporary password is past its validity (permanent ones never are). */
export function isPasswordExpired(password: StoredPassword, now: number): boolean {
  return password.expires !== undefined && now > password.expires;
}

/** Whether `password` is the user's password (for the flows that send it in clear). */
export async function passwordMatches(user: StoredUser, password: string): Promise<boolean> {
  if (!user.password) return false;
  const candidate = await verifierWithSalt(user.poolId, user.username, password, user.password.salt);
  const expected = Buffer.from(user.password.verifier, 'hex');
  const actual = Buffer.from(candidate.verifier, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
