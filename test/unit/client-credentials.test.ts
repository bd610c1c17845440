/**
 * The client_credentials grant (machine-to-machine) run through a real sandbox's services, the
 * way /oauth2/token runs it once it has authenticated the client: the access token Cognito mints
 * (claims, order, lifetime, signature, verified by aws-jwt-verify's CognitoJwtVerifier against
 * the sandbox's JWKS), the scopes it grants and refuses, the V3_0 pre token generation event for
 * machine clients and its answer, and the flow the debugger shows.
 */
import { DeleteResourceServerCommand, type LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { OAuthError } from '../../src-main/cognito/oauth-errors.js';
import { handler } from '../../src-main/server/oauth2/grants/client-credentials.js';
import { preTokenGeneration, startMachineSandbox, type MachineSandbox } from '../support/machine-clients.js';
import { arn, expectExactly, invoked } from '../support/triggers.js';

type Jwks = Parameters<ReturnType<typeof CognitoJwtVerifier.create>['cacheJwks']>[0];

let sandbox: MachineSandbox;

beforeAll(async () => {
  sandbox = await startMachineSandbox({ awsIssuer: true });
});
afterAll(() => sandbox.close());

const world: MachineSandbox['world'] = (...args) => sandbox.world(...args);

/** Runs the grant as the token endpoint does; answers its outcome and the events it published. */
async function grant(poolId: string, clientId: string, params: Record<string, string> = {}) {
  const from = sandbox.mark();
  const pool = sandbox.app.store.pools.findById(poolId)!;
  const client = findAppClient(sandbox.app.store, clientId)!;
  const call = { origin: sandbox.url, userAgent: 'node' } as { origin: string; userAgent: string; flowId?: string };
  const outcome = await handler(sandbox.app.services)({ pool, client, params }, call).then(
    (response) => ({ response, error: undefined }),
    (error: unknown) => ({ response: undefined, error }),
  );
  return { ...outcome, flowId: call.flowId, events: sandbox.since(from) };
}

async function verifier(poolId: string, clientId: string, scope?: string[]) {
  const jwks = (await (await fetch(`${sandbox.url}/${poolId}/.well-known/jwks.json`)).json()) as Jwks;
  const verify = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId, ...(scope && { scope }) });
  verify.cacheJwks(jwks);
  return verify;
}

function refusal(error: unknown): { error: string; error_description?: string; status: number } {
  expect(error).toBeInstanceOf(OAuthError);
  const oauth = error as OAuthError;
  return { ...oauth.toJSON(), status: oauth.status };
}

