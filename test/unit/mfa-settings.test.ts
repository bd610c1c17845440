import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  acceptSoftwareTokenCode,
  challengeableFactors,
  factorsToSetUp,
  factorToChallenge,
  poolMfaFactors,
  preferredFactor,
  withLegacyMfaOptions,
  withMfaPreference,
  withoutSoftwareToken,
  withSoftwareTokenAssociated,
  withSoftwareTokenVerified,
} from '../../src-main/cognito/mfa.js';
import { totpStep } from '../../src-main/cognito/totp.js';
import type { PoolMfaFactors, UserPool } from '../../src-main/store/repositories/user-pools.js';
import type { StoredUser, UserMfaSettings } from '../../src-main/store/repositories/users.js';

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);
const STEP = 30_000;
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTHER_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

function pool(mfaFactors: PoolMfaFactors = { sms: true, softwareToken: true, email: {} }, mode = 'OPTIONAL'): UserPool {
  return { id: 'us-east-1_Mfa123456', name: 'mfa', created: 0, modified: 0, config: { MfaConfiguration: mode as 'OPTIONAL' }, mfaFactors };
}

function user(attributes: Record<string, string> = {}, mfa?: UserMfaSettings): StoredUser {
  return {
    poolId: 'us-east-1_Mfa123456',
    username: 'alice',
    usernameKey: 'alice',
    sub: 'sub-1',
    status: 'CONFIRMED',
    enabled: true,
    created: 0,
    modified: 0,
    attributes: [{ Name: 'sub', Value: 'sub-1' }, ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))],
    ...(mfa && { mfa }),
    extra: {},
  };
}

const reachable = { phone_number: '+15555550100', email: 'alice@example.com' };
const verifiedToken = (lastUsedStep?: number) => ({ secret: SECRET, verified: NOW, ...(lastUsedStep !== undefined && { lastUsedStep }) });
const codeAt = (secret: string, epochMs: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: epochMs });
const refusal = (message: string) => expect.objectContaining({ type: 'InvalidParameterException', message });

