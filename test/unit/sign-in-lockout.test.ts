import { beforeEach, describe, expect, it } from 'vitest';
import { FORGET_AFTER_MS, Lockout, MAX_LOCKOUT_MS, afterFailure, isLockedOut } from '../../src-main/auth/lockout.js';
import { Store } from '../../src-main/store/index.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);

describe('the lockout schedule', () => {
  it('lets five failures pass, then locks for 1 s, doubling per failure up to 15 minutes, after which the count starts over', () => {
    let record = undefined as ReturnType<typeof afterFailure> | undefined;
    const lockouts: number[] = [];
    let now = START;
    for (let failure = 1; failure <= 16; failure++) {
      record = afterFailure(record, now);
      lockouts.push(record.lockedUntil === 0 ? 0 : record.lockedUntil - now);
      now = Math.max(now, record.lockedUntil) + 1;
    }
    expect(lockouts).toEqual([0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, MAX_LOCKOUT_MS, 0]);
  });

  it('forgets the count 15 minutes after the last failure', () => {
    let record = afterFailure(undefined, START);
    for (let i = 0; i < 4; i++) record = afterFailure(record, START);
    expect(record.failures).toBe(5);
    expect(afterFailure(record, START + FORGET_AFTER_MS - 1).failures).toBe(6);
    expect(afterFailure(record, START + FORGET_AFTER_MS)).toEqual({ failures: 1, lockedUntil: 0, lastFailure: START + FORGET_AFTER_MS });
  });

  it('is locked out until the end of the lockout, not at it', () => {
    const record = { failures: 5, lockedUntil: START + 1_000, lastFailure: START };
    expect(isLockedOut(record, START + 999)).toBe(true);
    expect(isLockedOut(record, START + 1_000)).toBe(false);
    expect(isLockedOut(undefined, START)).toBe(false);
  });
});

describe('Lockout over the sign_in_failures table', () => {
  let now: number;
  let lockout: Lockout;
  let store: Store;
  beforeEach(async () => {
    now = START;
    store = await Store.open();
    store.pools.insert({ id: 'us-east-1_Lockout00', name: 'lockout', created: START, modified: START, config: {} });
    lockout = new Lockout(store.signInFailures, { now: () => now });
  });

  it('keeps failures per user, and a success clears them', () => {
    for (let i = 0; i < 5; i++) lockout.recordFailure('us-east-1_Lockout00', 'sub-1');
    expect(lockout.isLockedOut('us-east-1_Lockout00', 'sub-1')).toBe(true);
    expect(lockout.isLockedOut('us-east-1_Lockout00', 'sub-2')).toBe(false);
    now += 1_000;
    expect(lockout.isLockedOut('us-east-1_Lockout00', 'sub-1')).toBe(false);
    lockout.recordSuccess('us-east-1_Lockout00', 'sub-1');
    expect(store.signInFailures.find('us-east-1_Lockout00', 'sub-1')).toBeUndefined();
  });
});
