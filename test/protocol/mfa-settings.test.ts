/**
 * A user's MFA settings and TOTP software tokens through the AWS SDK: AssociateSoftwareToken,
 * VerifySoftwareToken (codes computed here with otpauth, on the sandbox's clock),
 * SetUserMFAPreference and AdminSetUserMFAPreference, SetUserSettings and AdminSetUserSettings,
 * AdminDeleteSoftwareToken, and what GetUser and AdminGetUser report; every error path.
 */
import {
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  VerifySoftwareTokenCommand,
  type AdminSetUserMFAPreferenceCommandInput,
  type SetUserMFAPreferenceCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCalled } from '../../shared/events.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const STEP = 30_000;
const PASSWORD = 'Passw0rd!';
const clock = testClock(START);

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

interface Factors {
  sms?: boolean;
  totp?: boolean;
  email?: boolean;
}

interface Account {
  poolId: string;
  username: string;
  accessToken: string;
}

/**
 * A pool with MFA OPTIONAL (or OFF when no factor is given) and the factors given, and a signed-in
 * user; alice has a phone number and an email address unless told otherwise.
 */
async function signedIn(factors: Factors = { totp: true }, attributes: Record<string, string> = { phone_number: '+15555550123', email: 'alice@example.com' }): Promise<Account> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'mfa settings', SmsConfiguration: SMS_CONFIGURATION });
  const anyFactor = factors.sms || factors.totp || factors.email;
  await sandbox.cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: anyFactor ? 'OPTIONAL' : 'OFF',
      ...(factors.sms && { SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }),
      ...(factors.totp && { SoftwareTokenMfaConfiguration: { Enabled: true } }),
      ...(factors.email && { EmailMfaConfiguration: { Subject: 'Sign-in code', Message: 'Use {####} to sign in.' } }),
    }),
  );
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes });
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
  );
  return { poolId, username: 'alice', accessToken: AuthenticationResult!.AccessToken! };
}

const codeAt = (secret: string, epochMs = clock.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: epochMs });
/** Moves the sandbox's clock to the start of a later 30-second step, so each test's codes are new. */
const nextStep = () => (clock.time = (Math.floor(clock.time / STEP) + 1) * STEP + 1000);

const associate = async (account: Account) => (await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: account.accessToken }))).SecretCode!;
const verify = (account: Account, UserCode: string, FriendlyDeviceName?: string) =>
  sandbox.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: account.accessToken, UserCode, ...(FriendlyDeviceName && { FriendlyDeviceName }) }));
const setPreference = (account: Account, settings: Omit<SetUserMFAPreferenceCommandInput, 'AccessToken'>) =>
  sandbox.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: account.accessToken, ...settings }));
const adminSetPreference = (account: Account, settings: Omit<AdminSetUserMFAPreferenceCommandInput, 'UserPoolId' | 'Username'>) =>
  sandbox.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: account.poolId, Username: account.username, ...settings }));
const getUser = (account: Account) => sandbox.cognito.send(new GetUserCommand({ AccessToken: account.accessToken }));
const adminGetUser = (account: Account) => sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: account.poolId, Username: account.username }));

/** What GetUser and AdminGetUser both report of the user's MFA. */
async function mfaReport(account: Account) {
  const [own, admin] = await Promise.all([getUser(account), adminGetUser(account)]);
  const pick = (user: typeof own | typeof admin) => ({ MFAOptions: user.MFAOptions, PreferredMfaSetting: user.PreferredMfaSetting, UserMFASettingList: user.UserMFASettingList });
  expect(pick(admin)).toEqual(pick(own));
  return pick(own);
}

/** A user with a verified software token (not turned on). */
async function withVerifiedToken(account: Account): Promise<string> {
  nextStep();
  const secret = await associate(account);
  await verify(account, codeAt(secret));
  return secret;
}

