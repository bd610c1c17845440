/**
 * Password recovery through the client libraries apps use, unmodified: amazon-cognito-identity-js
 * (forgotPassword / confirmPassword) and Amplify v6 (resetPassword / confirmResetPassword), the
 * code read from the sandbox's outbox API, the new password proved by signing in with SRP.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { confirmResetPassword, resetPassword, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function world(username: string, email: string) {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'clients' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, username, { password: PASSWORD, attributes: { email, email_verified: 'true' } });
  return { poolId, clientId };
}

const latestCode = async (to: string) => (await latestMessageTo(sandbox.url, to)).code;

function authenticate(user: CognitoUser, username: string, password: string): Promise<{ ok: boolean; error?: unknown }> {
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: () => resolve({ ok: true }),
      onFailure: (error) => resolve({ ok: false, error }),
    }),
  );
}

describe('amazon-cognito-identity-js', () => {
  it('asks for a code, sets the new password with it, and signs in with SRP', async () => {
    const { poolId, clientId } = await world('alice', 'alice@example.com');
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url });
    const user = new CognitoUser({ Username: 'alice', Pool: pool });

    const delivery = await new Promise<unknown>((resolve, reject) =>
      user.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }),
    );
    expect(delivery).toEqual({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });

    const code = await latestCode('alice@example.com');
    const confirmed = await new Promise<string>((resolve, reject) => user.confirmPassword(code, NEW_PASSWORD, { onSuccess: resolve, onFailure: reject }));
    expect(confirmed).toBe('SUCCESS');

    const again = await new Promise<unknown>((resolve) => user.confirmPassword(code, 'An0ther-Passw0rd!', { onSuccess: resolve, onFailure: resolve }));
    expect(again).toMatchObject({ code: 'ExpiredCodeException' });

    expect(await authenticate(new CognitoUser({ Username: 'alice', Pool: pool }), 'alice', PASSWORD)).toMatchObject({ ok: false, error: { code: 'NotAuthorizedException' } });
    expect(await authenticate(new CognitoUser({ Username: 'alice', Pool: pool }), 'alice', NEW_PASSWORD)).toEqual({ ok: true });
  });
});

describe('Amplify v6', () => {
  it('resets the password and signs in with the new one', async () => {
    const { poolId, clientId } = await world('bob', 'bob@example.com');
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });

    const started = await resetPassword({ username: 'bob' });
    expect(started).toMatchObject({
      isPasswordReset: false,
      nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE', codeDeliveryDetails: { destination: 'b***@e***', deliveryMedium: 'EMAIL' } },
    });
    await confirmResetPassword({ username: 'bob', confirmationCode: await latestCode('bob@example.com'), newPassword: NEW_PASSWORD });
    await expect(signIn({ username: 'bob', password: NEW_PASSWORD })).resolves.toMatchObject({ isSignedIn: true });
    await signOut();
  });
});
