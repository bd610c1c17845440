/**
 * What a jump of the sandbox's clock lists as expired (cognito/expiry.ts), over a store written
 * directly: each code a user keeps, temporary passwords, identity credentials, only deadlines
 * within the jump, oldest first, and the list's bound; and the window's words for the clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiredBetween, MAX_EXPIRED_LISTED } from '../../src-main/cognito/expiry.js';
import { Store } from '../../src-main/store/index.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';
import { clockLabel, offsetText } from '../../src-renderer/lib/sandbox-clock.js';

const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const POOL = 'us-east-1_clock0001';

let store: Store;
beforeEach(async () => {
  store = await Store.open();
  store.pools.insert({ id: POOL, name: 'clock', created: T, modified: T, config: {} });
});
afterEach(() => store.close());

function user(username: string, changes: Partial<StoredUser> = {}): void {
  store.users.insert({ poolId: POOL, username, usernameKey: username, sub: `sub-${username}`, status: 'CONFIRMED', enabled: true, created: T, modified: T, attributes: [], extra: {}, ...changes });
}

describe('expiredBetween', () => {
  it('lists each code a user keeps, a temporary password and identity credentials whose deadline the jump passed, oldest first', () => {
    user('rita', { extra: { passwordResetCode: { code: '111111', expires: T + 60 * MINUTE } } });
    user('vera', { extra: { attributeVerification: { phone_number: { code: '222222', expires: T + 10 * MINUTE, value: '+15555550100', held: false } } } });
    user('pat', { extra: { webAuthnRegistration: { challenge: 'c', clientId: 'x', relyingPartyId: 'localhost', expires: T + 5 * MINUTE } } });
    user('tim', { status: 'FORCE_CHANGE_PASSWORD', password: { salt: 'ab', verifier: 'cd', expires: T + 30 * MINUTE } });
    user('later', { extra: { passwordResetCode: { code: '333333', expires: T + 3 * 60 * MINUTE } } });
    user('before', { extra: { passwordResetCode: { code: '444444', expires: T - MINUTE } } });
    store.issuedCredentials.insert({
      accessKeyId: 'ASIA1',
      identityId: 'us-east-1:abc',
      identityPoolId: 'us-east-1:pool',
      roleArn: 'arn:aws:iam::123456789012:role/r',
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/r/s',
      assumedRoleId: 'AROA:s',
      via: 'GetCredentialsForIdentity',
      sessionTokenHash: 'h',
      principalTags: {},
      expires: T + 45 * MINUTE,
      created: T,
    });

    const { expired, omitted } = expiredBetween({ store }, T, T + 2 * 60 * MINUTE);
    expect(omitted).toBe(0);
    expect(expired.map(({ kind, userName, what, at }) => [kind, userName, what, at - T])).toEqual([
      ['passkey-registration', 'pat', 'passkey registration (CompleteWebAuthnRegistration)', 5 * MINUTE],
      ['code', 'vera', 'phone number verification code (VerifyUserAttribute)', 10 * MINUTE],
      ['temporary-password', 'tim', expect.stringMatching(/^temporary password: the account was never used/), 30 * MINUTE],
      ['credentials', 'us-east-1:abc', 'AWS credentials of an identity pool identity', 45 * MINUTE],
      ['code', 'rita', 'password reset code (ConfirmForgotPassword)', 60 * MINUTE],
    ]);
  });

  it('lists nothing for a jump back, and bounds a long list, counting what it leaves out', () => {
    store.transaction(() => {
      for (let n = 0; n < MAX_EXPIRED_LISTED + 3; n++) user(`u${n}`, { extra: { passwordResetCode: { code: '1', expires: T + n + 1 } } });
    });
    expect(expiredBetween({ store }, T + 10 * MINUTE, T)).toEqual({ expired: [], omitted: 0 });
    const { expired, omitted } = expiredBetween({ store }, T, T + MINUTE);
    expect([expired.length, omitted]).toEqual([MAX_EXPIRED_LISTED, 3]);
    expect(expired[0]!.userName).toBe('u0');
  });
});

describe("the clock control's words", () => {
  it.each([
    [0, 'Real time'],
    [30_000, '+30 s'],
    [5 * MINUTE, '+5 min'],
    [(2 * 60 + 5) * MINUTE, '+2 h 5 min'],
    [24 * 60 * MINUTE, '+1 d'],
    [(7 * 24 * 60 + 3 * 60 + 59) * MINUTE, '+7 d 3 h'],
  ])('an offset of %i ms reads %s', (offset, text) => {
    expect(offset === 0 ? clockLabel(0, T) : offsetText(offset)).toBe(text);
  });

  it('says the sandbox time after the offset', () => {
    expect(clockLabel(2 * 60 * MINUTE, new Date(2026, 0, 6, 14, 32).getTime())).toBe('+2 h · Tue 14:32');
  });
});
