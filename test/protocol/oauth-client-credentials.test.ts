/**
 * The client_credentials grant over HTTP at /oauth2/token: openid-client v6 against the pool's
 * discovery document (client_secret_basic and client_secret_post), the access token verified
 * with aws-jwt-verify against the sandbox's JWKS, the V3_0 pre token generation function fed by
 * aws_client_metadata, and the refusals as raw requests see them: invalid_scope,
 * unauthorized_client, invalid_request.
 */
import { DeleteResourceServerCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preTokenGeneration, startMachineSandbox, type MachineSandbox } from '../support/machine-clients.js';
import { invoked } from '../support/triggers.js';

const V3 = preTokenGeneration('V3_0');

let sandbox: MachineSandbox;

beforeAll(async () => {
  sandbox = await startMachineSandbox();
});
afterAll(() => sandbox.close());

const world: MachineSandbox['world'] = (...args) => sandbox.world(...args);

async function discover(poolId: string, clientId: string, auth: oidc.ClientAuth) {
  return oidc.discovery(new URL(`${sandbox.url}/${poolId}`), clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

function verifier(poolId: string, scope?: string[]) {
  const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
  return JwtRsaVerifier.create(
    { issuer: `${sandbox.url}/${poolId}`, audience: null, jwksUri: `${sandbox.url}/${poolId}/.well-known/jwks.json`, ...(scope && { scope }) },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

/** POST /oauth2/token with client_secret_basic; answers the status and the JSON body. */
async function tokenRequest(clientId: string, clientSecret: string, form: Record<string, string>) {
  const response = await fetch(`${sandbox.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...form }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('openid-client', () => {
  it('client_secret_basic: an access token for the scopes asked, and nothing else', async () => {
    const { poolId, clientId, clientSecret } = await world();
    const config = await discover(poolId, clientId, oidc.ClientSecretBasic(clientSecret));
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'api/read reports/view' });
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(tokens).not.toHaveProperty('id_token');
    expect(tokens).not.toHaveProperty('refresh_token');
    const claims = await verifier(poolId, ['reports/view']).verify(tokens.access_token);
    expect(Object.keys(claims)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    expect(claims).toMatchObject({ sub: clientId, client_id: clientId, token_use: 'access', scope: 'api/read reports/view', version: 2, iss: `${sandbox.url}/${poolId}` });
    await expect(sandbox.cognito.send(new GetUserCommand({ AccessToken: tokens.access_token }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token does not have required scopes',
    });
  });

  it('client_secret_post without a scope: every custom scope of the client', async () => {
    const { poolId, clientId, clientSecret } = await world();
    const config = await discover(poolId, clientId, oidc.ClientSecretPost(clientSecret));
    const tokens = await oidc.clientCredentialsGrant(config);
    expect(decodeJwt(tokens.access_token).scope).toBe('api/read api/write reports/view');
  });

  it('a V3_0 pre token generation function gets aws_client_metadata and customizes the token', async () => {
    const { poolId, clientId, clientSecret } = await world({}, V3);
    const config = await discover(poolId, clientId, oidc.ClientSecretBasic(clientSecret));
    const from = sandbox.mark();
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'api/read api/write', aws_client_metadata: JSON.stringify({ tenant: 'acme' }) });
    const claims = await verifier(poolId, ['api/extra']).verify(tokens.access_token);
    expect(claims).toMatchObject({ tenant: 'acme', limits: { daily: 100 }, scope: 'api/read api/extra', client_id: clientId, sub: clientId });
    expect(claims).not.toHaveProperty('tier');
    const [sent] = invoked(sandbox.since(from));
    expect(sent!.data.event).toMatchObject({
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      userName: null,
      callerContext: { clientId },
      request: { userAttributes: {}, scopes: ['api/read', 'api/write'], clientMetadata: { tenant: 'acme' } },
    });
  });

  it('an invalid scope is the ResponseBodyError invalid_scope', async () => {
    const { poolId, clientId, clientSecret } = await world();
    const config = await discover(poolId, clientId, oidc.ClientSecretBasic(clientSecret));
    await expect(oidc.clientCredentialsGrant(config, { scope: 'openid' })).rejects.toMatchObject({ error: 'invalid_scope', status: 400 });
  });
});

describe('refusals over raw HTTP', () => {
  it.each([
    ['a scope the client is not allowed', 'api/admin'],
    ['a scope no resource server defines', 'nothing/here'],
    ['openid', 'openid'],
    ['a custom and a standard scope', 'api/read email'],
  ])('%s: 400 invalid_scope', async (_case, scope) => {
    const { clientId, clientSecret } = await world();
    expect(await tokenRequest(clientId, clientSecret, { scope })).toEqual({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('a scope of a resource server deleted since: 400 invalid_scope', async () => {
    const { poolId, clientId, clientSecret } = await world();
    await sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports' }));
    expect(await tokenRequest(clientId, clientSecret, { scope: 'reports/view' })).toEqual({ status: 400, body: { error: 'invalid_scope' } });
    const granted = await tokenRequest(clientId, clientSecret, {});
    expect(granted.status).toBe(200);
    expect(decodeJwt(String(granted.body.access_token)).scope).toBe('api/read api/write');
  });

  it('a client with a secret but without the client_credentials flow: 400 unauthorized_client', async () => {
    const { clientId, clientSecret } = await world({ AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'api/read'], CallbackURLs: ['https://app.example.com/cb'] });
    const { status, body } = await tokenRequest(clientId, clientSecret, { scope: 'api/read' });
    expect({ status, error: body.error }).toEqual({ status: 400, error: 'unauthorized_client' });
    expect(body).not.toHaveProperty('access_token');
  });

  it('a client whose OAuth flows are off (AllowedOAuthFlowsUserPoolClient false): 400 unauthorized_client', async () => {
    const { clientId, clientSecret } = await world({ AllowedOAuthFlowsUserPoolClient: false });
    const { status, body } = await tokenRequest(clientId, clientSecret, {});
    expect({ status, error: body.error }).toEqual({ status: 400, error: 'unauthorized_client' });
  });

  it('aws_client_metadata that is not a JSON object of strings: 400 invalid_request', async () => {
    const { clientId, clientSecret } = await world({}, V3);
    const { status, body } = await tokenRequest(clientId, clientSecret, { aws_client_metadata: '{"n":1}' });
    expect({ status, error: body.error }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('a refused grant is a flow that ended in failure with why, and its answer in the back channel', async () => {
    const { clientId, clientSecret } = await world();
    const from = sandbox.mark();
    await tokenRequest(clientId, clientSecret, { scope: 'api/admin' });
    const published = sandbox.since(from);
    const started = published.find((event) => event.type === 'flow.started' && event.data.kind === 'client-credentials')!;
    const flow = published.filter((event) => event.flowId === started.flowId);
    expect(flow.some((event) => event.type === 'token.issued')).toBe(false);
    expect(flow.find((event) => event.type === 'flow.ended')!.data).toEqual({
      outcome: 'failure',
      reason: "invalid_scope: api/admin is not among the app client's AllowedOAuthScopes",
    });
    expect(flow.find((event) => event.type === 'http.exchanged')!.data).toMatchObject({ status: 400, error: { error: 'invalid_scope' } });
  });

  it('the grant is a flow the debugger shows, its token issued to the client', async () => {
    const { clientId, clientSecret } = await world();
    const from = sandbox.mark();
    const { body } = await tokenRequest(clientId, clientSecret, { scope: 'api/read' });
    const published = sandbox.since(from);
    const started = published.find((event) => event.type === 'flow.started' && event.data.kind === 'client-credentials')!;
    const flow = published.filter((event) => event.flowId === started.flowId);
    expect(flow.find((event) => event.type === 'token.issued')!.data).toMatchObject({ clientId, username: clientId, tokenUse: 'access', token: body.access_token });
    expect(flow.find((event) => event.type === 'flow.ended')!.data).toMatchObject({ outcome: 'success' });
    expect(flow.find((event) => event.type === 'http.exchanged')!.data).toMatchObject({ lane: 'backchannel', method: 'POST', path: '/oauth2/token', status: 200 });
  });
});
