/**
 * The sandbox's tokens end to end: how the access-token operations refuse forged, foreign,
 * expired, revoked and under-scoped tokens; sign-out and revocation (GlobalSignOut,
 * AdminUserGlobalSignOut, RevokeToken) against REFRESH_TOKEN_AUTH; offline verification with
 * aws-jwt-verify against the sandbox's JWKS and discovery document, with and without
 * `--aws-issuer`.
 */
import {
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  DeleteUserPoolCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache, type Jwks } from 'aws-jwt-verify/jwk';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const HOUR = 60 * 60 * 1000;
// Tokens are checked offline against the real time too, so the injected clock starts at it.
const clock = testClock(Date.now());
const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());
afterEach(() => {
  clock.time = Math.max(clock.time, Date.now());
});

interface Session {
  poolId: string;
  clientId: string;
  clientSecret?: string;
  username: string;
  tokens: AuthenticationResultType;
}

const newPool = (cognito: CognitoIdentityProviderClient = sandbox.cognito) => createPool(cognito, { PoolName: 'tokens' });

const newClient = (poolId: string, settings: Partial<CreateUserPoolClientCommandInput> = {}, cognito = sandbox.cognito) =>
  createClient(cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...settings });

const newUser = (poolId: string, username: string, cognito = sandbox.cognito) => createAdminUser(cognito, poolId, username, { password: PASSWORD });

async function signIn(clientId: string, username: string, cognito = sandbox.cognito): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return AuthenticationResult!;
}

async function signedIn(client: Partial<CreateUserPoolClientCommandInput> = {}): Promise<Session> {
  const poolId = await newPool();
  const { clientId, clientSecret } = await newClient(poolId, client);
  await newUser(poolId, 'alice');
  return { poolId, clientId, clientSecret, username: 'alice', tokens: await signIn(clientId, 'alice') };
}

const getUser = (accessToken: string) => sandbox.cognito.send(new GetUserCommand({ AccessToken: accessToken }));

function refresh(session: Pick<Session, 'clientId'>, refreshToken: string) {
  return sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: session.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
  );
}

const revoke = (clientId: string, token: string, clientSecret?: string) =>
  sandbox.cognito.send(new RevokeTokenCommand({ Token: token, ClientId: clientId, ClientSecret: clientSecret }));

const revokedAccess = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' };
const revokedRefresh = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };
const invalidAccess = { name: 'NotAuthorizedException', message: 'Invalid Access Token' };

/** A JWT with its payload changed and its signature kept. */
function tampered(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  const payload = Buffer.from(JSON.stringify({ ...decodeJwt(token), ...changes })).toString('base64url');
  return [header, payload, signature].join('.');
}

/** Signs `claims` with the pool's own access-token key, as the OAuth endpoints will for a code grant. */
async function signedWithPoolKey(poolId: string, claims: Record<string, unknown>): Promise<string> {
  const { access } = await sandbox.app.services.keys.forPool(poolId);
  return new SignJWT(claims).setProtectedHeader({ kid: access.kid, alg: 'RS256' }).sign(access.privateKey);
}

/** Every operation that a signed-in user authorises with an access token, called with `accessToken`. */
const ACCESS_TOKEN_OPERATIONS: Record<string, (accessToken: string) => Promise<unknown>> = {
  GetUser: (AccessToken) => sandbox.cognito.send(new GetUserCommand({ AccessToken })),
  ChangePassword: (AccessToken) =>
    sandbox.cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'N3w-Password' })),
  UpdateUserAttributes: (AccessToken) =>
    sandbox.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'given_name', Value: 'Mallory' }] })),
  DeleteUserAttributes: (AccessToken) => sandbox.cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['given_name'] })),
  GetUserAttributeVerificationCode: (AccessToken) =>
    sandbox.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' })),
  VerifyUserAttribute: (AccessToken) =>
    sandbox.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '123456' })),
  GlobalSignOut: (AccessToken) => sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken })),
  DeleteUser: (AccessToken) => sandbox.cognito.send(new DeleteUserCommand({ AccessToken })),
};

