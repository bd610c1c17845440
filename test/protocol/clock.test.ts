/**
 * Time travel through `/_sandbox/api/clock`, driven by the AWS SDK: codes, access and refresh
 * tokens, temporary passwords, lockouts and waiting Sessions expire when the clock jumps past
 * them, as they would in time; each jump lists what expired; back to real time; hostile input.
 */
import {
  AdminCreateUserCommand,
  ConfirmSignUpCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolDomainCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  type CreateUserPoolCommandInput,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClockJump, ClockState } from '../../shared/debugger-api.js';
import type { SandboxEvent } from '../../shared/events.js';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { finishOAuthLogin, startOAuthLogin } from '../../src-main/cognito/federation/oauth-login.js';
import { requirePool } from '../../src-main/cognito/resources.js';
import { FetchBrowser, loginForm } from '../support/fetch-browser.js';
import { eventsDuring } from '../support/events.js';
import { getPage, passwordLogin } from '../support/hosted-login.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/api/clock`, { method: 'DELETE' });
});

async function clockCall(method: 'GET' | 'POST' | 'DELETE', body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${sandbox.url}/_sandbox/api/clock`, { method, headers, ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as any };
}

async function advance(seconds: number): Promise<ClockJump> {
  const { status, json } = await clockCall('POST', { advanceSeconds: seconds });
  expect(status).toBe(200);
  return json as ClockJump;
}

async function newPool(settings: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}) {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'time-travel', AutoVerifiedAttributes: ['email'], ...settings });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...client });
  return { poolId, clientId };
}

const passwordAuth = (clientId: string, username: string, password = PASSWORD) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));

const kindsFor = (jump: ClockJump, userName: string) => jump.expired.filter((item) => item.userName === userName).map((item) => item.kind).sort();

describe('the clock', () => {
  it('stands at real time until moved, and answers where it is', async () => {
    const before = Date.now();
    const { status, json } = await clockCall('GET');
    expect(status).toBe(200);
    const state = json as ClockState;
    expect(state).toMatchObject({ offsetMs: 0, real: true });
    expect(state.now).toBeGreaterThanOrEqual(before);
    expect(state.now).toBeLessThanOrEqual(Date.now());
  });

  it('moves forward by seconds, to an offset, and back to real time, publishing each jump', async () => {
    const events = await eventsDuring(sandbox.app, async () => {
      const jumped = await advance(2 * HOUR);
      expect(jumped).toMatchObject({ offsetMs: 2 * HOUR * 1000, real: false });
      expect(jumped.now - Date.now()).toBeGreaterThan(2 * HOUR * 1000 - 5_000);
      expect((await clockCall('POST', { offsetMs: 5 * 60_000 })).json).toMatchObject({ offsetMs: 5 * 60_000 });
      expect((await clockCall('GET')).json).toMatchObject({ offsetMs: 5 * 60_000, real: false });
      const back = await clockCall('DELETE');
      expect(back.status).toBe(200);
      expect(back.json).toMatchObject({ offsetMs: 0, real: true, expired: [] });
    });
    const changes = events.filter((event): event is Extract<SandboxEvent, { type: 'clock.changed' }> => event.type === 'clock.changed');
    expect(changes.map((event) => event.data.offsetMs)).toEqual([2 * HOUR * 1000, 5 * 60_000, 0]);
    expect(sandbox.app.services.clock.offsetMs).toBe(0);
  });
});

describe('what expires when the clock jumps', () => {
  it('a sign-up confirmation code: valid for 24 hours, then ConfirmSignUp answers ExpiredCodeException', async () => {
    const { poolId, clientId } = await newPool();
    await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'hal', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'hal@example.com' }] }));
    const code = sandbox.app.store.outbox.list({ poolId, limit: 1 })[0]!.code!;

    const almost = await advance(DAY - MINUTE);
    expect(kindsFor(almost, 'hal')).toEqual([]);
    const past = await advance(2 * MINUTE);
    const item = past.expired.find((expired) => expired.userName === 'hal' && expired.kind === 'code');
    expect(item).toMatchObject({ poolId, what: 'sign-up confirmation code (ConfirmSignUp)' });
    expect(item!.at).toBeLessThanOrEqual(past.now);

    await expect(sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'hal', ConfirmationCode: code }))).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('an access token past its hour is refused by GetUser; a refresh token past its validity is refused', async () => {
    const { poolId, clientId } = await newPool({}, { RefreshTokenValidity: 2, TokenValidityUnits: { RefreshToken: 'hours' } });
    await createAdminUser(sandbox.cognito, poolId, 'tess', { password: PASSWORD });
    const signedIn = (await passwordAuth(clientId, 'tess')).AuthenticationResult!;

    const hourLater = await advance(HOUR + MINUTE);
    expect(kindsFor(hourLater, 'tess')).toEqual(['access-token', 'id-token']);
    await expect(sandbox.cognito.send(new GetUserCommand({ AccessToken: signedIn.AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });

    // Within its two hours the refresh token still refreshes, and the new access token works.
    const refresh = () => sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } }));
    const refreshed = (await refresh()).AuthenticationResult!;
    expect((await sandbox.cognito.send(new GetUserCommand({ AccessToken: refreshed.AccessToken }))).Username).toBe('tess');

    const later = await advance(HOUR);
    expect(later.expired.filter((item) => item.userName === 'tess')).toContainEqual(expect.objectContaining({ kind: 'refresh-token', what: `refresh token of app client ${clientId}` }));
    await expect(refresh()).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
  });

  it("a temporary password past the pool's TemporaryPasswordValidityDays no longer signs in", async () => {
    const { poolId, clientId } = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 1 } } });
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newbie', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    const jump = await advance(DAY + MINUTE);
    expect(jump.expired).toContainEqual(expect.objectContaining({ kind: 'temporary-password', poolId, userName: 'newbie', what: expect.stringMatching(/^temporary password: the account was never used/) }));
    await expect(passwordAuth(clientId, 'newbie')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
  });

  it('a waiting Session: the flow ends expired at the jump, and the client is told its session expired', async () => {
    const { poolId, clientId } = await newPool();
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'waiter', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    const challenge = await passwordAuth(clientId, 'waiter');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const flow = sandbox.app.store.flows.recent(5).find((candidate) => candidate.username === 'waiter' && candidate.ended === null)!;

    let jump: ClockJump | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      jump = await advance(4 * MINUTE);
    });
    expect(jump!.expired).toContainEqual(expect.objectContaining({ kind: 'session', flowId: flow.id, poolId, userName: 'waiter' }));
    // Ended within the jump's own request, not by a timer later.
    expect(sandbox.app.store.flows.findById(flow.id)).toMatchObject({ outcome: 'expired' });
    expect(events.find((event) => event.type === 'flow.ended' && event.flowId === flow.id)).toMatchObject({ data: { outcome: 'expired' } });

    await expect(
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session, ChallengeResponses: { USERNAME: 'waiter', NEW_PASSWORD: 'N3w-passw0rd!' } }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('a lockout after failed sign-ins ends when the clock passes it', async () => {
    const { poolId, clientId } = await newPool();
    await createAdminUser(sandbox.cognito, poolId, 'lock', { password: PASSWORD });
    // Each failure past the fifth locks for twice as long (1 s, 2 s, 4 s, 8 s): the clock steps over each lockout.
    for (let failure = 1; failure <= 8; failure++) {
      await expect(passwordAuth(clientId, 'lock', 'Wr0ng-password')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      if (failure >= 5 && failure < 8) await advance(2 ** (failure - 5) + 1);
    }
    await expect(passwordAuth(clientId, 'lock')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    const jump = await advance(9);
    expect(jump.expired).toContainEqual(expect.objectContaining({ kind: 'lockout', poolId, userName: 'lock', what: expect.stringMatching(/^lockout after 8 failed sign-ins ended/) }));
    expect((await passwordAuth(clientId, 'lock')).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it("the hosted UI: an authorization code past its five minutes is invalid_grant; the sign-in session's cookie no longer signs in after its hour", async () => {
    const callback = 'http://localhost:3000/callback';
    const { poolId, clientId } = await newPool(
      {},
      { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [callback], SupportedIdentityProviders: ['COGNITO'] },
    );
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `clock-${process.pid}` }));
    await createAdminUser(sandbox.cognito, poolId, 'hosted', { password: PASSWORD });
    const authorize = `${sandbox.url}/oauth2/authorize?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(callback)}&scope=openid`;
    const { location, cookie } = await passwordLogin(sandbox.url, authorize, 'hosted', PASSWORD);
    const code = new URL(location).searchParams.get('code')!;

    const jump = await advance(6 * MINUTE);
    expect(jump.expired).toContainEqual(expect.objectContaining({ kind: 'authorization-code', poolId, flowId: expect.any(String) }));
    const redeemed = await fetch(`${sandbox.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback }),
    });
    expect([redeemed.status, await redeemed.json()]).toEqual([400, { error: 'invalid_grant' }]);

    // Within its hour the cookie signs the browser in at once; past it, authorize sends it to the sign-in page.
    expect((await getPage(authorize, cookie)).location).toMatch(/^http:\/\/localhost:3000\/callback\?code=/);
    const later = await advance(HOUR);
    expect(later.expired).toContainEqual(expect.objectContaining({ kind: 'hosted-session', poolId, userName: 'hosted' }));
    expect((await getPage(authorize, cookie)).location).toMatch(/^\/login\?/);
  });

  it('back to real time: what was issued at the later time lives that much longer', async () => {
    const { poolId, clientId } = await newPool();
    await createAdminUser(sandbox.cognito, poolId, 'early', { password: PASSWORD });
    await advance(3 * HOUR);
    const token = (await passwordAuth(clientId, 'early')).AuthenticationResult!.AccessToken!;
    const back = await clockCall('DELETE');
    expect(back.json).toMatchObject({ offsetMs: 0, real: true });
    expect((await sandbox.cognito.send(new GetUserCommand({ AccessToken: token }))).Username).toBe('early');
  });
});

