/**
 * The built-in mocks of Google, Facebook, Login with Amazon and Sign in with Apple, driven over
 * HTTP as Cognito and a browser drive the real ones: authorize → the mock's login page → the
 * person chosen → the code at /oauth2/idpresponse (Apple: the form_post page) → the token
 * endpoint → the profile or the ID token, verified with jose against the JWKS each mock serves.
 * And their refusals, in each provider's own shape: an unknown client, a redirect URI that is not
 * Cognito's, a wrong secret, a code used twice or sent with another redirect URI, a bad access
 * token, Apple's client secret signed by another key.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CreateIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { finishOAuthLogin, startOAuthLogin } from '../../src-main/cognito/federation/oauth-login.js';
import type { FederationCall } from '../../src-main/cognito/federation/types.js';
import { requirePool } from '../../src-main/cognito/resources.js';
import { FetchBrowser, loginForm, peopleOffered } from '../support/fetch-browser.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

const SECRET = 'social-secret-0123456789';
const APPLE = { clientId: 'com.example.sandbox.web', teamId: 'TEAM123456', keyId: 'KEY1234567' };

function p8Key(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
const applePrivateKey = p8Key();

let sandbox: TestSandbox;
let mock: string;
let redirectUri: string;
let poolId: string;
let appClientId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  mock = `${sandbox.url}/_mock-idp`;
  redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  poolId = await createPool(sandbox.cognito, { PoolName: 'social' });
  ({ clientId: appClientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' }));
  const providers = [
    { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'google-client.apps.googleusercontent.com', client_secret: SECRET, authorize_scopes: 'openid email profile' } },
    {
      ProviderName: 'Facebook',
      ProviderType: 'Facebook',
      ProviderDetails: { client_id: '1234567890123456', client_secret: SECRET, authorize_scopes: 'public_profile,email' },
      AttributeMapping: { username: 'id', email: 'email', name: 'name' },
    },
    { ProviderName: 'LoginWithAmazon', ProviderType: 'LoginWithAmazon', ProviderDetails: { client_id: 'amzn1.application-oa2-client.sandbox', client_secret: SECRET, authorize_scopes: 'profile postal_code' } },
    {
      ProviderName: 'SignInWithApple',
      ProviderType: 'SignInWithApple',
      ProviderDetails: { client_id: APPLE.clientId, team_id: APPLE.teamId, key_id: APPLE.keyId, private_key: applePrivateKey, authorize_scopes: 'name email' },
    },
  ] as const;
  for (const provider of providers) await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ...provider, ProviderDetails: { ...provider.ProviderDetails } }));
});
afterAll(() => sandbox.close());

function url(path: string, params: Record<string, string>): string {
  return `${mock}${path}?${new URLSearchParams(params)}`;
}

/** Opens the authorize URL, chooses the person (the first offered when absent): answers the mock's last answer and the page. */
async function choose(authorizeUrl: string, person?: string, browser = new FetchBrowser()) {
  const page = await browser.get(authorizeUrl);
  expect(page.status, page.body.slice(0, 400)).toBe(200);
  const offered = peopleOffered(page.body);
  const { action, fields } = loginForm(page.body, page.url);
  const answer = await browser.post(action, { ...fields, person: person ?? offered[0]! });
  return { answer, offered, page: page.body, browser };
}

