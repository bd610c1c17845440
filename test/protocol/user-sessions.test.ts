/**
 * User sessions through the AWS SDK: the session configurations (defaults, tiers, bounds), token
 * sessions begun by sign-ins and what they show, MaxPerUser's eviction, revocation that refuses
 * the refresh token (SDK and amazon-cognito-identity-js), and SSO sessions of the hosted UI:
 * linked to their token sessions, reused within the client's MaxValidityMinutes, ended by revocation.
 */
import {
  RevokeTokenCommand,
  AdminInitiateAuthCommand,
  AdminListUserSessionsCommand,
  AdminRevokeUserSessionCommand,
  CreateUserPoolDomainCommand,
  GetUserCommand,
  GetUserPoolClientSessionConfigurationCommand,
  GetUserPoolSessionConfigurationCommand,
  InitiateAuthCommand,
  ListUserSessionsCommand,
  RevokeUserSessionCommand,
  SetUserPoolClientSessionConfigurationCommand,
  SetUserPoolSessionConfigurationCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoRefreshToken, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { getPage, passwordLogin } from '../support/hosted-login.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const CALLBACK = 'http://localhost:3000/callback';

let sandbox: TestSandbox;
const clock = testClock(Date.now());
beforeEach(() => {
  clock.time = Date.now();
});
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string } | undefined;
  expect(error, 'the call was expected to be refused').toBeDefined();
  return { name: error!.name, message: error!.message };
}

const track = (UserPoolId: string, MaxPerUser = 20, UserSessionTracking: 'ENABLED' | 'DISABLED' = 'ENABLED') =>
  sandbox.cognito.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId, UserSessionTracking, TokenSession: { MaxPerUser } }));

/** A pool with a public client that signs in with a password and revokes tokens, and alice. */
async function apiWorld(tracking = true) {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'sessions' });
  const { clientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    EnableTokenRevocation: true,
  });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD });
  if (tracking) await track(poolId);
  return { poolId, clientId };
}

async function signIn(clientId: string, username = 'alice'): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return AuthenticationResult!;
}

const refresh = (clientId: string, RefreshToken: string) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: RefreshToken } }));

const adminSessions = async (UserPoolId: string, Username = 'alice') =>
  (await sandbox.cognito.send(new AdminListUserSessionsCommand({ UserPoolId, Username }))).Sessions ?? [];

describe('Get/SetUserPoolSessionConfiguration', () => {
  it('answers DISABLED and 20 for a pool never configured, then what Set stored', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'config' });
    const before = await sandbox.cognito.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }));
    expect(before).toMatchObject({ UserPoolId: poolId, UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 20 } });
    const set = await track(poolId, 5);
    expect(set).toMatchObject({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } });
    const after = await sandbox.cognito.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }));
    expect(after).toMatchObject({ UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } });
  });

  it('refuses a Lite pool, MaxPerUser out of 1..100, a missing member, and an unknown pool', async () => {
    const lite = await createPool(sandbox.cognito, { PoolName: 'lite', UserPoolTier: 'LITE' });
    expect(await refusal(track(lite))).toMatchObject({ name: 'FeatureUnavailableInTierException' });
    const poolId = await createPool(sandbox.cognito, { PoolName: 'bounds' });
    expect(await refusal(track(poolId, 0))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await refusal(track(poolId, 101))).toMatchObject({ name: 'InvalidParameterException' });
    const missing = await rawCall(sandbox.url, 'SetUserPoolSessionConfiguration', { UserPoolId: poolId, UserSessionTracking: 'ENABLED' });
    expect(missing).toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
    const badEnum = await rawCall(sandbox.url, 'SetUserPoolSessionConfiguration', { UserPoolId: poolId, UserSessionTracking: 'ON', TokenSession: { MaxPerUser: 3 } });
    expect(badEnum).toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
    expect(await refusal(track('us-east-1_missing'))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(sandbox.cognito.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: 'us-east-1_missing' })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('Get/SetUserPoolClientSessionConfiguration', () => {
  const setSso = (UserPoolId: string, ClientId: string, MaxValidityMinutes: number) =>
    sandbox.cognito.send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId, ClientId, SSOSession: { MaxValidityMinutes } }));

  it('answers 60 minutes for a client never configured, and needs session tracking to set it', async () => {
    const { poolId, clientId } = await apiWorld(false);
    const before = await sandbox.cognito.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(before).toMatchObject({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 60 } });
    expect(await refusal(setSso(poolId, clientId, 30))).toMatchObject({ name: 'OperationNotEnabledException' });
    await track(poolId);
    expect(await setSso(poolId, clientId, 43200)).toMatchObject({ ClientId: clientId, SSOSession: { MaxValidityMinutes: 43200 } });
    const after = await sandbox.cognito.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(after.SSOSession).toEqual({ MaxValidityMinutes: 43200 });
  });

  it('refuses minutes out of 0..129600, another pool\'s client, an unknown client, and a Lite pool', async () => {
    const { poolId, clientId } = await apiWorld();
    expect(await refusal(setSso(poolId, clientId, -1))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await refusal(setSso(poolId, clientId, 129601))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await setSso(poolId, clientId, 0)).toMatchObject({ SSOSession: { MaxValidityMinutes: 0 } });
    const other = await apiWorld();
    expect(await refusal(setSso(other.poolId, clientId, 10))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(sandbox.cognito.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: 'nosuchclient' })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const lite = await createPool(sandbox.cognito, { PoolName: 'lite', UserPoolTier: 'LITE' });
    const { clientId: liteClient } = await createClient(sandbox.cognito, lite, { ClientName: 'lite' });
    expect(await refusal(setSso(lite, liteClient, 10))).toMatchObject({ name: 'FeatureUnavailableInTierException' });
  });
});