/** Expects every access-token operation to refuse `accessToken` with `error`, and the user to be untouched. */
async function expectRefusedEverywhere(session: Session, accessToken: string, error: { name: string; message: string }) {
  for (const [name, call] of Object.entries(ACCESS_TOKEN_OPERATIONS)) {
    await expect(call(accessToken), name).rejects.toMatchObject(error);
  }
  expect(sandbox.app.store.users.findByKey(session.poolId, session.username)).toBeDefined();
}

describe('the access-token check', () => {
  it('accepts the access token of a real sign-in', async () => {
    const session = await signedIn();
    await expect(getUser(session.tokens.AccessToken!)).resolves.toHaveProperty('Username', 'alice');
  });

  it('refuses a token whose payload was altered or whose signature is not the pool key', async () => {
    const session = await signedIn();
    const token = session.tokens.AccessToken!;
    await expectRefusedEverywhere(session, tampered(token, { username: 'mallory' }), invalidAccess);

    const { privateKey } = await generateKeyPair('RS256');
    const header = decodeProtectedHeader(token);
    const foreignKey = await new SignJWT(decodeJwt(token)).setProtectedHeader({ kid: header.kid!, alg: 'RS256' }).sign(privateKey);
    await expectRefusedEverywhere(session, foreignKey, invalidAccess);

    await expectRefusedEverywhere(session, 'not-a-jwt', invalidAccess);
    const [headerPart, payloadPart] = token.split('.');
    await expectRefusedEverywhere(session, `${headerPart}.${payloadPart}.`, invalidAccess);
  });

  it("refuses another pool's token presented as this pool's, and tokens of a deleted pool", async () => {
    const session = await signedIn();
    const other = await signedIn();
    const otherIssuer = decodeJwt(other.tokens.AccessToken!).iss;
    await expectRefusedEverywhere(session, tampered(session.tokens.AccessToken!, { iss: otherIssuer }), invalidAccess);

    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: other.poolId }));
    await expect(getUser(other.tokens.AccessToken!)).rejects.toMatchObject(invalidAccess);
  });

  it('refuses an ID token used as an access token', async () => {
    const session = await signedIn();
    await expectRefusedEverywhere(session, session.tokens.IdToken!, invalidAccess);
  });

  it('refuses an expired token (ExpiresIn after issue), and accepts it a second earlier', async () => {
    const session = await signedIn();
    expect(session.tokens.ExpiresIn).toBe(3600);
    clock.time += HOUR - 1000;
    await expect(getUser(session.tokens.AccessToken!)).resolves.toHaveProperty('Username', 'alice');
    clock.time += 1000;
    await expectRefusedEverywhere(session, session.tokens.AccessToken!, { name: 'NotAuthorizedException', message: 'Access Token has expired' });
  });

  it('refuses a token without the aws.cognito.signin.user.admin scope', async () => {
    const session = await signedIn();
    const claims = decodeJwt(session.tokens.AccessToken!);
    expect(claims.scope).toBe('aws.cognito.signin.user.admin');
    const openidOnly = await signedWithPoolKey(session.poolId, { ...claims, scope: 'openid email' });
    await expectRefusedEverywhere(session, openidOnly, { name: 'NotAuthorizedException', message: 'Access Token does not have required scopes' });
    const withAdmin = await signedWithPoolKey(session.poolId, { ...claims, scope: 'openid aws.cognito.signin.user.admin' });
    await expect(getUser(withAdmin)).resolves.toHaveProperty('Username', 'alice');
  });

  it('refuses a revoked token in every operation', async () => {
    const session = await signedIn();
    await revoke(session.clientId, session.tokens.RefreshToken!);
    await expectRefusedEverywhere(session, session.tokens.AccessToken!, revokedAccess);
  });
});

