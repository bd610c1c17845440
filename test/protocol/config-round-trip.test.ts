/**
 * The config round trip: a sandbox exported with `GET /_sandbox/api/export` and loaded into a
 * fresh one with `--config` answers the same Describe* and List* calls, and its users sign in
 * with their passwords; `--config` also takes what `aws cognito-idp describe-user-pool` and
 * `describe-user-pool-client` print.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateManagedLoginBrandingCommand,
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUICustomizationCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  SetUICustomizationCommand,
  SetUserPoolMfaConfigCommand,
  AddUserPoolClientSecretCommand,
  CreateUserPoolReplicaCommand,
  DescribeRiskConfigurationCommand,
  GetLogDeliveryConfigurationCommand,
  GetProvisionedLimitCommand,
  GetUserPoolClientSessionConfigurationCommand,
  GetUserPoolSessionConfigurationCommand,
  ListUserPoolClientSecretsCommand,
  ListUserPoolReplicasCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUserPoolClientSessionConfigurationCommand,
  SetUserPoolSessionConfigurationCommand,
  UpdateProvisionedLimitCommand,
  UpdateUserPoolReplicaCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser } from '../support/world.js';

const POOL = 'us-east-1_RoundTrip1';
const EMAIL_POOL = 'us-east-1_RoundTrip2';
const BACKEND = 'backendclient0000000000000';
const EMAIL_WEB = 'emailwebclient000000000000';
const BACKEND_SECRET = 'backendsecret00000000000000000000000000000000000000';
/** The backend client's second secret, added with AddUserPoolClientSecret. */
const BACKEND_SECOND_SECRET = 'backendsecondsecret000000000000000000000000000000';
/** A Plus pool with threat protection: risk configurations, log delivery of auth events, replicas. */
const PLUS_POOL = 'us-east-1_RoundTrip3';
const GUARDED = 'guardedclient0000000000000';
const UNGUARDED = 'unguardedclient00000000000';
const LIMIT = { LimitClass: 'API_CATEGORY' as const, Attributes: { Category: 'UserAuthentication' } };
/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let source: TestSandbox;
let copy: TestSandbox;
let exported: any;
let exportFile: string;

function writeConfig(content: unknown): string {
  const file = path.join(tempDir('config-round-trip-'), 'sandbox.config.json');
  fs.writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

/** What the sandbox is started with: pools and clients of fixed ids; the rest is added through the API. */
const seed = {
  userPools: [
    {
      Id: POOL,
      PoolName: 'round-trip',
      AutoVerifiedAttributes: ['email'],
      AliasAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true } },
      Schema: [
        { Name: 'tenant', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
        { Name: 'level', AttributeDataType: 'Number', Mutable: false },
        { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
        { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
      ],
      UserPoolTags: { team: 'auth' },
      DeletionProtection: 'ACTIVE',
      Clients: [
        { ClientName: 'backend', ClientId: BACKEND, GenerateSecret: true, ClientSecret: BACKEND_SECRET, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      ],
    },
    {
      Id: EMAIL_POOL,
      PoolName: 'by-email',
      UsernameAttributes: ['email'],
      Clients: [{ ClientName: 'web', ClientId: EMAIL_WEB, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    },
    {
      Id: PLUS_POOL,
      PoolName: 'guarded',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Clients: [
        { ClientName: 'guarded', ClientId: GUARDED, GenerateSecret: true },
        { ClientName: 'unguarded', ClientId: UNGUARDED },
      ],
    },
  ],
};

/** What issue 14 added: a second client secret, risk, log delivery and session configurations, replicas and a provisioned limit. */
async function addIssue14Settings(cognito: CognitoIdentityProviderClient): Promise<void> {
  await cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: BACKEND, ClientSecret: BACKEND_SECOND_SECRET }));
  await cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: PLUS_POOL, ClientId: GUARDED }));
  await cognito.send(
    new SetRiskConfigurationCommand({
      UserPoolId: PLUS_POOL,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE'], Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: {
        Actions: {
          LowAction: { Notify: false, EventAction: 'NO_ACTION' },
          MediumAction: { Notify: false, EventAction: 'MFA_IF_CONFIGURED' },
          HighAction: { Notify: false, EventAction: 'BLOCK' },
        },
      },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['203.0.113.0/24'], SkippedIPRangeList: ['198.51.100.7/32'] },
    }),
  );
  await cognito.send(
    new SetRiskConfigurationCommand({
      UserPoolId: PLUS_POOL,
      ClientId: GUARDED,
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: 'MFA_REQUIRED' } } },
    }),
  );
  await cognito.send(
    new SetLogDeliveryConfigurationCommand({
      UserPoolId: PLUS_POOL,
      LogConfigurations: [
        { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:cognito-errors' } },
        { EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: 'arn:aws:s3:::cognito-auth-events' } },
      ],
    }),
  );
  await cognito.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: POOL, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 7 } }));
  await cognito.send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: POOL, ClientId: BACKEND, SSOSession: { MaxValidityMinutes: 240 } }));
  // A client setting kept dormant: tracking turned off after the client's SSO setting was made.
  await cognito.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: PLUS_POOL, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 3 } }));
  await cognito.send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: PLUS_POOL, ClientId: UNGUARDED, SSOSession: { MaxValidityMinutes: 15 } }));
  await cognito.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: PLUS_POOL, UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 3 } }));
  await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: PLUS_POOL, RegionName: 'eu-west-1', UserPoolTags: { site: 'dublin' } }));
  await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: PLUS_POOL, RegionName: 'ap-southeast-2' }));
  await cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId: PLUS_POOL, RegionName: 'eu-west-1', Status: 'ACTIVE' }));
  await cognito.send(new UpdateProvisionedLimitCommand({ LimitDefinition: LIMIT, RequestedLimitValue: 240 }));
}