describe('the machine-to-machine access token', () => {
  it('carries the client as sub, the granted custom scopes, version 2 and a jti, in Cognito\'s order, for the client\'s validity', async () => {
    const { poolId, clientId } = await world({ AccessTokenValidity: 30, TokenValidityUnits: { AccessToken: 'minutes' } });
    const { response, flowId } = await grant(poolId, clientId, { scope: 'api/read reports/view' });
    expect(response).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 1800 });
    const claims = decodeJwt(response!.access_token);
    expect(Object.keys(claims)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    expect(claims).toMatchObject({
      sub: clientId,
      token_use: 'access',
      scope: 'api/read reports/view',
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      version: 2,
      client_id: clientId,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(claims.exp! - claims.iat!).toBe(1800);
    expect(claims.auth_time).toBe(claims.iat);
    expect(flowId).toEqual(expect.any(String));
  });

  it('verifies with CognitoJwtVerifier (access token, client id, required scopes) and fails its scope check for a scope it lacks', async () => {
    const { poolId, clientId } = await world();
    const { response } = await grant(poolId, clientId, { scope: 'api/read' });
    await expect((await verifier(poolId, clientId, ['api/read'])).verify(response!.access_token)).resolves.toMatchObject({ sub: clientId, scope: 'api/read' });
    await expect((await verifier(poolId, clientId, ['api/write'])).verify(response!.access_token)).rejects.toThrow(/scope/i);
    await expect((await verifier(poolId, 'someotherclientid000000000')).verify(response!.access_token)).rejects.toThrow(/client/i);
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    idVerifier.cacheJwks((await (await fetch(`${sandbox.url}/${poolId}/.well-known/jwks.json`)).json()) as Jwks);
    await expect(idVerifier.verify(response!.access_token)).rejects.toThrow();
  });

  it('grants every custom scope of the client without a scope parameter (or a blank one), each once', async () => {
    const { poolId, clientId } = await world();
    expect(decodeJwt((await grant(poolId, clientId)).response!.access_token).scope).toBe('api/read api/write reports/view');
    expect(decodeJwt((await grant(poolId, clientId, { scope: '  ' })).response!.access_token).scope).toBe('api/read api/write reports/view');
    expect(decodeJwt((await grant(poolId, clientId, { scope: 'api/write  api/read api/write' })).response!.access_token).scope).toBe('api/write api/read');
  });

  it('leaves out, from all the client\'s scopes, those of a resource server deleted since', async () => {
    const { poolId, clientId } = await world();
    await sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports' }));
    expect(decodeJwt((await grant(poolId, clientId)).response!.access_token).scope).toBe('api/read api/write');
  });

  it('is a flow: started, its steps, the token issued to the client, ended in success', async () => {
    const { poolId, clientId } = await world();
    const { response, flowId, events: published } = await grant(poolId, clientId, { scope: 'api/read' });
    expect(published.every((event) => event.flowId === flowId && event.poolId === poolId)).toBe(true);
    expect(published.find((event) => event.type === 'flow.started')!.data).toMatchObject({ kind: 'client-credentials', clientId, machine: 'client-credentials' });
    const steps = published.filter((event) => event.type === 'flow.transitioned').map((event) => (event.data as { to: string }).to);
    expect(steps).toEqual(['checkingClient', 'resolvingScopes', 'issuingToken', 'issued']);
    const issued = published.filter((event) => event.type === 'token.issued');
    expect(issued.map((event) => event.data)).toEqual([
      { clientId, username: clientId, tokenUse: 'access', claims: decodeJwt(response!.access_token), token: response!.access_token },
    ]);
    expect(published.at(-1)).toMatchObject({ type: 'flow.ended', data: { outcome: 'success' } });
    expect(sandbox.app.store.flows.findById(flowId!)).toMatchObject({ kind: 'client-credentials', outcome: 'success', snapshot: null, sessionHash: null });
  });
});

describe('refusals', () => {
  it.each([
    ['a scope the client is not allowed', 'api/read api/admin', 'api/admin is not among the app client\'s AllowedOAuthScopes'],
    ['a scope no resource server defines', 'api/delete', 'api/delete is not among the app client\'s AllowedOAuthScopes'],
    ['openid, a standard scope', 'openid', 'openid is not a custom scope: client_credentials grants custom scopes only'],
    ['aws.cognito.signin.user.admin', 'aws.cognito.signin.user.admin api/read', 'aws.cognito.signin.user.admin is not a custom scope: client_credentials grants custom scopes only'],
  ])('%s: invalid_scope, no token, the flow ended in failure with why', async (_case, scope, why) => {
    const { poolId, clientId } = await world();
    const { error, events: published } = await grant(poolId, clientId, { scope });
    expect(refusal(error)).toEqual({ error: 'invalid_scope', status: 400 });
    expect(published.some((event) => event.type === 'token.issued')).toBe(false);
    expect(published.at(-1)).toMatchObject({ type: 'flow.ended', data: { outcome: 'failure', reason: `invalid_scope: ${why}` } });
  });

  it('a scope of a resource server deleted since the client was given it: invalid_scope', async () => {
    const { poolId, clientId } = await world();
    await sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports' }));
    const { error, events: published } = await grant(poolId, clientId, { scope: 'reports/view' });
    expect(refusal(error)).toEqual({ error: 'invalid_scope', status: 400 });
    expect(published.at(-1)!.data).toMatchObject({ reason: 'invalid_scope: reports/view is not defined by a resource server of the pool' });
  });

  it('no scope asked, and every scope of the client gone with its resource server: invalid_scope', async () => {
    const { poolId, clientId } = await world({ AllowedOAuthScopes: ['reports/view'] });
    await sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports' }));
    expect(refusal((await grant(poolId, clientId)).error)).toEqual({ error: 'invalid_scope', status: 400 });
  });

  it('a client without the client_credentials flow: unauthorized_client', async () => {
    const { poolId, clientId } = await world({ AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'api/read'], CallbackURLs: ['https://app.example.com/cb'] });
    const { error, events: published } = await grant(poolId, clientId, { scope: 'api/read' });
    expect(refusal(error)).toEqual({ error: 'unauthorized_client', status: 400 });
    expect(published.at(-1)!.data).toMatchObject({ outcome: 'failure', reason: `unauthorized_client: the app client ${clientId} does not allow the client_credentials flow` });
  });

  it('a client not allowed OAuth flows (AllowedOAuthFlowsUserPoolClient false): unauthorized_client', async () => {
    const { poolId, clientId } = await world({ AllowedOAuthFlowsUserPoolClient: false });
    expect(refusal((await grant(poolId, clientId)).error)).toEqual({ error: 'unauthorized_client', status: 400 });
  });

  it('a client without a secret (a public client cannot authenticate): invalid_client', async () => {
    const { poolId, clientId } = await world({ GenerateSecret: false, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['api/read'], CallbackURLs: ['https://app.example.com/cb'] });
    expect(refusal((await grant(poolId, clientId)).error)).toEqual({ error: 'invalid_client', status: 400 });
  });

  it.each(['not json', '["a"]', 'null', '{"n":1}', '{"nested":{"a":"b"}}'])('aws_client_metadata %s: invalid_request', async (metadata) => {
    const { poolId, clientId } = await world();
    expect(refusal((await grant(poolId, clientId, { aws_client_metadata: metadata })).error)).toEqual({
      error: 'invalid_request',
      error_description: 'aws_client_metadata must be a JSON object whose values are strings',
      status: 400,
    });
  });
});

