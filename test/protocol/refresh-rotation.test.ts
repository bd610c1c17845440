/**
 * GetTokensFromRefreshToken and refresh-token rotation through the AWS SDK and Amplify v6: new
 * tokens on clients that rotate and clients that do not, the retry grace period on an injected
 * clock, RefreshTokenReuseException after it, REFRESH_TOKEN_AUTH refused on a rotating client,
 * revocation of a rotated family (RevokeToken, GlobalSignOut), clients with a secret, the pre
 * token generation function's ClientMetadata, and the flow's debugger events.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
  type AuthenticationResultType,
  type CreateUserPoolClientCommandInput,
  type GetTokensFromRefreshTokenCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn as amplifySignIn, signOut } from 'aws-amplify/auth';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, invoked } from '../support/triggers.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
// Amplify checks the tokens against the real time too, so the injected clock starts at it.
const clock = testClock(Date.now());

let sandbox: TestSandbox;
beforeAll(async () => {
  const configFile = path.join(tempDir('refresh-rotation-'), 'sandbox.json');
  fs.writeFileSync(configFile, JSON.stringify({ lambdaHandlers: { 'pre-token-v1': fixture('sign-in-pre-token-v1.cjs') } }));
  sandbox = await startSandbox({ configFile }, { clock });
});
afterAll(() => sandbox.close());
afterEach(() => {
  clock.time = Math.max(clock.time, Date.now());
});

const ROTATING = { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } } as const;
const withGrace = (RetryGracePeriodSeconds: number) => ({ RefreshTokenRotation: { Feature: 'ENABLED' as const, RetryGracePeriodSeconds } });

interface World {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

/** A pool, a client allowing USER_PASSWORD_AUTH (and the settings given), and `alice`. */
async function world(client: Partial<CreateUserPoolClientCommandInput> = {}, pool: { LambdaConfig?: { PreTokenGeneration: string } } = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'rotation', ...pool });
  const created = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], ...client });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD });
  return { poolId, ...created };
}

const secretHash = (secret: string, clientId: string) => createHmac('sha256', secret).update(`alice${clientId}`).digest('base64');

async function passwordSignIn(w: World): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({
      ClientId: w.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD, ...(w.clientSecret && { SECRET_HASH: secretHash(w.clientSecret, w.clientId) }) },
    }),
  );
  return AuthenticationResult!;
}

async function refresh(w: World, RefreshToken: string, extra: Partial<GetTokensFromRefreshTokenCommandInput> = {}): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new GetTokensFromRefreshTokenCommand({ ClientId: w.clientId, RefreshToken, ...(w.clientSecret && { ClientSecret: w.clientSecret }), ...extra }),
  );
  return AuthenticationResult!;
}

const refused = (type: string, message: string) => expect.objectContaining({ name: type, message });
const claims = (token: string) => decodeJwt(token);
const getUser = (AccessToken: string) => sandbox.cognito.send(new GetUserCommand({ AccessToken }));

