/**
 * Client secrets and client tokens through the AWS SDK: AddUserPoolClientSecret,
 * ListUserPoolClientSecrets, DeleteUserPoolClientSecret with their limits and refusals; two
 * secrets at once, each accepted for SECRET_HASH (InitiateAuth), the token endpoint's Basic
 * authentication, GetTokensFromRefreshToken's ClientSecret and RevokeToken, and a deleted one
 * refused everywhere; ALLOW_CLIENT_TOKEN_AUTH on Create/UpdateUserPoolClient; GetClientToken's
 * access token verified with aws-jwt-verify, its flow in the debugger, and its refusals.
 */
import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetClientTokenCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../../src-main/cognito/secret-hash.js';
import { preTokenGeneration, startMachineSandbox, type MachineSandbox } from '../support/machine-clients.js';
import { rawCall } from '../support/sandbox.js';
import { sdkRefusal } from '../support/sdk-refusal.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Correct-horse-1';
/** Newer than the SDK's ExplicitAuthFlowsType enumeration, which the SDK sends as given. */
const CLIENT_TOKEN_AUTH = 'ALLOW_CLIENT_TOKEN_AUTH' as ExplicitAuthFlowsType;
const CHOSEN = 'chosen_secret_of_the_caller_0123456789';

let sandbox: MachineSandbox;
beforeAll(async () => {
  sandbox = await startMachineSandbox();
});
afterAll(() => sandbox.close());

/** A pool with a password user and a confidential client allowing USER_PASSWORD_AUTH and refresh. */
async function confidentialWorld() {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'secrets' });
  const { clientId, clientSecret } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'confidential',
    GenerateSecret: true,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await createAdminUser(sandbox.cognito, poolId, 'jane', { password: PASSWORD });
  return { poolId, clientId, firstSecret: clientSecret! };
}

const add = (UserPoolId: string, ClientId: string, ClientSecret?: string) =>
  sandbox.cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId, ClientId, ...(ClientSecret && { ClientSecret }) }));
const list = (UserPoolId: string, ClientId: string) => sandbox.cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId, ClientId }));
const remove = (UserPoolId: string, ClientId: string, ClientSecretId: string) =>
  sandbox.cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId, ClientId, ClientSecretId }));
const describeSecret = async (UserPoolId: string, ClientId: string) =>
  (await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient!.ClientSecret;

const signIn = (clientId: string, secret: string) =>
  sandbox.cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'jane', PASSWORD, SECRET_HASH: secretHash(secret, 'jane', clientId) },
    }),
  );

