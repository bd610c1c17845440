/**
 * Hostile input to every hosted-UI and OAuth endpoint: huge, missing and repeated parameters,
 * wrong methods and content types, forged sessions and codes, a code redeemed twice at once.
 * Each gets an OAuth-shaped error (JSON at the back-channel endpoints, the error page in the
 * browser) and never a 500.
 */
import { CreateUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, passwordLogin, postForm } from '../support/hosted-login.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const CALLBACK = 'http://localhost:3000/callback';
let sandbox: TestSandbox;
let clientId: string;
let secretClient: { clientId: string; clientSecret: string };

beforeAll(async () => {
  sandbox = await startSandbox();
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: 'hostile' });
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `hostile-${process.pid}` }));
  const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'], EnableTokenRevocation: true };
  ({ clientId } = await createClient(cognito, poolId, { ClientName: 'web', ...oauth }));
  const withSecret = await createClient(cognito, poolId, { ClientName: 'server', GenerateSecret: true, ...oauth });
  secretClient = { clientId: withSecret.clientId, clientSecret: withSecret.clientSecret! };
  await createAdminUser(cognito, poolId, 'alice', { password: 'Passw0rd!' });
});
afterAll(() => sandbox.close());

const authorizeQuery = (extra = '') => `response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}${extra}`;

async function send(path: string, init: RequestInit = {}) {
  const response = await fetch(`${sandbox.url}${path}`, { redirect: 'manual', ...init });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  return { status: response.status, type, body, location: response.headers.get('location') };
}

const form = (fields: Record<string, string> | string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
});

