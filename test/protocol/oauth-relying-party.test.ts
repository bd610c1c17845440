/**
 * The user pool as relying party (cognito/federation/oauth-login.ts), driven below the hosted UI:
 * startOAuthLogin builds the authorize request, the provider signs the user in, finishOAuthLogin
 * takes the code. Against panva's oidc-provider (an OpenID provider the sandbox did not write),
 * then against a scripted provider for what an honest one never sends: ID tokens unsigned, signed
 * by another key, from another issuer or for another audience, expired, with the wrong nonce; a
 * token endpoint answering 500, HTML or nothing; userInfo refused. Every refusal is the
 * FederationError Cognito redirects with, and the debugger shows the check that failed.
 */
import {
  CreateIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  UpdateIdentityProviderCommand,
  type CreateIdentityProviderCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, decodeProtectedHeader, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData, SandboxEvent } from '../../shared/events.js';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { finishOAuthLogin, startOAuthLogin } from '../../src-main/cognito/federation/oauth-login.js';
import { FederationError, type FederationCall, type IdpIdentity, type IdpRedirect, type IdpResponse } from '../../src-main/cognito/federation/types.js';
import { requirePool } from '../../src-main/cognito/resources.js';
import { eventsDuring } from '../support/events.js';
import { FetchBrowser, loginForm } from '../support/fetch-browser.js';
import { startOidcProviderIdp, type OidcProviderIdp } from '../support/oidc-provider-idp.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { startScriptedIdp, type ScriptedIdp } from '../support/scripted-idp.js';
import { createClient, createPool } from '../support/world.js';

const CLIENT_ID = 'sandbox-relying-party';
const CLIENT_SECRET = 'a-client-secret-long-enough-for-hs256-keys';
/** Short, so a provider that hangs costs the suite little; set only around those tests (a loaded machine may be slower than this). */
const IDP_TIMEOUT_MS = 400;

let sandbox: TestSandbox;
let poolId: string;
let clientId: string;
let flows = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  poolId = await createPool(sandbox.cognito, { PoolName: 'relying-party' });
  ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' }));
});
afterAll(() => sandbox.close());

const returnUrl = () => `${sandbox.url}/oauth2/idpresponse`;

/** `action` with the sandbox's idpTimeoutMs option short (idpFetch reads it at each call). */
async function withShortIdpTimeout<T>(action: () => Promise<T>): Promise<T> {
  const { options } = sandbox.app.services;
  options.idpTimeoutMs = IDP_TIMEOUT_MS;
  try {
    return await action();
  } finally {
    delete options.idpTimeoutMs;
  }
}

function createProvider(input: Omit<CreateIdentityProviderCommandInput, 'UserPoolId'>) {
  return sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ...input }));
}

function updateDetails(ProviderName: string, ProviderDetails: Record<string, string>) {
  return sandbox.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName, ProviderDetails }));
}

/** The login a protocol step serves, as the hosted login's actors build it. */
function callFor(providerName: string): FederationCall {
  const { store } = sandbox.app.services;
  return {
    pool: requirePool(store, poolId),
    client: findAppClient(store, clientId)!,
    provider: store.identityProviders.find(poolId, providerName)!,
    origin: sandbox.url,
    flowId: `relying-party-flow-${++flows}`,
  };
}

const start = (call: FederationCall, state = 'the-login-session') => startOAuthLogin(sandbox.app.services, call, state);
const finish = (call: FederationCall, redirect: IdpRedirect, response: Omit<IdpResponse & { protocol: 'oidc' }, 'protocol'>) =>
  finishOAuthLogin(sandbox.app.services, call, redirect.pending, { protocol: redirect.pending.protocol as 'oidc', ...response });

async function refusal(attempt: Promise<unknown>): Promise<FederationError> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FederationError);
  return error as FederationError;
}

const ofType = <T extends SandboxEvent['type']>(events: SandboxEvent[], type: T) =>
  events.filter((event): event is Extract<SandboxEvent, { type: T }> => event.type === type);
