/**
 * The authorization code grant with PKCE, driven by openid-client v6 from the pool's discovery
 * document: the hosted sign-in page answered over HTTP (the Chromium tests fill the real pages),
 * the code redeemed, the tokens verified with aws-jwt-verify, refresh, userInfo, revocation,
 * the hosted session cookie, logout, the implicit grant, and each refusal as Cognito sends it.
 */
import { CreateUserPoolDomainCommand, type CreateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { testClock } from '../support/clock.js';
import { getPage, openSignInPage, pageError, passwordLogin, postForm } from '../support/hosted-login.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const CALLBACK = 'http://localhost:3000/callback';
const SIGNED_OUT = 'http://localhost:3000/signed-out';
const PASSWORD = 'Passw0rd!';

const WEB_CLIENT: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> = {
  ClientName: 'web',
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code', 'implicit'],
  AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
  CallbackURLs: [CALLBACK, 'myapp://callback'],
  LogoutURLs: [SIGNED_OUT],
  SupportedIdentityProviders: ['COGNITO'],
  EnableTokenRevocation: true,
};

let sandbox: TestSandbox;
let events: SandboxEvent[];
let domains = 0;
/** Real time, but movable: openid-client checks the tokens' times against its own clock. */
const clock = testClock(Date.now());

beforeEach(() => {
  clock.time = Date.now();
});

beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  events = [];
  sandbox.app.bus.subscribe((event) => events.push(event));
});
afterAll(() => sandbox.close());

