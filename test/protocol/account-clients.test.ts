/**
 * A signed-in user's account operations through amazon-cognito-identity-js, unmodified:
 * change password, read and update attributes (with the verification code from the outbox),
 * global sign-out.
 */
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

type Callback<T> = (error: (Error & { code?: string }) | null | undefined, result?: T) => void;

/** One of amazon-cognito-identity-js's node-style callbacks as a promise. */
function call<T>(run: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result as T))));
}

async function signedInUser(username: string, email: string): Promise<{ user: CognitoUser; pool: CognitoUserPool; session: CognitoUserSession }> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'accounts', AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' });
  await createAdminUser(sandbox.cognito, poolId, username, { password: PASSWORD, attributes: { email, email_verified: 'true' } });
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url });
  const user = new CognitoUser({ Username: username, Pool: pool });
  const session = await signIn(user, username, PASSWORD);
  return { user, pool, session };
}

function signIn(user: CognitoUser, username: string, password: string): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), { onSuccess: resolve, onFailure: reject }),
  );
}

const latestCodeTo = async (destination: string) => (await latestMessageTo(sandbox.url, destination)).code;

describe('amazon-cognito-identity-js account operations', () => {
  it('changes the password: the old one stops working, the new one signs in', async () => {
    const { user, pool } = await signedInUser('carla', 'carla@example.com');
    await call<'SUCCESS'>((cb) => user.changePassword(PASSWORD, 'Chang3d-Passw0rd!', cb));

    const again = new CognitoUser({ Username: 'carla', Pool: pool });
    await expect(signIn(again, 'carla', PASSWORD)).rejects.toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    await expect(signIn(again, 'carla', 'Chang3d-Passw0rd!')).resolves.toBeTruthy();
  });

  it('refuses a wrong previous password with Cognito’s error', async () => {
    const { user } = await signedInUser('dan', 'dan@example.com');
    await expect(call((cb) => user.changePassword('Not-the-Passw0rd', 'Chang3d-Passw0rd!', cb))).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('reads and updates attributes, and verifies a new email with the code from the outbox', async () => {
    const { user } = await signedInUser('erin', 'erin@example.com');
    const before = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    expect(Object.fromEntries(before.map((a) => [a.getName(), a.getValue()]))).toMatchObject({ email: 'erin@example.com', email_verified: 'true' });

    await call((cb) => user.updateAttributes([new CognitoUserAttribute({ Name: 'email', Value: 'erin@example.org' })], cb));
    const changed = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    expect(Object.fromEntries(changed.map((a) => [a.getName(), a.getValue()]))).toMatchObject({ email: 'erin@example.org', email_verified: 'false' });

    const code = await latestCodeTo('erin@example.org');
    await new Promise<void>((resolve, reject) => user.verifyAttribute('email', code, { onSuccess: () => resolve(), onFailure: reject }));
    const verified = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    expect(Object.fromEntries(verified.map((a) => [a.getName(), a.getValue()]))).toMatchObject({ email_verified: 'true' });
  });

  it('signs out everywhere: the refresh token no longer refreshes', async () => {
    const { user, session } = await signedInUser('finn', 'finn@example.com');
    const refreshToken = session.getRefreshToken();
    await new Promise<void>((resolve, reject) => user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }));
    await expect(call((cb) => user.refreshSession(refreshToken, cb))).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });
});
