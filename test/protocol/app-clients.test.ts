import {
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool } from '../support/world.js';
import { findAppClient } from '../../src-main/cognito/app-clients.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const clock = testClock(START);
const MISSING_POOL = 'us-east-1_Missing00';
const MISSING_CLIENT = 'abcdefghijklmnopqrstuvwxyz';
const CLIENT_ID = /^[a-z0-9]{26}$/;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

const newPool = (extra: Partial<CreateUserPoolCommandInput> = {}) => createPool(sandbox.cognito, { PoolName: 'clients', ...extra });

async function createClient(input: Omit<CreateUserPoolClientCommandInput, 'ClientName'> & { ClientName?: string }) {
  const { UserPoolClient } = await sandbox.cognito.send(new CreateUserPoolClientCommand({ ClientName: 'web', ...input }));
  return UserPoolClient!;
}

async function describeClient(poolId: string, clientId: string) {
  const { UserPoolClient } = await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
  return UserPoolClient!;
}

/** Whether identity providers can be created yet (another area builds them). */
async function identityProvidersAvailable(): Promise<boolean> {
  const probe = await rawCall(sandbox.url, 'CreateIdentityProvider', {});
  return probe.json.__type !== 'UnsupportedOperationException';
}

describe('CreateUserPoolClient', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = await newPool();
    await sandbox.cognito.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'https://api.example.com',
        Name: 'API',
        Scopes: [
          { ScopeName: 'read', ScopeDescription: 'Read' },
          { ScopeName: 'write', ScopeDescription: 'Write' },
        ],
      }),
    );
  });

  it('creates a public client with Cognito defaults', async () => {
    clock.time = START + 1_000;
    const client = await createClient({ UserPoolId: poolId, ClientName: 'defaults' });
    expect(client).toEqual<UserPoolClientType>({
      UserPoolId: poolId,
      ClientName: 'defaults',
      ClientId: expect.stringMatching(CLIENT_ID),
      LastModifiedDate: new Date(START + 1_000),
      CreationDate: new Date(START + 1_000),
      RefreshTokenValidity: 30,
      TokenValidityUnits: {},
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
      ClientType: 'REGULAR',
    });
  });

  it('writes dates as epoch seconds and leaves unset settings out of the wire answer', async () => {
    const r = await rawCall(sandbox.url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'wire' });
    expect(r.status).toBe(200);
    expect(r.json.UserPoolClient.CreationDate).toBe((START + 1_000) / 1000);
    expect(Object.keys(r.json.UserPoolClient)).toEqual([
      'UserPoolId',
      'ClientName',
      'ClientId',
      'LastModifiedDate',
      'CreationDate',
      'RefreshTokenValidity',
      'TokenValidityUnits',
      'ExplicitAuthFlows',
      'AllowedOAuthFlowsUserPoolClient',
      'PreventUserExistenceErrors',
      'EnableTokenRevocation',
      'EnablePropagateAdditionalUserContextData',
      'AuthSessionValidity',
      'ClientType',
    ]);
  });

  it('creates a confidential client with every setting, and describes it the same', async () => {
    clock.time = START + 2_000;
    const settings = {
      RefreshTokenValidity: 10,
      AccessTokenValidity: 30,
      IdTokenValidity: 2,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
      ReadAttributes: ['email', 'email_verified', 'name'],
      WriteAttributes: ['email', 'name'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://app.example.com/callback', 'http://localhost:3000/callback', 'myapp://signin'],
      LogoutURLs: ['https://app.example.com/signed-out'],
      DefaultRedirectURI: 'https://app.example.com/callback',
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'https://api.example.com/read'],
      AllowedOAuthFlowsUserPoolClient: true,
      AnalyticsConfiguration: {
        ApplicationId: 'd70b2ba36a8c4dc5a04a0451a31a1e12',
        RoleArn: 'arn:aws:iam::123456789012:role/pinpoint',
        ExternalId: 'external',
        UserDataShared: true,
      },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: false,
      EnablePropagateAdditionalUserContextData: true,
      AuthSessionValidity: 15,
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
    } as const satisfies Partial<CreateUserPoolClientCommandInput>;
    const created = await createClient({ UserPoolId: poolId, ClientName: 'everything', GenerateSecret: true, ...settings });
    expect(created).toEqual({
      UserPoolId: poolId,
      ClientName: 'everything',
      ClientId: expect.stringMatching(CLIENT_ID),
      ClientSecret: expect.stringMatching(/^[a-z0-9]{51}$/),
      LastModifiedDate: new Date(START + 2_000),
      CreationDate: new Date(START + 2_000),
      ...settings,
      ClientType: 'REGULAR',
    });
    expect(await describeClient(poolId, created.ClientId!)).toEqual(created);
  });

  it('keeps a client secret the caller chooses', async () => {
    const secret = 'MyOwnClientSecret_0123456789';
    const client = await createClient({ UserPoolId: poolId, ClientSecret: secret });
    expect(client.ClientSecret).toBe(secret);
    expect((await describeClient(poolId, client.ClientId!)).ClientSecret).toBe(secret);
  });

  it('refuses a chosen secret together with GenerateSecret', async () => {
    await expect(
      createClient({ UserPoolId: poolId, GenerateSecret: true, ClientSecret: 'MyOwnClientSecret_0123456789' }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'ClientSecret cannot be specified when GenerateSecret is true.' });
    await expect(createClient({ UserPoolId: poolId, ClientSecret: 'short' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("at 'clientSecret' failed to satisfy constraint: Member must have length greater than or equal to 24"),
    });
  });

  it('creates a machine-to-machine client for client_credentials with custom scopes', async () => {
    const client = await createClient({
      UserPoolId: poolId,
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['https://api.example.com/read', 'https://api.example.com/write'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    expect(client.AllowedOAuthFlows).toEqual(['client_credentials']);
    expect(client.AllowedOAuthScopes).toEqual(['https://api.example.com/read', 'https://api.example.com/write']);
  });

  it('turns a refresh token validity of 0 into Cognito default of 30', async () => {
    const client = await createClient({ UserPoolId: poolId, RefreshTokenValidity: 0 });
    expect(client.RefreshTokenValidity).toBe(30);
  });

  it('accepts validities at the edges of their ranges', async () => {
    const shortest = await createClient({
      UserPoolId: poolId,
      AccessTokenValidity: 300,
      IdTokenValidity: 5,
      RefreshTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect(shortest.RefreshTokenValidity).toBe(60);
    const longest = await createClient({
      UserPoolId: poolId,
      AccessTokenValidity: 1,
      IdTokenValidity: 24,
      RefreshTokenValidity: 3650,
      TokenValidityUnits: { AccessToken: 'days', IdToken: 'hours', RefreshToken: 'days' },
    });
    expect(longest.RefreshTokenValidity).toBe(3650);
  });

  it('drops repeated and empty lists', async () => {
    const client = await createClient({ UserPoolId: poolId, ReadAttributes: ['email', 'email'], LogoutURLs: [] });
    expect(client.ReadAttributes).toEqual(['email']);
    expect(client).not.toHaveProperty('LogoutURLs');
  });

  it('treats null members as absent, as the JSON protocol does', async () => {
    const r = await rawCall(sandbox.url, 'CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'nulls',
      AccessTokenValidity: null,
      DefaultRedirectURI: null,
      ClientSecret: null,
      CallbackURLs: ['https://app.example.com/cb'],
      AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc', RoleArn: null },
    });
    expect(r.status).toBe(200);
    expect(r.json.UserPoolClient).not.toHaveProperty('AccessTokenValidity');
    expect(r.json.UserPoolClient).not.toHaveProperty('DefaultRedirectURI');
    expect(r.json.UserPoolClient).not.toHaveProperty('ClientSecret');
    expect(r.json.UserPoolClient.CallbackURLs).toEqual(['https://app.example.com/cb']);
    expect(r.json.UserPoolClient.AnalyticsConfiguration).toEqual({ ApplicationArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc' });
    const nullInList = await rawCall(sandbox.url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'nulls', CallbackURLs: [null, 'https://app.example.com/cb'] });
    expect(nullInList.json).toEqual({ __type: 'SerializationException', message: "Unexpected token null at 'callbackURLs.1.member': expected a string" });
  });

  it('accepts custom attributes of the pool as permissions', async () => {
    const customPool = await newPool({ Schema: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true }] });
    const client = await createClient({
      UserPoolId: customPool,
      ReadAttributes: ['custom:plan', 'email'],
      WriteAttributes: ['custom:plan'],
    });
    expect(client.ReadAttributes).toEqual(['custom:plan', 'email']);
    expect(client.WriteAttributes).toEqual(['custom:plan']);
  });

  it('refuses an unknown pool', async () => {
    await expect(createClient({ UserPoolId: MISSING_POOL })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });

  it('validates the client name', async () => {
    await expect(createClient({ UserPoolId: poolId, ClientName: 'web/app' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'web/app' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    });
    const missing = await rawCall(sandbox.url, 'CreateUserPoolClient', { UserPoolId: poolId });
    expect(missing.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'clientName' failed to satisfy constraint: Member must not be null",
    });
  });

  it('refuses legacy auth flow names mixed with ALLOW_ names', async () => {
    await expect(
      createClient({ UserPoolId: poolId, ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "Auth flow name with prefix 'ALLOW' cannot be used with legacy auth flow names.",
    });
    const legacy = await createClient({ UserPoolId: poolId, ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] });
    expect(legacy.ExplicitAuthFlows).toEqual(['USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);
  });

  it('refuses token validities outside their ranges', async () => {
    const outOfRange = { name: 'InvalidParameterException', message: 'Invalid range for token validity.' };
    await expect(
      createClient({ UserPoolId: poolId, AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } }),
    ).rejects.toMatchObject(outOfRange);
    await expect(createClient({ UserPoolId: poolId, IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' } })).rejects.toMatchObject(
      outOfRange,
    );
    await expect(createClient({ UserPoolId: poolId, AccessTokenValidity: 25 })).rejects.toMatchObject(outOfRange);
    await expect(
      createClient({ UserPoolId: poolId, RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: 'minutes' } }),
    ).rejects.toMatchObject(outOfRange);
    await expect(createClient({ UserPoolId: poolId, RefreshTokenValidity: 3651 })).rejects.toMatchObject(outOfRange);
  });

  it('refuses access or ID tokens that outlive the refresh token', async () => {
    const message = 'Access and Id Token expiration times must be less than or equal to refresh token expiration times.';
    await expect(
      createClient({
        UserPoolId: poolId,
        AccessTokenValidity: 2,
        RefreshTokenValidity: 60,
        TokenValidityUnits: { RefreshToken: 'minutes' },
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
    await expect(
      createClient({ UserPoolId: poolId, IdTokenValidity: 2, RefreshTokenValidity: 1, TokenValidityUnits: { RefreshToken: 'hours' } }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('validates validity values, units and the session duration against the model', async () => {
    await expect(createClient({ UserPoolId: poolId, AccessTokenValidity: 0 })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '0' at 'accessTokenValidity' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    await expect(
      createClient({ UserPoolId: poolId, TokenValidityUnits: { AccessToken: 'weeks' as 'days' } }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'weeks' at 'tokenValidityUnits.accessToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]",
    });
    await expect(createClient({ UserPoolId: poolId, AuthSessionValidity: 16 })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '16' at 'authSessionValidity' failed to satisfy constraint: Member must have value less than or equal to 15",
    });
  });

  it('refuses read and write permissions the pool cannot grant', async () => {
    await expect(createClient({ UserPoolId: poolId, ReadAttributes: ['custom:unknown'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid read attributes specified while creating a client',
    });
    for (const attribute of ['email_verified', 'phone_number_verified', 'sub', 'custom:unknown']) {
      await expect(createClient({ UserPoolId: poolId, WriteAttributes: [attribute] })).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'Invalid write attributes specified while creating a client',
      });
    }
  });

  it('requires every required attribute of the pool to stay writable', async () => {
    const requiredEmail = await newPool({ Schema: [{ Name: 'email', Required: true, Mutable: true }] });
    await expect(createClient({ UserPoolId: requiredEmail, WriteAttributes: ['name'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid write attributes specified while creating a client',
    });
    const client = await createClient({ UserPoolId: requiredEmail, WriteAttributes: ['name', 'email'] });
    expect(client.WriteAttributes).toEqual(['name', 'email']);
  });

  it('refuses plain HTTP redirect URLs except to this machine', async () => {
    await expect(createClient({ UserPoolId: poolId, CallbackURLs: ['http://app.example.com/cb'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'http://app.example.com/cb cannot use the HTTP protocol.',
    });
    await expect(createClient({ UserPoolId: poolId, LogoutURLs: ['http://app.example.com/out'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'http://app.example.com/out cannot use the HTTP protocol.',
    });
    const local = await createClient({
      UserPoolId: poolId,
      CallbackURLs: ['http://localhost', 'http://127.0.0.1:8080/cb', 'http://[::1]:3000/cb'],
    });
    expect(local.CallbackURLs).toEqual(['http://localhost', 'http://127.0.0.1:8080/cb', 'http://[::1]:3000/cb']);
  });

  it('refuses redirect URLs with a fragment or that are not absolute', async () => {
    await expect(createClient({ UserPoolId: poolId, CallbackURLs: ['https://app.example.com/cb#here'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'https://app.example.com/cb#here cannot use fragment',
    });
    await expect(createClient({ UserPoolId: poolId, CallbackURLs: ['/callback'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: '/callback is not a valid URL.',
    });
  });

  it('requires the default redirect URI to be one of the callback URLs', async () => {
    await expect(
      createClient({ UserPoolId: poolId, CallbackURLs: ['https://a.example.com'], DefaultRedirectURI: 'https://b.example.com' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The default redirect URI https://b.example.com is not in the callback URIs list.',
    });
  });

  it('requires flows and scopes once OAuth is allowed', async () => {
    await expect(
      createClient({ UserPoolId: poolId, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'] }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    });
    await expect(
      createClient({ UserPoolId: poolId, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'] }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'CallbackUrls can not be empty when code flow or implicit flow is selected',
    });
  });

  it('keeps client_credentials alone, on a client with a secret, with custom scopes only', async () => {
    await expect(
      createClient({
        UserPoolId: poolId,
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials', 'code'],
        AllowedOAuthScopes: ['https://api.example.com/read'],
      }),
    ).rejects.toMatchObject({
      name: 'InvalidOAuthFlowException',
      message: 'client_credentials flow can not be selected along with code flow or implicit flow.',
    });
    await expect(
      createClient({ UserPoolId: poolId, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/read'] }),
    ).rejects.toMatchObject({
      name: 'InvalidOAuthFlowException',
      message: 'client_credentials flow can not be selected if client does not have a client secret.',
    });
    await expect(
      createClient({
        UserPoolId: poolId,
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['https://api.example.com/read', 'openid'],
      }),
    ).rejects.toMatchObject({ name: 'InvalidOAuthFlowException', message: 'openid is not supported with client_credentials flow' });
  });

  it('refuses a scope that is neither standard nor on one of the pool resource servers', async () => {
    for (const scope of ['https://api.example.com/delete', 'Cognito']) {
      await expect(createClient({ UserPoolId: poolId, AllowedOAuthScopes: ['openid', scope] })).rejects.toMatchObject({
        name: 'ScopeDoesNotExistException',
        message: `Invalid scope requested: ${scope}`,
      });
    }
  });

  it('accepts only identity providers the pool has', async (context) => {
    if (!(await identityProvidersAvailable())) context.skip();
    await expect(createClient({ UserPoolId: poolId, SupportedIdentityProviders: ['COGNITO', 'Corporate'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `The provider Corporate does not exist for User Pool ${poolId}`,
    });
    await sandbox.cognito.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: 'Corporate',
        ProviderType: 'OIDC',
        ProviderDetails: {
          client_id: 'corp',
          client_secret: 'corp-secret',
          attributes_request_method: 'GET',
          oidc_issuer: 'https://idp.example.com',
          authorize_scopes: 'openid',
        },
      }),
    );
    const client = await createClient({ UserPoolId: poolId, SupportedIdentityProviders: ['COGNITO', 'Corporate'] });
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO', 'Corporate']);
  });

  it('propagates user context data only for a client with a secret', async () => {
    await expect(createClient({ UserPoolId: poolId, EnablePropagateAdditionalUserContextData: true })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Client Secret is required to set EnablePropagateAdditionalUserContextData as true',
    });
  });

  it('takes analytics by application ARN alone, or by application id with a role', async () => {
    const message = 'Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid';
    const applicationArn = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/d70b2ba36a8c4dc5a04a0451a31a1e12';
    await expect(
      createClient({ UserPoolId: poolId, AnalyticsConfiguration: { ApplicationId: 'd70b2ba36a8c4dc5a04a0451a31a1e12' } }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
    await expect(
      createClient({
        UserPoolId: poolId,
        AnalyticsConfiguration: { ApplicationArn: applicationArn, RoleArn: 'arn:aws:iam::123456789012:role/pinpoint' },
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
    const client = await createClient({ UserPoolId: poolId, AnalyticsConfiguration: { ApplicationArn: applicationArn } });
    expect(client.AnalyticsConfiguration).toEqual({ ApplicationArn: applicationArn });
  });
});

describe('DescribeUserPoolClient', () => {
  let poolId: string;
  let otherPoolId: string;
  let clientId: string;
  beforeAll(async () => {
    poolId = await newPool();
    otherPoolId = await newPool();
    clientId = (await createClient({ UserPoolId: poolId })).ClientId!;
  });

  it('refuses a client the pool does not have', async () => {
    await expect(describeClient(poolId, MISSING_CLIENT)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool client ${MISSING_CLIENT} does not exist.`,
    });
    await expect(describeClient(otherPoolId, clientId)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool client ${clientId} does not exist.`,
    });
  });

  it('refuses an unknown pool before looking at the client', async () => {
    await expect(describeClient(MISSING_POOL, clientId)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });

  it('validates the client id', async () => {
    await expect(describeClient(poolId, 'not/an/id')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'not/an/id' at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    });
  });

  it('gives other areas the client with Cognito defaults applied', () => {
    const client = findAppClient(sandbox.app.store, clientId)!;
    expect(client).toMatchObject({ clientId, poolId, name: 'web' });
    expect(client.secret).toBeUndefined();
    expect(client.config).toMatchObject({
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      PreventUserExistenceErrors: 'LEGACY',
      AllowedOAuthFlows: [],
      CallbackURLs: [],
      AuthSessionValidity: 3,
      EnableTokenRevocation: true,
    });
    expect(client.config.ReadAttributes).toContain('email_verified');
    expect(client.config.WriteAttributes).not.toContain('email_verified');
    expect(client.tokenLifetimes).toEqual({ access: 3600, id: 3600, refresh: 30 * 86400 });
  });
});

describe('UpdateUserPoolClient', () => {
  let poolId: string;

  beforeAll(async () => {
    poolId = await newPool();
  });

  it('resets every setting the request leaves out, keeping name, secret and creation date', async () => {
    clock.time = START + 10_000;
    const created = await createClient({
      UserPoolId: poolId,
      ClientName: 'configured',
      GenerateSecret: true,
      AccessTokenValidity: 10,
      TokenValidityUnits: { AccessToken: 'minutes' },
      ReadAttributes: ['email'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      CallbackURLs: ['https://app.example.com/cb'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: false,
      EnablePropagateAdditionalUserContextData: true,
      AuthSessionValidity: 10,
    });
    clock.time = START + 20_000;
    const { UserPoolClient: updated } = await sandbox.cognito.send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId! }),
    );
    expect(updated).toEqual({
      UserPoolId: poolId,
      ClientName: 'configured',
      ClientId: created.ClientId,
      ClientSecret: created.ClientSecret,
      LastModifiedDate: new Date(START + 20_000),
      CreationDate: new Date(START + 10_000),
      RefreshTokenValidity: 30,
      TokenValidityUnits: {},
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
      ClientType: 'REGULAR',
    });
    expect(await describeClient(poolId, created.ClientId!)).toEqual(updated);
  });

  it('renames the client and sets what the request names', async () => {
    const created = await createClient({ UserPoolId: poolId, ClientName: 'before' });
    const { UserPoolClient } = await sandbox.cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: created.ClientId!,
        ClientName: 'after',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
        IdTokenValidity: 15,
        TokenValidityUnits: { IdToken: 'minutes' },
      }),
    );
    expect(UserPoolClient).toMatchObject({
      ClientName: 'after',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      IdTokenValidity: 15,
      TokenValidityUnits: { IdToken: 'minutes' },
    });
    expect(UserPoolClient).not.toHaveProperty('ClientSecret');
    expect(findAppClient(sandbox.app.store, created.ClientId!)!.tokenLifetimes.id).toBe(15 * 60);
  });

  it('checks settings as creation does, against the secret the client has', async () => {
    const publicClient = await createClient({ UserPoolId: poolId });
    const update = (settings: object) =>
      sandbox.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: publicClient.ClientId!, ...settings }));
    await expect(update({ WriteAttributes: ['email_verified'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid write attributes specified while updating a client',
    });
    await expect(update({ ReadAttributes: ['custom:missing'] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid read attributes specified while updating a client',
    });
    await expect(update({ EnablePropagateAdditionalUserContextData: true })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Client Secret is required to set EnablePropagateAdditionalUserContextData as true',
    });
    await expect(update({ AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['x/y'] })).rejects.toMatchObject({
      name: 'InvalidOAuthFlowException',
      message: 'client_credentials flow can not be selected if client does not have a client secret.',
    });
    const confidential = await createClient({ UserPoolId: poolId, GenerateSecret: true });
    const { UserPoolClient } = await sandbox.cognito.send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: confidential.ClientId!, EnablePropagateAdditionalUserContextData: true }),
    );
    expect(UserPoolClient!.EnablePropagateAdditionalUserContextData).toBe(true);
  });

  it('refuses a client the pool does not have', async () => {
    await expect(
      sandbox.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool client ${MISSING_CLIENT} does not exist.` });
    await expect(
      sandbox.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: MISSING_POOL, ClientId: MISSING_CLIENT })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });
});

describe('DeleteUserPoolClient', () => {
  it('deletes the client, after which it no longer exists', async () => {
    const poolId = await newPool();
    const { ClientId } = await createClient({ UserPoolId: poolId });
    const answer = await rawCall(sandbox.url, 'DeleteUserPoolClient', { UserPoolId: poolId, ClientId });
    expect(answer).toMatchObject({ status: 200, json: {} });
    const gone = { name: 'ResourceNotFoundException', message: `User pool client ${ClientId} does not exist.` };
    await expect(describeClient(poolId, ClientId!)).rejects.toMatchObject(gone);
    await expect(sandbox.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId }))).rejects.toMatchObject(gone);
    expect(findAppClient(sandbox.app.store, ClientId!)).toBeUndefined();
  });

  it('refuses the client of another pool and leaves it alone', async () => {
    const poolId = await newPool();
    const otherPoolId = await newPool();
    const { ClientId } = await createClient({ UserPoolId: poolId });
    await expect(
      sandbox.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: otherPoolId, ClientId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool client ${ClientId} does not exist.` });
    expect((await describeClient(poolId, ClientId!)).ClientId).toBe(ClientId);
  });
});

describe('ListUserPoolClients', () => {
  let poolId: string;
  const names = ['c0', 'c1', 'c2', 'c3', 'c4'];
  let ids: string[];

  beforeAll(async () => {
    poolId = await newPool();
    ids = [];
    for (const [index, name] of names.entries()) {
      clock.time = START + 100_000 + index;
      ids.push((await createClient({ UserPoolId: poolId, ClientName: name, GenerateSecret: true })).ClientId!);
    }
  });

  it('lists the pool clients in creation order, page by page', async () => {
    const pages: { ClientId?: string; UserPoolId?: string; ClientName?: string }[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken }));
      pages.push(page.UserPoolClients!);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(names.map((name, index) => ({ ClientId: ids[index], UserPoolId: poolId, ClientName: name })));
  });

  it('returns everything in one page without MaxResults, and no token', async () => {
    const page = await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    expect(page.UserPoolClients!.map((client) => client.ClientName)).toEqual(names);
    expect(page.NextToken).toBeUndefined();
    const empty = await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: await newPool() }));
    expect(empty.UserPoolClients).toEqual([]);
  });

  it('finds no clients from dynamic client registration', async () => {
    const dcr = await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, ClientType: 'DCR' }));
    expect(dcr.UserPoolClients).toEqual([]);
    const regular = await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, ClientType: 'REGULAR' }));
    expect(regular.UserPoolClients).toHaveLength(names.length);
  });

  it('validates MaxResults', async () => {
    await expect(sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 0 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    await expect(sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
  });

  it('refuses a token it did not hand out for this pool', async () => {
    const invalid = { name: 'InvalidParameterException', message: 'Invalid pagination token.' };
    await expect(sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, NextToken: 'garbage' }))).rejects.toMatchObject(
      invalid,
    );
    const { NextToken } = await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 }));
    const otherPoolId = await newPool();
    await expect(
      sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: otherPoolId, NextToken })),
    ).rejects.toMatchObject(invalid);
  });

  it('refuses an unknown pool', async () => {
    await expect(sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: MISSING_POOL }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});