async function addTheRest(cognito: CognitoIdentityProviderClient): Promise<void> {
  const inPool = { UserPoolId: POOL };
  await cognito.send(new SetUserPoolMfaConfigCommand({ ...inPool, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  await cognito.send(new CreateResourceServerCommand({ ...inPool, Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read it' }] }));
  await cognito.send(
    new CreateIdentityProviderCommand({
      ...inPool,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: {
        client_id: 'corp-client',
        client_secret: 'corp-secret',
        authorize_scopes: 'openid email',
        attributes_request_method: 'GET',
        oidc_issuer: 'https://idp.example.com',
        authorize_url: 'https://idp.example.com/authorize',
        token_url: 'https://idp.example.com/token',
        attributes_url: 'https://idp.example.com/userinfo',
        jwks_uri: 'https://idp.example.com/jwks',
      },
      AttributeMapping: { email: 'email' },
      IdpIdentifiers: ['corp.example.com'],
    }),
  );
  const fixedWeb = await startSandboxFreeClient(cognito);
  await cognito.send(new CreateUserPoolDomainCommand({ ...inPool, Domain: 'round-trip-auth' }));
  await cognito.send(new SetUICustomizationCommand({ ...inPool, CSS: '.banner-customizable { background-color: teal; }' }));
  await cognito.send(new SetUICustomizationCommand({ ...inPool, ClientId: fixedWeb, CSS: '.submitButton-customizable { color: red; }' }));
  await cognito.send(new CreateGroupCommand({ ...inPool, GroupName: 'admins', Precedence: 1, Description: 'Administrators', RoleArn: 'arn:aws:iam::123456789012:role/admins' }));
  await cognito.send(new CreateGroupCommand({ ...inPool, GroupName: 'readers' }));
  await createAdminUser(cognito, POOL, 'alice', {
    password: 'Passw0rdAlice',
    attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice', 'custom:tenant': 'acme', 'custom:level': '3', 'dev:custom:secret': 'x' },
  });
  await cognito.send(new AdminAddUserToGroupCommand({ ...inPool, Username: 'alice', GroupName: 'admins' }));
  await createAdminUser(cognito, POOL, 'bob', { password: 'TempPassw0rd', permanent: false, attributes: { name: 'Bob' } });
  await createAdminUser(cognito, EMAIL_POOL, 'carol@example.com', { password: 'Passw0rd!Carol', attributes: { email_verified: 'true' } });
  await cognito.send(
    new CreateManagedLoginBrandingCommand({
      ...inPool,
      ClientId: BACKEND,
      Settings: { categories: { global: { colorSchemeMode: 'DARK' } } },
      Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG, ResourceId: 'header-logo' }],
    }),
  );
}

/** The web client: OAuth with the provider and the resource server's scope (ClientId random, kept by the export). */
async function startSandboxFreeClient(cognito: CognitoIdentityProviderClient): Promise<string> {
  const { CreateUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: POOL,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'https://api.example.com/read'],
      CallbackURLs: ['https://app.example.com/callback'],
      SupportedIdentityProviders: ['COGNITO', 'Corp'],
      AccessTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes' },
    }),
  );
  return UserPoolClient!.ClientId!;
}

async function fetchExport(url: string): Promise<{ status: number; disposition: string | null; body: any }> {
  const response = await fetch(`${url}/_sandbox/api/export`);
  return { status: response.status, disposition: response.headers.get('content-disposition'), body: await response.json() };
}

/** An answer without its request metadata and the members that name when a resource was made. */
function settled(answer: object, dropped: string[] = []): unknown {
  return JSON.parse(JSON.stringify(answer, (key, value) => (key === '$metadata' || dropped.includes(key) ? undefined : value)));
}

const DATES = ['CreationDate', 'LastModifiedDate'];

async function both<T extends object>(call: (cognito: CognitoIdentityProviderClient) => Promise<T>, dropped: string[] = DATES): Promise<[unknown, unknown]> {
  return [settled(await call(source.cognito), dropped), settled(await call(copy.cognito), dropped)];
}

function srpSignIn(url: string, poolId: string, clientId: string, username: string, password: string): Promise<string> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: `${url}/` });
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
      onFailure: reject,
    }),
  );
}