async function postForm(to: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(to, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  return { status: response.status, json: (await response.json()) as any };
}

async function getJson(to: string, headers: Record<string, string> = {}) {
  const response = await fetch(to, { headers });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

describe('mock Google', () => {
  const clientId = 'google-client.apps.googleusercontent.com';
  const authorize = (extra: Record<string, string> = {}) =>
    url('/google/o/oauth2/v2/auth', { client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', state: 'g-state', nonce: 'g-nonce', ...extra });

  it('signs in the chosen person: code, token, an ID token from https://accounts.google.com verified against its JWKS, userinfo', async () => {
    const john = sandbox.app.store.mockIdpPeople.list('google')[1]!;
    const { answer, offered, page } = await choose(authorize(), john.id);
    expect(page).toContain('Sign in to Mock Google');
    expect(page).toContain(clientId);
    expect(offered).toEqual(sandbox.app.store.mockIdpPeople.list('google').map((person) => person.id));
    expect(answer.status).toBe(302);
    const back = new URL(answer.location!);
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('g-state');
    expect(back.searchParams.get('code')).toMatch(/^4\/0A/);
    expect(back.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/userinfo.email');

    const token = await postForm(`${mock}/google/token`, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, client_id: clientId, client_secret: SECRET, redirect_uri: redirectUri });
    expect(token.status).toBe(200);
    expect(token.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(token.json.access_token).toMatch(/^ya29\./);
    const { payload, protectedHeader } = await jwtVerify(token.json.id_token, createRemoteJWKSet(new URL(`${mock}/google/oauth2/v3/certs`)), {
      issuer: 'https://accounts.google.com',
      audience: clientId,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({ sub: john.id, azp: clientId, nonce: 'g-nonce', email: john.claims.email, email_verified: true, name: 'John Smith', hd: 'example.com' });
    expect(payload.at_hash).toBeTruthy();

    const info = await getJson(`${mock}/google/v1/userinfo`, { authorization: `Bearer ${token.json.access_token}` });
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ sub: john.id, email: john.claims.email, given_name: 'John' });

    const discovery = await getJson(`${mock}/google/.well-known/openid-configuration`);
    expect(discovery.json).toMatchObject({ issuer: 'https://accounts.google.com', jwks_uri: `${mock}/google/oauth2/v3/certs` });
  });

  it('lets out claims by scope only (no email without the email scope)', async () => {
    const { answer } = await choose(authorize({ scope: 'openid profile' }));
    const code = new URL(answer.location!).searchParams.get('code')!;
    const token = await postForm(`${mock}/google/token`, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, { authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}` });
    expect(token.status).toBe(200);
    const claims = decodeJwt(token.json.id_token);
    expect(claims.email).toBeUndefined();
    expect(claims.name).toBe('Jane Doe');
  });

  it('refuses an unknown client and a foreign redirect URI on its own page, and a missing response_type at the redirect URI', async () => {
    const unknown = await fetch(authorize({ client_id: 'nobody' }));
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('The OAuth client was not found.');
    const foreign = await fetch(authorize({ redirect_uri: 'https://evil.example/oauth2/idpresponse' }), { redirect: 'manual' });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('redirect_uri_mismatch');
    const noType = await fetch(url('/google/o/oauth2/v2/auth', { client_id: clientId, redirect_uri: redirectUri, scope: 'openid', state: 's' }), { redirect: 'manual' });
    const back = new URL(noType.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('s');
  });

  it('answers access_denied when the user cancels', async () => {
    const browser = new FetchBrowser();
    const page = await browser.get(authorize());
    const { action, fields } = loginForm(page.body, page.url);
    const cancelled = await browser.post(action, { ...fields, cancel: '1' });
    expect(new URL(cancelled.location!).searchParams.get('error')).toBe('access_denied');
  });

  it('refuses a wrong secret, another redirect URI, a reused code, and a bad access token', async () => {
    const { answer } = await choose(authorize());
    const code = new URL(answer.location!).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, client_id: clientId, client_secret: SECRET, redirect_uri: redirectUri };
    expect(await postForm(`${mock}/google/token`, { ...form, client_secret: 'wrong' })).toEqual({ status: 401, json: { error: 'invalid_client', error_description: 'Unauthorized' } });
    expect(await postForm(`${mock}/google/token`, { ...form, redirect_uri: `http://localhost:1/oauth2/idpresponse` })).toEqual({
      status: 400,
      json: { error: 'redirect_uri_mismatch', error_description: 'Bad Request' },
    });
    expect((await postForm(`${mock}/google/token`, form)).status).toBe(200);
    expect(await postForm(`${mock}/google/token`, form)).toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'Bad Request' } });
    expect((await postForm(`${mock}/google/token`, { ...form, grant_type: 'password' })).json.error).toBe('unsupported_grant_type');
    const info = await getJson(`${mock}/google/v1/userinfo`, { authorization: 'Bearer ya29.forged' });
    expect(info.status).toBe(401);
    expect(info.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

describe('mock Facebook', () => {
  const clientId = '1234567890123456';
  const dialog = (extra: Record<string, string> = {}) => url('/facebook/v17.0/dialog/oauth', { client_id: clientId, redirect_uri: redirectUri, state: 'f-state', scope: 'public_profile,email', ...extra });

  async function codeFor(person?: string) {
    const { answer } = await choose(dialog(), person);
    expect(answer.location).toMatch(/#_=_$/);
    return new URL(answer.location!).searchParams.get('code')!;
  }

  it('signs in the chosen person: code (#_=_), GET access_token, /me with the asked fields', async () => {
    const jane = sandbox.app.store.mockIdpPeople.list('facebook')[0]!;
    const code = await codeFor(jane.id);
    const token = await getJson(url('/facebook/v17.0/oauth/access_token', { client_id: clientId, client_secret: SECRET, redirect_uri: redirectUri, code }));
    expect(token.status).toBe(200);
    expect(token.json).toMatchObject({ token_type: 'bearer' });
    expect(token.json.access_token).toMatch(/^EAA/);
    expect(typeof token.json.expires_in).toBe('number');

    const me = await getJson(url('/facebook/v17.0/me', { fields: 'id,email,name,first_name,last_name', access_token: token.json.access_token }));
    expect(me.json).toEqual({ id: jane.id, email: 'jane@example.com', name: 'Jane Doe', first_name: 'Jane', last_name: 'Doe' });
    const defaults = await getJson(`${mock}/facebook/v17.0/me`, { authorization: `Bearer ${token.json.access_token}` });
    expect(defaults.json).toEqual({ id: jane.id, name: 'Jane Doe' });
    const unknownField = await getJson(url('/facebook/v17.0/me', { fields: 'id,shoe_size', access_token: token.json.access_token }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error).toMatchObject({ type: 'OAuthException', code: 100, message: '(#100) Tried accessing nonexisting field (shoe_size) on node type (User)' });
  });

  it('sends a declined login back as access_denied with error_reason user_denied', async () => {
    const browser = new FetchBrowser();
    const page = await browser.get(dialog());
    const { action, fields } = loginForm(page.body, page.url);
    const back = new URL((await browser.post(action, { ...fields, cancel: '1' })).location!);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'access_denied', error_code: '200', error_reason: 'user_denied', state: 'f-state' });
  });

  it('refuses in Graph\'s error shape: unknown app, wrong secret, another redirect URI, a used code, a bad token', async () => {
    expect((await fetch(dialog({ client_id: '999' }))).status).toBe(400);
    const code = await codeFor();
    const query = { client_id: clientId, client_secret: SECRET, redirect_uri: redirectUri, code };
    const token = (params: Record<string, string>) => getJson(url('/facebook/v17.0/oauth/access_token', params));
    expect((await token({ ...query, client_id: '999' })).json.error).toMatchObject({ code: 101, type: 'OAuthException' });
    expect((await token({ ...query, client_secret: 'wrong' })).json.error).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    expect((await token({ ...query, redirect_uri: 'http://localhost:1/oauth2/idpresponse' })).json.error).toMatchObject({ code: 100, error_subcode: 36008 });
    expect((await token(query)).status).toBe(200);
    const reused = await token(query);
    expect(reused.status).toBe(400);
    expect(reused.json.error).toMatchObject({ code: 100, error_subcode: 36009, message: 'This authorization code has been used.' });
    const bad = await getJson(url('/facebook/v17.0/me', { access_token: 'EAAforged' }));
    expect(bad.json.error).toMatchObject({ code: 190 });
    expect((await fetch(`${mock}/facebook/latest/dialog/oauth`)).status).toBe(400);
  });
});

describe('mock Login with Amazon', () => {
  const clientId = 'amzn1.application-oa2-client.sandbox';
  const authorize = (extra: Record<string, string> = {}) => url('/amazon/ap/oa', { client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'profile postal_code', state: 'a-state', ...extra });

  async function tokenFor(scope: string) {
    const { answer } = await choose(authorize({ scope }));
    const back = new URL(answer.location!);
    expect(back.searchParams.get('code')).toMatch(/^AN/);
    expect(back.searchParams.get('scope')).toBe(scope);
    return postForm(`${mock}/amazon/auth/o2/token`, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: redirectUri, client_id: clientId, client_secret: SECRET });
  }

  it('signs in the chosen person: Atza| token, the profile with user_id amzn1.account…, name, email, postal_code by scope', async () => {
    const jane = sandbox.app.store.mockIdpPeople.list('amazon')[0]!;
    const token = await tokenFor('profile postal_code');
    expect(token.status).toBe(200);
    expect(token.json).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(token.json.access_token).toMatch(/^Atza\|/);
    expect(token.json.refresh_token).toMatch(/^Atzr\|/);
    const profile = await getJson(`${mock}/amazon/user/profile`, { authorization: `Bearer ${token.json.access_token}` });
    expect(profile.json).toEqual({ user_id: jane.id, name: 'Jane Doe', email: 'jane@example.com', postal_code: '98109' });
    expect(profile.json.user_id).toMatch(/^amzn1\.account\./);

    const idOnly = await tokenFor('profile:user_id');
    expect((await getJson(`${mock}/amazon/user/profile`, { authorization: `Bearer ${idOnly.json.access_token}` })).json).toEqual({ user_id: jane.id });
  });

  it('refuses an unknown scope at the redirect URI, a wrong secret, a reused code and a bad token', async () => {
    const unknownScope = await fetch(authorize({ scope: 'profile shopping' }), { redirect: 'manual' });
    expect(new URL(unknownScope.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope');
    const { answer } = await choose(authorize());
    const code = new URL(answer.location!).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: SECRET };
    expect(await postForm(`${mock}/amazon/auth/o2/token`, { ...form, client_secret: 'wrong' })).toEqual({ status: 401, json: { error_description: 'Client authentication failed', error: 'invalid_client' } });
    expect((await postForm(`${mock}/amazon/auth/o2/token`, form)).status).toBe(200);
    expect(await postForm(`${mock}/amazon/auth/o2/token`, form)).toEqual({ status: 400, json: { error_description: 'The request has an invalid grant parameter : code', error: 'invalid_grant' } });
    expect((await getJson(`${mock}/amazon/user/profile`, { authorization: 'Bearer Atza|forged' })).status).toBe(401);
  });
});

describe('mock Sign in with Apple', () => {
  const authorize = (extra: Record<string, string> = {}) =>
    url('/apple/auth/authorize', { client_id: APPLE.clientId, redirect_uri: redirectUri, response_type: 'code id_token', scope: 'name email', response_mode: 'form_post', state: 'ap-state', nonce: 'ap-nonce', ...extra });

  async function clientSecret(overrides: { key?: string; kid?: string; iss?: string; sub?: string; aud?: string; exp?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: overrides.kid ?? APPLE.keyId })
      .setIssuer(overrides.iss ?? APPLE.teamId)
      .setSubject(overrides.sub ?? APPLE.clientId)
      .setAudience(overrides.aud ?? 'https://appleid.apple.com')
      .setIssuedAt(now)
      .setExpirationTime(overrides.exp ?? now + 3600)
      .sign(await importPKCS8(overrides.key ?? applePrivateKey, 'ES256'));
  }

  /** The form_post page's target and fields. */
  async function formPost(person?: string) {
    const { answer } = await choose(authorize(), person);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('document.forms[0].submit()');
    return loginForm(answer.body, answer.url);
  }

  it('POSTs code, state, id_token and, on the first consent only, user to the redirect URI; the code redeems with the client-secret JWT', async () => {
    const jane = sandbox.app.store.mockIdpPeople.list('apple')[0]!;
    const first = await formPost(jane.id);
    expect(first.action).toBe(redirectUri);
    expect(first.fields.state).toBe('ap-state');
    expect(JSON.parse(first.fields.user!)).toEqual({ name: { firstName: 'Jane', lastName: 'Doe' }, email: jane.claims.email });
    const keys = createRemoteJWKSet(new URL(`${mock}/apple/auth/keys`));
    const { payload: front } = await jwtVerify(first.fields.id_token!, keys, { issuer: 'https://appleid.apple.com', audience: APPLE.clientId });
    expect(front).toMatchObject({ sub: jane.id, nonce: 'ap-nonce', email: jane.claims.email, is_private_email: true, email_verified: true });
    expect(front.c_hash).toBeTruthy();

    const token = await postForm(`${mock}/apple/auth/token`, { client_id: APPLE.clientId, client_secret: await clientSecret(), code: first.fields.code!, grant_type: 'authorization_code', redirect_uri: redirectUri });
    expect(token.status).toBe(200);
    expect(token.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const { payload, protectedHeader } = await jwtVerify(token.json.id_token, keys, { issuer: 'https://appleid.apple.com', audience: APPLE.clientId, algorithms: ['RS256'] });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({ sub: jane.id, email: jane.claims.email, nonce: 'ap-nonce' });
    expect(payload.at_hash).toBeTruthy();

    const again = await formPost(jane.id);
    expect(again.fields.user).toBeUndefined();
    expect(again.fields.code).toBeTruthy();
  });

  it('refuses a client secret signed by another key, with another kid, team, audience, or expired; a reused code', async () => {
    const { fields } = await formPost();
    const form = { client_id: APPLE.clientId, code: fields.code!, grant_type: 'authorization_code', redirect_uri: redirectUri };
    const now = Math.floor(Date.now() / 1000);
    for (const secret of [
      await clientSecret({ key: p8Key() }),
      await clientSecret({ kid: 'OTHERKEY00' }),
      await clientSecret({ iss: 'OTHERTEAM0' }),
      await clientSecret({ aud: 'https://example.com' }),
      await clientSecret({ sub: 'com.example.other' }),
      await clientSecret({ exp: now - 60 }),
      'not-a-jwt',
    ]) {
      expect(await postForm(`${mock}/apple/auth/token`, { ...form, client_secret: secret })).toEqual({ status: 400, json: { error: 'invalid_client' } });
    }
    expect((await postForm(`${mock}/apple/auth/token`, { ...form, client_secret: await clientSecret() })).status).toBe(200);
    expect(await postForm(`${mock}/apple/auth/token`, { ...form, client_secret: await clientSecret() })).toEqual({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'The code has expired or has been revoked.' },
    });
  });

  it('takes the client secret of any pool\'s provider with that client_id, its key stored as the .p8 body alone or with escaped line breaks', async () => {
    const otherKey = p8Key();
    const body = otherKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const escaped = otherKey.replace(/\n/g, '\\n');
    for (const stored of [body, escaped]) {
      const otherPool = await createPool(sandbox.cognito, { PoolName: 'apple-too' });
      await sandbox.cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: otherPool,
          ProviderName: 'SignInWithApple',
          ProviderType: 'SignInWithApple',
          ProviderDetails: { client_id: APPLE.clientId, team_id: APPLE.teamId, key_id: APPLE.keyId, private_key: stored, authorize_scopes: 'email' },
        }),
      );
      const { fields } = await formPost();
      const form = { client_id: APPLE.clientId, code: fields.code!, grant_type: 'authorization_code', redirect_uri: redirectUri };
      expect((await postForm(`${mock}/apple/auth/token`, { ...form, client_secret: await clientSecret({ key: otherKey }) })).status).toBe(200);
    }
  });

  it('asks for form_post when name or email is asked, and posts user_cancelled_authorize on cancel', async () => {
    const query = await fetch(authorize({ response_mode: 'query' }), { redirect: 'manual' });
    expect(new URL(query.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const browser = new FetchBrowser();
    const page = await browser.get(authorize());
    const { action, fields } = loginForm(page.body, page.url);
    const cancelled = loginForm((await browser.post(action, { ...fields, cancel: '1' })).body, action);
    expect(cancelled.fields).toEqual({ state: 'ap-state', error: 'user_cancelled_authorize' });
  });
});

describe('the mocks\' shared rules', () => {
  it('answer only clients stored in a pool, and a person of the directory', async () => {
    const page = await fetch(url('/apple/auth/authorize', { client_id: 'com.example.unknown', redirect_uri: redirectUri, response_type: 'code' }));
    expect(page.status).toBe(400);
    const browser = new FetchBrowser();
    const login = await browser.get(url('/amazon/ap/oa', { client_id: 'amzn1.application-oa2-client.sandbox', redirect_uri: redirectUri, response_type: 'code', scope: 'profile' }));
    const { action, fields } = loginForm(login.body, login.url);
    const refused = await browser.post(action, { ...fields, person: 'amzn1.account.NOBODY' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('not in the directory');
    expect((await fetch(`${mock}/nowhere`)).status).toBe(404);
  });
});

describe("the pool's relying party against each mock, with the ProviderDetails' default (mock) endpoints", () => {
  const callFor = (providerName: string): FederationCall => {
    const { store } = sandbox.app.services;
    return {
      pool: requirePool(store, poolId),
      client: findAppClient(store, appClientId)!,
      provider: store.identityProviders.find(poolId, providerName)!,
      origin: sandbox.url,
      flowId: `social-${providerName}`,
    };
  };

  // Apple's person is one who has not consented to the client yet: only then does Apple send the user's name.
  it.each([
    ['Google', 'google', 0, { email: 'jane.doe.sandbox@gmail.com', email_verified: 'true', iss: 'https://accounts.google.com' }],
    ['Facebook', 'facebook', 0, { id: '10223344556677889', email: 'jane@example.com', name: 'Jane Doe' }],
    ['LoginWithAmazon', 'amazon', 0, { email: 'jane@example.com', postal_code: '98109' }],
    ['SignInWithApple', 'apple', 1, { email: 'john@example.com', firstName: 'John', lastName: 'Smith', iss: 'https://appleid.apple.com' }],
  ] as const)('%s: startOAuthLogin → the mock → finishOAuthLogin', async (providerName, idp, index, claims) => {
    const call = callFor(providerName);
    const redirect = await startOAuthLogin(sandbox.app.services, call, `state-${idp}`);
    expect(redirect.location.startsWith(`${mock}/${idp}/`)).toBe(true);
    const person = sandbox.app.store.mockIdpPeople.list(idp)[index]!;
    const { answer } = await choose(redirect.location, person.id);
    const response = answer.status === 302 ? Object.fromEntries(new URL(answer.location!).searchParams) : loginForm(answer.body, answer.url).fields;
    expect(response.state).toBe(`state-${idp}`);
    const identity = await finishOAuthLogin(sandbox.app.services, call, redirect.pending, {
      protocol: redirect.pending.protocol as 'oidc',
      code: response.code!,
      ...(response.user && { user: response.user }),
    });
    expect(identity).toMatchObject({ providerName, userId: person.id, claims });
  });
});