describe('the factors a user can be challenged with', () => {
  it('are those both the pool and the user have on, in Cognito’s order', () => {
    const everything = user(reachable, { enabled: ['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SMS_MFA'], softwareToken: verifiedToken() });
    expect(challengeableFactors(pool(), everything)).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    expect(challengeableFactors(pool({ sms: true }), everything)).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    expect(challengeableFactors(pool(), user(reachable))).toEqual([]);
  });

  it('need a phone number for SMS, an email for email, a verified token for TOTP', () => {
    const enabled = { enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] };
    expect(challengeableFactors(pool(), user({}, enabled))).toEqual([]);
    expect(challengeableFactors(pool(), user({ email: 'a@b.c' }, { ...enabled, pendingSoftwareToken: { secret: SECRET, associated: NOW } }))).toEqual(['EMAIL_OTP']);
    expect(challengeableFactors(pool(), user({ phone_number: '+15555550100' }, { ...enabled, softwareToken: verifiedToken() }))).toEqual([
      'SMS_MFA',
      'SOFTWARE_TOKEN_MFA',
    ]);
  });

  it('keep a verified TOTP when the pool turns TOTP off later, as the guide says', () => {
    const totpUser = user({}, { enabled: ['SOFTWARE_TOKEN_MFA'], softwareToken: verifiedToken() });
    expect(challengeableFactors(pool({ sms: true, softwareToken: false }), totpUser)).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('give the preferred one only when it can be challenged, and the factor to challenge without asking', () => {
    const both = user(reachable, { enabled: ['SMS_MFA', 'EMAIL_OTP'], preferred: 'EMAIL_OTP' });
    expect(preferredFactor(pool(), both)).toBe('EMAIL_OTP');
    expect(factorToChallenge(pool(), both)).toBe('EMAIL_OTP');
    expect(preferredFactor(pool({ sms: true }), both)).toBeUndefined();
    expect(factorToChallenge(pool({ sms: true }), both)).toBe('SMS_MFA');
    const noPreference = user(reachable, { enabled: ['SMS_MFA', 'EMAIL_OTP'] });
    expect(factorToChallenge(pool(), noPreference)).toBeUndefined();
    expect(factorToChallenge(pool(), user(reachable))).toBeUndefined();
  });

  it('leave the pool’s other factors to set up (MFAS_CAN_SETUP)', () => {
    expect(poolMfaFactors(pool({ softwareToken: true, email: {} }))).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    expect(factorsToSetUp(pool(), user())).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    expect(factorsToSetUp(pool(), user(reachable, { enabled: ['SMS_MFA'] }))).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    expect(factorsToSetUp(pool({ softwareToken: true }), user())).toEqual(['SOFTWARE_TOKEN_MFA']);
  });
});

describe('SetUserMFAPreference’s rules', () => {
  it('turns factors on, one preferred, and a factor turned off stops being preferred', () => {
    const alice = user(reachable, { enabled: [], softwareToken: verifiedToken() });
    const on = withMfaPreference(pool(), alice, { SOFTWARE_TOKEN_MFA: { Enabled: true, PreferredMfa: true }, SMS_MFA: { Enabled: true } });
    expect(on).toMatchObject({ enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
    const off = withMfaPreference(pool(), user(reachable, on), { SOFTWARE_TOKEN_MFA: { Enabled: false, PreferredMfa: true } });
    expect(off).toEqual({ enabled: ['SMS_MFA'], softwareToken: verifiedToken() });
    const moved = withMfaPreference(pool(), user(reachable, on), { SMS_MFA: { Enabled: true, PreferredMfa: true } });
    expect(moved).toMatchObject({ enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: 'SMS_MFA' });
    const unpreferred = withMfaPreference(pool(), user(reachable, on), { SOFTWARE_TOKEN_MFA: { Enabled: true, PreferredMfa: false } });
    expect(unpreferred).toEqual({ enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], softwareToken: verifiedToken() });
  });

  it('leaves a factor left out as it is, and PreferredMfa alone turns its factor on', () => {
    const alice = user(reachable, { enabled: ['SMS_MFA'], preferred: 'SMS_MFA' });
    expect(withMfaPreference(pool(), alice, { EMAIL_OTP: { PreferredMfa: true } })).toEqual({ enabled: ['SMS_MFA', 'EMAIL_OTP'], preferred: 'EMAIL_OTP' });
    expect(withMfaPreference(pool(), alice, {})).toEqual(alice.mfa);
    expect(withMfaPreference(pool(), alice, { SMS_MFA: { Enabled: false } })).toBeUndefined();
  });

  it('refuses two preferred factors', () => {
    const alice = user(reachable);
    expect(() => withMfaPreference(pool(), alice, { SMS_MFA: { Enabled: true, PreferredMfa: true }, EMAIL_OTP: { Enabled: true, PreferredMfa: true } })).toThrow(
      refusal('Only one MFA factor can be set as preferred.'),
    );
  });

  it('refuses TOTP without a token, and with one not verified yet', () => {
    expect(() => withMfaPreference(pool(), user(), { SOFTWARE_TOKEN_MFA: { Enabled: true } })).toThrow(
      refusal('User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA'),
    );
    const pending = user({}, { enabled: [], pendingSoftwareToken: { secret: SECRET, associated: NOW } });
    expect(() => withMfaPreference(pool(), pending, { SOFTWARE_TOKEN_MFA: { Enabled: true } })).toThrow(refusal('User has not verified software token mfa'));
  });

  it('refuses SMS without a phone number, email without an address or without the pool’s email MFA', () => {
    expect(() => withMfaPreference(pool(), user({ email: 'a@b.c' }), { SMS_MFA: { Enabled: true } })).toThrow(
      refusal('User does not have delivery config set to turn on SMS_MFA'),
    );
    expect(() => withMfaPreference(pool(), user({ phone_number: '+15555550100' }), { EMAIL_OTP: { Enabled: true } })).toThrow(
      refusal('User does not have delivery config set to turn on EMAIL_OTP'),
    );
    expect(() => withMfaPreference(pool({ sms: true, softwareToken: true }), user(reachable), { EMAIL_OTP: { Enabled: true } })).toThrow(
      refusal('Email MFA is not enabled for the user pool.'),
    );
    // SMS is not checked against the pool's factors, as Cognito does not.
    expect(withMfaPreference(pool({ softwareToken: true }), user(reachable), { SMS_MFA: { Enabled: true } })).toEqual({ enabled: ['SMS_MFA'] });
  });

  it('lets a user turn off or unprefer a factor they could no longer turn on', () => {
    const lostPhone = user({}, { enabled: ['SMS_MFA'], preferred: 'SMS_MFA' });
    expect(withMfaPreference(pool(), lostPhone, { SMS_MFA: { PreferredMfa: false } })).toEqual({ enabled: ['SMS_MFA'] });
    expect(withMfaPreference(pool(), lostPhone, { SMS_MFA: { Enabled: false, PreferredMfa: false } })).toBeUndefined();
  });
});

describe('SetUserSettings’s legacy MFAOptions', () => {
  it('turn SMS on with the phone number option and off with an empty list (and off its preference)', () => {
    const alice = user(reachable, { enabled: ['EMAIL_OTP'] });
    const on = withLegacyMfaOptions(alice, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect(on).toEqual({ enabled: ['SMS_MFA', 'EMAIL_OTP'] });
    expect(withLegacyMfaOptions(user(reachable, { enabled: ['SMS_MFA', 'EMAIL_OTP'], preferred: 'SMS_MFA' }), [])).toEqual({ enabled: ['EMAIL_OTP'] });
  });

  it('refuse other options and a user without a phone number', () => {
    expect(() => withLegacyMfaOptions(user(reachable), [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }])).toThrow(
      refusal('Only phone_number attribute is currently supported as a MFA option.'),
    );
    expect(() => withLegacyMfaOptions(user(reachable), [{ DeliveryMedium: 'EMAIL', AttributeName: 'phone_number' }])).toThrow(
      expect.objectContaining({ type: 'InvalidParameterException' }),
    );
    expect(() => withLegacyMfaOptions(user({ email: 'a@b.c' }), [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }])).toThrow(
      refusal('User does not have delivery config set to turn on SMS_MFA'),
    );
  });
});

describe('software tokens', () => {
  it('keep the token in use until a newer secret is verified, then replace it', () => {
    const alice = user({}, { enabled: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA', softwareToken: verifiedToken() });
    const associated = withSoftwareTokenAssociated(alice, OTHER_SECRET, NOW);
    expect(associated).toEqual({ ...alice.mfa, pendingSoftwareToken: { secret: OTHER_SECRET, associated: NOW } });
    expect(challengeableFactors(pool(), user({}, associated))).toEqual(['SOFTWARE_TOKEN_MFA']);

    const verified = withSoftwareTokenVerified(user({}, associated), codeAt(OTHER_SECRET, NOW), NOW, 'phone');
    expect(verified).toEqual({
      enabled: ['SOFTWARE_TOKEN_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
      softwareToken: { secret: OTHER_SECRET, verified: NOW, lastUsedStep: totpStep(NOW), associated: NOW, friendlyDeviceName: 'phone' },
    });
  });

  it('verify without turning TOTP on, refuse a wrong or replayed code, and refuse when nothing was associated', () => {
    const pending = user({}, withSoftwareTokenAssociated(user(), SECRET, NOW));
    expect(() => withSoftwareTokenVerified(pending, codeAt(SECRET, NOW - 2 * STEP), NOW)).toThrow(
      expect.objectContaining({ type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' }),
    );
    const verified = user({}, withSoftwareTokenVerified(pending, codeAt(SECRET, NOW), NOW));
    expect(verified.mfa!.enabled).toEqual([]);
    expect(() => withSoftwareTokenVerified(verified, codeAt(SECRET, NOW), NOW + 1000)).toThrow(expect.objectContaining({ type: 'EnableSoftwareTokenMFAException' }));
    expect(() => withSoftwareTokenVerified(user(), '123456', NOW)).toThrow(expect.objectContaining({ type: 'SoftwareTokenMFANotFoundException' }));
  });

  it('accept a sign-in code once, recording its step', () => {
    const alice = user({}, { enabled: ['SOFTWARE_TOKEN_MFA'], softwareToken: verifiedToken(totpStep(NOW) - 1) });
    const first = acceptSoftwareTokenCode(alice, codeAt(SECRET, NOW), NOW);
    expect(first).toEqual({ accepted: true, mfa: { enabled: ['SOFTWARE_TOKEN_MFA'], softwareToken: verifiedToken(totpStep(NOW)) } });
    const after = user({}, (first as { mfa: UserMfaSettings }).mfa);
    expect(acceptSoftwareTokenCode(after, codeAt(SECRET, NOW), NOW + 1000)).toEqual({ accepted: false, reason: 'replayed' });
    expect(acceptSoftwareTokenCode(alice, codeAt(SECRET, NOW - STEP), NOW)).toEqual({ accepted: false, reason: 'replayed' });
    expect(acceptSoftwareTokenCode(alice, '000000', NOW)).toMatchObject({ accepted: false });
    expect(acceptSoftwareTokenCode(user(), '123456', NOW)).toEqual({ accepted: false, reason: 'no-token' });
  });

  it('are forgotten by AdminDeleteSoftwareToken, TOTP off and unpreferred', () => {
    const alice = user(reachable, {
      enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
      softwareToken: verifiedToken(),
      pendingSoftwareToken: { secret: OTHER_SECRET, associated: NOW },
    });
    expect(withoutSoftwareToken(alice)).toEqual({ enabled: ['SMS_MFA'] });
    expect(withoutSoftwareToken(user())).toBeUndefined();
  });
});