describe('token sessions', () => {
  it('lists each sign-in as a TOKEN session with its client, IP, device and dates; IsCurrentSession marks the caller\'s', async () => {
    const { poolId, clientId } = await apiWorld();
    const first = await signIn(clientId);
    const second = await signIn(clientId);
    const { Sessions } = await sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: first.AccessToken }));
    expect(Sessions).toHaveLength(2);
    for (const session of Sessions!) {
      expect(session).toMatchObject({ SessionType: 'TOKEN', ClientId: clientId, LastIPAddress: '127.0.0.1', LastLocation: { Country: 'unknown' } });
      expect(session.SessionId).toMatch(/^tkn[a-z0-9]{25}$/);
      expect(session.DeviceType).toMatch(/^aws-sdk-js 3\.\d+\.\d+ \/ linux/);
      expect(session.CreateDate!.getTime()).toBeLessThanOrEqual(session.LastActiveDate!.getTime());
      expect(session.OriginSessionId).toBeUndefined();
    }
    expect(Sessions!.filter((s) => s.IsCurrentSession)).toHaveLength(1);
    const fromSecond = await sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: second.AccessToken }));
    const current = (r: typeof fromSecond) => r.Sessions!.find((s) => s.IsCurrentSession)!.SessionId;
    expect(current(fromSecond)).not.toBe(Sessions!.find((s) => s.IsCurrentSession)!.SessionId);
    expect((await adminSessions(poolId)).map((s) => s.IsCurrentSession)).toEqual([false, false]);
  });

  it('moves LastActiveDate on a refresh, and keeps the session', async () => {
    const { poolId, clientId } = await apiWorld();
    const { RefreshToken } = await signIn(clientId);
    const [before] = await adminSessions(poolId);
    clock.time += 60_000;
    await refresh(clientId, RefreshToken!);
    const [after] = await adminSessions(poolId);
    expect(after!.SessionId).toBe(before!.SessionId);
    expect(after!.LastActiveDate!.getTime() - before!.LastActiveDate!.getTime()).toBeGreaterThanOrEqual(59_000);
    expect(after!.CreateDate).toEqual(before!.CreateDate);
  });

  it('RevokeUserSession revokes another session: its refresh token and access token are refused; the current one cannot be revoked', async () => {
    const { poolId, clientId } = await apiWorld();
    const mine = await signIn(clientId);
    const other = await signIn(clientId);
    const { Sessions } = await sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: mine.AccessToken }));
    const current = Sessions!.find((s) => s.IsCurrentSession)!.SessionId!;
    const target = Sessions!.find((s) => !s.IsCurrentSession)!.SessionId!;

    expect(await refusal(sandbox.cognito.send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken, SessionId: current })))).toMatchObject({
      name: 'InvalidParameterException',
    });
    await sandbox.cognito.send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken, SessionId: target }));

    expect(await refusal(refresh(clientId, other.RefreshToken!))).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await refusal(sandbox.cognito.send(new GetUserCommand({ AccessToken: other.AccessToken })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await adminSessions(poolId)).map((s) => s.SessionId)).toEqual([current]);
    expect((await refresh(clientId, mine.RefreshToken!)).AuthenticationResult?.AccessToken).toBeDefined();
    expect(await refusal(sandbox.cognito.send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken, SessionId: target })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('AdminRevokeUserSession: amazon-cognito-identity-js then cannot refresh the session', async () => {
    const { poolId, clientId } = await apiWorld();
    const userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url });
    const user = new CognitoUser({ Username: 'alice', Pool: userPool });
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), { onSuccess: resolve, onFailure: reject }),
    );
    const [tracked] = await adminSessions(poolId);
    expect(tracked).toMatchObject({ SessionType: 'TOKEN', ClientId: clientId });
    await sandbox.cognito.send(new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: 'alice', SessionId: tracked!.SessionId }));
    const failure = await new Promise<Error | null>((resolve) =>
      user.refreshSession(new CognitoRefreshToken({ RefreshToken: session.getRefreshToken().getToken() }), (error: Error | null) => resolve(error)),
    );
    expect(failure).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await adminSessions(poolId)).toEqual([]);
  });

  it('refuses another user\'s session, an unknown user, a malformed session id, and a NextToken', async () => {
    const { poolId, clientId } = await apiWorld();
    await createAdminUser(sandbox.cognito, poolId, 'bob', { password: PASSWORD });
    await signIn(clientId, 'bob');
    const [bobs] = await adminSessions(poolId, 'bob');
    const revoke = (Username: string, SessionId: string) => sandbox.cognito.send(new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username, SessionId }));
    expect(await refusal(revoke('alice', bobs!.SessionId!))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(revoke('nobody', bobs!.SessionId!))).toMatchObject({ name: 'UserNotFoundException' });
    expect(await refusal(revoke('bob', 'tkn-not-a-session'))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await refusal(revoke('bob', `abc${'a'.repeat(25)}`))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await refusal(revoke('bob', `tkn${'0'.repeat(25)}`))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(sandbox.cognito.send(new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'bob', NextToken: 'next' })))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await refusal(sandbox.cognito.send(new AdminListUserSessionsCommand({ UserPoolId: 'us-east-1_missing', Username: 'bob' })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(await refusal(sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: 'not.a.token' })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await adminSessions(poolId, 'bob')).map((s) => s.SessionId)).toEqual([bobs!.SessionId]);
  });

  it('tracks nothing while tracking is DISABLED, nor afterwards for the sign-ins made then', async () => {
    const { poolId, clientId } = await apiWorld(false);
    const untracked = await signIn(clientId);
    expect(await adminSessions(poolId)).toEqual([]);
    await track(poolId);
    expect((await sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: untracked.AccessToken }))).Sessions).toEqual([]);
    await signIn(clientId);
    expect(await adminSessions(poolId)).toHaveLength(1);
  });

  it('MaxPerUser: the next sign-in at the limit evicts the least recently used session, across clients', async () => {
    const { poolId, clientId } = await apiWorld();
    const { clientId: adminClient } = await createClient(sandbox.cognito, poolId, { ClientName: 'admin', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await track(poolId, 2);
    const oldest = await signIn(clientId);
    clock.time += 1_000;
    const used = await signIn(clientId);
    clock.time += 1_000;
    await refresh(clientId, oldest.RefreshToken!); // oldest is now the most recently active
    clock.time += 1_000;
    await sandbox.cognito.send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: adminClient, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
    );
    const sessions = await adminSessions(poolId);
    expect(sessions.map((s) => s.ClientId).sort()).toEqual([adminClient, clientId].sort());
    expect(await refusal(refresh(clientId, used.RefreshToken!))).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect((await refresh(clientId, oldest.RefreshToken!)).AuthenticationResult).toBeDefined();

    await track(poolId, 1); // lowering evicts nothing until the next sign-in
    expect(await adminSessions(poolId)).toHaveLength(2);
    await signIn(clientId);
    expect(await adminSessions(poolId)).toHaveLength(1);
  });
});

