/**
 * The client libraries apps use, unmodified, against the sandbox on the real clock (their SRP
 * TIMESTAMP is the machine's time): amazon-cognito-identity-js and Amplify v6 sign in with SRP,
 * aws-jwt-verify checks the tokens against the sandbox's JWKS.
 */
import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function world(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}) {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'clients', ...pool });
  const { clientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'web',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...client,
  });
  return { poolId, clientId };
}

const newUser = (poolId: string, username: string, { permanent, email }: { permanent?: boolean; email?: string } = {}) =>
  createAdminUser(sandbox.cognito, poolId, username, { password: PASSWORD, permanent, attributes: email ? { email, email_verified: 'true' } : {} });

interface SignInOutcome {
  session?: CognitoUserSession;
  error?: Error & { code?: string };
  newPasswordRequired?: { userAttributes: Record<string, string>; requiredAttributes: string[] };
}

/** CognitoUser.authenticateUser (SRP unless the user is set to another flow), as a promise of its callbacks. */
function authenticate(user: CognitoUser, username: string, password: string): Promise<SignInOutcome> {
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: (error) => resolve({ error }),
      newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ newPasswordRequired: { userAttributes, requiredAttributes } }),
    }),
  );
}

function identityJs(poolId: string, clientId: string, username: string) {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url });
  return new CognitoUser({ Username: username, Pool: pool });
}

/** aws-jwt-verify's generic RSA verifier, fetching the JWKS from the sandbox (over http, hence the fetcher). */
function verifier(poolId: string, audience: string | null) {
  const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
  return JwtRsaVerifier.create(
    { issuer: `${sandbox.url}/${poolId}`, audience, jwksUri: `${sandbox.url}/${poolId}/.well-known/jwks.json` },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

describe('amazon-cognito-identity-js', () => {
  it('signs in with SRP, and its tokens verify with aws-jwt-verify, with Cognito’s claims', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice', { email: 'alice@example.com' });
    await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    await sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'alice', GroupName: 'admins' }));

    const { session, error } = await authenticate(identityJs(poolId, clientId, 'alice'), 'alice', PASSWORD);
    expect(error).toBeUndefined();
    expect(session!.isValid()).toBe(true);

    const idClaims = await verifier(poolId, clientId).verify(session!.getIdToken().getJwtToken());
    const sub = idClaims.sub;
    expect(sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(idClaims).toMatchObject({
      aud: clientId,
      iss: `${sandbox.url}/${poolId}`,
      token_use: 'id',
      'cognito:username': 'alice',
      'cognito:groups': ['admins'],
      email: 'alice@example.com',
      email_verified: true,
    });
    for (const claim of ['event_id', 'jti', 'origin_jti']) expect(idClaims[claim]).toMatch(/^[0-9a-f-]{36}$/);
    for (const claim of ['auth_time', 'iat', 'exp']) expect(typeof idClaims[claim]).toBe('number');
    expect(idClaims.exp! - idClaims.iat!).toBe(3600);

    const accessClaims = await verifier(poolId, null).verify(session!.getAccessToken().getJwtToken());
    expect(accessClaims).toMatchObject({
      sub,
      iss: `${sandbox.url}/${poolId}`,
      client_id: clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: 'alice',
      'cognito:groups': ['admins'],
      auth_time: idClaims.auth_time,
      origin_jti: idClaims.origin_jti,
    });
    expect(accessClaims.aud).toBeUndefined();
    expect(accessClaims.jti).not.toBe(idClaims.jti);
  });

  it('fails a wrong password with Cognito’s exact error', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const { error } = await authenticate(identityJs(poolId, clientId, 'alice'), 'alice', 'Wr0ng-password');
    expect(error).toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('signs in by email alias, continuing as the real username', async () => {
    const { poolId, clientId } = await world({ AliasAttributes: ['email'] });
    await newUser(poolId, 'alice', { email: 'alice@example.com' });
    const user = identityJs(poolId, clientId, 'alice@example.com');
    const { session } = await authenticate(user, 'alice@example.com', PASSWORD);
    expect(session!.getIdToken().decodePayload()['cognito:username']).toBe('alice');
    expect(user.getUsername()).toBe('alice');
  });

  it('answers newPasswordRequired with completeNewPasswordChallenge', async () => {
    const schema = [{ Name: 'name', AttributeDataType: 'String' as const, Required: true, Mutable: true }];
    const { poolId, clientId } = await world({ Schema: schema });
    await newUser(poolId, 'newbie', { permanent: false, email: 'newbie@example.com' });
    const user = identityJs(poolId, clientId, 'newbie');
    const { newPasswordRequired } = await authenticate(user, 'newbie', PASSWORD);
    expect(newPasswordRequired).toEqual({
      userAttributes: { email: 'newbie@example.com', email_verified: 'true' },
      requiredAttributes: ['name'],
    });
    const session: CognitoUserSession = await new Promise((resolve, reject) =>
      user.completeNewPasswordChallenge(NEW_PASSWORD, { name: 'New Bie' }, { onSuccess: resolve, onFailure: reject }),
    );
    expect(session.getIdToken().decodePayload()).toMatchObject({ 'cognito:username': 'newbie', name: 'New Bie' });
    const again = await authenticate(identityJs(poolId, clientId, 'newbie'), 'newbie', NEW_PASSWORD);
    expect(again.session!.isValid()).toBe(true);
  });

  it('refreshes its session with the refresh token, and signs in with USER_PASSWORD_AUTH when told to', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const user = identityJs(poolId, clientId, 'alice');
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const { session } = await authenticate(user, 'alice', PASSWORD);
    const refreshed: CognitoUserSession = await new Promise((resolve, reject) =>
      user.refreshSession(new CognitoRefreshToken({ RefreshToken: session!.getRefreshToken().getToken() }), (error: Error | null, result: CognitoUserSession) =>
        error ? reject(error) : resolve(result),
      ),
    );
    expect(refreshed.isValid()).toBe(true);
    expect(refreshed.getIdToken().decodePayload().auth_time).toBe(session!.getIdToken().decodePayload().auth_time);
  });
});

describe('Amplify v6', () => {
  function configure(poolId: string, clientId: string) {
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });
  }

  it('signs in with SRP and fetches the session', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    configure(poolId, clientId);
    const result = await signIn({ username: 'alice', password: PASSWORD });
    expect(result).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const { tokens } = await fetchAuthSession();
    expect(tokens!.accessToken.payload).toMatchObject({ username: 'alice', client_id: clientId });
    await verifier(poolId, clientId).verify(tokens!.idToken!.toString());
    await signOut();
  });

  it('fails a wrong password and continues NEW_PASSWORD_REQUIRED through confirmSignIn', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    await newUser(poolId, 'newbie', { permanent: false });
    configure(poolId, clientId);
    await expect(signIn({ username: 'alice', password: 'Wr0ng-password' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const first = await signIn({ username: 'newbie', password: PASSWORD });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    const done = await confirmSignIn({ challengeResponse: NEW_PASSWORD });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await signOut();
  });
});
