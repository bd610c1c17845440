/**
 * Sign-up through the client libraries apps use, unmodified: amazon-cognito-identity-js
 * (CognitoUserPool with its `endpoint`) and Amplify v6 (Auth.Cognito.userPoolEndpoint), the
 * code read from the sandbox's outbox API.
 */
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUser, CognitoUserAttribute, CognitoUserPool, type ISignUpResult } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { confirmSignUp, resendSignUpCode, signUp } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callback } from '../support/callback.js';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function world() {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'clients', AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' });
  return { poolId, clientId };
}

const latestMessage = (to: string) => latestMessageTo(sandbox.url, to);

const status = async (poolId: string, Username: string) => (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }))).UserStatus;

describe('amazon-cognito-identity-js', () => {
  it('signs up, resends the code and confirms the registration', async () => {
    const { poolId, clientId } = await world();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url });

    const signedUp = callback<ISignUpResult>();
    pool.signUp('alice', PASSWORD, [new CognitoUserAttribute({ Name: 'email', Value: 'alice@example.com' })], [], signedUp.done);
    const result = await signedUp.result;
    expect(result.userConfirmed).toBe(false);
    expect(result.userSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.codeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(result.user.getUsername()).toBe('alice');

    const user = new CognitoUser({ Username: 'alice', Pool: pool });
    const resent = callback<{ CodeDeliveryDetails: unknown }>();
    user.resendConfirmationCode(resent.done);
    expect((await resent.result).CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const message = await latestMessage('alice@example.com');
    expect(message.purpose).toBe('ResendConfirmationCode');

    const wrong = callback<string>();
    user.confirmRegistration(message.code === '000000' ? '111111' : '000000', false, wrong.done);
    await expect(wrong.result).rejects.toMatchObject({ code: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' });

    const confirmed = callback<string>();
    user.confirmRegistration(message.code, false, confirmed.done);
    expect(await confirmed.result).toBe('SUCCESS');
    expect(await status(poolId, 'alice')).toBe('CONFIRMED');
  });
});

describe('Amplify v6', () => {
  it('signs up and confirms the sign-up', async () => {
    const { poolId, clientId } = await world();
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });

    const started = await signUp({ username: 'bob', password: PASSWORD, options: { userAttributes: { email: 'bob@example.com' } } });
    expect(started).toMatchObject({
      isSignUpComplete: false,
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { destination: 'b***@e***', deliveryMedium: 'EMAIL', attributeName: 'email' } },
    });
    expect(started.userId).toMatch(/^[0-9a-f-]{36}$/);

    await expect(resendSignUpCode({ username: 'bob' })).resolves.toMatchObject({ destination: 'b***@e***', deliveryMedium: 'EMAIL' });
    const { code } = await latestMessage('bob@example.com');
    const done = await confirmSignUp({ username: 'bob', confirmationCode: code });
    expect(done).toMatchObject({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });
    expect(await status(poolId, 'bob')).toBe('CONFIRMED');
  });
});