describe('GetTokensFromRefreshToken on a client that does not rotate', () => {
  it('answers new ID and access tokens and no refresh token; the refresh token keeps working', async () => {
    const w = await world();
    const signedIn = await passwordSignIn(w);
    clock.time += 5 * SECOND;
    const first = await refresh(w, signedIn.RefreshToken!);
    expect(first).toEqual({ AccessToken: expect.any(String), IdToken: expect.any(String), ExpiresIn: 3600, TokenType: 'Bearer' });
    const again = await refresh(w, signedIn.RefreshToken!);
    expect(again.RefreshToken).toBeUndefined();

    const before = claims(signedIn.AccessToken!);
    const after = claims(first.AccessToken!);
    expect(after).toMatchObject({ sub: before.sub, auth_time: before.auth_time, origin_jti: before.origin_jti, client_id: w.clientId, token_use: 'access' });
    expect(after.iat).toBe(Number(before.iat) + 5);
    expect(claims(first.IdToken!)).toMatchObject({ aud: w.clientId, 'cognito:username': 'alice', origin_jti: before.origin_jti });
    expect((await getUser(first.AccessToken!)).Username).toBe('alice');
  });

  it('leaves InitiateAuth REFRESH_TOKEN_AUTH as it was: new ID and access tokens only', async () => {
    const w = await world();
    const signedIn = await passwordSignIn(w);
    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } }),
    );
    expect(AuthenticationResult!.AccessToken).toBeDefined();
    expect(AuthenticationResult!.RefreshToken).toBeUndefined();
  });

  it("refuses unknown, another client's and expired refresh tokens, and unknown clients", async () => {
    const w = await world();
    const { clientId: otherClient } = await createClient(sandbox.cognito, w.poolId, { ClientName: 'other' });
    const signedIn = await passwordSignIn(w);
    const [header, ...rest] = signedIn.RefreshToken!.split('.');
    const unknown = [header, ...rest.map((part) => part.split('').reverse().join(''))].join('.');

    await expect(refresh(w, unknown)).rejects.toEqual(refused('NotAuthorizedException', 'Invalid Refresh Token'));
    await expect(refresh({ ...w, clientId: otherClient }, signedIn.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Invalid Refresh Token'));
    await expect(refresh({ ...w, clientId: 'unknownclient0000000000000' }, signedIn.RefreshToken!)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    clock.time += 30 * DAY - SECOND;
    await refresh(w, signedIn.RefreshToken!);
    clock.time += SECOND;
    await expect(refresh(w, signedIn.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Refresh Token has expired'));
  });

  it('refuses a disabled user and a deleted one', async () => {
    const w = await world();
    const signedIn = await passwordSignIn(w);
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    await expect(refresh(w, signedIn.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'User is disabled.'));
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    await expect(refresh(w, signedIn.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Refresh Token has been revoked'));
  });

  it('validates its input without echoing the token or the secret', async () => {
    const w = await world();
    const call = (body: object) => rawCall(sandbox.url, 'GetTokensFromRefreshToken', body);
    expect((await call({ ClientId: w.clientId })).json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'refreshToken' failed to satisfy constraint: Member must not be null",
    });
    const badToken = await call({ ClientId: w.clientId, RefreshToken: 'not a token!' });
    expect(badToken.json.__type).toBe('InvalidParameterException');
    expect(badToken.json.message).toContain("at 'refreshToken' failed to satisfy constraint: Member must satisfy regular expression pattern");
    expect(badToken.json.message).not.toContain('not a token!');
    const badSecret = await call({ ClientId: w.clientId, RefreshToken: 'a.b', ClientSecret: 'sec ret' });
    expect(badSecret.json.message).toContain("at 'clientSecret'");
    expect(badSecret.json.message).not.toContain('sec ret');
    const badDevice = await call({ ClientId: w.clientId, RefreshToken: 'a.b', DeviceKey: 'no-underscore' });
    expect(badDevice.json.message).toContain("Value 'no-underscore' at 'deviceKey' failed to satisfy constraint");
    expect((await call({ ClientId: w.clientId, RefreshToken: 7 })).json.__type).toBe('SerializationException');
  });
});

describe('refresh-token rotation', () => {
  it('answers a new refresh token on every refresh, valid until the first one would have expired', async () => {
    const w = await world(ROTATING);
    const signedIn = await passwordSignIn(w);
    clock.time += DAY;
    const first = await refresh(w, signedIn.RefreshToken!);
    expect(first).toEqual({ AccessToken: expect.any(String), IdToken: expect.any(String), RefreshToken: expect.any(String), ExpiresIn: 3600, TokenType: 'Bearer' });
    expect(first.RefreshToken).not.toBe(signedIn.RefreshToken);
    const second = await refresh(w, first.RefreshToken!);
    expect(second.RefreshToken).not.toBe(first.RefreshToken);

    const origin = claims(signedIn.AccessToken!);
    for (const result of [first, second]) {
      expect(claims(result.AccessToken!)).toMatchObject({ auth_time: origin.auth_time, origin_jti: origin.origin_jti });
      expect(claims(result.IdToken!)).toMatchObject({ auth_time: origin.auth_time, origin_jti: origin.origin_jti });
    }

    clock.time += 29 * DAY - SECOND;
    const last = await refresh(w, second.RefreshToken!);
    clock.time += SECOND;
    await expect(refresh(w, last.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Refresh Token has expired'));
  });

  it('refuses the replaced token at once without a grace period, with RefreshTokenReuseException', async () => {
    const w = await world(ROTATING);
    const signedIn = await passwordSignIn(w);
    const rotated = await refresh(w, signedIn.RefreshToken!);
    await expect(refresh(w, signedIn.RefreshToken!)).rejects.toEqual(refused('RefreshTokenReuseException', 'Refresh Token has been reused'));
    expect((await refresh(w, rotated.RefreshToken!)).RefreshToken).toBeDefined();
  });

  it('keeps the replaced token working for RetryGracePeriodSeconds after its first use, then refuses it', async () => {
    const w = await world(withGrace(30));
    const signedIn = await passwordSignIn(w);
    const rotated = await refresh(w, signedIn.RefreshToken!);
    clock.time += 29 * SECOND;
    const retried = await refresh(w, signedIn.RefreshToken!);
    expect(retried.RefreshToken).toBeDefined();
    expect(retried.RefreshToken).not.toBe(rotated.RefreshToken);
    clock.time += SECOND;
    await expect(refresh(w, signedIn.RefreshToken!)).rejects.toEqual(refused('RefreshTokenReuseException', 'Refresh Token has been reused'));
    // The grace period ran from the first use, not the retry; the tokens it answered still work.
    expect((await refresh(w, rotated.RefreshToken!)).RefreshToken).toBeDefined();
    expect((await refresh(w, retried.RefreshToken!)).RefreshToken).toBeDefined();
  });

  it('takes the grace period as the client has it when the replaced token comes back', async () => {
    const w = await world(withGrace(60));
    const signedIn = await passwordSignIn(w);
    await refresh(w, signedIn.RefreshToken!);
    clock.time += 59 * SECOND;
    await refresh(w, signedIn.RefreshToken!);
    await sandbox.cognito.send(
      new UpdateUserPoolClientCommand({ UserPoolId: w.poolId, ClientId: w.clientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], ...withGrace(5) }),
    );
    await expect(refresh(w, signedIn.RefreshToken!)).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });
  });

  it('refuses REFRESH_TOKEN_AUTH on a rotating client, in InitiateAuth and AdminInitiateAuth', async () => {
    const w = await world({ ...ROTATING, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const signedIn = await passwordSignIn(w);
    const notEnabled = refused('InvalidParameterException', 'Auth flow not enabled for this client');
    for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
      await expect(
        sandbox.cognito.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow, AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } })),
      ).rejects.toEqual(notEnabled);
      await expect(
        sandbox.cognito.send(
          new AdminInitiateAuthCommand({ UserPoolId: w.poolId, ClientId: w.clientId, AuthFlow, AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } }),
        ),
      ).rejects.toEqual(notEnabled);
    }
    // Refused before the token is looked at: it was not used up.
    expect((await refresh(w, signedIn.RefreshToken!)).RefreshToken).toBeDefined();
  });

  it("refuses another client's token, rotating or not", async () => {
    const w = await world(ROTATING);
    const { clientId: other } = await createClient(sandbox.cognito, w.poolId, { ClientName: 'other', ...ROTATING });
    const signedIn = await passwordSignIn(w);
    const rotated = await refresh(w, signedIn.RefreshToken!);
    await expect(refresh({ ...w, clientId: other }, rotated.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Invalid Refresh Token'));
    expect((await refresh(w, rotated.RefreshToken!)).RefreshToken).toBeDefined();
  });

  it('RevokeToken with any token of the family revokes the family and the access tokens minted from it', async () => {
    const w = await world(withGrace(60));
    const signedIn = await passwordSignIn(w);
    const first = await refresh(w, signedIn.RefreshToken!);
    const second = await refresh(w, first.RefreshToken!);
    const otherSession = await passwordSignIn(w);

    await sandbox.cognito.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: second.RefreshToken! }));
    const revokedToken = refused('NotAuthorizedException', 'Refresh Token has been revoked');
    for (const token of [signedIn.RefreshToken!, first.RefreshToken!, second.RefreshToken!]) await expect(refresh(w, token)).rejects.toEqual(revokedToken);
    for (const result of [signedIn, first, second]) {
      await expect(getUser(result.AccessToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Access Token has been revoked'));
    }
    expect((await getUser(otherSession.AccessToken!)).Username).toBe('alice');
    expect((await refresh(w, otherSession.RefreshToken!)).RefreshToken).toBeDefined();
  });

  it('RevokeToken with a token rotated out long ago still revokes its family', async () => {
    const w = await world(ROTATING);
    const signedIn = await passwordSignIn(w);
    const rotated = await refresh(w, signedIn.RefreshToken!);
    clock.time += DAY;
    const newest = await refresh(w, rotated.RefreshToken!);
    await sandbox.cognito.send(new RevokeTokenCommand({ ClientId: w.clientId, Token: signedIn.RefreshToken! }));
    await expect(refresh(w, newest.RefreshToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Refresh Token has been revoked'));
    await expect(getUser(newest.AccessToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Access Token has been revoked'));
  });

  it('GlobalSignOut revokes every token of every family of the user', async () => {
    const w = await world(withGrace(60));
    const signedIn = await passwordSignIn(w);
    const rotated = await refresh(w, signedIn.RefreshToken!);
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: rotated.AccessToken! }));
    for (const token of [signedIn.RefreshToken!, rotated.RefreshToken!]) {
      await expect(refresh(w, token)).rejects.toEqual(refused('NotAuthorizedException', 'Refresh Token has been revoked'));
    }
    await expect(getUser(rotated.AccessToken!)).rejects.toEqual(refused('NotAuthorizedException', 'Access Token has been revoked'));
  });
});

describe('a client with a secret', () => {
  it('needs its ClientSecret, and refuses a wrong one', async () => {
    const w = await world({ ...ROTATING, GenerateSecret: true });
    const signedIn = await passwordSignIn(w);
    await expect(refresh({ ...w, clientSecret: undefined }, signedIn.RefreshToken!)).rejects.toEqual(
      refused('NotAuthorizedException', `Client ${w.clientId} is configured for secret but secret was not received`),
    );
    await expect(refresh(w, signedIn.RefreshToken!, { ClientSecret: `${w.clientSecret!.slice(1)}x` })).rejects.toEqual(
      refused('NotAuthorizedException', `Unable to verify secret for client ${w.clientId}`),
    );
    // Refused before the token is used: it still rotates with the right secret.
    expect((await refresh(w, signedIn.RefreshToken!)).RefreshToken).toBeDefined();
  });

  it('is not asked of a client without one', async () => {
    const w = await world();
    const signedIn = await passwordSignIn(w);
    expect((await refresh(w, signedIn.RefreshToken!, { ClientSecret: 'unusedsecret' })).AccessToken).toBeDefined();
  });
});

describe('the sign-in flow behind it', () => {
  const flowEvents = (events: SandboxEvent[], flowId: string) => events.filter((e) => e.flowId === flowId);

  /** Refreshes on a pool with the V1 pre token generation function; answers the tokens and the functions invoked. */
  async function refreshWithTrigger(ClientMetadata?: Record<string, string>) {
    const w = await world(ROTATING, { LambdaConfig: { PreTokenGeneration: arn('pre-token-v1') } });
    const signedIn = await passwordSignIn(w);
    let refreshed!: AuthenticationResultType;
    const events = await eventsDuring(sandbox.app, async () => {
      refreshed = await refresh(w, signedIn.RefreshToken!, { ClientMetadata });
    });
    return { refreshed, invoked: invoked(events).map((event) => event.data) };
  }

  it('runs pre token generation with TokenGeneration_RefreshTokens, whose answer shapes the tokens', async () => {
    const { refreshed, invoked: [trigger, ...others] } = await refreshWithTrigger();
    expect(others).toEqual([]);
    expect(trigger).toMatchObject({ trigger: 'PreTokenGeneration', triggerSource: 'TokenGeneration_RefreshTokens' });
    expect((trigger!.event as { request: object }).request).not.toHaveProperty('clientMetadata');
    expect(claims(refreshed.IdToken!)).toMatchObject({ tier: 'gold', source: 'TokenGeneration_RefreshTokens' });
  });

  it('hands the call’s ClientMetadata to the pre token generation function', async () => {
    const { invoked: [trigger] } = await refreshWithTrigger({ app: 'web' });
    expect((trigger!.event as { request: object }).request).toMatchObject({ clientMetadata: { app: 'web' } });
  });

  it('shows the refresh as a flow: its states, the tokens issued, its end, and the call', async () => {
    const w = await world(ROTATING);
    const signedIn = await passwordSignIn(w);
    const events = await eventsDuring(sandbox.app, () => refresh(w, signedIn.RefreshToken!));
    const started = events.find((e) => e.type === 'flow.started')!;
    expect(started.data).toMatchObject({ kind: 'GetTokensFromRefreshToken', clientId: w.clientId, machine: 'sign-in' });
    const flow = flowEvents(events, started.flowId!);
    expect(flow.filter((e) => e.type !== 'flow.transitioned').map((e) => e.type)).toEqual([
      'flow.started',
      'token.issued',
      'token.issued',
      'token.issued',
      'flow.ended',
      'api.called',
    ]);
    expect(flow.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to)).toEqual([
      'refresh.checkingRefreshUser',
      'tokens.issuingTokens',
      'signedIn',
    ]);
    expect(flow.filter((e) => e.type === 'token.issued').map((e) => (e.data as { tokenUse: string }).tokenUse)).toEqual(['id', 'access', 'refresh']);
    expect(flow.find((e) => e.type === 'flow.ended')!.data).toEqual({ outcome: 'success' });
    expect(flow.at(-1)!.data).toMatchObject({ operation: 'GetTokensFromRefreshToken', status: 200 });
    expect(flow.filter((e) => e.type !== 'api.called').every((e) => e.poolId === w.poolId)).toBe(true);
  });

  it('ends a refused refresh with its reason', async () => {
    const w = await world();
    const signedIn = await passwordSignIn(w);
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    const events = await eventsDuring(sandbox.app, () => refresh(w, signedIn.RefreshToken!).catch(() => undefined));
    const started = events.find((e) => e.type === 'flow.started')!;
    const flow = flowEvents(events, started.flowId!);
    expect(flow.find((e) => e.type === 'flow.ended')!.data).toEqual({ outcome: 'failure', reason: 'user disabled' });
    expect(flow.at(-1)!.data).toMatchObject({ operation: 'GetTokensFromRefreshToken', error: { type: 'NotAuthorizedException', message: 'User is disabled.' } });
  });
});