describe('SSO sessions of the hosted UI', () => {
  let domains = 0;
  async function hostedWorld() {
    const { poolId, clientId: _api } = await apiWorld();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `sessions-${++domains}-${process.pid}` }));
    const { clientId } = await createClient(sandbox.cognito, poolId, {
      ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin'],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
    });
    const authorize = (extra: Record<string, string> = {}) =>
      `${sandbox.url}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid aws.cognito.signin.user.admin', ...extra })}`;
    return { poolId, clientId, authorize };
  }

  async function redeem(clientId: string, location: string): Promise<{ refresh_token: string; access_token: string }> {
    const code = new URL(location).searchParams.get('code')!;
    const response = await fetch(`${sandbox.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { refresh_token: string; access_token: string };
  }

  it('a hosted sign-in opens an SSO session; its token session names it as OriginSessionId; reuse links the next one too', async () => {
    const { poolId, clientId, authorize } = await hostedWorld();
    const { location, cookie } = await passwordLogin(sandbox.url, authorize(), 'alice', PASSWORD);
    await redeem(clientId, location);
    const sessions = await adminSessions(poolId);
    const sso = sessions.find((s) => s.SessionType === 'SSO')!;
    expect(sso).toMatchObject({ ClientId: clientId, LastIPAddress: '127.0.0.1' });
    expect(sso.SessionId).toMatch(/^sso[a-z0-9]{25}$/);
    expect(sessions.filter((s) => s.SessionType === 'TOKEN')).toEqual([expect.objectContaining({ ClientId: clientId, OriginSessionId: sso.SessionId })]);

    clock.time += 60_000;
    const again = await getPage(authorize({ state: 'again' }), cookie);
    expect(again.status).toBe(302);
    expect(again.location).toContain('code=');
    const after = await adminSessions(poolId);
    expect(after.filter((s) => s.OriginSessionId === sso.SessionId)).toHaveLength(2);
    expect(after.find((s) => s.SessionId === sso.SessionId)!.LastActiveDate!.getTime()).toBeGreaterThan(sso.LastActiveDate!.getTime());
  });

  it('revoking the SSO session with LINKED ends the hosted session (sign in again) and refuses its token sessions\' refresh tokens', async () => {
    const { poolId, clientId, authorize } = await hostedWorld();
    const { location, cookie } = await passwordLogin(sandbox.url, authorize(), 'alice', PASSWORD);
    const tokens = await redeem(clientId, location);
    const sso = (await adminSessions(poolId)).find((s) => s.SessionType === 'SSO')!;

    await sandbox.cognito.send(
      new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: 'alice', SessionId: sso.SessionId, RevokeAssociatedSessions: 'LINKED' }),
    );
    const asked = await getPage(authorize({ state: 'after' }), cookie);
    expect(asked.status).toBe(302);
    expect(asked.location).toMatch(/^\/login\?/);
    expect(await refusal(refresh(clientId, tokens.refresh_token))).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await adminSessions(poolId)).toEqual([]);
  });

  it('revoking only the token session (NONE) keeps the SSO session; LINKED from the token session ends it', async () => {
    const { poolId, clientId, authorize } = await hostedWorld();
    const first = await passwordLogin(sandbox.url, authorize(), 'alice', PASSWORD);
    await redeem(clientId, first.location);
    const token = (await adminSessions(poolId)).find((s) => s.SessionType === 'TOKEN')!;
    await sandbox.cognito.send(new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: 'alice', SessionId: token.SessionId }));
    expect((await adminSessions(poolId)).map((s) => s.SessionType)).toEqual(['SSO']);
    const reused = await getPage(authorize(), first.cookie);
    expect(reused.location).toContain('code=');
    await redeem(clientId, reused.location!);

    const next = (await adminSessions(poolId)).find((s) => s.SessionType === 'TOKEN')!;
    await sandbox.cognito.send(
      new AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: 'alice', SessionId: next.SessionId, RevokeAssociatedSessions: 'LINKED' }),
    );
    expect(await adminSessions(poolId)).toEqual([]);
    expect((await getPage(authorize(), first.cookie)).location).toMatch(/^\/login\?/);
  });

  it('RevokeToken with LINKED also ends the SSO session its token came through; NONE keeps it', async () => {
    const { poolId, clientId, authorize } = await hostedWorld();
    const first = await passwordLogin(sandbox.url, authorize(), 'alice', PASSWORD);
    const kept = await redeem(clientId, first.location);
    await sandbox.cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: kept.refresh_token }));
    expect((await adminSessions(poolId)).map((s) => s.SessionType)).toEqual(['SSO']);

    const reused = await getPage(authorize(), first.cookie);
    const linked = await redeem(clientId, reused.location!);
    await sandbox.cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: linked.refresh_token, RevokeAssociatedSessions: 'LINKED' }));
    expect(await adminSessions(poolId)).toEqual([]);
    expect((await getPage(authorize(), first.cookie)).location).toMatch(/^\/login\?/);
  });

  it('a client reuses the SSO session only within its MaxValidityMinutes of the sign-in (0: never)', async () => {
    const { poolId, clientId, authorize } = await hostedWorld();
    await sandbox.cognito.send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 5 } }));
    const { cookie } = await passwordLogin(sandbox.url, authorize(), 'alice', PASSWORD);
    clock.time += 4 * 60_000;
    expect((await getPage(authorize(), cookie)).location).toContain('code=');
    clock.time += 2 * 60_000;
    expect((await getPage(authorize(), cookie)).location).toMatch(/^\/login\?/);
    const none = await getPage(authorize({ prompt: 'none', state: 's' }), cookie);
    expect(none.location).toContain('error=login_required');

    await sandbox.cognito.send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 0 } }));
    const fresh = await passwordLogin(sandbox.url, authorize(), 'alice', PASSWORD);
    expect((await getPage(authorize(), fresh.cookie)).location).toMatch(/^\/login\?/);
  });
});
