/**
 * MFA at sign-in from Amplify v6, unmodified: signIn's next steps (SMS, email and TOTP codes, the
 * factor choice, TOTP setup) continued with confirmSignIn, as an app's sign-in form drives them.
 */
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A pool with MFA as given, alice in it, and Amplify configured for it. */
async function world(mode: 'ON' | 'OPTIONAL', factors: { sms?: boolean; email?: boolean; totp?: boolean }, userFactors: string[] = []): Promise<string> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'amplify-mfa', SmsConfiguration: SMS_CONFIGURATION });
  await sandbox.cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: mode,
      ...(factors.sms && { SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }),
      ...(factors.email && { EmailMfaConfiguration: { Subject: 'Code', Message: 'Code {####}' } }),
      ...(factors.totp && { SoftwareTokenMfaConfiguration: { Enabled: true } }),
    }),
  );
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550199' } });
  if (userFactors.length > 0) {
    const user = sandbox.app.store.users.findByKey(poolId, 'alice')!;
    sandbox.app.store.users.save({ ...user, mfa: { enabled: userFactors } });
  }
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });
  return poolId;
}

const totp = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

describe('Amplify v6 with MFA', () => {
  it('continues CONFIRM_SIGN_IN_WITH_SMS_CODE with confirmSignIn, a wrong code first', async () => {
    await world('ON', { sms: true }, ['SMS_MFA']);
    const first = await signIn({ username: 'alice', password: PASSWORD });
    expect(first.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0199' } });
    const { code } = await latestMessageTo(sandbox.url, '+15555550199');
    await expect(confirmSignIn({ challengeResponse: code === '000000' ? '111111' : '000000' })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect((await fetchAuthSession()).tokens?.accessToken).toBeDefined();
    await signOut();
  });

  it('continues CONFIRM_SIGN_IN_WITH_EMAIL_CODE', async () => {
    await world('ON', { email: true }, ['EMAIL_OTP']);
    const first = await signIn({ username: 'alice', password: PASSWORD });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const { code } = await latestMessageTo(sandbox.url, 'alice@example.com');
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('chooses a factor at CONTINUE_SIGN_IN_WITH_MFA_SELECTION', async () => {
    await world('OPTIONAL', { sms: true, email: true }, ['SMS_MFA', 'EMAIL_OTP']);
    const first = await signIn({ username: 'alice', password: PASSWORD });
    expect(first.nextStep).toMatchObject({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'EMAIL'] });
    const chosen = await confirmSignIn({ challengeResponse: 'EMAIL' });
    expect(chosen.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const { code } = await latestMessageTo(sandbox.url, 'alice@example.com');
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('sets TOTP up at CONTINUE_SIGN_IN_WITH_TOTP_SETUP, then signs in with CONFIRM_SIGN_IN_WITH_TOTP_CODE', async () => {
    await world('ON', { totp: true });
    const first = await signIn({ username: 'alice', password: PASSWORD });
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    const setup = (first.nextStep as { totpSetupDetails: { sharedSecret: string; getSetupUri(app: string): URL } }).totpSetupDetails;
    expect(setup.getSetupUri('Sandbox').href).toContain(`secret=${setup.sharedSecret}`);
    expect(await confirmSignIn({ challengeResponse: totp(setup.sharedSecret) })).toMatchObject({ isSignedIn: true });
    await signOut();

    const again = await signIn({ username: 'alice', password: PASSWORD });
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(await confirmSignIn({ challengeResponse: totp(setup.sharedSecret, 1) })).toMatchObject({ isSignedIn: true });
    await signOut();
  });
});
