import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modPowNAsync } from '../../src-main/auth/crypto-workers.js';
import { passwordMatches, storedPassword } from '../../src-main/auth/passwords.js';
import { N, g, modPowN, verifyPassword } from '../../src-main/auth/srp.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';

const randomBig = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

describe('modular exponentiation in worker threads', () => {
  it('agrees with the in-thread computation, for many requests in flight at once', async () => {
    const cases = Array.from({ length: 24 }, (_, i) => [i % 3 === 0 ? g : randomBig(384) % N, randomBig(32)] as const);
    const results = await Promise.all(cases.map(([base, exponent]) => modPowNAsync(base, exponent)));
    results.forEach((result, i) => expect(result).toBe(modPowN(cases[i]![0], cases[i]![1])));
  });

  it('answers the degenerate bases without a worker', async () => {
    expect(await modPowNAsync(g, 0n)).toBe(1n);
    expect(await modPowNAsync(1n, 7n)).toBe(1n);
    expect(await modPowNAsync(N - 1n, 3n)).toBe(N - 1n);
    expect(await modPowNAsync(N, 3n)).toBe(0n);
  });
});

describe('stored passwords', () => {
  const poolId = 'us-east-1_Workers12';

  it('are SRP verifiers the synchronous check accepts, with an expiry when temporary', async () => {
    const temporary = await storedPassword(poolId, 'ann', 'Temp-Passw0rd', { temporary: true, validityDays: 7, now: 1_000 });
    expect(temporary.expires).toBe(1_000 + 7 * 24 * 60 * 60 * 1000);
    expect(verifyPassword(poolId, 'ann', 'Temp-Passw0rd', temporary)).toBe(true);
    const permanent = await storedPassword(poolId, 'ann', 'Perm-Passw0rd', { temporary: false, validityDays: 7, now: 1_000 });
    expect(permanent.expires).toBeUndefined();
  });

  it('match the right password only', async () => {
    const password = await storedPassword(poolId, 'bea', 'Right-Passw0rd', { temporary: false, validityDays: 7, now: 0 });
    const user = { poolId, username: 'bea', password } as StoredUser;
    expect(await passwordMatches(user, 'Right-Passw0rd')).toBe(true);
    expect(await passwordMatches(user, 'Wrong-Passw0rd')).toBe(false);
    expect(await passwordMatches({ ...user, password: undefined }, 'Right-Passw0rd')).toBe(false);
  });
});