async function world(client: Partial<CreateUserPoolClientCommandInput> = {}, withDomain = true) {
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: 'hosted', AutoVerifiedAttributes: ['email'] });
  if (withDomain) await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `hosted-${++domains}-${process.pid}` }));
  const { clientId, clientSecret } = await createClient(cognito, poolId, { ...WEB_CLIENT, ...client });
  await createAdminUser(cognito, poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice' } });
  const config = await oidc.discovery(new URL(`${sandbox.url}/${poolId}`), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  return { poolId, clientId, clientSecret, config };
}

async function pkce() {
  const verifier = oidc.randomPKCECodeVerifier();
  return { verifier, challenge: await oidc.calculatePKCECodeChallenge(verifier) };
}

function authorizeUrl(config: oidc.Configuration, params: Record<string, string>): string {
  return oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid email', ...params }).href;
}

function idTokenVerifier(poolId: string, clientId: string) {
  const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
  return JwtRsaVerifier.create({ issuer: `${sandbox.url}/${poolId}`, audience: clientId, jwksUri: `${sandbox.url}/${poolId}/.well-known/jwks.json` }, { jwksCache: new SimpleJwksCache({ fetcher }) });
}

describe('authorization code with PKCE (openid-client)', () => {
  it('signs in on the hosted page and redeems the code for tokens that verify', async () => {
    const { poolId, clientId, config } = await world();
    const { verifier, challenge } = await pkce();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = authorizeUrl(config, { code_challenge: challenge, code_challenge_method: 'S256', state, nonce });

    const { location, cookie } = await passwordLogin(sandbox.url, url, 'alice', PASSWORD);
    const callback = new URL(location);
    expect(callback.origin + callback.pathname).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(cookie).toMatch(new RegExp(`^cognito-${poolId}=`));

    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy();
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ sub: expect.any(String), aud: clientId, nonce, email: 'alice@example.com', 'cognito:username': 'alice', token_use: 'id' });
    expect(claims.at_hash).toBeTruthy();
    await idTokenVerifier(poolId, clientId).verify(tokens.id_token!, { tokenUse: 'id' } as never);
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({ token_use: 'access', client_id: clientId, username: 'alice', scope: 'openid email' });
  });

  it('refreshes with the same scopes, answers userInfo by scope, and revokes', async () => {
    const { config } = await world();
    const { verifier, challenge } = await pkce();
    const url = authorizeUrl(config, { scope: 'openid email', code_challenge: challenge, code_challenge_method: 'S256' });
    const { location } = await passwordLogin(sandbox.url, url, 'alice', PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(decodeJwt(refreshed.access_token).scope).toBe('openid email');
    expect(refreshed.id_token).toBeTruthy();
    expect(refreshed.refresh_token).toBeUndefined();

    const info = await oidc.fetchUserInfo(config, refreshed.access_token, decodeJwt(refreshed.access_token).sub!);
    expect(info).toMatchObject({ email: 'alice@example.com', email_verified: 'true', username: 'alice' });
    expect(info.name).toBe('Alice');

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const userInfo = await fetch(`${sandbox.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    expect(userInfo.status).toBe(401);
    expect(userInfo.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('grants only the scopes the client allows; email goes with openid only', async () => {
    const { config } = await world();
    const url = authorizeUrl(config, { scope: 'email profile phone unknown/scope aws.cognito.signin.user.admin' });
    const { location } = await passwordLogin(sandbox.url, url, 'alice', PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(location));
    expect(tokens.id_token).toBeUndefined();
    expect(decodeJwt(tokens.access_token).scope).toBe('aws.cognito.signin.user.admin');
    const nothingLeft = await getPage(authorizeUrl(config, { scope: 'email profile', state: 'q' }));
    expect(Object.fromEntries(new URL(nothingLeft.location!).searchParams)).toEqual({ error: 'invalid_scope', error_description: 'Invalid scope requested', state: 'q' });

    const everything = await passwordLogin(sandbox.url, authorizeUrl(config, { scope: '' }), 'alice', PASSWORD);
    const all = await oidc.authorizationCodeGrant(config, new URL(everything.location));
    expect(decodeJwt(all.access_token).scope).toBe('openid email profile aws.cognito.signin.user.admin');
  });

  it('signs the browser in without a password while its hosted session lives, unless prompt=login', async () => {
    const { config } = await world();
    const { cookie } = await passwordLogin(sandbox.url, authorizeUrl(config, {}), 'alice', PASSWORD);
    const again = await getPage(authorizeUrl(config, { state: 's2' }), cookie);
    expect(again.status).toBe(302);
    expect(new URL(again.location!).searchParams.get('code')).toBeTruthy();
    expect(new URL(again.location!).searchParams.get('state')).toBe('s2');
    const prompted = await getPage(authorizeUrl(config, { prompt: 'login' }), cookie);
    expect(prompted.location).toMatch(/^\/login\?/);
  });

  it('logs out to a sign-out URL, ending the hosted session', async () => {
    const { clientId, config } = await world();
    const { cookie } = await passwordLogin(sandbox.url, authorizeUrl(config, {}), 'alice', PASSWORD);
    const out = await getPage(`${sandbox.url}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`, cookie);
    expect(out.status).toBe(302);
    expect(out.location).toBe(SIGNED_OUT);
    const after = await getPage(authorizeUrl(config, {}), cookie);
    expect(after.location).toMatch(/^\/login\?/);
    const unlisted = await getPage(`${sandbox.url}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(unlisted.status).toBe(400);
    expect(unlisted.location).toBeUndefined();
    const relogin = await getPage(`${sandbox.url}/logout?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code`);
    expect(relogin.location).toMatch(/^\/login\?client_id=/);
    const ended = events.filter((event) => event.type === 'flow.started' && event.data.kind === 'logout');
    expect(ended.length).toBeGreaterThanOrEqual(2);
  });

  it('shows the error for a wrong password on the page, and keeps the form', async () => {
    const { config } = await world();
    const { session } = await openSignInPage(sandbox.url, authorizeUrl(config, {}));
    const wrong = await postForm(`${sandbox.url}/login`, { session, username: 'alice', password: 'nope' });
    expect(wrong.status).toBe(200);
    expect(pageError(wrong.html)).toBe('Incorrect username or password.');
    const right = await postForm(`${sandbox.url}/login`, { session, username: 'alice', password: PASSWORD });
    expect(right.status).toBe(302);
  });
});

describe('the implicit grant', () => {
  it('answers the tokens in the fragment, an ID token only with openid, never a refresh token', async () => {
    const { poolId, clientId, config } = await world();
    const { location } = await passwordLogin(sandbox.url, authorizeUrl(config, { response_type: 'token', state: 'st', nonce: 'n1' }), 'alice', PASSWORD);
    const fragment = new URLSearchParams(new URL(location).hash.slice(1));
    expect(new URL(location).search).toBe('');
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('expires_in')).toBe('3600');
    expect(fragment.get('state')).toBe('st');
    expect(fragment.get('refresh_token')).toBeNull();
    const idToken = await idTokenVerifier(poolId, clientId).verify(fragment.get('id_token')!, { tokenUse: 'id' } as never);
    expect(idToken.nonce).toBe('n1');

    const noOpenid = await passwordLogin(sandbox.url, authorizeUrl(config, { response_type: 'token', scope: 'aws.cognito.signin.user.admin' }), 'alice', PASSWORD);
    const withoutId = new URLSearchParams(new URL(noOpenid.location).hash.slice(1));
    expect(withoutId.get('id_token')).toBeNull();
    expect(withoutId.get('access_token')).toBeTruthy();
  });
});