const invalidParameter = (message: string) => ({ name: 'InvalidParameterException', message });
const NO_POOL_TOTP = { name: 'SoftwareTokenMFANotFoundException', message: 'Software Token MFA has not been enabled by the userPool' };
const CODE_MISMATCH = { name: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' };

describe('AssociateSoftwareToken', () => {
  it('hands out a new 32-character base32 secret each time, without turning anything on', async () => {
    const account = await signedIn();
    const first = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: account.accessToken }));
    expect(first.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.Session).toBeUndefined();
    const second = await associate(account);
    expect(second).not.toBe(first.SecretCode);
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: undefined, UserMFASettingList: undefined });

    nextStep();
    // The newer secret replaced the first, which no longer verifies.
    await expect(verify(account, codeAt(first.SecretCode!))).rejects.toMatchObject(CODE_MISMATCH);
    await expect(verify(account, codeAt(second))).resolves.toMatchObject({ Status: 'SUCCESS' });
  });

  it('is refused when the pool has TOTP off', async () => {
    const account = await signedIn({ sms: true });
    await expect(associate(account)).rejects.toMatchObject(NO_POOL_TOTP);
    const off = await signedIn({});
    await expect(associate(off)).rejects.toMatchObject(NO_POOL_TOTP);
  });

  it('takes an access token or a Session, not both and not neither; a Session that names no MFA_SETUP step is refused', async () => {
    const account = await signedIn();
    const session = 'x'.repeat(40);
    await expect(sandbox.cognito.send(new AssociateSoftwareTokenCommand({}))).rejects.toMatchObject(invalidParameter('Either AccessToken or Session must be given.'));
    await expect(sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: account.accessToken, Session: session }))).rejects.toMatchObject(
      invalidParameter('Only one of AccessToken and Session may be given.'),
    );
    await expect(sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: session }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    await expect(sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: 'short' }))).rejects.toMatchObject(
      invalidParameter("1 validation error detected: Value 'short' at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20"),
    );
  });
});