const idpLane = (events: SandboxEvent[]) => ofType(events, 'http.exchanged').filter((event) => event.data.lane === 'idp');
const responded = (events: SandboxEvent[]): EventData<'federation.responded'> => ofType(events, 'federation.responded').at(-1)!.data;
const failedChecks = (events: SandboxEvent[]) => responded(events).checks.filter((check) => !check.passed);

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('an OpenID provider the sandbox did not write (panva oidc-provider)', () => {
  let idp: OidcProviderIdp;
  const details = () => ({
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    authorize_scopes: 'openid email profile',
    attributes_request_method: 'GET',
    oidc_issuer: idp.issuer,
  });

  beforeAll(async () => {
    idp = await startOidcProviderIdp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: returnUrl() });
  });
  afterAll(() => idp.close());

  it("reads the issuer's discovery document at creation and describes the endpoints it found", async () => {
    const events = await eventsDuring(sandbox.app, () =>
      createProvider({ ProviderName: 'Independent', ProviderType: 'OIDC', ProviderDetails: details(), AttributeMapping: { username: 'sub', email: 'email' } }),
    );
    const { IdentityProvider } = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Independent' }));
    expect(IdentityProvider!.ProviderDetails).toEqual({
      ...details(),
      authorize_url: `${idp.issuer}/auth`,
      token_url: `${idp.issuer}/token`,
      attributes_url: `${idp.issuer}/me`,
      jwks_uri: `${idp.issuer}/jwks`,
      attributes_url_add_attributes: 'false',
    });
    expect(idpLane(events).map((event) => [event.data.method, event.data.path, event.data.status])).toEqual([
      ['GET', `${idp.issuer}/.well-known/openid-configuration`, 200],
    ]);
  });

  it('signs the user in: the authorize request, the code redeemed, the ID token checked against the JWKS, userInfo', async () => {
    const call = callFor('Independent');
    let identity: IdpIdentity | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      const redirect = await start(call);
      const authorize = new URL(redirect.location);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.issuer}/auth`);
      expect(Object.fromEntries(authorize.searchParams)).toEqual({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: returnUrl(),
        scope: 'openid email profile',
        state: 'the-login-session',
        nonce: redirect.pending.nonce,
      });
      expect(redirect.pending).toMatchObject({ provider: 'Independent', protocol: 'oidc', returnUrl: returnUrl() });

      const answer = await idp.signIn(redirect.location, 'Alice', returnUrl());
      expect(answer.state).toBe('the-login-session');
      identity = await finish(call, redirect, { code: answer.code! });
    });

    expect(identity).toEqual({
      providerName: 'Independent',
      providerType: 'OIDC',
      userId: 'Alice',
      claims: expect.objectContaining({
        sub: 'Alice',
        iss: idp.issuer,
        aud: CLIENT_ID,
        email: 'alice@independent.example',
        email_verified: 'true',
        name: 'Alice Independent',
        given_name: 'Alice',
      }),
    });
    expect(ofType(events, 'federation.requested')[0]!.data).toMatchObject({ provider: 'Independent', providerType: 'OIDC', protocol: 'oidc' });
    const answer = responded(events);
    expect(answer.checks.map((check) => [check.check, check.passed])).toEqual([
      ['request', true],
      ['provider answer', true],
      ['token endpoint', true],
      ['signature algorithm', true],
      ['signing key', true],
      ['signature', true],
      ['issuer', true],
      ['audience', true],
      ['expiry', true],
      ['issued at', true],
      ['nonce', true],
      ['userInfo', true],
      ['userInfo subject', true],
      ['user id', true],
    ]);
    expect(answer.idToken!.header).toMatchObject({ alg: 'RS256', kid: 'independent-key' });
    expect(answer.userInfo).toMatchObject({ sub: 'Alice', email: 'alice@independent.example' });
    expect(answer).toMatchObject({ userId: 'Alice', claims: identity!.claims });
    expect(answer.error).toBeUndefined();

    const calls = idpLane(events);
    expect(calls.map((event) => [event.data.method, event.data.path, event.data.status])).toEqual([
      ['POST', `${idp.issuer}/token`, 200],
      ['GET', `${idp.issuer}/jwks`, 200],
      ['GET', `${idp.issuer}/me`, 200],
    ]);
    expect(calls[0]!.data.form).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: '***', code: '***', redirect_uri: returnUrl() });
    expect(calls.every((event) => event.flowId === call.flowId && event.poolId === poolId)).toBe(true);
  });

  it('asks userInfo by POST when attributes_request_method is POST, and keeps the JWKS it read', async () => {
    await updateDetails('Independent', { ...details(), attributes_request_method: 'POST' });
    const call = callFor('Independent');
    const events = await eventsDuring(sandbox.app, async () => {
      const redirect = await start(call);
      const answer = await idp.signIn(redirect.location, 'Bob', returnUrl());
      await expect(finish(call, redirect, { code: answer.code! })).resolves.toMatchObject({ userId: 'Bob', claims: { email: 'bob@independent.example' } });
    });
    expect(idpLane(events).map((event) => [event.data.method, event.data.path])).toEqual([
      ['POST', `${idp.issuer}/token`],
      ['POST', `${idp.issuer}/me`],
    ]);
  });

  it("refuses a code redeemed twice with the provider's own error", async () => {
    const call = callFor('Independent');
    const redirect = await start(call);
    const { code } = await idp.signIn(redirect.location, 'Carol', returnUrl());
    await finish(call, redirect, { code: code! });
    const events: SandboxEvent[] = [];
    let error: FederationError | undefined;
    events.push(...(await eventsDuring(sandbox.app, async () => void (error = await refusal(finish(call, redirect, { code: code! }))))));
    expect(error).toMatchObject({ error: 'invalid_request', description: 'Independent Error - 400 invalid_grant grant request is invalid' });
    expect(failedChecks(events)).toEqual([{ check: 'token endpoint', passed: false, detail: 'answered 400' }]);
    expect(responded(events).error).toEqual({ error: 'invalid_request', error_description: 'Independent Error - 400 invalid_grant grant request is invalid' });
  });

  it('refuses when the provider does not take the client secret', async () => {
    await updateDetails('Independent', { ...details(), client_secret: 'not-the-secret' });
    const call = callFor('Independent');
    const redirect = await start(call);
    const { code } = await idp.signIn(redirect.location, 'Dave', returnUrl());
    const error = await refusal(finish(call, redirect, { code: code! }));
    expect(error.error).toBe('invalid_request');
    expect(error.description).toMatch(/^Independent Error - 401 invalid_client /);
    await updateDetails('Independent', details());
  });

  it("passes on the provider's refusal brought back by the browser, calling nothing", async () => {
    const call = callFor('Independent');
    const redirect = await start(call);
    let error: FederationError | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      error = await refusal(finish(call, redirect, { error: 'access_denied', errorDescription: 'End-User aborted interaction' }));
    });
    expect(error).toMatchObject({ error: 'access_denied', description: 'End-User aborted interaction' });
    expect(idpLane(events)).toEqual([]);
    expect(failedChecks(events)).toEqual([{ check: 'provider answer', passed: false, detail: 'access_denied: End-User aborted interaction' }]);

    const odd = await refusal(finish(call, redirect, { error: 'something_else' }));
    expect(odd).toMatchObject({ error: 'invalid_request', description: 'something_else' });
    const empty = await refusal(finish(call, redirect, {}));
    expect(empty).toMatchObject({ error: 'invalid_request', description: 'code is missing' });
  });
});

describe("the sandbox's own mock OIDC provider (/_mock-idp/oidc)", () => {
  const mockDetails = () => ({
    client_id: 'mock-oidc-client',
    client_secret: 'mock-oidc-secret-1234567890',
    authorize_scopes: 'openid email profile',
    attributes_request_method: 'GET',
    oidc_issuer: `${sandbox.url}/_mock-idp/oidc`,
  });

  beforeAll(() => createProvider({ ProviderName: 'MockOidc', ProviderType: 'OIDC', ProviderDetails: mockDetails() }));

  async function atTheMock(redirect: IdpRedirect, choose: { person: string } | { cancel: true }) {
    const browser = new FetchBrowser();
    const page = await browser.follow(await browser.get(redirect.location));
    const { action, fields } = loginForm(page.body, page.url);
    const choice: Record<string, string> = 'person' in choose ? { person: choose.person } : { cancel: '1' };
    const back = await browser.follow(await browser.post(action, { ...fields, ...choice }), (url) => url.startsWith(returnUrl()));
    return Object.fromEntries(new URL(back.location!).searchParams);
  }

  it('is discovered at creation and signs in the person chosen on its login page', async () => {
    const { IdentityProvider } = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'MockOidc' }));
    expect(IdentityProvider!.ProviderDetails).toMatchObject({ authorize_url: `${sandbox.url}/_mock-idp/oidc/auth`, token_url: `${sandbox.url}/_mock-idp/oidc/token` });
    const jane = sandbox.app.store.mockIdpPeople.list('oidc')[0]!;
    const call = callFor('MockOidc');
    const redirect = await start(call);
    const answer = await atTheMock(redirect, { person: jane.id });
    expect(answer.state).toBe('the-login-session');
    await expect(finish(call, redirect, { code: answer.code! })).resolves.toMatchObject({
      providerName: 'MockOidc',
      userId: jane.id,
      claims: { sub: jane.id, email: jane.claims.email, email_verified: 'true', iss: `${sandbox.url}/_mock-idp/oidc` },
    });
  });

  it("passes on the mock's access_denied when the user cancels", async () => {
    const call = callFor('MockOidc');
    const redirect = await start(call);
    const answer = await atTheMock(redirect, { cancel: true });
    await expect(refusal(finish(call, redirect, { error: answer.error!, ...(answer.error_description && { errorDescription: answer.error_description }) }))).resolves.toMatchObject({
      error: 'access_denied',
    });
  });
});

describe('a provider that answers what an honest one never does', () => {
  let idp: ScriptedIdp;
  let signingKey: CryptoKey;
  let publicJwk: JWK;
  let otherKey: CryptoKey;
  let idToken: (nonce: string | undefined) => Promise<string> | string;
  let userInfo: Record<string, unknown>;
  const details = () => ({
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    authorize_scopes: 'openid email',
    attributes_request_method: 'GET',
    oidc_issuer: idp.url,
  });

  const claimsFor = (nonce: string | undefined, overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: idp.url, aud: CLIENT_ID, sub: 'user-1', email: 'one@scripted.example', nonce, iat: now, exp: now + 300, ...overrides };
  };
  const signed = (claims: Record<string, unknown>, key: CryptoKey | Uint8Array = signingKey, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }) =>
    new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);

  beforeAll(async () => {
    idp = await startScriptedIdp();
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    otherKey = (await generateKeyPair('RS256')).privateKey;
    userInfo = { sub: 'user-1', email: 'one@scripted.example', groups: ['admins', 'R&D team'], address: { country: 'NZ' } };
    idp.routes.set('/.well-known/openid-configuration', () => ({
      json: { issuer: idp.url, authorization_endpoint: `${idp.url}/authorize`, token_endpoint: `${idp.url}/token`, userinfo_endpoint: `${idp.url}/userinfo`, jwks_uri: `${idp.url}/jwks` },
    }));
    idp.routes.set('/jwks', () => ({ json: { keys: [publicJwk] } }));
    idp.routes.set('/userinfo', () => ({ json: userInfo }));
    idp.routes.set('/token', async (request) => ({ json: { access_token: 'scripted-access-token', token_type: 'Bearer', id_token: await idToken(nonces.get(request.form.code!)) } }));
    await createProvider({ ProviderName: 'Scripted', ProviderType: 'OIDC', ProviderDetails: details() });
  });
  afterAll(() => idp.close());

  /** Each sign-in's code names the nonce its authorize request carried, so the token route can sign it in. */
  const nonces = new Map<string, string | undefined>();
  let codes = 0;

  async function signIn(providerName = 'Scripted'): Promise<{ events: SandboxEvent[]; outcome: IdpIdentity | FederationError }> {
    const call = callFor(providerName);
    let outcome: IdpIdentity | FederationError | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      const redirect = await start(call);
      const code = `code-${++codes}`;
      nonces.set(code, redirect.pending.nonce);
      outcome = await finish(call, redirect, { code }).catch((error: unknown) => {
        if (error instanceof FederationError) return error;
        throw error;
      });
    });
    return { events, outcome: outcome! };
  }

  async function refusedWith(description: string, failedCheck: string): Promise<SandboxEvent[]> {
    const { events, outcome } = await signIn();
    expect(outcome).toBeInstanceOf(FederationError);
    expect(outcome).toMatchObject({ error: 'invalid_request', description });
    expect(failedChecks(events).map((check) => check.check)).toEqual([failedCheck]);
    expect(responded(events).error).toEqual({ error: 'invalid_request', error_description: description });
    return events;
  }

  it('signs in with a good token, userInfo laid over it, lists and objects written as Cognito writes them', async () => {
    idToken = (nonce) => signed(claimsFor(nonce, { email_verified: true, updated_at: 1700000000 }));
    const { outcome } = await signIn();
    expect(outcome).toMatchObject({
      userId: 'user-1',
      claims: { email_verified: 'true', updated_at: '1700000000', groups: '[admins, R%26D+team]', address: '{"country":"NZ"}' },
    });
    const userInfoCall = idp.requestsTo('/userinfo').at(-1)!;
    expect(userInfoCall.headers.authorization).toBe('Bearer scripted-access-token');
    expect(userInfoCall.headers['user-agent']).toBe('Amazon/Cognito');
  });

  it("refuses an unsigned token (alg none), showing the token's header and claims", async () => {
    idToken = (nonce) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', kid: 'k1' })}.${part(claimsFor(nonce))}.`;
    };
    const events = await refusedWith('Bad id_token alg none', 'signature algorithm');
    expect(responded(events).idToken).toMatchObject({ header: { alg: 'none' }, claims: { sub: 'user-1' } });
    expect(responded(events).claims).toBeUndefined();
  });

  it('refuses a token signed by another key under the known kid', async () => {
    idToken = (nonce) => signed(claimsFor(nonce), otherKey);
    await refusedWith('Bad id_token signature', 'signature');
  });

  it('refuses a kid the JWKS lacks, after reading the JWKS again', async () => {
    idToken = (nonce) => signed(claimsFor(nonce), otherKey, { alg: 'RS256', kid: 'rotated-away' });
    const reads = idp.requestsTo('/jwks').length;
    await refusedWith('Bad id_token kid rotated-away', 'signing key');
    expect(idp.requestsTo('/jwks').length).toBe(reads + 1);
  });

  it('verifies with a key the provider rotated in, once the JWKS is read again', async () => {
    const rotated = await generateKeyPair('ES256', { extractable: true });
    const previous = publicJwk;
    publicJwk = { ...(await exportJWK(rotated.publicKey)), kid: 'k2', alg: 'ES256' };
    idp.routes.set('/jwks', () => ({ json: { keys: [previous, publicJwk] } }));
    idToken = (nonce) => signed(claimsFor(nonce), rotated.privateKey, { alg: 'ES256', kid: 'k2' });
    await expect(signIn().then(({ outcome }) => outcome)).resolves.toMatchObject({ userId: 'user-1' });
    publicJwk = previous;
    idp.routes.set('/jwks', () => ({ json: { keys: [publicJwk] } }));
  });

  it('refuses a token that names no kid', async () => {
    idToken = (nonce) => signed(claimsFor(nonce), signingKey, { alg: 'RS256' });
    await refusedWith('Bad id_token kid', 'signing key');
  });

  it('refuses another issuer', async () => {
    idToken = (nonce) => signed(claimsFor(nonce, { iss: 'https://evil.example' }));
    await refusedWith('Bad id_token issuer https://evil.example', 'issuer');
  });

  it('refuses another audience', async () => {
    idToken = (nonce) => signed(claimsFor(nonce, { aud: ['another-client'] }));
    await refusedWith('Bad id_token audience another-client', 'audience');
  });

  it('takes an audience list that holds the client_id', async () => {
    idToken = (nonce) => signed(claimsFor(nonce, { aud: ['another-client', CLIENT_ID] }));
    await expect(signIn().then(({ outcome }) => outcome)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('refuses an expired token, and one issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    idToken = (nonce) => signed(claimsFor(nonce, { iat: now - 3600, exp: now - 600 }));
    await refusedWith('Bad id_token expired', 'expiry');
    idToken = (nonce) => signed(claimsFor(nonce, { iat: now + 600, exp: now + 900 }));
    await refusedWith('Bad id_token iat', 'issued at');
  });

  it('refuses a nonce other than the one sent, and a missing one', async () => {
    idToken = () => signed(claimsFor('a-nonce-of-another-login'));
    await refusedWith('Bad id_token nonce', 'nonce');
    idToken = () => signed(claimsFor(undefined));
    await refusedWith('Bad id_token nonce', 'nonce');
  });

  it("takes an HS256 token keyed with the client secret, not one keyed with the provider's public key", async () => {
    const hmac = { alg: 'HS256' };
    idToken = (nonce) => signed(claimsFor(nonce), new TextEncoder().encode(CLIENT_SECRET), hmac);
    await expect(signIn().then(({ outcome }) => outcome)).resolves.toMatchObject({ userId: 'user-1' });
    const publicPem = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
    idToken = (nonce) => signed(claimsFor(nonce), new TextEncoder().encode(publicPem), hmac);
    await refusedWith('Bad id_token signature', 'signature');
  });

  it('refuses EdDSA, a token that is not a JWT, and a token answer without id_token', async () => {
    const ed = await generateKeyPair('EdDSA');
    idToken = (nonce) => signed(claimsFor(nonce), ed.privateKey, { alg: 'EdDSA', kid: 'k1' });
    await refusedWith('Bad id_token alg EdDSA', 'signature algorithm');
    idToken = () => 'not.a-jwt';
    await refusedWith('Bad id_token', 'ID token format');
    idp.routes.set('/token', () => ({ json: { access_token: 'scripted-access-token', token_type: 'Bearer' } }));
    await refusedWith('Bad id_token', 'ID token');
  });

  describe('failures of the provider', () => {
    beforeAll(() => {
      idToken = (nonce) => signed(claimsFor(nonce));
    });
    const tokenAnswers = (answer: Parameters<ScriptedIdp['routes']['set']>[1]) => idp.routes.set('/token', answer);
    const goodTokens = () =>
      tokenAnswers(async (request) => ({ json: { access_token: 'scripted-access-token', token_type: 'Bearer', id_token: await idToken(nonces.get(request.form.code!)) } }));

    it('the token endpoint answering 500 with a page', async () => {
      tokenAnswers(() => ({ status: 500, text: '<html><body>Internal Server Error</body></html>' }));
      await refusedWith('Scripted Error - 500 error getting token', 'token endpoint');
    });

    it('the token endpoint answering an OAuth error', async () => {
      tokenAnswers(() => ({ status: 400, json: { error: 'invalid_grant', error_description: 'The code has expired' } }));
      await refusedWith('Scripted Error - 400 invalid_grant The code has expired', 'token endpoint');
    });

    it('the token endpoint answering HTML with 200, or JSON without an access token', async () => {
      tokenAnswers(() => ({ status: 200, text: '<html>Sign in again</html>' }));
      await refusedWith('Scripted Error - 200 error getting token', 'token endpoint');
      tokenAnswers(() => ({ json: { token_type: 'Bearer' } }));
      await refusedWith('Scripted Error - 200 error getting token', 'token endpoint');
    });

    it('the token endpoint not answering within the timeout', async () => {
      tokenAnswers(() => 'hang');
      const started = Date.now();
      const events = await withShortIdpTimeout(() => refusedWith('Timeout occurred in calling IdP token endpoint', 'token endpoint'));
      expect(Date.now() - started).toBeLessThan(IDP_TIMEOUT_MS * 5);
      expect(idpLane(events).at(-1)!.data).toMatchObject({ status: 0, error: { error: 'unreachable', error_description: `no answer within ${IDP_TIMEOUT_MS / 1000} s` } });
    });

    it('userInfo refusing the access token, or answering no JSON', async () => {
      goodTokens();
      idp.routes.set('/userinfo', () => ({ status: 401, json: { error: 'invalid_token', error_description: 'The access token expired' } }));
      await refusedWith('Scripted Error - 401 invalid_token The access token expired', 'userInfo');
      idp.routes.set('/userinfo', () => ({ status: 403, text: 'Forbidden' }));
      await refusedWith('Scripted Error - 403 error getting user info', 'userInfo');
      idp.routes.set('/userinfo', () => ({ text: 'eyJhbGciOi.signed.userinfo', contentType: 'application/jwt' }));
      await refusedWith('Scripted Error - 200 error getting user info', 'userInfo');
    });

    it('userInfo speaking of another user', async () => {
      idp.routes.set('/userinfo', () => ({ json: { sub: 'user-2', email: 'two@scripted.example' } }));
      await refusedWith('userInfo sub does not match the id_token sub', 'userInfo subject');
      idp.routes.set('/userinfo', () => ({ json: userInfo }));
    });

    it('a token endpoint nobody listens at, and a JWKS that does not answer', async () => {
      const closed = await closedPortUrl();
      await createProvider({
        ProviderName: 'Broken',
        ProviderType: 'OIDC',
        ProviderDetails: { ...details(), authorize_url: `${idp.url}/authorize`, token_url: `${closed}/token`, attributes_url: `${idp.url}/userinfo`, jwks_uri: `${idp.url}/jwks-hangs` },
      });
      let { outcome, events } = await signIn('Broken');
      expect(outcome).toMatchObject({ error: 'invalid_request', description: 'Connection reset' });
      expect(idpLane(events).at(-1)!.data.error).toEqual({ error: 'unreachable', error_description: 'ECONNREFUSED' });

      await updateDetails('Broken', { ...details(), authorize_url: `${idp.url}/authorize`, token_url: `${idp.url}/token`, attributes_url: `${idp.url}/userinfo`, jwks_uri: `${idp.url}/jwks-hangs` });
      idp.routes.set('/jwks-hangs', () => 'hang');
      ({ outcome, events } = await withShortIdpTimeout(() => signIn('Broken')));
      expect(outcome).toMatchObject({ error: 'invalid_request', description: 'Timeout in calling jwks uri' });
      expect(failedChecks(events)).toMatchObject([{ check: 'signing key' }]);
    });
  });

  describe('discovery', () => {
    it('keeps a provider whose issuer cannot be read at creation, and discovers its endpoints at sign-in', async () => {
      const late = await startScriptedIdp();
      try {
        const lateDetails = { ...details(), oidc_issuer: late.url };
        await createProvider({ ProviderName: 'Late', ProviderType: 'OIDC', ProviderDetails: lateDetails });
        const { IdentityProvider } = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Late' }));
        expect(IdentityProvider!.ProviderDetails).toEqual({ ...lateDetails, attributes_url_add_attributes: 'false' });

        const call = callFor('Late');
        await expect(refusal(start(call))).resolves.toMatchObject({ error: 'invalid_request', description: 'Late Error - 404 error getting openid configuration' });

        late.routes.set('/.well-known/openid-configuration', () => ({
          json: { issuer: late.url, authorization_endpoint: `${late.url}/authorize`, token_endpoint: `${late.url}/token`, jwks_uri: `${late.url}/jwks` },
        }));
        const redirect = await start(call);
        expect(redirect.location.startsWith(`${late.url}/authorize?`)).toBe(true);
        expect(late.requestsTo('/.well-known/openid-configuration')).toHaveLength(3);
      } finally {
        await late.close();
      }
    });

    it('refuses a discovery document that does not name the endpoints, or names ones that are not http(s)', async () => {
      const odd = await startScriptedIdp();
      try {
        odd.routes.set('/.well-known/openid-configuration', () => ({ json: { issuer: odd.url, authorization_endpoint: 'javascript:alert(1)', token_endpoint: `${odd.url}/token`, jwks_uri: `${odd.url}/jwks` } }));
        await createProvider({ ProviderName: 'Odd', ProviderType: 'OIDC', ProviderDetails: { ...details(), oidc_issuer: odd.url } });
        await expect(refusal(start(callFor('Odd')))).resolves.toMatchObject({ error: 'invalid_request', description: 'Odd Error - 200 error getting openid configuration' });
      } finally {
        await odd.close();
      }
    });
  });
});