describe('refusals', () => {
  async function tokenCall(form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(`${sandbox.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
    return { status: response.status, json: (await response.json()) as { error?: string; error_description?: string } };
  }

  async function codeFor(config: oidc.Configuration, params: Record<string, string> = {}) {
    const { location } = await passwordLogin(sandbox.url, authorizeUrl(config, params), 'alice', PASSWORD);
    return new URL(location).searchParams.get('code')!;
  }

  it('a code is redeemed once', async () => {
    const { clientId, config } = await world();
    const code = await codeFor(config);
    const form = { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK };
    expect((await tokenCall(form)).status).toBe(200);
    expect(await tokenCall(form)).toEqual({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('a wrong verifier, a missing one, another redirect_uri or another client is invalid_grant', async () => {
    const { clientId, config } = await world();
    const { challenge } = await pkce();
    const withPkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const redeem = async (extra: Record<string, string>) => (await tokenCall({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: CALLBACK, ...extra })).json;
    expect(await redeem({ code: await codeFor(config, withPkce), code_verifier: oidc.randomPKCECodeVerifier() })).toEqual({ error: 'invalid_grant' });
    expect(await redeem({ code: await codeFor(config, withPkce) })).toEqual({ error: 'invalid_grant' });
    expect(await redeem({ code: await codeFor(config), redirect_uri: 'myapp://callback' })).toEqual({ error: 'invalid_grant' });
    const other = await createClient(sandbox.cognito, (await world()).poolId, WEB_CLIENT);
    expect((await tokenCall({ grant_type: 'authorization_code', client_id: other.clientId, redirect_uri: CALLBACK, code: await codeFor(config) })).json).toEqual({ error: 'invalid_grant' });
  });

  it('a code expires after five minutes', async () => {
    const { clientId, config } = await world();
    const code = await codeFor(config);
    clock.time += 5 * 60_000 + 1000;
    expect((await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK })).json).toEqual({ error: 'invalid_grant' });
  });

  it('an unregistered redirect_uri or an unknown client is the error page, never a redirect', async () => {
    const { clientId, config } = await world();
    const bad = await getPage(`${sandbox.url}/oauth2/authorize?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`);
    expect(bad.status).toBe(400);
    expect(bad.location).toBeUndefined();
    expect(bad.html).toContain('redirect_mismatch');
    const unknown = await getPage(`${sandbox.url}/oauth2/authorize?response_type=code&client_id=nosuchclient&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeUndefined();
    void config;
  });

  it('redirects the other refusals to the app with state', async () => {
    const { clientId, config } = await world();
    const refused = async (params: Record<string, string>) => {
      const page = await getPage(authorizeUrl(config, { state: 'xyz', ...params }));
      expect(page.status).toBe(302);
      const url = new URL(page.location!);
      expect(url.searchParams.get('state')).toBe('xyz');
      return url.searchParams.get('error');
    };
    expect(await refused({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })).toBe('invalid_request');
    expect(await refused({ code_challenge: 'a'.repeat(43) })).toBe('invalid_request');
    expect(await refused({ response_type: 'id_token' })).toBe('unsupported_response_type');
    expect(await refused({ scope: 'nothing/allowed' })).toBe('invalid_scope');
    const missing = await getPage(`${sandbox.url}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&state=xyz`);
    expect(new URL(missing.location!).searchParams.get('error')).toBe('invalid_request');
  });

  it('a client without OAuth flows is refused; so is a pool without a domain', async () => {
    const noOAuth = await world({ AllowedOAuthFlowsUserPoolClient: false, AllowedOAuthFlows: undefined, AllowedOAuthScopes: undefined });
    const page = await getPage(authorizeUrl(noOAuth.config, {}));
    expect(new URL(page.location!).searchParams.get('error')).toBe('unauthorized_client');
    const noDomain = await world({}, false);
    const refused = await getPage(authorizeUrl(noDomain.config, {}));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('CreateUserPoolDomain');
  });

  it('the token endpoint refuses bad grants and clients in the OAuth shape', async () => {
    const { clientId } = await world();
    const secretClient = await createClient(sandbox.cognito, (await world()).poolId, { ...WEB_CLIENT, GenerateSecret: true });
    expect(await tokenCall({ grant_type: 'password', client_id: clientId })).toEqual({ status: 400, json: { error: 'unsupported_grant_type' } });
    expect((await tokenCall({ client_id: clientId })).json.error).toBe('invalid_request');
    expect((await tokenCall({ grant_type: 'authorization_code', client_id: 'nosuchclient', code: 'x' })).json.error).toBe('invalid_client');
    expect((await tokenCall({ grant_type: 'authorization_code', client_id: secretClient.clientId, code: 'x' })).json.error).toBe('invalid_client');
    const basic = await tokenCall({ grant_type: 'authorization_code', code: 'x' }, { authorization: `Basic ${Buffer.from(`${secretClient.clientId}:wrong`).toString('base64')}` });
    expect(basic).toEqual({ status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    expect((await tokenCall({ grant_type: 'authorization_code', client_id: clientId, code: 'not-a-code', redirect_uri: CALLBACK })).json).toEqual({ error: 'invalid_grant' });
    expect((await tokenCall({ grant_type: 'refresh_token', client_id: clientId, refresh_token: 'nope' })).json.error).toBe('invalid_grant');
  });
});