describe('the browser endpoints', () => {
  it('refuse repeated, missing and oversized parameters with the error page', async () => {
    for (const query of [
      `${authorizeQuery()}&client_id=${clientId}`,
      `response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      authorizeQuery(`&state=${'s'.repeat(9000)}`),
      '',
      'client_id[]=x',
    ]) {
      const answer = await send(`/oauth2/authorize?${query}`);
      expect(answer.status, query.slice(0, 80)).toBe(400);
      expect(answer.type).toContain('text/html');
      expect(answer.body).toContain('An error was encountered with the requested page.');
      expect(answer.location).toBeNull();
    }
  });

  it('answer a URL too long for the server without crashing it', async () => {
    const answer = await send(`/oauth2/authorize?${authorizeQuery(`&state=${'s'.repeat(40_000)}`)}`);
    expect(answer.status).toBe(431);
    expect((await send(`/oauth2/authorize?${authorizeQuery()}`)).status).toBe(302);
  });

  it('refuse forms without a live session, forged or spent, and oversized forms', async () => {
    expect((await send('/login', form({ username: 'alice', password: 'x' }))).status).toBe(400);
    expect((await send('/login', form({ session: 'forged', username: 'alice', password: 'x' }))).status).toBe(400);
    expect((await send('/mfa', form({ session: 'forged', code: '123456' }))).status).toBe(400);
    expect((await send('/forceChangePassword', form({ session: 'x'.repeat(9000) }))).status).toBe(400);
    const huge = await send('/login', form({ session: 'x', username: 'a'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: 'invalid_request' });
    const many = await send('/login', form(Array.from({ length: 500 }, (_, i) => `f${i}=1`).join('&')));
    expect(many.status).toBe(413);
    expect(many.body).toMatchObject({ error: 'invalid_request' });
  });

  it('an authorization code is not a page session, and a page session is not a code', async () => {
    const authorize = await getPage(`${sandbox.url}/oauth2/authorize?${authorizeQuery()}`);
    const pageSession = new URL(authorize.location!, sandbox.url).searchParams.get('session')!;
    const asCode = await send('/oauth2/token', form({ grant_type: 'authorization_code', client_id: clientId, code: pageSession, redirect_uri: CALLBACK }));
    expect(asCode.body).toEqual({ error: 'invalid_grant' });
    const { location } = await passwordLogin(sandbox.url, `${sandbox.url}/oauth2/authorize?${authorizeQuery()}`, 'alice', 'Passw0rd!');
    const code = new URL(location).searchParams.get('code')!;
    const asSession = await postForm(`${sandbox.url}/login`, { session: code, username: 'alice', password: 'Passw0rd!' });
    expect(asSession.status).toBe(400);
    const redeemed = await send('/oauth2/token', form({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK }));
    expect(redeemed.status).toBe(200);
  });

  it('/logout without its parameters is the error page', async () => {
    expect((await send('/logout')).status).toBe(400);
    expect((await send(`/logout?client_id=${clientId}`)).status).toBe(400);
    expect((await send(`/logout?client_id=${clientId}&logout_uri=a&logout_uri=b`)).status).toBe(400);
  });
});

describe('the back-channel endpoints', () => {
  it('/oauth2/token refuses wrong methods, content types, repeated and oversized parameters', async () => {
    expect(await send('/oauth2/token')).toMatchObject({ status: 405, body: { error: 'invalid_request' } });
    expect(await send('/oauth2/token', { method: 'PUT' })).toMatchObject({ status: 405 });
    const json = await send('/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code' }) });
    expect(json).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await send('/oauth2/token', form('grant_type=authorization_code&grant_type=client_credentials'))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await send('/oauth2/token', form({ grant_type: 'authorization_code', client_id: clientId, code: 'c'.repeat(9000) }))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await send('/oauth2/token', form(`grant_type=refresh_token&refresh_token=${'r'.repeat(70_000)}`))).toMatchObject({ status: 413, body: { error: 'invalid_request' } });
    expect(await send('/oauth2/token', form('%%%=%%%'))).toMatchObject({ status: 400 });
    expect(await send('/oauth2/token', form({ grant_type: 'authorization_code', client_id: clientId }))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('/oauth2/token refuses malformed client authentication', async () => {
    const basic = (value: string) => form({ grant_type: 'authorization_code', code: 'x' }, { authorization: value });
    expect(await send('/oauth2/token', basic('Basic !!!'))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await send('/oauth2/token', basic(`Basic ${Buffer.from('no-colon').toString('base64')}`))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await send('/oauth2/token', basic('Bearer abc'))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const both = form({ grant_type: 'authorization_code', code: 'x', client_secret: secretClient.clientSecret }, { authorization: `Basic ${Buffer.from(`${secretClient.clientId}:${secretClient.clientSecret}`).toString('base64')}` });
    expect(await send('/oauth2/token', both)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('a code redeemed twice at once gives tokens once', async () => {
    const { location } = await passwordLogin(sandbox.url, `${sandbox.url}/oauth2/authorize?${authorizeQuery()}`, 'alice', 'Passw0rd!');
    const code = new URL(location).searchParams.get('code')!;
    const redeem = () => send('/oauth2/token', form({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK }));
    const answers = await Promise.all([redeem(), redeem(), redeem()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400, 400]);
  });

  it('/oauth2/userInfo refuses missing, malformed and forged tokens', async () => {
    expect(await send('/oauth2/userInfo')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    for (const token of ['garbage', 'a.b.c', 'x'.repeat(8000)]) {
      const answer = await send('/oauth2/userInfo', { headers: { authorization: `Bearer ${token}` } });
      expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    }
    expect(await send('/oauth2/userInfo', { method: 'DELETE' })).toMatchObject({ status: 405 });
  });

  it('/oauth2/revoke refuses what is not a refresh token request', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${secretClient.clientId}:${secretClient.clientSecret}`).toString('base64')}` };
    expect(await send('/oauth2/revoke', form({}, auth))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await send('/oauth2/revoke', form({ token: 'unknown-token' }, auth))).toMatchObject({ status: 200 });
    const jwt = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"token_use":"access"}').toString('base64url')}.sig`;
    expect(await send('/oauth2/revoke', form({ token: jwt }, auth))).toMatchObject({ status: 400, body: { error: 'unsupported_token_type' } });
    expect(await send('/oauth2/revoke', form({ token: 'x', client_id: secretClient.clientId }))).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect(await send('/oauth2/revoke', { method: 'GET' })).toMatchObject({ status: 405 });
  });
});