describe('RefreshTokenRotation on the app client', () => {
  it('takes RetryGracePeriodSeconds from 0 to 60, as the API model says', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'settings' });
    const create = (RetryGracePeriodSeconds: number) =>
      sandbox.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds } }));
    await expect(create(61)).rejects.toEqual(
      refused(
        'InvalidParameterException',
        "1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
      ),
    );
    await expect(create(-1)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { UserPoolClient } = await create(60);
    const { UserPoolClient: described } = await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: UserPoolClient!.ClientId! }));
    expect(described!.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 60 });
  });
});

describe('Amplify v6', () => {
  it('refreshes through GetTokensFromRefreshToken and keeps the rotated refresh token', async () => {
    const w = await world(ROTATING);
    Amplify.configure({ Auth: { Cognito: { userPoolId: w.poolId, userPoolClientId: w.clientId, userPoolEndpoint: sandbox.url } } });
    await amplifySignIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const signedIn = (await fetchAuthSession()).tokens!.accessToken.payload;

    const events = await eventsDuring(sandbox.app, async () => {
      clock.time += 2 * SECOND;
      await fetchAuthSession({ forceRefresh: true });
      clock.time += 2 * SECOND;
      await fetchAuthSession({ forceRefresh: true });
    });
    const calls = events.filter((e) => e.type === 'api.called').map((e) => e.data as { operation: string; status: number; response?: { AuthenticationResult?: object } });
    expect(calls.map((call) => [call.operation, call.status])).toEqual([
      ['GetTokensFromRefreshToken', 200],
      ['GetTokensFromRefreshToken', 200],
    ]);
    for (const call of calls) expect(call.response!.AuthenticationResult).toHaveProperty('RefreshToken');
    // Without a grace period, the second refresh worked only with the token the first one rotated in.
    const refreshed = (await fetchAuthSession()).tokens!.accessToken.payload;
    expect(refreshed).toMatchObject({ sub: signedIn.sub, origin_jti: signedIn.origin_jti, auth_time: signedIn.auth_time });
    expect(refreshed.iat).toBe(Number(signedIn.iat) + 4);
    await signOut();
  });
});