describe("social providers, each with its own wire (scripted at the real providers' paths)", () => {
  let provider: ScriptedIdp;
  let signingKey: CryptoKey;
  beforeAll(async () => {
    provider = await startScriptedIdp();
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    const jwks = () => ({ json: { keys: [{ ...publicJwk, kid: 'social-key', alg: 'RS256', use: 'sig' }] } });
    const publicJwk = await exportJWK(pair.publicKey);
    provider.routes.set('/oauth2/v3/certs', jwks);
    provider.routes.set('/auth/keys', jwks);
  });
  afterAll(() => provider.close());

  const socialIdToken = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, exp: now + 600, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'social-key' }).sign(signingKey);
  };
  const authorizeParameters = (redirect: IdpRedirect) => Object.fromEntries(new URL(redirect.location).searchParams);

  it('Facebook: comma-separated scopes, no nonce, the token by GET, the profile from /me with the mapped fields', async () => {
    await createProvider({
      ProviderName: 'Facebook',
      ProviderType: 'Facebook',
      ProviderDetails: {
        client_id: 'facebook-app',
        client_secret: 'facebook-secret',
        authorize_scopes: 'public_profile, email',
        authorize_url: `${provider.url}/v17.0/dialog/oauth`,
        token_url: `${provider.url}/v17.0/oauth/access_token`,
        attributes_url: `${provider.url}/v17.0/me?fields=`,
      },
      AttributeMapping: { username: 'id', email: 'email', name: 'name' },
    });
    provider.routes.set('/v17.0/oauth/access_token', (request) =>
      request.method === 'GET' && request.query.client_secret === 'facebook-secret'
        ? { json: { access_token: 'facebook-token', token_type: 'bearer', expires_in: 5183944 } }
        : { status: 400, json: { error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 } } },
    );
    provider.routes.set('/v17.0/me', (request) =>
      request.query.access_token === 'facebook-token'
        ? { json: { id: '10229876543210', name: 'Jane Doe', email: 'jane@example.com' } }
        : { status: 400, json: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } },
    );
    const call = callFor('Facebook');
    const redirect = await start(call);
    expect(redirect.location.startsWith(`${provider.url}/v17.0/dialog/oauth?`)).toBe(true);
    expect(authorizeParameters(redirect)).toEqual({
      response_type: 'code',
      client_id: 'facebook-app',
      redirect_uri: returnUrl(),
      scope: 'public_profile,email',
      state: 'the-login-session',
    });
    expect(redirect.pending).toEqual({ provider: 'Facebook', protocol: 'oauth2', returnUrl: returnUrl(), sent: expect.any(Number) });

    await expect(finish(call, redirect, { code: 'facebook-code' })).resolves.toEqual({
      providerName: 'Facebook',
      providerType: 'Facebook',
      userId: '10229876543210',
      claims: { id: '10229876543210', name: 'Jane Doe', email: 'jane@example.com' },
    });
    expect(provider.requestsTo('/v17.0/oauth/access_token').at(-1)!.query).toEqual({
      client_id: 'facebook-app',
      client_secret: 'facebook-secret',
      redirect_uri: returnUrl(),
      code: 'facebook-code',
    });
    expect(provider.requestsTo('/v17.0/me').at(-1)!.query).toEqual({ fields: 'id,email,name', access_token: 'facebook-token' });

    await updateDetails('Facebook', {
      client_id: 'facebook-app',
      client_secret: 'a-wrong-secret',
      authorize_scopes: 'public_profile,email',
      authorize_url: `${provider.url}/v17.0/dialog/oauth`,
      token_url: `${provider.url}/v17.0/oauth/access_token`,
      attributes_url: `${provider.url}/v17.0/me?fields=`,
    });
    await expect(refusal(finish(callFor('Facebook'), redirect, { code: 'facebook-code' }))).resolves.toMatchObject({
      error: 'invalid_request',
      description: 'Facebook Error - 400 error getting token',
    });
  });

  it('Login with Amazon: the token by POST with client_secret_post, the profile with the access token as Bearer, user_id as the user', async () => {
    await createProvider({
      ProviderName: 'LoginWithAmazon',
      ProviderType: 'LoginWithAmazon',
      ProviderDetails: {
        client_id: 'amzn1.application-oa2-client.sandbox',
        client_secret: 'amazon-secret',
        authorize_scopes: 'profile postal_code',
        authorize_url: `${provider.url}/ap/oa`,
        token_url: `${provider.url}/auth/o2/token`,
        attributes_url: `${provider.url}/user/profile`,
      },
      AttributeMapping: { username: 'user_id', email: 'email', name: 'name', 'custom:postal': 'postal_code' },
    });
    provider.routes.set('/auth/o2/token', () => ({ json: { access_token: 'Atza|amazon-token', token_type: 'bearer', expires_in: 3600, refresh_token: 'Atzr|refresh' } }));
    provider.routes.set('/user/profile', (request) =>
      request.headers.authorization === 'Bearer Atza|amazon-token'
        ? { json: { user_id: 'amzn1.account.AGHNIFJQMFSBG3G6', name: 'Jane Doe', email: 'jane@example.com', postal_code: '98101' } }
        : { status: 400, json: { error: 'invalid_token', error_description: 'The access token is invalid' } },
    );
    const call = callFor('LoginWithAmazon');
    const redirect = await start(call);
    expect(authorizeParameters(redirect)).toEqual({
      response_type: 'code',
      client_id: 'amzn1.application-oa2-client.sandbox',
      redirect_uri: returnUrl(),
      scope: 'profile postal_code',
      state: 'the-login-session',
    });
    await expect(finish(call, redirect, { code: 'amazon-code' })).resolves.toMatchObject({
      providerType: 'LoginWithAmazon',
      userId: 'amzn1.account.AGHNIFJQMFSBG3G6',
      claims: { name: 'Jane Doe', email: 'jane@example.com', postal_code: '98101' },
    });
    const token = provider.requestsTo('/auth/o2/token').at(-1)!;
    expect(token.method).toBe('POST');
    expect(token.form).toEqual({
      grant_type: 'authorization_code',
      client_id: 'amzn1.application-oa2-client.sandbox',
      client_secret: 'amazon-secret',
      redirect_uri: returnUrl(),
      code: 'amazon-code',
    });

    provider.routes.set('/auth/o2/token', () => ({
      status: 400,
      json: { error: 'invalid_request', error_description: 'The request is missing a required parameter : client_secret' },
    }));
    await expect(refusal(finish(call, redirect, { code: 'amazon-code' }))).resolves.toMatchObject({
      error: 'invalid_request',
      description: 'LoginWithAmazon Error - 400 invalid_request The request is missing a required parameter : client_secret',
    });
  });

  it("Google: an OpenID provider whose tokens name https://accounts.google.com (or accounts.google.com), userInfo laid over the ID token", async () => {
    await createProvider({
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: {
        client_id: 'sandbox.apps.googleusercontent.com',
        client_secret: 'google-secret',
        authorize_scopes: 'profile email openid',
        authorize_url: `${provider.url}/o/oauth2/v2/auth`,
        token_url: `${provider.url}/token`,
        attributes_url: `${provider.url}/v1/userinfo`,
        attributes_url_add_attributes: 'false',
        jwks_uri: `${provider.url}/oauth2/v3/certs`,
      },
      AttributeMapping: { username: 'sub', email: 'email', email_verified: 'email_verified', picture: 'picture' },
    });
    const nonces = new Map<string, string>();
    let issuer = 'https://accounts.google.com';
    provider.routes.set('/token', async (request) => ({
      json: {
        access_token: 'ya29.google-token',
        token_type: 'Bearer',
        expires_in: 3599,
        id_token: await socialIdToken({ iss: issuer, aud: 'sandbox.apps.googleusercontent.com', sub: '110169484474386276334', email: 'jane@gmail.com', email_verified: true, nonce: nonces.get(request.form.code!) }),
      },
    }));
    provider.routes.set('/v1/userinfo', () => ({ json: { sub: '110169484474386276334', email: 'jane@gmail.com', picture: 'https://lh3.example/photo.jpg' } }));
    for (const [code, iss] of [
      ['google-code-1', 'https://accounts.google.com'],
      ['google-code-2', 'accounts.google.com'],
    ] as const) {
      issuer = iss;
      const call = callFor('Google');
      const redirect = await start(call);
      expect(authorizeParameters(redirect)).toMatchObject({ scope: 'profile email openid', nonce: redirect.pending.nonce });
      nonces.set(code, redirect.pending.nonce!);
      await expect(finish(call, redirect, { code })).resolves.toMatchObject({
        providerType: 'Google',
        userId: '110169484474386276334',
        claims: { iss, email: 'jane@gmail.com', email_verified: 'true', picture: 'https://lh3.example/photo.jpg' },
      });
    }
    expect(provider.requestsTo('/v1/userinfo').at(-1)!.headers.authorization).toBe('Bearer ya29.google-token');

    // attributes_url_add_attributes (true for Google's People API URL) adds the fields only to a URL ending with `=`
    const { IdentityProvider } = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Google' }));
    await updateDetails('Google', { ...IdentityProvider!.ProviderDetails, attributes_url_add_attributes: 'true' });
    issuer = 'https://accounts.google.com';
    const call = callFor('Google');
    const redirect = await start(call);
    nonces.set('google-code-3', redirect.pending.nonce!);
    await expect(finish(call, redirect, { code: 'google-code-3' })).resolves.toMatchObject({ userId: '110169484474386276334' });
    expect(provider.requestsTo('/v1/userinfo').at(-1)!.query).toEqual({});
    provider.routes.set('/v1/people/me', () => ({ json: { sub: '110169484474386276334', email: 'jane@gmail.com' } }));
    await updateDetails('Google', { ...IdentityProvider!.ProviderDetails, attributes_url: `${provider.url}/v1/people/me?personFields=`, attributes_url_add_attributes: 'true' });
    const again = await start(callFor('Google'));
    nonces.set('google-code-4', again.pending.nonce!);
    await finish(callFor('Google'), again, { code: 'google-code-4' });
    expect(provider.requestsTo('/v1/people/me').at(-1)!.query).toEqual({ personFields: 'sub,email,email_verified,picture' });
  });

  describe('Sign in with Apple', () => {
    let applePublicKey: CryptoKey;
    let appleDetails: Record<string, string>;
    beforeAll(async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      applePublicKey = pair.publicKey;
      appleDetails = {
        client_id: 'com.example.sandbox.web',
        team_id: 'TEAM123456',
        key_id: 'KEY1234567',
        private_key: await exportPKCS8(pair.privateKey),
        authorize_scopes: 'email name',
        authorize_url: `${provider.url}/auth/authorize`,
        token_url: `${provider.url}/auth/token`,
        jwks_uri: `${provider.url}/auth/keys`,
      };
      await createProvider({
        ProviderName: 'SignInWithApple',
        ProviderType: 'SignInWithApple',
        ProviderDetails: appleDetails,
        AttributeMapping: { username: 'sub', email: 'email', given_name: 'firstName', family_name: 'lastName', name: 'name' },
      });
    });

    it('form_post and a nonce, the client secret an ES256 JWT of the private key, the first sign-in\'s user JSON merged under the ID token', async () => {
      let nonce: string | undefined;
      provider.routes.set('/auth/token', async (request) => {
        try {
          const { protectedHeader } = await jwtVerify(request.form.client_secret!, applePublicKey, {
            issuer: 'TEAM123456',
            subject: 'com.example.sandbox.web',
            audience: 'https://appleid.apple.com',
          });
          if (protectedHeader.kid !== 'KEY1234567') throw new Error('kid');
        } catch {
          return { status: 400, json: { error: 'invalid_client' } };
        }
        return {
          json: {
            access_token: 'apple-access-token',
            token_type: 'Bearer',
            expires_in: 3600,
            refresh_token: 'apple-refresh',
            id_token: await socialIdToken({
              iss: 'https://appleid.apple.com',
              aud: 'com.example.sandbox.web',
              sub: '001234.5f8e0b7c.0042',
              email: 'x1y2z3@privaterelay.appleid.com',
              email_verified: 'true',
              is_private_email: 'true',
              nonce,
              nonce_supported: true,
            }),
          },
        };
      });
      const call = callFor('SignInWithApple');
      const redirect = await start(call);
      nonce = redirect.pending.nonce;
      expect(authorizeParameters(redirect)).toEqual({
        response_type: 'code',
        client_id: 'com.example.sandbox.web',
        redirect_uri: returnUrl(),
        scope: 'email name',
        state: 'the-login-session',
        nonce,
        response_mode: 'form_post',
      });
      const user = JSON.stringify({ name: { firstName: 'Jane', lastName: 'Appleseed' }, email: 'not-this@example.com' });
      await expect(finish(call, redirect, { code: 'apple-code', user })).resolves.toMatchObject({
        providerType: 'SignInWithApple',
        userId: '001234.5f8e0b7c.0042',
        claims: { firstName: 'Jane', lastName: 'Appleseed', name: 'Jane Appleseed', email: 'x1y2z3@privaterelay.appleid.com', is_private_email: 'true' },
      });
      const token = provider.requestsTo('/auth/token').at(-1)!.form;
      expect(decodeProtectedHeader(token.client_secret!)).toEqual({ alg: 'ES256', kid: 'KEY1234567' });

      const later = await finish(call, redirect, { code: 'apple-code', user: 'not json' });
      expect(later.claims).not.toHaveProperty('firstName');
    });

    it('refuses when the private key is not an ES256 key, before calling Apple', async () => {
      await updateDetails('SignInWithApple', { ...appleDetails, private_key: 'not a key' });
      const call = callFor('SignInWithApple');
      const redirect = await start(call);
      const calls = provider.requestsTo('/auth/token').length;
      const events = await eventsDuring(sandbox.app, async () => {
        await expect(refusal(finish(call, redirect, { code: 'apple-code' }))).resolves.toMatchObject({
          error: 'invalid_request',
          description: 'SignInWithApple Error - the private_key is not an ES256 (P-256) private key in PKCS #8',
        });
      });
      expect(provider.requestsTo('/auth/token')).toHaveLength(calls);
      expect(failedChecks(events).map((check) => check.check)).toEqual(['client secret']);
      await updateDetails('SignInWithApple', appleDetails);
    });
  });
});