describe('GlobalSignOut', () => {
  it("revokes the user's refresh tokens and access tokens; tokens issued afterwards work", async () => {
    const session = await signedIn();
    const second = await signIn(session.clientId, 'alice');
    const refreshed = await refresh(session, session.tokens.RefreshToken!);
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: session.tokens.AccessToken }));

    for (const accessToken of [session.tokens.AccessToken!, second.AccessToken!, refreshed.AuthenticationResult!.AccessToken!]) {
      await expect(getUser(accessToken)).rejects.toMatchObject(revokedAccess);
    }
    await expect(refresh(session, session.tokens.RefreshToken!)).rejects.toMatchObject(revokedRefresh);
    await expect(refresh(session, second.RefreshToken!)).rejects.toMatchObject(revokedRefresh);

    const after = await signIn(session.clientId, 'alice');
    await expect(getUser(after.AccessToken!)).resolves.toHaveProperty('Username', 'alice');
    await expect(refresh(session, after.RefreshToken!)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
  });

  it('leaves other users signed in', async () => {
    const session = await signedIn();
    await newUser(session.poolId, 'bob');
    const bob = await signIn(session.clientId, 'bob');
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: session.tokens.AccessToken }));
    await expect(getUser(bob.AccessToken!)).resolves.toHaveProperty('Username', 'bob');
    await expect(refresh(session, bob.RefreshToken!)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
  });

  it('signs out clients without token revocation too (their tokens carry no origin_jti)', async () => {
    const session = await signedIn({ EnableTokenRevocation: false });
    const claims = decodeJwt(session.tokens.AccessToken!);
    expect(claims.jti).toBeUndefined();
    expect(claims.origin_jti).toBeUndefined();
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: session.tokens.AccessToken }));
    await expect(getUser(session.tokens.AccessToken!)).rejects.toMatchObject(revokedAccess);
    await expect(refresh(session, session.tokens.RefreshToken!)).rejects.toMatchObject(revokedRefresh);
    // Such tokens only say which second they were issued in: a new sign-in counts from the next one.
    clock.time += 1000;
    const after = await signIn(session.clientId, 'alice');
    await expect(getUser(after.AccessToken!)).resolves.toHaveProperty('Username', 'alice');
  });
});

describe('AdminUserGlobalSignOut', () => {
  const signOut = (UserPoolId: string, Username: string) => sandbox.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username }));

  it('signs the named user out everywhere', async () => {
    const session = await signedIn();
    await signOut(session.poolId, 'alice');
    await expect(getUser(session.tokens.AccessToken!)).rejects.toMatchObject(revokedAccess);
    await expect(refresh(session, session.tokens.RefreshToken!)).rejects.toMatchObject(revokedRefresh);
  });

  it('answers ResourceNotFoundException and UserNotFoundException', async () => {
    const session = await signedIn();
    await expect(signOut('us-east-1_Missing00', 'alice')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Missing00 does not exist.',
    });
    await expect(signOut(session.poolId, 'nobody')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });
});

