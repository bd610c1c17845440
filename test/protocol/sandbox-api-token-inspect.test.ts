/**
 * `POST /_sandbox/api/tokens/inspect` with real tokens: a USER_PASSWORD_AUTH sign-in through the
 * AWS SDK, then the same tokens after GlobalSignOut, RevokeToken, AdminDisableUser and
 * AdminDeleteUser, past their expiry on the test clock, a token signed with a key of the test's
 * own (under a foreign issuer, and forged under the pool's issuer and kid), the refresh token
 * itself, and bad bodies.
 */
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRevokeUserSessionCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUserSessionsCommand,
  RevokeTokenCommand,
  RevokeUserSessionCommand,
  SetUserPoolSessionConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TokenInspection } from '../../shared/debugger-api.js';
import { testClock } from '../support/clock.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const HOUR = 60 * 60 * 1000;
const PASSWORD = 'Passw0rd!';
const clock = testClock(START);

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

async function inspect(body: unknown, contentType = 'application/json'): Promise<{ status: number; body: TokenInspection & ErrorBody }> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/tokens/inspect`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TokenInspection & ErrorBody };
}

const inspected = async (token: string) => {
  const { status, body } = await inspect({ token });
  expect(status).toBe(200);
  return body;
};

interface SignedIn {
  poolId: string;
  clientId: string;
  username: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

async function signIn(clientId: string, username: string) {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return { accessToken: AuthenticationResult!.AccessToken!, idToken: AuthenticationResult!.IdToken!, refreshToken: AuthenticationResult!.RefreshToken! };
}

async function signedIn(name: string): Promise<SignedIn> {
  const poolId = await createPool(sandbox.cognito, { PoolName: name });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: `${name}-app`, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD });
  return { poolId, clientId, username: 'alice', ...(await signIn(clientId, 'alice')) };
}

describe('a fresh sign-in', () => {
  it('its access token: valid signature, its pool and client, active, accepted', async () => {
    const account = await signedIn('fresh');
    const result = await inspected(account.accessToken);
    expect(result.format).toBe('jwt');
    expect(result.signature.status).toBe('valid');
    expect(result.signature.kid).toBe(decodeProtectedHeader(account.accessToken).kid);
    expect(result.issuer).toBe(`${sandbox.url}/${account.poolId}`);
    expect(result.pool).toEqual({ id: account.poolId, name: 'fresh' });
    expect(result.client).toEqual({ id: account.clientId, name: 'fresh-app' });
    expect(result.tokenUse).toBe('access');
    expect(result.user).toMatchObject({ username: 'alice', enabled: true, status: 'CONFIRMED' });
    expect(result.claims?.username).toBe('alice');
    expect(result.header?.alg).toBe('RS256');
    expect(result.issuedAt).toBe(Math.floor(START / 1000) * 1000);
    expect(result.expiresAt).toBe(result.issuedAt! + HOUR);
    expect(result.now).toBe(clock.time);
    expect(result.expired).toBe(false);
    expect(result.revocation.status).toBe('active');
    expect(result.refusal).toBeNull();
  });

  it('its ID token names the client as its audience; a "Bearer " prefix and whitespace are ignored', async () => {
    const account = await signedIn('id-token');
    const result = await inspected(`  Bearer ${account.idToken}\n`);
    expect(result.tokenUse).toBe('id');
    expect(result.signature.status).toBe('valid');
    expect(result.signature.message).toContain('id token key');
    expect(result.client).toEqual({ id: account.clientId, name: 'id-token-app' });
    expect(result.refusal).toBeNull();
  });

  it('its refresh token: found by its hash, opaque, with its client and expiry', async () => {
    const account = await signedIn('refresh');
    const result = await inspected(account.refreshToken);
    expect(result).toMatchObject({ format: 'refresh', tokenUse: 'refresh', pool: { id: account.poolId }, client: { id: account.clientId } });
    expect(result.signature.status).toBe('opaque');
    expect(result.expiresAt).toBe(clock.time + 30 * 24 * HOUR);
    expect(result.revocation.status).toBe('active');
  });
});

describe('revoked', () => {
  it('after GlobalSignOut: access, ID and refresh tokens revoked as a global sign-out, GetUser refuses', async () => {
    const account = await signedIn('global');
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: account.accessToken }));
    for (const token of [account.accessToken, account.idToken, account.refreshToken]) {
      const result = await inspected(token);
      expect(result.revocation).toMatchObject({ status: 'revoked', reason: 'global-sign-out', since: clock.time });
    }
    const access = await inspected(account.accessToken);
    expect(access.signature.status).toBe('valid');
    expect(access.refusal).toBe('NotAuthorizedException: Access Token has been revoked');
  });

  it('after RevokeToken: the family revoked, another sign-in of the same user untouched', async () => {
    const account = await signedIn('revoke');
    const other = await signIn(account.clientId, 'alice');
    await sandbox.cognito.send(new RevokeTokenCommand({ Token: account.refreshToken, ClientId: account.clientId }));
    const result = await inspected(account.accessToken);
    expect(result.revocation).toMatchObject({ status: 'revoked', reason: 'refresh-token-revoked' });
    expect(result.refusal).toBe('NotAuthorizedException: Access Token has been revoked');
    expect((await inspected(account.refreshToken)).revocation.reason).toBe('refresh-token-revoked');
    expect((await inspected(other.accessToken)).revocation.status).toBe('active');
  });

  it('RevokeToken, RevokeUserSession, AdminRevokeUserSession and a MaxPerUser eviction each give their own reason', async () => {
    const account = await signedIn('session-causes');
    const { poolId, clientId } = account;
    await sandbox.cognito.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 3 } }));
    const revokedByToken = await signIn(clientId, 'alice');
    const revokedByUser = await signIn(clientId, 'alice');
    const revokedByAdmin = await signIn(clientId, 'alice');
    const sessionOf = async (tokens: { accessToken: string }) =>
      (await sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: tokens.accessToken }))).Sessions!.find((s) => s.IsCurrentSession)!.SessionId!;

    await sandbox.cognito.send(new RevokeTokenCommand({ Token: revokedByToken.refreshToken, ClientId: clientId }));
    await sandbox.cognito.send(new RevokeUserSessionCommand({ AccessToken: revokedByAdmin.accessToken, SessionId: await sessionOf(revokedByUser) }));
    await sandbox.cognito.send(new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: 'alice', SessionId: await sessionOf(revokedByAdmin) }));

    const byToken = (await inspected(revokedByToken.accessToken)).revocation;
    expect(byToken).toMatchObject({ status: 'revoked', reason: 'refresh-token-revoked', since: clock.time });
    expect(byToken.message).toBe("Its sign-in's refresh token was revoked (RevokeToken): every token minted from it is refused.");
    for (const token of [revokedByUser.accessToken, revokedByUser.idToken, revokedByUser.refreshToken]) {
      expect((await inspected(token)).revocation).toEqual({
        status: 'revoked',
        reason: 'session-revoked',
        since: clock.time,
        message: 'The user ended its token session (RevokeUserSession): every token of that session is refused.',
      });
    }
    const byAdmin = (await inspected(revokedByAdmin.refreshToken)).revocation;
    expect(byAdmin).toMatchObject({ status: 'revoked', reason: 'session-revoked' });
    expect(byAdmin.message).toBe('An administrator ended its token session (AdminRevokeUserSession): every token of that session is refused.');
    expect((await inspected(revokedByAdmin.accessToken)).refusal).toBe('NotAuthorizedException: Access Token has been revoked');

    // Three live sessions, a second apart; a fourth sign-in is past MaxPerUser (3): the least recently used one goes.
    const live = [];
    for (let i = 0; i < 3; i++) {
      clock.time += 1_000;
      live.push(await signIn(clientId, 'alice'));
    }
    clock.time += 1_000;
    await signIn(clientId, 'alice');
    const evicted = (await inspected(live[0]!.accessToken)).revocation;
    expect(evicted).toMatchObject({ status: 'revoked', reason: 'session-evicted', since: clock.time });
    expect(evicted.message).toMatch(/^A newer sign-in ended its token session: .*MaxPerUser/);
    for (const tokens of live.slice(1)) expect((await inspected(tokens.accessToken)).revocation.status).toBe('active');
  });

  it('its user disabled, then deleted', async () => {
    const account = await signedIn('user-gone');
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: account.poolId, Username: 'alice' }));
    const disabled = await inspected(account.accessToken);
    expect(disabled.revocation).toMatchObject({ status: 'revoked', reason: 'user-disabled' });
    expect(disabled.user?.enabled).toBe(false);
    expect(disabled.refusal).toBe('NotAuthorizedException: User is disabled.');
    await sandbox.cognito.send(new AdminEnableUserCommand({ UserPoolId: account.poolId, Username: 'alice' }));
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: account.poolId, Username: 'alice' }));
    const deleted = await inspected(account.accessToken);
    expect(deleted.revocation).toMatchObject({ status: 'revoked', reason: 'user-deleted' });
    expect(deleted.user).toBeNull();
    expect(deleted.refusal).toBe('UserNotFoundException: User does not exist.');
  });
});

describe('expired', () => {
  it('past its exp on the test clock: expired, the refusal says so, the refresh token still good', async () => {
    const account = await signedIn('expired');
    const issued = clock.time;
    clock.time = issued + HOUR + 1000;
    try {
      const result = await inspected(account.accessToken);
      expect(result.expired).toBe(true);
      expect(result.signature.status).toBe('valid');
      expect(result.refusal).toBe('NotAuthorizedException: Access Token has expired');
      const refresh = await inspected(account.refreshToken);
      expect(refresh.expired).toBe(false);
    } finally {
      clock.time = issued;
    }
  });
});

describe('not this sandbox’s', () => {
  it('a token signed with a key of the test’s own under a foreign issuer: decoded, unknown issuer', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ token_use: 'access', client_id: 'foreign-client', scope: 'openid' })
      .setProtectedHeader({ alg: 'RS256', kid: 'foreign-kid' })
      .setIssuer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Elsewhere')
      .setSubject('someone')
      .setIssuedAt(Math.floor(clock.time / 1000))
      .setExpirationTime(Math.floor(clock.time / 1000) + 300)
      .sign(privateKey);
    const result = await inspected(foreign);
    expect(result.signature).toMatchObject({ status: 'unknown-issuer', kid: 'foreign-kid', alg: 'RS256' });
    expect(result.pool).toBeNull();
    expect(result.client).toEqual({ id: 'foreign-client', name: null });
    expect(result.revocation.status).toBe('unknown');
    expect(result.claims?.sub).toBe('someone');
    expect(result.refusal).toBeNull();
    expect(result.expiresAt).toBe(Math.floor(clock.time / 1000) * 1000 + 300_000);
  });

  it('a forgery under the pool’s issuer: the pool’s kid with another key is invalid, another kid is unknown', async () => {
    const account = await signedIn('forged');
    const { privateKey } = await generateKeyPair('RS256');
    const forge = (kid: string) =>
      new SignJWT({ token_use: 'access', client_id: account.clientId, scope: 'aws.cognito.signin.user.admin', username: 'alice' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(`${sandbox.url}/${account.poolId}`)
        .setSubject('anyone')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    const sameKid = await inspected(await forge(decodeProtectedHeader(account.accessToken).kid!));
    expect(sameKid.signature.status).toBe('invalid');
    expect(sameKid.revocation.status).toBe('unknown');
    expect(sameKid.refusal).toBe('NotAuthorizedException: Invalid Access Token');
    const otherKid = await inspected(await forge('not-a-pool-key'));
    expect(otherKid.signature.status).toBe('unknown-key');
  });

  it('an unsigned token (alg none) under the pool’s issuer is not valid', async () => {
    const account = await signedIn('unsigned');
    const [header, claims] = account.accessToken.split('.');
    const kid = JSON.parse(Buffer.from(header!, 'base64url').toString()).kid;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${claims}.`;
    expect((await inspected(none)).signature.status).toBe('invalid');
  });
});

describe('bad input', () => {
  it.each([
    ['not a token', { token: 'hello' }],
    ['an empty token', { token: '  ' }],
    ['no token', {}],
    ['a number', { token: 42 }],
    ['an array body', [1]],
    ['a token too long', { token: 'a'.repeat(40_000) }],
    ['three parts of garbage', { token: 'a.b.c' }],
  ])('%s: 400 bad_request', async (_name, body) => {
    const { status, body: answer } = await inspect(body);
    expect(status).toBe(400);
    expect(answer.error).toBe('bad_request');
  });

  it('a body that is not JSON, or not declared JSON: 400', async () => {
    expect((await inspect('{"token":', 'application/json')).status).toBe(400);
    expect((await inspect('token=x', 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('GET is no route: 404', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/api/tokens/inspect`);
    expect(response.status).toBe(404);
  });
});
