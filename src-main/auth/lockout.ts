/**
 * The temporary lockout the guide documents for failed sign-ins: five failures are free; each one
 * after that locks the user out for a time that starts at one second and doubles, up to about 15
 * minutes. Attempts during a lockout are refused without being counted (they start no new
 * lockout), and 15 minutes without a failure forget the count. A correct password clears it.
 */
import type { Clock } from '../clock.js';
import type { SignInFailures, SignInFailuresRepository } from '../store/repositories/sign-in-failures.js';

export const FREE_FAILURES = 5;
export const FIRST_LOCKOUT_MS = 1_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 15 * 60_000;

/** The record after one more failure at `now`. */
export function afterFailure(previous: SignInFailures | undefined, now: number): SignInFailures {
  const counted = previous && now - previous.lastFailure < FORGET_AFTER_MS ? previous.failures : 0;
  const failures = counted + 1;
  const lockout = failures < FREE_FAILURES ? 0 : Math.min(FIRST_LOCKOUT_MS * 2 ** (failures - FREE_FAILURES), MAX_LOCKOUT_MS);
  return { failures, lockedUntil: lockout === 0 ? 0 : now + lockout, lastFailure: now };
}

export function isLockedOut(record: SignInFailures | undefined, now: number): boolean {
  return record !== undefined && now < record.lockedUntil;
}

export class Lockout {
  constructor(
    private readonly failures: SignInFailuresRepository,
    private readonly clock: Clock,
  ) {}

  isLockedOut(poolId: string, sub: string): boolean {
    return isLockedOut(this.failures.find(poolId, sub), this.clock.now());
  }

  recordFailure(poolId: string, sub: string): void {
    this.failures.save(poolId, sub, afterFailure(this.failures.find(poolId, sub), this.clock.now()));
  }

  recordSuccess(poolId: string, sub: string): void {
    if (this.failures.find(poolId, sub)) this.failures.clear(poolId, sub);
  }
}
