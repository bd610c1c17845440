/**
 * A signed-in user sets up TOTP and their MFA preference with the real clients, unmodified (the
 * sandbox runs on the machine's time, as the clients' tokens and SRP do; the codes are computed
 * here with otpauth): amazon-cognito-identity-js (associateSoftwareToken, verifySoftwareToken,
 * setUserMfaPreference, enableMFA / disableMFA, getUserData) and Amplify v6 (setUpTOTP,
 * verifyTOTPSetup, updateMFAPreference, fetchMFAPreference). The pools have MFA OPTIONAL, so
 * signing in asks for no MFA.
 */
import { Amplify } from 'aws-amplify';
import { fetchMFAPreference, setUpTOTP, signIn, signOut, updateMFAPreference, verifyTOTPSetup } from 'aws-amplify/auth';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type UserData } from 'amazon-cognito-identity-js';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A pool (MFA OPTIONAL with TOTP and SMS, or OFF), a public client, and alice with a phone number. */
async function world(mfa: 'OPTIONAL' | 'OFF' = 'OPTIONAL'): Promise<{ poolId: string; clientId: string }> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'mfa-clients', SmsConfiguration: SMS_CONFIGURATION });
  if (mfa === 'OPTIONAL') {
    await sandbox.cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
      }),
    );
  }
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { phone_number: '+15555550123', email: 'alice@example.com' } });
  return { poolId, clientId };
}

const currentCode = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret) });
/** A code from the secret that is not the current one (nor, but by a one-in-a-million chance, a neighbour's). */
const wrongCode = (secret: string) => String((Number(currentCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');

describe('amazon-cognito-identity-js', () => {
  type Callback<T> = (error: (Error & { code?: string }) | null | undefined, result?: T) => void;
  const call = <T>(run: (callback: Callback<T>) => void): Promise<T> =>
    new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result as T))));

  async function signedInUser(mfa: 'OPTIONAL' | 'OFF' = 'OPTIONAL'): Promise<CognitoUser> {
    const { poolId, clientId } = await world(mfa);
    const user = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url }) });
    await new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), { onSuccess: resolve, onFailure: reject }),
    );
    return user;
  }

  const associate = (user: CognitoUser) =>
    new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
  const verify = (user: CognitoUser, code: string) =>
    new Promise<unknown>((resolve, reject) => user.verifySoftwareToken(code, 'My phone', { onSuccess: resolve, onFailure: reject }));
  const userData = (user: CognitoUser) => call<UserData>((cb) => user.getUserData(cb, { bypassCache: true }));

  it('associates, verifies and prefers a software token', async () => {
    const user = await signedInUser();
    const secret = await associate(user);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(verify(user, currentCode(secret))).resolves.toMatchObject({ Status: 'SUCCESS' });
    await expect(call<string>((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb))).resolves.toBe('SUCCESS');
    expect(await userData(user)).toMatchObject({ PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });

    await call<string>((cb) => user.setUserMfaPreference({ Enabled: true, PreferredMfa: true }, { Enabled: true, PreferredMfa: false }, cb));
    expect(await userData(user)).toMatchObject({ PreferredMfaSetting: 'SMS_MFA', UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
  });

  it('turns SMS MFA on and off with the legacy enableMFA and disableMFA (SetUserSettings)', async () => {
    const user = await signedInUser();
    await expect(call<string>((cb) => user.enableMFA(cb))).resolves.toBe('SUCCESS');
    expect(await userData(user)).toMatchObject({ MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }], UserMFASettingList: ['SMS_MFA'] });
    await call<string>((cb) => user.disableMFA(cb));
    const after = await userData(user);
    expect(after.MFAOptions).toBeUndefined();
    expect(after.UserMFASettingList).toBeUndefined();
  });

  it('fails a wrong code, a token not verified yet, and a pool with TOTP off with Cognito’s errors', async () => {
    const user = await signedInUser();
    const secret = await associate(user);
    await expect(verify(user, wrongCode(secret))).rejects.toMatchObject({
      code: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    await expect(call((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb))).rejects.toMatchObject({
      code: 'InvalidParameterException',
      message: 'User has not verified software token mfa',
    });
    const noTotp = await signedInUser('OFF');
    await expect(associate(noTotp)).rejects.toMatchObject({
      code: 'SoftwareTokenMFANotFoundException',
      message: 'Software Token MFA has not been enabled by the userPool',
    });
  });
});

describe('Amplify v6', () => {
  async function signedIn(mfa: 'OPTIONAL' | 'OFF' = 'OPTIONAL') {
    const { poolId, clientId } = await world(mfa);
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });
    await expect(signIn({ username: 'alice', password: PASSWORD })).resolves.toMatchObject({ isSignedIn: true });
  }

  it('sets up TOTP, verifies it, prefers it and reads the preference back', async () => {
    await signedIn();
    const details = await setUpTOTP();
    expect(details.sharedSecret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = URI.parse(details.getSetupUri('My App', 'alice').toString()) as TOTP;
    expect(uri).toMatchObject({ issuer: 'My App', label: 'alice' });
    expect(uri.secret.base32).toBe(details.sharedSecret);

    await verifyTOTPSetup({ code: currentCode(details.sharedSecret), options: { friendlyDeviceName: 'Pixel' } });
    expect(await fetchMFAPreference()).toEqual({ preferred: undefined, enabled: undefined });
    await updateMFAPreference({ totp: 'PREFERRED', sms: 'ENABLED' });
    expect(await fetchMFAPreference()).toEqual({ preferred: 'TOTP', enabled: ['SMS', 'TOTP'] });
    await updateMFAPreference({ totp: 'DISABLED' });
    expect(await fetchMFAPreference()).toEqual({ preferred: undefined, enabled: ['SMS'] });
    await signOut();
  });

  it('fails a wrong code, a preference for an unverified token, and a pool with TOTP off', async () => {
    await signedIn();
    const details = await setUpTOTP();
    await expect(verifyTOTPSetup({ code: wrongCode(details.sharedSecret) })).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    await expect(updateMFAPreference({ totp: 'PREFERRED' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User has not verified software token mfa',
    });
    await signOut();

    await signedIn('OFF');
    await expect(setUpTOTP()).rejects.toMatchObject({ name: 'SoftwareTokenMFANotFoundException' });
    await signOut();
  });
});