describe('VerifySoftwareToken', () => {
  it('accepts a code from the secret: SUCCESS, the token verified but TOTP not on until SetUserMFAPreference', async () => {
    const account = await signedIn();
    nextStep();
    const secret = await associate(account);
    const answer = await verify(account, codeAt(secret), 'Alice’s phone');
    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Session).toBeUndefined();
    expect(sandbox.app.store.users.findByKey(account.poolId, 'alice')!.mfa).toMatchObject({
      enabled: [],
      softwareToken: { secret, friendlyDeviceName: 'Alice’s phone' },
    });
    expect((await mfaReport(account)).UserMFASettingList).toBeUndefined();

    await setPreference(account, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
  });

  it('allows one step of clock skew either side, not two', async () => {
    const account = await signedIn();
    nextStep();
    const secret = await associate(account);
    await expect(verify(account, codeAt(secret, clock.now() - 2 * STEP))).rejects.toMatchObject(CODE_MISMATCH);
    await expect(verify(account, codeAt(secret, clock.now() + 2 * STEP))).rejects.toMatchObject(CODE_MISMATCH);
    await expect(verify(account, codeAt(secret, clock.now() - STEP))).resolves.toMatchObject({ Status: 'SUCCESS' });
    // Verifying again (the token in use) takes a newer step's code only.
    await expect(verify(account, codeAt(secret, clock.now() + STEP))).resolves.toMatchObject({ Status: 'SUCCESS' });
  });

  it('refuses a wrong code and a code used already, with Cognito’s EnableSoftwareTokenMFAException', async () => {
    const account = await signedIn();
    nextStep();
    const secret = await associate(account);
    const code = codeAt(secret);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await expect(verify(account, wrong)).rejects.toMatchObject(CODE_MISMATCH);
    await verify(account, code);
    clock.time += 5_000;
    await expect(verify(account, code)).rejects.toMatchObject(CODE_MISMATCH);
  });

  it('refuses a code that is not six digits, leaving it out of the message', async () => {
    const account = await signedIn();
    await associate(account);
    await expect(verify(account, '12345')).rejects.toMatchObject(
      invalidParameter("1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6"),
    );
    await expect(verify(account, '1234567')).rejects.toMatchObject(
      invalidParameter("1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length less than or equal to 6"),
    );
    await expect(verify(account, 'abcdef')).rejects.toMatchObject(
      invalidParameter("1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+"),
    );
    const missing = await rawCall(sandbox.url, 'VerifySoftwareToken', { AccessToken: account.accessToken });
    expect(missing.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'userCode' failed to satisfy constraint: Member must not be null",
    });
  });

  it('is refused when nothing was associated, and when the pool has TOTP off', async () => {
    const account = await signedIn();
    await expect(verify(account, '123456')).rejects.toMatchObject({ name: 'SoftwareTokenMFANotFoundException', message: 'Software Token MFA does not exist for the user.' });
    const noTotp = await signedIn({ sms: true });
    await expect(verify(noTotp, '123456')).rejects.toMatchObject(NO_POOL_TOTP);
  });

  it('keeps the token in use while a newer one waits, and replaces it once the newer one is verified', async () => {
    const account = await signedIn();
    const old = await withVerifiedToken(account);
    await setPreference(account, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    const renewed = await associate(account);
    expect(await mfaReport(account)).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
    expect(sandbox.app.store.users.findByKey(account.poolId, 'alice')!.mfa!.softwareToken!.secret).toBe(old);

    nextStep();
    await verify(account, codeAt(renewed));
    expect(sandbox.app.store.users.findByKey(account.poolId, 'alice')!.mfa).toMatchObject({
      enabled: ['SOFTWARE_TOKEN_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
      softwareToken: { secret: renewed },
    });
    expect(sandbox.app.store.users.findByKey(account.poolId, 'alice')!.mfa!.pendingSoftwareToken).toBeUndefined();
  });

  it('masks the secret and the code in the debugger’s api.called events', async () => {
    const account = await signedIn();
    nextStep();
    let secret = '';
    const events = await eventsDuring(sandbox.app, async () => {
      secret = await associate(account);
      await verify(account, codeAt(secret));
    });
    const calls = events.filter((event): event is ApiCalled & typeof event => event.type === 'api.called');
    expect(calls.map((call) => call.data.operation)).toEqual(['AssociateSoftwareToken', 'VerifySoftwareToken']);
    expect(calls[0]!.data.response).toEqual({ SecretCode: '***' });
    expect(calls[1]!.data.request).toMatchObject({ UserCode: '***' });
    expect(JSON.stringify(events)).not.toContain(secret);
  });
});

describe('SetUserMFAPreference and AdminSetUserMFAPreference', () => {
  it('turn factors on, name one preferred, and a factor turned off stops being preferred', async () => {
    const account = await signedIn({ sms: true, totp: true, email: true });
    await withVerifiedToken(account);
    await setPreference(account, { SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(await mfaReport(account)).toEqual({
      MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
    });

    await adminSetPreference(account, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(await mfaReport(account)).toMatchObject({ PreferredMfaSetting: 'EMAIL_OTP', UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });

    await setPreference(account, { EmailMfaSettings: { Enabled: false, PreferredMfa: false }, SMSMfaSettings: { Enabled: false } });
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: undefined, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });

    await adminSetPreference(account, { SoftwareTokenMfaSettings: { Enabled: false } });
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: undefined, UserMFASettingList: undefined });
  });

  it('refuse TOTP without a token and with an unverified one', async () => {
    const account = await signedIn();
    const totpOn = { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } };
    await expect(setPreference(account, totpOn)).rejects.toMatchObject(invalidParameter('User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA'));
    await expect(adminSetPreference(account, totpOn)).rejects.toMatchObject(invalidParameter('User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA'));
    await associate(account);
    await expect(setPreference(account, totpOn)).rejects.toMatchObject(invalidParameter('User has not verified software token mfa'));
    await expect(adminSetPreference(account, totpOn)).rejects.toMatchObject(invalidParameter('User has not verified software token mfa'));
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: undefined, UserMFASettingList: undefined });
  });

  it('refuse SMS without a phone number, email without an address, and email MFA the pool does not have', async () => {
    const account = await signedIn({ sms: true, email: true }, {});
    await expect(setPreference(account, { SMSMfaSettings: { Enabled: true } })).rejects.toMatchObject(
      invalidParameter('User does not have delivery config set to turn on SMS_MFA'),
    );
    await expect(adminSetPreference(account, { EmailMfaSettings: { Enabled: true } })).rejects.toMatchObject(
      invalidParameter('User does not have delivery config set to turn on EMAIL_OTP'),
    );
    const noEmailMfa = await signedIn({ sms: true });
    await expect(setPreference(noEmailMfa, { EmailMfaSettings: { Enabled: true } })).rejects.toMatchObject(invalidParameter('Email MFA is not enabled for the user pool.'));
  });

  it('refuse two preferred factors, changing nothing', async () => {
    const account = await signedIn({ sms: true, email: true });
    await expect(
      setPreference(account, { SMSMfaSettings: { Enabled: true, PreferredMfa: true }, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
    ).rejects.toMatchObject(invalidParameter('Only one MFA factor can be set as preferred.'));
    expect((await mfaReport(account)).UserMFASettingList).toBeUndefined();
  });

  it('check their input as the API model says', async () => {
    const account = await signedIn();
    const wrongType = await rawCall(sandbox.url, 'SetUserMFAPreference', { AccessToken: account.accessToken, SMSMfaSettings: { Enabled: 'yes' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.__type).toBe('SerializationException');
    const noToken = await rawCall(sandbox.url, 'SetUserMFAPreference', { SMSMfaSettings: { Enabled: false } });
    expect(noToken.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null",
    });
    await expect(sandbox.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: account.poolId, Username: 'nobody' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    await expect(sandbox.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: 'us-east-1_Missing00', Username: 'alice' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Missing00 does not exist.',
    });
  });
});

describe('SetUserSettings and AdminSetUserSettings (legacy SMS MFA)', () => {
  const SMS_OPTION = [{ DeliveryMedium: 'SMS' as const, AttributeName: 'phone_number' }];

  it('turn SMS MFA on with the phone number option and off with an empty list', async () => {
    const account = await signedIn({ sms: true });
    await sandbox.cognito.send(new SetUserSettingsCommand({ AccessToken: account.accessToken, MFAOptions: SMS_OPTION }));
    expect(await mfaReport(account)).toEqual({ MFAOptions: SMS_OPTION, PreferredMfaSetting: undefined, UserMFASettingList: ['SMS_MFA'] });
    await sandbox.cognito.send(new AdminSetUserSettingsCommand({ UserPoolId: account.poolId, Username: 'alice', MFAOptions: [] }));
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: undefined, UserMFASettingList: undefined });
    await sandbox.cognito.send(new AdminSetUserSettingsCommand({ UserPoolId: account.poolId, Username: 'alice', MFAOptions: SMS_OPTION }));
    await setPreference(account, { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    await sandbox.cognito.send(new SetUserSettingsCommand({ AccessToken: account.accessToken, MFAOptions: [] }));
    expect(await mfaReport(account)).toEqual({ MFAOptions: undefined, PreferredMfaSetting: undefined, UserMFASettingList: undefined });
  });

  it('refuse other options, a user without a phone number and a missing MFAOptions', async () => {
    const account = await signedIn({ sms: true }, { email: 'alice@example.com' });
    await expect(
      sandbox.cognito.send(new SetUserSettingsCommand({ AccessToken: account.accessToken, MFAOptions: [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }] })),
    ).rejects.toMatchObject(invalidParameter('Only phone_number attribute is currently supported as a MFA option.'));
    await expect(sandbox.cognito.send(new SetUserSettingsCommand({ AccessToken: account.accessToken, MFAOptions: SMS_OPTION }))).rejects.toMatchObject(
      invalidParameter('User does not have delivery config set to turn on SMS_MFA'),
    );
    const missing = await rawCall(sandbox.url, 'AdminSetUserSettings', { UserPoolId: account.poolId, Username: 'alice' });
    expect(missing.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'mFAOptions' failed to satisfy constraint: Member must not be null",
    });
    const badMedium = await rawCall(sandbox.url, 'AdminSetUserSettings', { UserPoolId: account.poolId, Username: 'alice', MFAOptions: [{ DeliveryMedium: 'PIGEON' }] });
    expect(badMedium.json.message).toBe(
      "1 validation error detected: Value 'PIGEON' at 'mFAOptions.1.member.deliveryMedium' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]",
    );
  });
});