describe('identity providers keep real time', () => {
  it("a sign-in through the mock OIDC provider (panva's oidc-provider, on the machine's clock) still verifies two days ahead", async () => {
    const { poolId, clientId } = await newPool();
    const issuer = `${sandbox.url}/_mock-idp/oidc`;
    const details = { client_id: 'mock-oidc-client', client_secret: 'mock-oidc-secret-1234567890', authorize_scopes: 'openid email', attributes_request_method: 'GET', oidc_issuer: issuer };
    await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'MockOidc', ProviderType: 'OIDC', ProviderDetails: details }));
    await advance(2 * DAY);

    const { store } = sandbox.app.services;
    const call = { pool: requirePool(store, poolId), client: findAppClient(store, clientId)!, provider: store.identityProviders.find(poolId, 'MockOidc')!, origin: sandbox.url, flowId: 'clock-federation' };
    const redirect = await startOAuthLogin(sandbox.app.services, call, 'the-login-session');
    const browser = new FetchBrowser();
    const page = await browser.follow(await browser.get(redirect.location));
    const { action, fields } = loginForm(page.body, page.url);
    const person = store.mockIdpPeople.list('oidc')[0]!;
    const back = await browser.follow(await browser.post(action, { ...fields, person: person.id }), (url) => url.startsWith(`${sandbox.url}/oauth2/idpresponse`));
    const code = new URL(back.location!).searchParams.get('code')!;
    await expect(finishOAuthLogin(sandbox.app.services, call, redirect.pending, { protocol: 'oidc', code })).resolves.toMatchObject({ providerName: 'MockOidc', userId: person.id });
  });
});

