/**
 * Choice-based sign-in (USER_AUTH) from Amplify v6, unmodified: signIn with authFlowType
 * USER_AUTH, a preferred challenge or the first factor chosen at
 * CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION, continued with confirmSignIn.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A pool allowing passwords and email and SMS codes first, alice in it, and Amplify configured for it. */
async function world(): Promise<void> {
  const poolId = await createPool(sandbox.cognito, {
    PoolName: 'amplify-choice',
    SmsConfiguration: SMS_CONFIGURATION,
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } },
  });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', {
    password: PASSWORD,
    attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550177', phone_number_verified: 'true' },
  });
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });
}

describe('Amplify v6 with USER_AUTH', () => {
  it('signs in with an email code as the preferred challenge', async () => {
    await world();
    const first = await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    expect(first.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } });
    const { code } = await latestMessageTo(sandbox.url, 'alice@example.com');
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect((await fetchAuthSession()).tokens?.idToken?.payload['cognito:username']).toBe('alice');
    await signOut();
  });

  it('signs in with the password as the preferred challenge (SRP, as Amplify does it)', async () => {
    await world();
    const result = await signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } });
    expect(result).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await signOut();
  });

  it('lets the user choose the first factor, then asks for the SMS code', async () => {
    await world();
    const first = await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } });
    expect(first.nextStep).toMatchObject({ signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'] });
    const chosen = await confirmSignIn({ challengeResponse: 'SMS_OTP' });
    expect(chosen.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: { deliveryMedium: 'SMS' } });
    const { code } = await latestMessageTo(sandbox.url, '+15555550177');
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('lets the user choose the password, then asks for it', async () => {
    await world();
    await signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } });
    const chosen = await confirmSignIn({ challengeResponse: 'PASSWORD' });
    expect(chosen.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD');
    expect(await confirmSignIn({ challengeResponse: PASSWORD })).toMatchObject({ isSignedIn: true });
    await signOut();
  });
});