describe('AdminDeleteSoftwareToken', () => {
  it('forgets the token: TOTP off and unpreferred, its codes refused, a new one can be associated', async () => {
    const account = await signedIn({ sms: true, totp: true });
    const secret = await withVerifiedToken(account);
    await setPreference(account, { SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    await sandbox.cognito.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: account.poolId, Username: 'alice' }));
    expect(await mfaReport(account)).toMatchObject({ PreferredMfaSetting: undefined, UserMFASettingList: ['SMS_MFA'] });

    nextStep();
    await expect(verify(account, codeAt(secret))).rejects.toMatchObject({ name: 'SoftwareTokenMFANotFoundException' });
    await expect(setPreference(account, { SoftwareTokenMfaSettings: { Enabled: true } })).rejects.toMatchObject(
      invalidParameter('User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA'),
    );
    const renewed = await associate(account);
    await expect(verify(account, codeAt(renewed))).resolves.toMatchObject({ Status: 'SUCCESS' });
  });

  it('answers a user without a token the same, and Cognito’s errors for unknown users and pools', async () => {
    const account = await signedIn();
    await expect(sandbox.cognito.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: account.poolId, Username: 'alice' }))).resolves.toBeTruthy();
    await expect(sandbox.cognito.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: account.poolId, Username: 'bob' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    await expect(sandbox.cognito.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: 'us-east-1_Missing00', Username: 'alice' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('the access-token operations', () => {
  it('refuse a forged, a malformed and a revoked access token', async () => {
    const account = await signedIn();
    const calls = (AccessToken: string) => [
      () => sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken })),
      () => sandbox.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '123456' })),
      () => sandbox.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled: false } })),
      () => sandbox.cognito.send(new SetUserSettingsCommand({ AccessToken, MFAOptions: [] })),
    ];
    const [header, payload] = account.accessToken.split('.');
    for (const call of calls(`${header}.${payload}.${'A'.repeat(342)}`)) {
      await expect(call()).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' });
    }
    for (const call of calls('not a token')) {
      await expect(call()).rejects.toMatchObject({ name: 'InvalidParameterException' });
    }
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: account.accessToken }));
    for (const call of calls(account.accessToken)) {
      await expect(call()).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    }
  });
});