describe('RevokeToken', () => {
  it('revokes the refresh token and every access token minted from it; other sessions stay', async () => {
    const session = await signedIn();
    const refreshed = (await refresh(session, session.tokens.RefreshToken!)).AuthenticationResult!;
    const other = await signIn(session.clientId, 'alice');
    await expect(revoke(session.clientId, session.tokens.RefreshToken!)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });

    await expect(getUser(session.tokens.AccessToken!)).rejects.toMatchObject(revokedAccess);
    await expect(getUser(refreshed.AccessToken!)).rejects.toMatchObject(revokedAccess);
    await expect(refresh(session, session.tokens.RefreshToken!)).rejects.toMatchObject(revokedRefresh);

    await expect(getUser(other.AccessToken!)).resolves.toHaveProperty('Username', 'alice');
    await expect(refresh(session, other.RefreshToken!)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
  });

  it('answers success for a token that is already revoked, unknown, or issued to another client, and revokes nothing then', async () => {
    const session = await signedIn();
    const { clientId: otherClient } = await newClient(session.poolId);
    await expect(revoke(otherClient, session.tokens.RefreshToken!)).resolves.toBeDefined();
    await expect(refresh(session, session.tokens.RefreshToken!)).resolves.toHaveProperty('AuthenticationResult.AccessToken');

    const [header, ...rest] = session.tokens.RefreshToken!.split('.');
    await expect(revoke(session.clientId, [header, ...rest.map(() => 'AAAA')].join('.'))).resolves.toBeDefined();

    await revoke(session.clientId, session.tokens.RefreshToken!);
    await expect(revoke(session.clientId, session.tokens.RefreshToken!)).resolves.toBeDefined();
  });

  it('refuses ID and access tokens', async () => {
    const session = await signedIn();
    for (const token of [session.tokens.AccessToken!, session.tokens.IdToken!]) {
      await expect(revoke(session.clientId, token)).rejects.toMatchObject({
        name: 'UnsupportedTokenTypeException',
        message: 'Only refresh tokens can be revoked.',
      });
    }
    await expect(getUser(session.tokens.AccessToken!)).resolves.toHaveProperty('Username', 'alice');
  });

  it('needs the client secret of a confidential client', async () => {
    const poolId = await newPool();
    const { clientId, clientSecret } = await newClient(poolId, { GenerateSecret: true });
    await newUser(poolId, 'alice');
    const secretHash = createHmac('sha256', clientSecret!).update(`alice${clientId}`).digest('base64');
    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD, SECRET_HASH: secretHash } }),
    );
    const { AccessToken, RefreshToken } = AuthenticationResult!;
    const failed = { name: 'UnauthorizedException', message: 'Client authentication failed.' };
    await expect(revoke(clientId, RefreshToken!)).rejects.toMatchObject(failed);
    await expect(revoke(clientId, RefreshToken!, 'wrongsecret')).rejects.toMatchObject(failed);
    await expect(getUser(AccessToken!)).resolves.toHaveProperty('Username', 'alice');
    await expect(revoke(clientId, RefreshToken!, clientSecret)).resolves.toBeDefined();
    await expect(getUser(AccessToken!)).rejects.toMatchObject(revokedAccess);
  });

  it('refuses unknown clients and clients without token revocation', async () => {
    const session = await signedIn({ EnableTokenRevocation: false });
    await expect(revoke(session.clientId, session.tokens.RefreshToken!)).rejects.toMatchObject({
      name: 'UnsupportedOperationException',
      message: 'Token revocation is not enabled for this client.',
    });
    await expect(refresh(session, session.tokens.RefreshToken!)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
    await expect(revoke('nosuchclient0000000000000a', session.tokens.RefreshToken!)).rejects.toMatchObject({
      name: 'UnauthorizedException',
      message: 'Client authentication failed.',
    });
  });

  it('validates its input without echoing the token or the secret', async () => {
    const { json } = await rawCall(sandbox.url, 'RevokeToken', { ClientId: 'abc', Token: 'bad token', ClientSecret: 'bad secret' });
    expect(json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+; Value at 'clientSecret' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    });
    const missing = await rawCall(sandbox.url, 'RevokeToken', { ClientId: 'abc' });
    expect(missing.json.message).toBe("1 validation error detected: Value null at 'token' failed to satisfy constraint: Member must not be null");
  });
});

/** A JWKS cache that fetches over plain HTTP, as an app pointed at a local sandbox does. */
function httpJwksCache(): SimpleJwksCache {
  return new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });
}