describe('hostile input', () => {
  it.each([
    ['a negative jump', { advanceSeconds: -60 }, /more than 0/],
    ['a zero jump', { advanceSeconds: 0 }, /more than 0/],
    ['a jump as text', { advanceSeconds: '60' }, /must be a number/],
    ['a jump past ten years', { advanceSeconds: 1e12 }, /at most/],
    ['a negative offset', { offsetMs: -1 }, /never goes before real time/],
    ['a fractional offset', { offsetMs: 1.5 }, /whole number/],
    ['an offset past ten years', { offsetMs: Number.MAX_SAFE_INTEGER }, /at most/],
    ['both at once', { advanceSeconds: 60, offsetMs: 0 }, /The body must be/],
    ['an unknown member', { rewindSeconds: 60 }, /The body must be/],
    ['an array', [60], /The body must be/],
    ['null', null, /The body (must be|is not readable JSON)/],
  ])('refuses %s with 400', async (_name, body, message) => {
    const { status, json } = await clockCall('POST', body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) });
    expect(sandbox.app.services.clock.offsetMs).toBe(0);
  });

  it('refuses a body that is not JSON, a jump that would pass ten years in all, and another origin', async () => {
    expect((await clockCall('POST', '{"advanceSeconds":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await clockCall('POST', 'advanceSeconds=60', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    await advance(9 * 365 * DAY);
    const past = await clockCall('POST', { advanceSeconds: 2 * 365 * DAY });
    expect(past).toMatchObject({ status: 400, json: { message: 'The offset may be at most ten years.' } });
    expect(sandbox.app.services.clock.offsetMs).toBe(9 * 365 * DAY * 1000);
    const foreign = await clockCall('POST', { advanceSeconds: 60 }, { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });
});