beforeAll(async () => {
  source = await startSandbox({ configFile: writeConfig(seed) });
  await addTheRest(source.cognito);
  await addIssue14Settings(source.cognito);
  const answer = await fetchExport(source.url);
  expect(answer.status).toBe(200);
  expect(answer.disposition).toMatch(/attachment; filename="cognito-sandbox\.config\.json"/);
  exported = answer.body;
  exportFile = writeConfig(exported);
  copy = await startSandbox({ configFile: exportFile });
}, 20_000);

afterAll(async () => {
  await source?.close();
  await copy?.close();
});

describe('GET /_sandbox/api/export then --config', () => {
  it('writes a config file: pool settings, clients with secrets, users with a password verifier and no password', () => {
    expect(exported.exportedBy).toBe('cognito-sandbox');
    const pool = exported.userPools.find((p: any) => p.Id === POOL);
    expect(pool.Name).toBe('round-trip');
    expect(pool.Arn).toBeUndefined();
    expect(pool.EstimatedNumberOfUsers).toBeUndefined();
    expect(pool.MfaConfig).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(pool.Domains).toEqual([{ Domain: 'round-trip-auth', ManagedLoginVersion: 1 }]);
    expect(pool.Clients.find((c: any) => c.ClientId === BACKEND).ClientSecret).toBe(BACKEND_SECRET);
    const alice = pool.Users.find((u: any) => u.Username === 'alice');
    expect(alice).toMatchObject({ UserStatus: 'CONFIRMED', Enabled: true, Groups: ['admins'] });
    expect(alice.PasswordVerifier.Salt).toMatch(/^[0-9a-f]+$/);
    expect(alice.PasswordVerifier.Verifier).toMatch(/^[0-9a-f]+$/);
    expect(JSON.stringify(exported)).not.toContain('Passw0rdAlice');
    expect(pool.Users.find((u: any) => u.Username === 'bob').PasswordVerifier.Expires).toEqual(expect.any(Number));
  });

  it('recreates the pools as DescribeUserPool and GetUserPoolMfaConfig answer them', async () => {
    for (const UserPoolId of [POOL, EMAIL_POOL]) {
      const [before, after] = await both((c) => c.send(new DescribeUserPoolCommand({ UserPoolId })));
      expect(after).toEqual(before);
      const [mfaBefore, mfaAfter] = await both((c) => c.send(new GetUserPoolMfaConfigCommand({ UserPoolId })));
      expect(mfaAfter).toEqual(mfaBefore);
    }
    const [domainBefore, domainAfter] = await both((c) => c.send(new DescribeUserPoolDomainCommand({ Domain: 'round-trip-auth' })), ['Version']);
    expect(domainAfter).toEqual(domainBefore);
  });

  it('recreates the app clients, secrets included, and the hosted UI customizations', async () => {
    const [listBefore, listAfter] = await both((c) => c.send(new ListUserPoolClientsCommand({ UserPoolId: POOL, MaxResults: 60 })));
    expect(listAfter).toEqual(listBefore);
    for (const { ClientId } of (listBefore as any).UserPoolClients) {
      const [before, after] = await both((c) => c.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId })));
      expect(after).toEqual(before);
      const [lookBefore, lookAfter] = await both((c) => c.send(new GetUICustomizationCommand({ UserPoolId: POOL, ClientId })), [...DATES, 'CSSVersion', 'ImageUrl']);
      expect(lookAfter).toEqual(lookBefore);
    }
  });

  it('recreates the managed login branding, its assets byte for byte', async () => {
    const [before, after] = await both((c) => c.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: POOL, ClientId: BACKEND })), [...DATES, 'ManagedLoginBrandingId']);
    expect(after).toEqual(before);
    expect((after as any).ManagedLoginBranding.Settings).toEqual({ categories: { global: { colorSchemeMode: 'DARK' } } });
    expect((after as any).ManagedLoginBranding.Assets).toHaveLength(1);
  });

  it('recreates the groups, identity providers and resource servers', async () => {
    const [groupsBefore, groupsAfter] = await both((c) => c.send(new ListGroupsCommand({ UserPoolId: POOL })));
    expect(groupsAfter).toEqual(groupsBefore);
    expect((groupsAfter as any).Groups).toHaveLength(2);
    const [idpsBefore, idpsAfter] = await both((c) => c.send(new ListIdentityProvidersCommand({ UserPoolId: POOL })));
    expect(idpsAfter).toEqual(idpsBefore);
    const [idpBefore, idpAfter] = await both((c) => c.send(new DescribeIdentityProviderCommand({ UserPoolId: POOL, ProviderName: 'Corp' })));
    expect(idpAfter).toEqual(idpBefore);
    const [serversBefore, serversAfter] = await both((c) => c.send(new ListResourceServersCommand({ UserPoolId: POOL, MaxResults: 50 })));
    expect(serversAfter).toEqual(serversBefore);
    const [serverBefore, serverAfter] = await both((c) => c.send(new DescribeResourceServerCommand({ UserPoolId: POOL, Identifier: 'https://api.example.com' })));
    expect(serverAfter).toEqual(serverBefore);
  });

  it('recreates the users as ListUsers and AdminGetUser answer them, dates included, with their groups', async () => {
    for (const UserPoolId of [POOL, EMAIL_POOL]) {
      const [before, after] = await both((c) => c.send(new ListUsersCommand({ UserPoolId })), []);
      expect(after).toEqual(before);
      for (const user of (before as any).Users) {
        const [one, other] = await both((c) => c.send(new AdminGetUserCommand({ UserPoolId, Username: user.Username })), []);
        expect(other).toEqual(one);
      }
    }
    const [groupsBefore, groupsAfter] = await both((c) => c.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice' })));
    expect(groupsAfter).toEqual(groupsBefore);
  });

  it('signs the users in with their passwords: USER_PASSWORD_AUTH with SECRET_HASH, and SRP in a pool of email usernames', async () => {
    const { createHmac } = await import('node:crypto');
    const secretHash = createHmac('sha256', BACKEND_SECRET).update(`alice${BACKEND}`).digest('base64');
    const signedIn = await copy.cognito.send(
      new InitiateAuthCommand({ ClientId: BACKEND, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rdAlice', SECRET_HASH: secretHash } }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    await expect(
      copy.cognito.send(new InitiateAuthCommand({ ClientId: BACKEND, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'WrongPassw0rd', SECRET_HASH: secretHash } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const idToken = await srpSignIn(copy.url, EMAIL_POOL, EMAIL_WEB, 'carol@example.com', 'Passw0rd!Carol');
    expect(JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()).email).toBe('carol@example.com');
  });

  it('bob still has his temporary password: NEW_PASSWORD_REQUIRED', async () => {
    const secretHash = (await import('node:crypto')).createHmac('sha256', BACKEND_SECRET).update(`bob${BACKEND}`).digest('base64');
    const answer = await copy.cognito.send(
      new InitiateAuthCommand({ ClientId: BACKEND, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'TempPassw0rd', SECRET_HASH: secretHash } }),
    );
    expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('carries every client secret with its id and date: ListUserPoolClientSecrets answers the same', async () => {
    const backend = exported.userPools.find((p: any) => p.Id === POOL).Clients.find((c: any) => c.ClientId === BACKEND);
    expect(backend.ClientSecrets.map((s: any) => s.ClientSecretValue)).toEqual([BACKEND_SECRET, BACKEND_SECOND_SECRET]);
    expect(backend.ClientSecrets[0].ClientSecretId).toBe(`${BACKEND}--${backend.ClientSecrets[0].ClientSecretCreateDate}`);
    for (const [UserPoolId, ClientId] of [[POOL, BACKEND], [PLUS_POOL, GUARDED], [PLUS_POOL, UNGUARDED]] as const) {
      const [before, after] = await both((c) => c.send(new ListUserPoolClientSecretsCommand({ UserPoolId, ClientId })), []);
      expect(after).toEqual(before);
    }
    const [guarded] = await both((c) => c.send(new ListUserPoolClientSecretsCommand({ UserPoolId: PLUS_POOL, ClientId: GUARDED })), []);
    expect((guarded as any).ClientSecrets).toHaveLength(2);
    const [describedBefore, describedAfter] = await both((c) => c.send(new DescribeUserPoolClientCommand({ UserPoolId: PLUS_POOL, ClientId: GUARDED })));
    expect(describedAfter).toEqual(describedBefore);
  });

  it('the second secret still signs in: SDK InitiateAuth USER_PASSWORD_AUTH with its SECRET_HASH; a secret the client never had is refused', async () => {
    const { createHmac } = await import('node:crypto');
    const hashWith = (secret: string) => createHmac('sha256', secret).update(`alice${BACKEND}`).digest('base64');
    const signIn = (secret: string) =>
      copy.cognito.send(
        new InitiateAuthCommand({ ClientId: BACKEND, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rdAlice', SECRET_HASH: hashWith(secret) } }),
      );
    expect((await signIn(BACKEND_SECOND_SECRET)).AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    await expect(signIn('neversecret00000000000000000000000000000000000')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${BACKEND}`,
    });
  });

  it('recreates the risk configurations, the pool\'s and a client\'s own, as DescribeRiskConfiguration answers them', async () => {
    const plus = exported.userPools.find((p: any) => p.Id === PLUS_POOL);
    expect(plus.RiskConfiguration.RiskExceptionConfiguration.BlockedIPRangeList).toEqual(['203.0.113.0/24']);
    expect(plus.Clients.find((c: any) => c.ClientId === UNGUARDED).RiskConfiguration).toBeUndefined();
    // Threat protection off: nothing to carry, and nothing asked of DescribeRiskConfiguration.
    expect(exported.userPools.find((p: any) => p.Id === POOL).RiskConfiguration).toBeUndefined();
    for (const ClientId of [undefined, GUARDED, UNGUARDED]) {
      const [before, after] = await both((c) => c.send(new DescribeRiskConfigurationCommand({ UserPoolId: PLUS_POOL, ClientId })), ['LastModifiedDate']);
      expect(after).toEqual(before);
    }
    const [guarded] = await both((c) => c.send(new DescribeRiskConfigurationCommand({ UserPoolId: PLUS_POOL, ClientId: GUARDED })), ['LastModifiedDate']);
    expect((guarded as any).RiskConfiguration).toMatchObject({ ClientId: GUARDED, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'MFA_REQUIRED' } } } });
  });

  it('recreates the log delivery configuration', async () => {
    for (const UserPoolId of [POOL, PLUS_POOL]) {
      const [before, after] = await both((c) => c.send(new GetLogDeliveryConfigurationCommand({ UserPoolId })), []);
      expect(after).toEqual(before);
    }
    const [plus] = await both((c) => c.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: PLUS_POOL })), []);
    expect((plus as any).LogDeliveryConfiguration.LogConfigurations).toHaveLength(2);
  });

  it('recreates the session configurations: the pools\', and the clients\' SSO settings, a dormant one included', async () => {
    for (const UserPoolId of [POOL, EMAIL_POOL, PLUS_POOL]) {
      const [before, after] = await both((c) => c.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId })), []);
      expect(after).toEqual(before);
    }
    const [plusPool] = await both((c) => c.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: PLUS_POOL })), []);
    expect(plusPool).toMatchObject({ UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 3 } });
    for (const [UserPoolId, ClientId] of [[POOL, BACKEND], [PLUS_POOL, GUARDED], [PLUS_POOL, UNGUARDED]] as const) {
      const [before, after] = await both((c) => c.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId, ClientId })), []);
      expect(after).toEqual(before);
    }
    const [backend, unguarded] = [
      await copy.cognito.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: POOL, ClientId: BACKEND })),
      await copy.cognito.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: PLUS_POOL, ClientId: UNGUARDED })),
    ];
    expect([backend.SSOSession?.MaxValidityMinutes, unguarded.SSOSession?.MaxValidityMinutes]).toEqual([240, 15]);
  });

  it('recreates the replicas, their status and tags, and the account\'s provisioned limit', async () => {
    const [before, after] = await both((c) => c.send(new ListUserPoolReplicasCommand({ UserPoolId: PLUS_POOL })), []);
    expect(after).toEqual(before);
    expect((after as any).UserPoolReplicas.map((r: any) => [r.RegionName, r.Status])).toEqual([
      ['us-east-1', 'ACTIVE'],
      ['ap-southeast-2', 'INACTIVE'],
      ['eu-west-1', 'ACTIVE'],
    ]);
    expect(exported.userPools.find((p: any) => p.Id === PLUS_POOL).Replicas).toContainEqual({ RegionName: 'eu-west-1', Status: 'ACTIVE', UserPoolTags: { site: 'dublin' } });
    const [limitBefore, limitAfter] = await both((c) => c.send(new GetProvisionedLimitCommand({ LimitDefinition: LIMIT })), []);
    expect(limitAfter).toEqual(limitBefore);
    expect((limitAfter as any).Limit.ProvisionedLimitValue).toBe(240);
    expect(exported.provisionedLimits).toEqual([{ LimitDefinition: LIMIT, RequestedLimitValue: 240 }]);
  });

  it('a second start with the same file and data dir changes nothing', async () => {
    const dataDir = tempDir('config-round-trip-data-');
    for (let run = 0; run < 2; run++) {
      const again = await startSandbox({ dataDir, configFile: exportFile });
      const users = await again.cognito.send(new ListUsersCommand({ UserPoolId: POOL }));
      expect(users.Users).toHaveLength(2);
      const clients = await again.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: POOL, MaxResults: 60 }));
      expect(clients.UserPoolClients).toHaveLength(2);
      const secrets = await again.cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: POOL, ClientId: BACKEND }));
      expect(secrets.ClientSecrets).toHaveLength(2);
      const replicas = await again.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: PLUS_POOL }));
      expect(replicas.UserPoolReplicas).toHaveLength(3);
      const sessions = await again.cognito.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: PLUS_POOL }));
      expect(sessions.UserSessionTracking).toBe('DISABLED');
      await again.close();
    }
  });

  it('the export answers only the sandbox\'s own pages', async () => {
    const response = await fetch(`${source.url}/_sandbox/api/export`, { headers: { origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(403);
  });
});

describe('--config with what the AWS CLI prints', () => {
  it('takes describe-user-pool and describe-user-pool-client answers: the same pool and client, read-only members ignored', async () => {
    const pool = await source.cognito.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
    const client = await source.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: BACKEND }));
    // As the CLI prints them: dates as ISO text, no $metadata.
    const file = writeConfig([settled({ UserPool: pool.UserPool }), settled({ UserPoolClient: client.UserPoolClient })]);
    const fresh = await startSandbox({ configFile: file });
    try {
      const described = await fresh.cognito.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
      expect(settled(described, [...DATES, 'EstimatedNumberOfUsers'])).toEqual(settled(pool, [...DATES, 'EstimatedNumberOfUsers']));
      const mfa = await fresh.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: POOL }));
      expect(mfa.MfaConfiguration).toBe('OPTIONAL');
      expect(mfa.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
      const copied = await fresh.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: BACKEND }));
      expect(settled(copied, DATES)).toEqual(settled(client, DATES));
    } finally {
      await fresh.close();
    }
  });

  it('takes one describe-user-pool-client answer for a pool the file names and a single describe-user-pool answer', async () => {
    const pool = await source.cognito.send(new DescribeUserPoolCommand({ UserPoolId: EMAIL_POOL }));
    const client = await source.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: EMAIL_POOL, ClientId: EMAIL_WEB }));
    const dataDir = tempDir('config-round-trip-cli-');
    const first = await startSandbox({ dataDir, configFile: writeConfig(settled({ UserPool: pool.UserPool })) });
    await first.close();
    const second = await startSandbox({ dataDir, configFile: writeConfig(settled({ UserPoolClient: client.UserPoolClient })) });
    try {
      const copied = await second.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: EMAIL_POOL, ClientId: EMAIL_WEB }));
      expect(settled(copied, DATES)).toEqual(settled(client, DATES));
    } finally {
      await second.close();
    }
  });

  it('takes an answer as the CLI prints one from AWS: ISO dates, Status, identities and unchanged standard attributes in the schema, a Domain prefix', async () => {
    const cli = {
      UserPool: {
        Id: 'eu-west-1_CliPool01',
        Name: 'from-aws',
        Status: 'Enabled',
        SmsConfigurationFailure: 'SNSSandbox',
        Policies: { PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 } },
        DeletionProtection: 'INACTIVE',
        LambdaConfig: {},
        LastModifiedDate: '2024-05-01T10:00:00.000000+00:00',
        CreationDate: '2024-05-01T10:00:00.000000+00:00',
        SchemaAttributes: [
          { Name: 'sub', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: false, Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } },
          { Name: 'email', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: true, StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' } },
          { Name: 'phone_number_verified', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false },
          { Name: 'identities', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} },
          { Name: 'custom:plan', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '32' } },
        ],
        AutoVerifiedAttributes: ['email'],
        UsernameAttributes: ['email'],
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
        MfaConfiguration: 'OFF',
        EstimatedNumberOfUsers: 1234,
        EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
        Domain: 'from-cli-auth',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
        UsernameConfiguration: { CaseSensitive: false },
        Arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_CliPool01',
        AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
        UserPoolTier: 'ESSENTIALS',
      },
    };
    const fresh = await startSandbox({ configFile: writeConfig(cli) });
    try {
      const { UserPool } = await fresh.cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_CliPool01' }));
      expect(UserPool).toMatchObject({ Name: 'from-aws', Domain: 'from-cli-auth', UsernameAttributes: ['email'], EstimatedNumberOfUsers: 0, MfaConfiguration: 'OFF' });
      expect(UserPool!.Policies!.PasswordPolicy).toMatchObject(cli.UserPool.Policies.PasswordPolicy);
      expect(UserPool!.SchemaAttributes!.find((a) => a.Name === 'email')!.Required).toBe(true);
      expect(UserPool!.SchemaAttributes!.find((a) => a.Name === 'custom:plan')!.StringAttributeConstraints).toEqual({ MinLength: '1', MaxLength: '32' });
      expect(UserPool!.SchemaAttributes!.map((a) => a.Name)).not.toContain('custom:identities');
      expect(UserPool!.Arn).toBe(`arn:aws:cognito-idp:eu-west-1:${UserPool!.Arn!.split(':')[4]}:userpool/eu-west-1_CliPool01`);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a client whose pool is neither in the file nor in the sandbox, and a file of other answers', async () => {
    const orphan = writeConfig({ UserPoolClient: { UserPoolId: 'us-east-1_Nowhere00', ClientName: 'lost', ClientId: 'lostclient0000000000000000' } });
    await expect(startSandbox({ configFile: orphan })).rejects.toThrow(/userPools\[0\] \(us-east-1_Nowhere00\): user pool us-east-1_Nowhere00 is neither in the file nor in the sandbox/);
    const other = writeConfig([{ UserPool: { Name: 'ok' } }, { Users: [] }]);
    await expect(startSandbox({ configFile: other })).rejects.toThrow(/or what `aws cognito-idp describe-user-pool` or `describe-user-pool-client` prints/);
    await expect(startSandbox({ configFile: writeConfig([]) })).rejects.toThrow(/expected \{"userPools"/);
  });

  it('refuses exported client secrets Cognito would not hold, and settings the pool cannot take, naming the entry', async () => {
    const secret = (n: number) => ({ ClientSecretValue: `restoredsecret${n}`.padEnd(32, '0'), ClientSecretCreateDate: 1_700_000_000_000 + n });
    const withSecrets = (client: object) => writeConfig({ userPools: [{ PoolName: 'p', Clients: [{ ClientName: 'c', ClientId: 'restoredclient000000000000', ...client }] }] });
    await expect(startSandbox({ configFile: withSecrets({ GenerateSecret: true, ClientSecrets: [secret(1), secret(2), secret(3)] }) })).rejects.toThrow(
      /userPools\[0\] \(p\): InvalidParameterException: .*at most 2 secrets/,
    );
    await expect(startSandbox({ configFile: withSecrets({ ClientSecrets: [secret(1)] }) })).rejects.toThrow(/InvalidParameterException: .*no client secret/);
    await expect(startSandbox({ configFile: withSecrets({ GenerateSecret: true, ClientSecrets: [{ ...secret(1), ClientSecretId: 'otherclient--1' }] }) })).rejects.toThrow(
      /ClientSecretId otherclient--1 is not restoredclient000000000000--1700000000001/,
    );
    await expect(startSandbox({ configFile: withSecrets({ GenerateSecret: true, ClientSecrets: [{ ClientSecretValue: 'short' }] }) })).rejects.toThrow(/ClientSecretValue must be/);
    const riskWithoutThreatProtection = writeConfig({ userPools: [{ PoolName: 'p', RiskConfiguration: { RiskExceptionConfiguration: { BlockedIPRangeList: ['203.0.113.0/24'] } } }] });
    await expect(startSandbox({ configFile: riskWithoutThreatProtection })).rejects.toThrow(/userPools\[0\] \(p\): UserPoolAddOnNotEnabledException/);
    const authEventsOnEssentials = writeConfig({
      userPools: [{ PoolName: 'p', LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: 'arn:aws:s3:::b' } }] }],
    });
    await expect(startSandbox({ configFile: authEventsOnEssentials })).rejects.toThrow(/FeatureUnavailableInTierException/);
    const badLimit = writeConfig({ userPools: [], provisionedLimits: [{ LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserAuthentication' } }, RequestedLimitValue: 1 }] });
    await expect(startSandbox({ configFile: badLimit })).rejects.toThrow(/provisionedLimits\[0\]: InvalidParameterException: The requested limit 1 is below/);
  });

  it('refuses an exported user of an unknown status or a verifier that is not hex, naming the entry', async () => {
    const badStatus = writeConfig({ userPools: [{ PoolName: 'p', Users: [{ Username: 'u', UserStatus: 'HAPPY' }] }] });
    await expect(startSandbox({ configFile: badStatus })).rejects.toThrow(/userPools\[0\] \(p\): InvalidParameterException: UserStatus: 'HAPPY'/);
    const badVerifier = writeConfig({ userPools: [{ PoolName: 'p', Users: [{ Username: 'u', PasswordVerifier: { Salt: 'zz', Verifier: '00' } }] }] });
    await expect(startSandbox({ configFile: badVerifier })).rejects.toThrow(/Salt and Verifier must be hexadecimal/);
    const badAttribute = writeConfig({ userPools: [{ PoolName: 'p', Users: [{ Username: 'u', UserStatus: 'CONFIRMED', Attributes: { 'custom:nope': 'x' } }] }] });
    await expect(startSandbox({ configFile: badAttribute })).rejects.toThrow(/InvalidParameterException: Attributes did not conform to the schema/);
  });
});