describe('offline verification with aws-jwt-verify', () => {
  it("verifies ID and access tokens against the pool's JWKS, even after sign-out", async () => {
    const session = await signedIn();
    const issuer = `${sandbox.url}/${session.poolId}`;
    const jwksUri = `${issuer}/.well-known/jwks.json`;
    const idVerifier = JwtRsaVerifier.create({ issuer, audience: session.clientId, jwksUri }, { jwksCache: httpJwksCache() });
    const accessVerifier = JwtRsaVerifier.create(
      {
        issuer,
        audience: null,
        jwksUri,
        customJwtCheck: ({ payload }) => {
          if (payload.token_use !== 'access' || payload.client_id !== session.clientId) throw new Error('not an access token of the client');
        },
      },
      { jwksCache: httpJwksCache() },
    );
    const id = await idVerifier.verify(session.tokens.IdToken!);
    expect(id).toMatchObject({ token_use: 'id', aud: session.clientId, iss: issuer, 'cognito:username': 'alice' });
    const access = await accessVerifier.verify(session.tokens.AccessToken!);
    expect(access).toMatchObject({ token_use: 'access', client_id: session.clientId, iss: issuer, username: 'alice' });

    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: session.tokens.AccessToken }));
    await expect(accessVerifier.verify(session.tokens.AccessToken!)).resolves.toMatchObject({ username: 'alice' });
    await expect(getUser(session.tokens.AccessToken!)).rejects.toMatchObject(revokedAccess);
  });

  it("rejects another pool's tokens and tampered tokens", async () => {
    const session = await signedIn();
    const other = await signedIn();
    const issuer = `${sandbox.url}/${session.poolId}`;
    const verifier = JwtRsaVerifier.create(
      { issuer, audience: session.clientId, jwksUri: `${issuer}/.well-known/jwks.json` },
      { jwksCache: httpJwksCache() },
    );
    await expect(verifier.verify(other.tokens.IdToken!)).rejects.toThrow();
    await expect(verifier.verify(tampered(session.tokens.IdToken!, { 'cognito:username': 'mallory' }))).rejects.toThrow();
    await expect(verifier.verify(session.tokens.IdToken!)).resolves.toMatchObject({ 'cognito:username': 'alice' });
  });

  it('publishes a discovery document that names the issuer and the JWKS', async () => {
    const session = await signedIn();
    const base = sandbox.url;
    const discovery = (await (await fetch(`${base}/${session.poolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toEqual({
      authorization_endpoint: `${base}/oauth2/authorize`,
      end_session_endpoint: `${base}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: `${base}/${session.poolId}`,
      jwks_uri: `${base}/${session.poolId}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      revocation_endpoint: `${base}/oauth2/revoke`,
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${base}/oauth2/userInfo`,
    });
    expect(decodeJwt(session.tokens.IdToken!).iss).toBe(discovery.issuer);
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as Jwks;
    const kids = jwks.keys.map((key) => key.kid);
    expect(kids).toContain(decodeProtectedHeader(session.tokens.IdToken!).kid);
    expect(kids).toContain(decodeProtectedHeader(session.tokens.AccessToken!).kid);
  });
});

describe('--aws-issuer', () => {
  let aws: TestSandbox;
  beforeAll(async () => {
    aws = await startSandbox({ awsIssuer: true });
  });
  afterAll(() => aws.close());

  it("issues Cognito's own issuer, which CognitoJwtVerifier accepts with the JWKS preloaded from the sandbox", async () => {
    const poolId = await newPool(aws.cognito);
    const { clientId } = await newClient(poolId, {}, aws.cognito);
    await newUser(poolId, 'alice', aws.cognito);
    const tokens = await signIn(clientId, 'alice', aws.cognito);
    const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    expect(decodeJwt(tokens.AccessToken!).iss).toBe(issuer);
    expect(decodeJwt(tokens.IdToken!).iss).toBe(issuer);

    const discovery = (await (await fetch(`${aws.url}/${poolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(issuer);
    const jwks = (await (await fetch(`${aws.url}/${poolId}/.well-known/jwks.json`)).json()) as Jwks;

    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
    accessVerifier.cacheJwks(jwks);
    await expect(accessVerifier.verify(tokens.AccessToken!)).resolves.toMatchObject({ username: 'alice', client_id: clientId });
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    idVerifier.cacheJwks(jwks);
    await expect(idVerifier.verify(tokens.IdToken!)).resolves.toMatchObject({ 'cognito:username': 'alice', aud: clientId });
    await expect(idVerifier.verify(tokens.AccessToken!)).rejects.toThrow();

    await expect(aws.cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).resolves.toHaveProperty('Username', 'alice');
  });
});