describe('AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret', () => {
  it('a client created with GenerateSecret lists its first secret, by id and date only', async () => {
    const { poolId, clientId, firstSecret } = await confidentialWorld();
    const { ClientSecrets, NextToken } = await list(poolId, clientId);
    expect(NextToken).toBeUndefined();
    expect(ClientSecrets).toHaveLength(1);
    expect(ClientSecrets![0]!.ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));
    expect(ClientSecrets![0]!.ClientSecretCreateDate).toBeInstanceOf(Date);
    expect(ClientSecrets![0]).not.toHaveProperty('ClientSecretValue');
    expect(await describeSecret(poolId, clientId)).toBe(firstSecret);
  });

  it('a generated secret is answered once with its value; a chosen one without; a third exceeds the limit', async () => {
    const { poolId, clientId, firstSecret } = await confidentialWorld();
    const { ClientSecretDescriptor: generated } = await add(poolId, clientId);
    expect(generated!.ClientSecretValue).toMatch(/^[a-z0-9]{51}$/);
    expect(generated!.ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));
    const listed = (await list(poolId, clientId)).ClientSecrets!;
    expect(listed.map((s) => s.ClientSecretId)).toEqual([listed[0]!.ClientSecretId, generated!.ClientSecretId]);
    expect(listed.every((s) => s.ClientSecretValue === undefined)).toBe(true);
    expect(await describeSecret(poolId, clientId)).toBe(firstSecret);
    expect(await sdkRefusal(add(poolId, clientId, CHOSEN))).toMatchObject({ name: 'LimitExceededException', status: 400 });

    const other = await confidentialWorld();
    const { ClientSecretDescriptor: chosen } = await add(other.poolId, other.clientId, CHOSEN);
    expect(chosen).not.toHaveProperty('ClientSecretValue');
    expect(chosen!.ClientSecretId).toMatch(new RegExp(`^${other.clientId}--\\d+$`));
  });

  it('deleting the oldest secret leaves the other, which DescribeUserPoolClient then shows; the last stays', async () => {
    const { poolId, clientId } = await confidentialWorld();
    const [first] = (await list(poolId, clientId)).ClientSecrets!;
    await add(poolId, clientId, CHOSEN);
    await remove(poolId, clientId, first!.ClientSecretId!);
    const left = (await list(poolId, clientId)).ClientSecrets!;
    expect(left).toHaveLength(1);
    expect(await describeSecret(poolId, clientId)).toBe(CHOSEN);
    expect(await sdkRefusal(remove(poolId, clientId, left[0]!.ClientSecretId!))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'You cannot delete the last remaining secret for an app client.',
    });
    expect(await sdkRefusal(remove(poolId, clientId, first!.ClientSecretId!))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('a public client has no secrets to list and gets none added', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'public' });
    const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'public' });
    expect((await list(poolId, clientId)).ClientSecrets).toEqual([]);
    expect(await sdkRefusal(add(poolId, clientId))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await describeSecret(poolId, clientId)).toBeUndefined();
  });

  it('refuses a secret the client already holds, unknown pools and clients, a client of another pool, and a deleted client', async () => {
    const { poolId, clientId, firstSecret } = await confidentialWorld();
    expect(await sdkRefusal(add(poolId, clientId, firstSecret))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await sdkRefusal(list('us-east-1_missing', clientId))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await sdkRefusal(add(poolId, 'nosuchclient'))).toMatchObject({ name: 'ResourceNotFoundException' });
    const otherPool = await createPool(sandbox.cognito, { PoolName: 'other' });
    expect(await sdkRefusal(list(otherPool, clientId))).toMatchObject({ name: 'ResourceNotFoundException' });
    await sandbox.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(await sdkRefusal(list(poolId, clientId))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it.each([
    ['a chosen secret shorter than 24', 'AddUserPoolClientSecret', { ClientSecret: 'short' }],
    ['a chosen secret with a space', 'AddUserPoolClientSecret', { ClientSecret: 'a secret with spaces in it!!' }],
    ['a chosen secret that is not a string', 'AddUserPoolClientSecret', { ClientSecret: 42 }],
    ['no ClientSecretId', 'DeleteUserPoolClientSecret', {}],
    ['an empty ClientSecretId', 'DeleteUserPoolClientSecret', { ClientSecretId: '' }],
    ['a ClientSecretId longer than 128', 'DeleteUserPoolClientSecret', { ClientSecretId: 'x'.repeat(129) }],
  ])('hostile input, %s: the AWS-shaped 400', async (_case, target, extra) => {
    const { poolId, clientId } = await confidentialWorld();
    const { status, json } = await rawCall(sandbox.url, target, { UserPoolId: poolId, ClientId: clientId, ...extra });
    expect(status).toBe(400);
    expect(json.__type).toMatch(/InvalidParameterException|SerializationException|ValidationException/);
    expect(JSON.stringify(json)).not.toContain('a secret with spaces');
  });
});

describe('the debugger API: GET /_sandbox/api/pools/{poolId}/clients/{clientId}/secrets', () => {
  it("answers the client's secrets with their values, oldest first; another pool's client is 404; reading changes nothing", async () => {
    const { poolId, clientId, firstSecret } = await confidentialWorld();
    const { ClientSecretValue, ClientSecretId } = (await add(poolId, clientId)).ClientSecretDescriptor!;
    const read = async (pool: string) => {
      const response = await fetch(`${sandbox.url}/_sandbox/api/pools/${pool}/clients/${clientId}/secrets`);
      return { status: response.status, body: (await response.json()) as { secretId: string; value: string; created: number }[] };
    };
    const { status, body } = await read(poolId);
    expect(status).toBe(200);
    expect(body.map((secret) => secret.value)).toEqual([firstSecret, ClientSecretValue]);
    expect(body[1]!.secretId).toBe(ClientSecretId);
    expect(await read(poolId)).toEqual({ status, body });
    expect((await list(poolId, clientId)).ClientSecrets).toHaveLength(2);
    const otherPool = await createPool(sandbox.cognito, { PoolName: 'other' });
    expect((await read(otherPool)).status).toBe(404);
  });
});

describe('two secrets at once', () => {
  async function rotatingWorld() {
    const world = await confidentialWorld();
    const second = (await add(world.poolId, world.clientId)).ClientSecretDescriptor!;
    const [first] = (await list(world.poolId, world.clientId)).ClientSecrets!;
    return { ...world, secondSecret: second.ClientSecretValue!, firstId: first!.ClientSecretId!, secondId: second.ClientSecretId! };
  }

  it('SECRET_HASH made with either secret signs in; once deleted, the old one is refused', async () => {
    const { poolId, clientId, firstSecret, secondSecret, firstId } = await rotatingWorld();
    expect((await signIn(clientId, firstSecret)).AuthenticationResult?.AccessToken).toBeDefined();
    expect((await signIn(clientId, secondSecret)).AuthenticationResult?.AccessToken).toBeDefined();
    await remove(poolId, clientId, firstId);
    expect(await sdkRefusal(signIn(clientId, firstSecret))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    expect((await signIn(clientId, secondSecret)).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it("GetTokensFromRefreshToken and RevokeToken take either secret as ClientSecret; a deleted one is refused", async () => {
    const { poolId, clientId, firstSecret, secondSecret, secondId } = await rotatingWorld();
    const { RefreshToken } = (await signIn(clientId, firstSecret)).AuthenticationResult!;
    const refresh = (ClientSecret: string) =>
      sandbox.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, ClientSecret, RefreshToken: RefreshToken! }));
    expect((await refresh(secondSecret)).AuthenticationResult?.AccessToken).toBeDefined();
    expect((await refresh(firstSecret)).AuthenticationResult?.AccessToken).toBeDefined();
    await remove(poolId, clientId, secondId);
    expect(await sdkRefusal(refresh(secondSecret))).toMatchObject({ name: 'NotAuthorizedException', message: `Unable to verify secret for client ${clientId}` });
    const revoke = (ClientSecret: string) => sandbox.cognito.send(new RevokeTokenCommand({ ClientId: clientId, ClientSecret, Token: RefreshToken! }));
    expect(await sdkRefusal(revoke(secondSecret))).toMatchObject({ name: 'UnauthorizedException' });
    await revoke(firstSecret);
    expect(await sdkRefusal(refresh(firstSecret))).toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('the token endpoint authenticates the client with either secret (Basic and post); a deleted one is invalid_client', async () => {
    const { poolId, clientId, clientSecret: firstSecret } = await sandbox.world();
    const { ClientSecretValue: secondSecret, ClientSecretId: secondId } = (await add(poolId, clientId)).ClientSecretDescriptor!;
    const basic = async (secret: string) => {
      const response = await fetch(`${sandbox.url}/oauth2/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&scope=api%2Fread',
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const post = async (secret: string) =>
      (
        await fetch(`${sandbox.url}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
        })
      ).status;
    expect((await basic(firstSecret)).status).toBe(200);
    expect((await basic(secondSecret!)).body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(await post(secondSecret!)).toBe(200);
    await remove(poolId, clientId, secondId!);
    expect(await basic(secondSecret!)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await post(secondSecret!)).toBe(400);
    expect((await basic(firstSecret)).status).toBe(200);
  });
});

describe('ALLOW_CLIENT_TOKEN_AUTH on CreateUserPoolClient and UpdateUserPoolClient', () => {
  it('is accepted alone on a client with a secret and shown back; user sign-in is then not enabled', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'client-token' });
    const { clientId, clientSecret } = await createClient(sandbox.cognito, poolId, {
      ClientName: 'm2m',
      GenerateSecret: true,
      ExplicitAuthFlows: [CLIENT_TOKEN_AUTH],
    });
    const { UserPoolClient } = await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(UserPoolClient!.ExplicitAuthFlows).toEqual(['ALLOW_CLIENT_TOKEN_AUTH']);
    await createAdminUser(sandbox.cognito, poolId, 'jane', { password: PASSWORD });
    expect(await sdkRefusal(signIn(clientId, clientSecret!))).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('refuses it with another flow, or on a client without a secret', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'client-token' });
    const create = (GenerateSecret: boolean, ExplicitAuthFlows: string[]) =>
      sandbox.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'm2m', GenerateSecret, ExplicitAuthFlows: ExplicitAuthFlows as never }));
    expect(await sdkRefusal(create(true, ['ALLOW_CLIENT_TOKEN_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'ALLOW_CLIENT_TOKEN_AUTH cannot be used with other authentication flows.',
    });
    expect(await sdkRefusal(create(false, ['ALLOW_CLIENT_TOKEN_AUTH']))).toMatchObject({ name: 'InvalidParameterException' });
    const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'public' });
    const update = (ExplicitAuthFlows: string[]) =>
      sandbox.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ExplicitAuthFlows: ExplicitAuthFlows as never }));
    expect(await sdkRefusal(update(['ALLOW_CLIENT_TOKEN_AUTH']))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await sdkRefusal(update(['ALLOW_CLIENT_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']))).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('GetClientToken', () => {
  const CLIENT_TOKEN_CLIENT = { ExplicitAuthFlows: [CLIENT_TOKEN_AUTH], AllowedOAuthFlows: undefined, AllowedOAuthFlowsUserPoolClient: false };

  function verifier(poolId: string, scope?: string[]) {
    const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
    return JwtRsaVerifier.create(
      { issuer: `${sandbox.url}/${poolId}`, audience: null, jwksUri: `${sandbox.url}/${poolId}/.well-known/jwks.json`, ...(scope && { scope }) },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    );
  }

  const getToken = (ClientId: string, Secret: string, Scopes?: string[], ClientMetadata?: Record<string, string>) =>
    sandbox.cognito.send(new GetClientTokenCommand({ ClientId, Secret, ...(Scopes && { Scopes }), ...(ClientMetadata && { ClientMetadata }) }));

  it('answers an access token for the scopes asked, verified with aws-jwt-verify; the debugger shows the client_credentials flow', async () => {
    const { poolId, clientId, clientSecret } = await sandbox.world(CLIENT_TOKEN_CLIENT);
    const from = sandbox.mark();
    const { ClientAuthenticationResult } = await getToken(clientId, clientSecret, ['api/read', 'reports/view']);
    expect(ClientAuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    const claims = await verifier(poolId, ['api/read']).verify(ClientAuthenticationResult!.AccessToken!);
    expect(claims).toMatchObject({ sub: clientId, client_id: clientId, token_use: 'access', scope: 'api/read reports/view' });
    const published = sandbox.since(from);
    const started = published.find((event) => event.type === 'flow.started' && event.data.kind === 'client-credentials');
    expect(started).toBeDefined();
    const called = published.find((event) => event.type === 'api.called' && event.data.operation === 'GetClientToken');
    expect(called?.flowId).toBe(started!.flowId);
    expect(JSON.stringify(called)).not.toContain(clientSecret);
  });

  it('without Scopes: every custom scope of the client; with a second secret: accepted too', async () => {
    const { poolId, clientId } = await sandbox.world(CLIENT_TOKEN_CLIENT);
    const { ClientSecretValue } = (await add(poolId, clientId)).ClientSecretDescriptor!;
    const { ClientAuthenticationResult } = await getToken(clientId, ClientSecretValue!);
    expect((await verifier(poolId).verify(ClientAuthenticationResult!.AccessToken!)).scope).toBe('api/read api/write reports/view');
  });

  it('a V3_0 pre token generation function gets ClientMetadata and customizes the token', async () => {
    const { poolId, clientId, clientSecret } = await sandbox.world(CLIENT_TOKEN_CLIENT, preTokenGeneration('V3_0'));
    const { ClientAuthenticationResult } = await getToken(clientId, clientSecret, ['api/read', 'api/write'], { tenant: 'acme' });
    expect(await verifier(poolId).verify(ClientAuthenticationResult!.AccessToken!)).toMatchObject({ tenant: 'acme', scope: 'api/read api/extra' });
  });

  it('refuses a wrong secret, a client without ALLOW_CLIENT_TOKEN_AUTH, a public client, an unknown client and scopes it may not have', async () => {
    const { clientId, clientSecret } = await sandbox.world(CLIENT_TOKEN_CLIENT);
    expect(await sdkRefusal(getToken(clientId, 'not_the_secret_of_this_client'))).toMatchObject({ name: 'NotAuthorizedException', status: 400 });
    const oauthOnly = await sandbox.world();
    expect(await sdkRefusal(getToken(oauthOnly.clientId, oauthOnly.clientSecret))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Auth flow not enabled for this client',
    });
    const poolId = await createPool(sandbox.cognito, { PoolName: 'public' });
    const publicClient = await createClient(sandbox.cognito, poolId, { ClientName: 'public' });
    expect(await sdkRefusal(getToken(publicClient.clientId, 'anything_at_all'))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await sdkRefusal(getToken('nosuchclient', 'anything_at_all'))).toMatchObject({ name: 'ResourceNotFoundException' });
    for (const scope of ['api/admin', 'nothing/here', 'openid']) {
      expect(await sdkRefusal(getToken(clientId, clientSecret, [scope]))).toMatchObject({ name: 'InvalidParameterException' });
    }
  });

  it('a failing pre token generation function fails the call with its exception', async () => {
    const { clientId, clientSecret } = await sandbox.world(CLIENT_TOKEN_CLIENT, preTokenGeneration('V3_0', 'throws'));
    expect(await sdkRefusal(getToken(clientId, clientSecret))).toMatchObject({ name: 'UserLambdaValidationException' });
  });

  it.each([
    ['no Secret', { ClientId: 'abc' }],
    ['an empty Secret', { ClientId: 'abc', Secret: '' }],
    ['Scopes not a list', { ClientId: 'abc', Secret: 'xyz', Scopes: 'api/read' }],
    ['51 Scopes', { ClientId: 'abc', Secret: 'xyz', Scopes: Array.from({ length: 51 }, (_, i) => `api/s${i}`) }],
    ['ClientMetadata of numbers', { ClientId: 'abc', Secret: 'xyz', ClientMetadata: { a: 1 } }],
  ])('hostile input, %s: the AWS-shaped 400', async (_case, body) => {
    const { status, json } = await rawCall(sandbox.url, 'GetClientToken', body);
    expect(status).toBe(400);
    expect(json.__type).toMatch(/InvalidParameterException|SerializationException|ValidationException/);
  });
});