describe('pre token generation', () => {
  const v = preTokenGeneration;

  it('V3_0: sends TokenGeneration_ClientCredentials without a user, with the scopes and aws_client_metadata; its answer shapes the access token', async () => {
    const { poolId, clientId } = await world({}, v('V3_0'));
    const { response, events: published, flowId } = await grant(poolId, clientId, { scope: 'api/read api/write', aws_client_metadata: '{"tenant":"acme","env":"dev"}' });

    const [sent] = invoked(published);
    expect(sent!.data).toMatchObject({ trigger: 'PreTokenGeneration', triggerSource: 'TokenGeneration_ClientCredentials', functionName: 'machine-v3' });
    expect(sent!.flowId).toBe(flowId);
    expectExactly(sent!.data.event, {
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      region: 'us-east-1',
      userPoolId: poolId,
      userName: null,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
      request: {
        userAttributes: {},
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        scopes: ['api/read', 'api/write'],
        clientMetadata: { tenant: 'acme', env: 'dev' },
      },
      response: { claimsAndScopeOverrideDetails: null },
    });

    const verified = await (await verifier(poolId, clientId, ['api/read', 'api/extra'])).verify(response!.access_token);
    expect(verified).toMatchObject({ sub: clientId, client_id: clientId, tenant: 'acme', limits: { daily: 100 }, scope: 'api/read api/extra', auth_time: verified.iat });
    expect(verified).not.toHaveProperty('tier');
    expect(verified).not.toHaveProperty('cognito:groups');
    expect(published.filter((event) => event.type === 'trigger.returned').map((event) => event.flowId)).toEqual([flowId]);
    expect(published.filter((event) => event.type === 'flow.transitioned').map((event) => (event.data as { to: string }).to)).toEqual([
      'checkingClient',
      'resolvingScopes',
      'preTokenGeneration',
      'issuingToken',
      'issued',
    ]);
  });

  it('V3_0 without aws_client_metadata: the event has no clientMetadata', async () => {
    const { poolId, clientId } = await world({}, v('V3_0'));
    const { events: published } = await grant(poolId, clientId);
    const request = (invoked(published)[0]!.data.event as { request: object }).request;
    expect(Object.keys(request)).toEqual(['userAttributes', 'groupConfiguration', 'scopes']);
  });

  it.each([
    ['V1_0', { PreTokenGeneration: arn('machine-v3') }],
    ['V1_0 (configured)', v('V1_0')],
    ['V2_0', v('V2_0')],
  ] as [string, LambdaConfigType][])('a %s function is not invoked for machine tokens', async (_version, LambdaConfig) => {
    const { poolId, clientId } = await world({}, LambdaConfig);
    const { response, events: published } = await grant(poolId, clientId, { scope: 'api/write', aws_client_metadata: '{"tenant":"acme"}' });
    expect(invoked(published)).toEqual([]);
    expect(decodeJwt(response!.access_token)).not.toHaveProperty('tenant');
    expect(decodeJwt(response!.access_token).scope).toBe('api/write');
  });

  it('a V3_0 function that throws: invalid_request with Cognito\'s message, no token', async () => {
    const { poolId, clientId } = await world({}, v('V3_0', 'throws'));
    const { error, events: published } = await grant(poolId, clientId);
    expect(refusal(error)).toEqual({
      error: 'invalid_request',
      error_description: 'PreTokenGeneration failed with error Cannot register users with username less than the minimum length of 5.',
      status: 400,
    });
    expect(published.some((event) => event.type === 'token.issued')).toBe(false);
    expect(published.at(-1)).toMatchObject({ type: 'flow.ended', data: { outcome: 'failure', reason: expect.stringMatching(/^UserLambdaValidationException: PreTokenGeneration failed/) } });
  });
});
