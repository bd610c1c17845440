/**
 * The built-in mock OIDC provider (panva's oidc-provider under /_mock-idp/oidc), driven by
 * openid-client as the relying party: discovery, the authorization code flow through the mock's
 * login page (chosen by fetch, person by person), the ID token and userInfo claims of the chosen
 * person, and each refusal: an unknown client, a wrong secret, a redirect URI that is not
 * Cognito's, a code used twice.
 */
import { CreateIdentityProviderCommand, DeleteIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchBrowser, loginForm, peopleOffered } from '../support/fetch-browser.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool } from '../support/world.js';

const CLIENT_ID = 'mock-oidc-client';
const CLIENT_SECRET = 'mock-oidc-secret-1234567890';

let sandbox: TestSandbox;
let issuer: string;
let redirectUri: string;
let poolId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  issuer = `${sandbox.url}/_mock-idp/oidc`;
  redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  poolId = await createPool(sandbox.cognito, { PoolName: 'federated' });
  await sandbox.cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: 'MockOidc',
      ProviderType: 'OIDC',
      ProviderDetails: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, authorize_scopes: 'openid email profile', attributes_request_method: 'GET', oidc_issuer: issuer },
    }),
  );
});
afterAll(() => sandbox.close());

function discover(secret = CLIENT_SECRET, auth?: oidc.ClientAuth, clientId = CLIENT_ID): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, secret, auth, { execute: [oidc.allowInsecureRequests] });
}

/** From the authorize URL through the login page to the redirect back to Cognito, choosing `person` (the first offered when absent). */
async function signIn(authorizeUrl: URL, person?: string, browser = new FetchBrowser()): Promise<{ callback: URL; offered: string[]; page: string }> {
  const page = await browser.follow(await browser.get(authorizeUrl.href));
  expect(page.status, page.body.slice(0, 300)).toBe(200);
  expect(page.body).toContain('Sign in to Mock OIDC');
  const offered = peopleOffered(page.body);
  const { action, fields } = loginForm(page.body, page.url);
  const chosen = await browser.post(action, { ...fields, person: person ?? offered[0]! });
  const back = await browser.follow(chosen, (url) => url.startsWith(redirectUri));
  expect(back.location, back.body.slice(0, 300)).toBeDefined();
  return { callback: new URL(back.location!), offered, page: page.body };
}

async function codeFlow(config: oidc.Configuration, person?: string, scope = 'openid email profile phone address') {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope, state, nonce });
  const { callback, offered, page } = await signIn(url, person);
  return { callback, state, nonce, offered, page };
}

describe('the mock OIDC provider', () => {
  it('publishes discovery under the origin it is reached at, with its JWKS', async () => {
    const config = await discover();
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(metadata.token_endpoint).toBe(`${issuer}/token`);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'phone', 'address']));
    const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: { kty: string; alg: string; kid: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(jwks.keys[0]!.d).toBeUndefined();

    const other = `http://localhost:${new URL(sandbox.url).port}/_mock-idp/oidc`;
    const otherMetadata = (await (await fetch(`${other}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(otherMetadata.issuer).toBe(other);
  });

  it('signs in the person chosen on its login page, the code redeemed by openid-client (client_secret_basic)', async () => {
    const config = await discover();
    const people = sandbox.app.store.mockIdpPeople.list('oidc');
    const jane = people[0]!;
    const { callback, state, nonce, offered } = await codeFlow(config, jane.id);
    expect(offered).toEqual(people.map((person) => person.id));
    const tokens = await oidc.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: issuer, aud: CLIENT_ID, sub: jane.id, nonce, email: jane.claims.email, email_verified: true, given_name: 'Jane' });
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: CLIENT_ID });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.address).toEqual({ formatted: jane.claims.address });
    expect(payload.phone_number_verified).toBe(true);

    const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, jane.id);
    expect(userInfo).toMatchObject({ sub: jane.id, email: jane.claims.email, family_name: 'Doe' });
  });

  it('answers client_secret_post as well, and another person when chosen', async () => {
    const config = await discover(CLIENT_SECRET, oidc.ClientSecretPost(CLIENT_SECRET));
    const john = sandbox.app.store.mockIdpPeople.list('oidc')[1]!;
    const { callback, state, nonce } = await codeFlow(config, john.id, 'openid email');
    const tokens = await oidc.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(john.id);
    expect(claims.email_verified).toBe(false);
    expect(claims.name).toBeUndefined();
  });

  it('shows the login page on every sign-in, and returns access_denied when the user cancels', async () => {
    const config = await discover();
    const browser = new FetchBrowser();
    await signIn(oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 'first' }), undefined, browser);
    expect([...browser.cookies.keys()]).toContain('mock_oidc_session');
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 'cancel-state' });
    const page = await browser.follow(await browser.get(url.href));
    const { action, fields } = loginForm(page.body, page.url);
    const cancelled = await browser.follow(await browser.post(action, { ...fields, cancel: '1' }), (to) => to.startsWith(redirectUri));
    const callback = new URL(cancelled.location!);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('cancel-state');
  });

  it('refuses a person who is not in the directory, on the page', async () => {
    const config = await discover();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 's' });
    const browser = new FetchBrowser();
    const page = await browser.follow(await browser.get(url.href));
    const { action, fields } = loginForm(page.body, page.url);
    const refused = await browser.post(action, { ...fields, person: 'nobody' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('not in the directory');
  });

  it('refuses a wrong client secret, and a code used twice', async () => {
    const config = await discover();
    const { callback, state, nonce } = await codeFlow(config);
    const wrong = await discover('not-the-secret');
    await expect(oidc.authorizationCodeGrant(wrong, callback, { expectedState: state, expectedNonce: nonce })).rejects.toMatchObject({ error: 'invalid_client' });
    await oidc.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce });
    await expect(oidc.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a redirect URI that is not /oauth2/idpresponse on a loopback host, and a client no pool stores', async () => {
    const config = await discover();
    for (const redirect of ['http://localhost:3000/callback', 'https://evil.example/oauth2/idpresponse']) {
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirect, scope: 'openid', state: 's' });
      const answer = await fetch(url, { redirect: 'manual' });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('redirect_uri did not match any of the client');
    }
    const unknown = await discover(CLIENT_SECRET, undefined, 'nobody-stores-this');
    const url = oidc.buildAuthorizationUrl(unknown, { redirect_uri: redirectUri, scope: 'openid', state: 's' });
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('invalid_client');
  });

  it('stops answering a client once its pool\'s provider is deleted', async () => {
    const otherPool = await createPool(sandbox.cognito, { PoolName: 'short-lived' });
    const details = { client_id: 'short-lived-client', client_secret: 'short-lived-secret', authorize_scopes: 'openid', attributes_request_method: 'GET', oidc_issuer: issuer };
    await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: otherPool, ProviderName: 'Gone', ProviderType: 'OIDC', ProviderDetails: details }));
    const config = await discover('short-lived-secret', undefined, 'short-lived-client');
    const { callback, state } = await codeFlow(config, undefined, 'openid');
    await sandbox.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: otherPool, ProviderName: 'Gone' }));
    await expect(oidc.authorizationCodeGrant(config, callback, { expectedState: state, idTokenExpected: true })).rejects.toMatchObject({ error: 'invalid_client' });
  });
});
