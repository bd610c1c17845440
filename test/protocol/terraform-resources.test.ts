/**
 * The calls the Terraform AWS provider (hashicorp/aws, internal/service/cognitoidp/) makes for
 * each user pool resource, create -> read -> update -> read -> delete -> read, asserting that
 * what the read sets into state comes back as it was sent (a field that drifts makes every
 * plan show a change) and that the read after delete answers what the provider takes as gone.
 *
 * aws_cognito_user_pool_client: Create/UpdateUserPoolClient's own answer is written to state,
 * then DescribeUserPoolClient; removing token_validity_units sends the defaults (hours, hours,
 * days), which must answer as such. aws_cognito_managed_user_pool_client: found by name through
 * ListUserPoolClients, then Describe, UpdateUserPoolClient; its delete calls nothing.
 * aws_cognito_user_pool_domain: waits for DescribeUserPoolDomain's Status ACTIVE; gone when the
 * DomainDescription is empty. aws_cognito_user_pool_ui_customization: its delete is a
 * SetUICustomization with neither CSS nor image, and a GetUICustomization with neither is "gone".
 * aws_cognito_risk_configuration: create and update are one SetRiskConfiguration, read is
 * DescribeRiskConfiguration, delete a SetRiskConfiguration of nothing (ResourceNotFoundException
 * taken as gone).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteGroupCommand,
  DeleteIdentityProviderCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetGroupCommand,
  GetUICustomizationCommand,
  ListUserPoolClientsCommand,
  ListUsersInGroupCommand,
  SetRiskConfigurationCommand,
  SetUICustomizationCommand,
  UpdateGroupCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let sandbox: TestSandbox;
let cognito: CognitoIdentityProviderClient;
let UserPoolId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  cognito = sandbox.cognito;
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-resources', Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }] }));
  UserPoolId = UserPool!.Id!;
});
afterAll(async () => {
  await sandbox?.close();
});

async function describeClient(ClientId: string): Promise<UserPoolClientType> {
  return (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient!;
}

/** The members Terraform keeps in state, as it flattens them (sets as sorted lists). */
function clientState(client: UserPoolClientType) {
  const set = (values?: string[]) => (values ? [...values].sort() : undefined);
  return {
    AccessTokenValidity: client.AccessTokenValidity,
    AllowedOAuthFlows: set(client.AllowedOAuthFlows),
    AllowedOAuthFlowsUserPoolClient: client.AllowedOAuthFlowsUserPoolClient,
    AllowedOAuthScopes: set(client.AllowedOAuthScopes),
    AuthSessionValidity: client.AuthSessionValidity,
    CallbackURLs: set(client.CallbackURLs),
    ClientSecret: client.ClientSecret,
    DefaultRedirectURI: client.DefaultRedirectURI,
    EnablePropagateAdditionalUserContextData: client.EnablePropagateAdditionalUserContextData,
    EnableTokenRevocation: client.EnableTokenRevocation,
    ExplicitAuthFlows: set(client.ExplicitAuthFlows),
    IdTokenValidity: client.IdTokenValidity,
    LogoutURLs: set(client.LogoutURLs),
    ClientName: client.ClientName,
    PreventUserExistenceErrors: client.PreventUserExistenceErrors,
    ReadAttributes: set(client.ReadAttributes),
    RefreshTokenValidity: client.RefreshTokenValidity,
    SupportedIdentityProviders: set(client.SupportedIdentityProviders),
    TokenValidityUnits: client.TokenValidityUnits,
    WriteAttributes: set(client.WriteAttributes),
    UserPoolId: client.UserPoolId,
  };
}

describe('aws_cognito_user_pool_client', () => {
  it('create, read, update, read, remove token_validity_units, delete, read', async () => {
    const settings = {
      ClientName: 'tf-client',
      AccessTokenValidity: 30,
      IdTokenValidity: 30,
      RefreshTokenValidity: 7,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' } as const,
      AllowedOAuthFlows: ['code' as const],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: ['https://app.example.com/callback'],
      LogoutURLs: ['https://app.example.com/'],
      DefaultRedirectURI: 'https://app.example.com/callback',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH' as const, 'ALLOW_REFRESH_TOKEN_AUTH' as const],
      PreventUserExistenceErrors: 'ENABLED' as const,
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 5,
      ReadAttributes: ['email', 'custom:tenant'],
      WriteAttributes: ['email'],
      SupportedIdentityProviders: ['COGNITO'],
    };
    const { UserPoolClient: created } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, GenerateSecret: true, ...settings }));
    const ClientId = created!.ClientId!;
    expect(created!.ClientSecret).toMatch(/^[a-z0-9]+$/);
    const read = await describeClient(ClientId);
    expect(clientState(read)).toEqual(clientState(created!));
    expect(clientState(read)).toMatchObject({
      ...settings,
      AllowedOAuthScopes: ['email', 'openid'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      ReadAttributes: ['custom:tenant', 'email'],
      UserPoolId,
    });

    const update = { ...settings, ClientName: 'tf-client-renamed', AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'days' } as const, LogoutURLs: undefined };
    const { UserPoolClient: updated } = await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId, ClientId, ...update }));
    const reread = await describeClient(ClientId);
    expect(clientState(updated!)).toEqual(clientState(reread));
    expect(reread).toMatchObject({ ClientName: 'tf-client-renamed', AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours' }, ClientSecret: created!.ClientSecret });
    expect(reread.LogoutURLs).toBeUndefined();

    // token_validity_units removed from the configuration: the provider sends Cognito's defaults.
    const defaults = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' } as const;
    const { UserPoolClient: reset } = await cognito.send(
      new UpdateUserPoolClientCommand({ UserPoolId, ClientId, ...update, AccessTokenValidity: 1, IdTokenValidity: 1, TokenValidityUnits: defaults }),
    );
    expect(reset!.TokenValidityUnits).toEqual(defaults);

    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId }));
    await expect(describeClient(ClientId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses what the provider validates only at apply: a scope of no resource server, an unknown identity provider', async () => {
    await expect(cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'bad', AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['https://nowhere/read'], CallbackURLs: ['https://a.example.com/'] }))).rejects.toMatchObject({ name: 'ScopeDoesNotExistException' });
    await expect(cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'bad', SupportedIdentityProviders: ['Nobody'] }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('aws_cognito_managed_user_pool_client', () => {
  it('found by name prefix (ListUserPoolClients, then Describe), updated, read; its delete leaves the client', async () => {
    await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'AmazonOpenSearchService-domain-a', GenerateSecret: true }));
    const clients: { ClientId?: string; ClientName?: string }[] = [];
    let NextToken: string | undefined;
    do {
      const page = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60, NextToken }));
      clients.push(...page.UserPoolClients!);
      NextToken = page.NextToken;
    } while (NextToken);
    const matches = clients.filter((c) => c.ClientName!.startsWith('AmazonOpenSearchService-'));
    expect(matches).toHaveLength(1);
    const ClientId = matches[0]!.ClientId!;
    const found = await describeClient(ClientId);
    const { UserPoolClient: updated } = await cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId,
        ClientId,
        ClientName: found.ClientName,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: ['https://search.example.com/_dashboards/app/home'],
        SupportedIdentityProviders: ['COGNITO'],
        RefreshTokenValidity: found.RefreshTokenValidity,
      }),
    );
    expect(clientState(await describeClient(ClientId))).toEqual(clientState(updated!));
    expect(updated!.ClientSecret).toBe(found.ClientSecret);
    // delete: nothing is called; the client stays for the service that made it.
    expect((await describeClient(ClientId)).ClientName).toBe('AmazonOpenSearchService-domain-a');
  });
});

describe('aws_cognito_user_pool_domain', () => {
  it('create, read (ACTIVE), update the managed login version, read, delete, read (empty)', async () => {
    await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: 'tf-domain-test', ManagedLoginVersion: 1 }));
    let { DomainDescription: d } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'tf-domain-test' }));
    expect(d).toMatchObject({ Domain: 'tf-domain-test', UserPoolId, Status: 'ACTIVE', ManagedLoginVersion: 1 });
    expect(d!.AWSAccountId).toMatch(/^\d{12}$/);
    expect(d!.CloudFrontDistribution).toEqual(expect.any(String));
    expect(d!.S3Bucket).toEqual(expect.any(String));
    expect(d!.Version).toEqual(expect.any(String));
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.Domain).toBe('tf-domain-test');

    await cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId, Domain: 'tf-domain-test', ManagedLoginVersion: 2 }));
    ({ DomainDescription: d } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'tf-domain-test' })));
    expect(d).toMatchObject({ Domain: 'tf-domain-test', Status: 'ACTIVE', ManagedLoginVersion: 2 });

    await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain: 'tf-domain-test' }));
    ({ DomainDescription: d } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'tf-domain-test' })));
    expect(d).toEqual({});
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.Domain).toBeUndefined();
  });

  it('refuses a domain another pool has', async () => {
    await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: 'tf-taken' }));
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-other' }));
    await expect(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: UserPool!.Id!, Domain: 'tf-taken' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain: 'tf-taken' }));
  });
});

describe('aws_cognito_resource_server', () => {
  it('create, read, update, read, delete, read', async () => {
    const Identifier = 'https://api.tf.example.com';
    await cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier, Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }));
    let { ResourceServer: server } = await cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier }));
    expect(server).toEqual({ UserPoolId, Identifier, Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] });

    await cognito.send(new UpdateResourceServerCommand({ UserPoolId, Identifier, Name: 'api v2', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }, { ScopeName: 'write', ScopeDescription: 'Write' }] }));
    ({ ResourceServer: server } = await cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier })));
    expect(server!.Name).toBe('api v2');
    expect(server!.Scopes).toEqual([{ ScopeName: 'read', ScopeDescription: 'Read' }, { ScopeName: 'write', ScopeDescription: 'Write' }]);

    await cognito.send(new DeleteResourceServerCommand({ UserPoolId, Identifier }));
    await expect(cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('aws_cognito_identity_provider', () => {
  it('create, read, update, read, delete, read: the details, mapping and identifiers set come back', async () => {
    const ProviderDetails = { client_id: 'google-client', client_secret: 'google-secret', authorize_scopes: 'openid email' };
    await cognito.send(new CreateIdentityProviderCommand({ UserPoolId, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails, AttributeMapping: { email: 'email', username: 'sub' } }));
    let { IdentityProvider: idp } = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: 'Google' }));
    expect(idp).toMatchObject({ UserPoolId, ProviderName: 'Google', ProviderType: 'Google', AttributeMapping: { email: 'email', username: 'sub' } });
    expect(idp!.ProviderDetails).toMatchObject(ProviderDetails);
    expect(idp!.CreationDate).toBeInstanceOf(Date);

    await cognito.send(
      new UpdateIdentityProviderCommand({ UserPoolId, ProviderName: 'Google', ProviderDetails: { ...ProviderDetails, authorize_scopes: 'openid email profile' }, AttributeMapping: { email: 'email', name: 'name', username: 'sub' }, IdpIdentifiers: ['gmail.com'] }),
    );
    ({ IdentityProvider: idp } = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: 'Google' })));
    expect(idp!.ProviderDetails!.authorize_scopes).toBe('openid email profile');
    expect(idp!.AttributeMapping).toEqual({ email: 'email', name: 'name', username: 'sub' });
    expect(idp!.IdpIdentifiers).toEqual(['gmail.com']);

    await cognito.send(new DeleteIdentityProviderCommand({ UserPoolId, ProviderName: 'Google' }));
    await expect(cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: 'Google' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('aws_cognito_user_group, aws_cognito_user and aws_cognito_user_in_group', () => {
  it('group: create, read, update, read, delete, read', async () => {
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'tf-group', Description: 'Terraform', Precedence: 5, RoleArn: 'arn:aws:iam::123456789012:role/a' }));
    let { Group: group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'tf-group' }));
    expect(group).toMatchObject({ UserPoolId, GroupName: 'tf-group', Description: 'Terraform', Precedence: 5, RoleArn: 'arn:aws:iam::123456789012:role/a' });
    await cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: 'tf-group', Description: 'Changed', Precedence: 1, RoleArn: 'arn:aws:iam::123456789012:role/b' }));
    ({ Group: group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'tf-group' })));
    expect(group).toMatchObject({ Description: 'Changed', Precedence: 1, RoleArn: 'arn:aws:iam::123456789012:role/b' });
    await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'tf-group' }));
    await expect(cognito.send(new GetGroupCommand({ UserPoolId, GroupName: 'tf-group' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('user: create (suppressed, then a permanent password), read, update attributes, disable, a temporary password, read, delete, read', async () => {
    const Username = 'tf-user';
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS', TemporaryPassword: 'TempPassw0rd!', UserAttributes: [{ Name: 'email', Value: 'tf@example.com' }, { Name: 'custom:tenant', Value: 'acme' }] }),
    );
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: 'Passw0rd!Perm', Permanent: true }));
    let user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
    expect(user).toMatchObject({ Username, UserStatus: 'CONFIRMED', Enabled: true });
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'tf@example.com' }, { Name: 'custom:tenant', Value: 'acme' }]));
    expect(user.UserAttributes!.find((a) => a.Name === 'sub')!.Value).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.UserCreateDate).toBeInstanceOf(Date);
    expect(user.UserLastModifiedDate).toBeInstanceOf(Date);

    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes: [{ Name: 'email', Value: 'tf2@example.com' }] }));
    await cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId, Username, UserAttributeNames: ['custom:tenant'] }));
    await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: 'NewTemp0rary!', Permanent: false }));
    user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
    expect(user).toMatchObject({ Enabled: false, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'tf2@example.com' });
    expect(user.UserAttributes!.map((a) => a.Name)).not.toContain('custom:tenant');
    await cognito.send(new AdminEnableUserCommand({ UserPoolId, Username }));
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId, Username }))).Enabled).toBe(true);

    await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username }));
    await expect(cognito.send(new AdminGetUserCommand({ UserPoolId, Username }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('user_in_group: add, read through AdminListGroupsForUser and ListUsersInGroup, remove, read', async () => {
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: 'tf-members' }));
    await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: 'tf-member', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: 'tf-member', GroupName: 'tf-members' }));
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'tf-member' }));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['tf-members']);
    const members = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'tf-members' }));
    expect(members.Users!.map((u) => u.Username)).toEqual(['tf-member']);
    await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: 'tf-member', GroupName: 'tf-members' }));
    expect((await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'tf-member' }))).Groups).toEqual([]);
    await expect(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: 'tf-member', GroupName: 'no-such-group' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('aws_cognito_user_pool_ui_customization', () => {
  it('the pool\'s (client_id ALL): set, read, set again, read, delete (a set of nothing), read (neither CSS nor image: gone)', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-ui' }));
    const pool = UserPool!.Id!;
    // As the provider's examples do: the customization depends on the pool's domain.
    await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'tf-ui-pool' }));
    await cognito.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId: 'ALL', CSS: '.label-customizable { font-weight: 400; }', ImageFile: PNG }));
    let { UICustomization: look } = await cognito.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId: 'ALL' }));
    expect(look).toMatchObject({ UserPoolId: pool, ClientId: 'ALL', CSS: '.label-customizable { font-weight: 400; }' });
    expect(look!.ImageUrl).toEqual(expect.any(String));
    expect(look!.CSSVersion).toEqual(expect.any(String));
    expect(look!.CreationDate).toBeInstanceOf(Date);
    expect(look!.LastModifiedDate).toBeInstanceOf(Date);

    await cognito.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId: 'ALL', CSS: '.label-customizable { font-weight: 700; }' }));
    ({ UICustomization: look } = await cognito.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId: 'ALL' })));
    expect(look!.CSS).toBe('.label-customizable { font-weight: 700; }');
    expect(look!.ImageUrl).toBeUndefined();

    await cognito.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId: 'ALL' }));
    ({ UICustomization: look } = await cognito.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId: 'ALL' })));
    expect(look!.CSS).toBeUndefined();
    expect(look!.ImageUrl).toBeUndefined();
  });

  it('a client\'s: set, read, delete, read (gone); a client of another pool refused; no domain refused', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-ui-client' }));
    const pool = UserPool!.Id!;
    await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'tf-ui-client' }));
    const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'ui' }));
    const ClientId = UserPoolClient!.ClientId!;
    await cognito.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId, CSS: '.banner-customizable { padding: 0; }' }));
    let { UICustomization: look } = await cognito.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId }));
    expect(look).toMatchObject({ ClientId, CSS: '.banner-customizable { padding: 0; }' });
    await cognito.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId }));
    ({ UICustomization: look } = await cognito.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId })));
    expect(look!.CSS).toBeUndefined();
    expect(look!.ImageUrl).toBeUndefined();
    await expect(cognito.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId: 'nosuchclient0000000000000', CSS: '.banner-customizable { padding: 0; }' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const { UserPool: bare } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-ui-no-domain' }));
    await expect(cognito.send(new SetUICustomizationCommand({ UserPoolId: bare!.Id!, CSS: '.banner-customizable { padding: 0; }' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'A domain must be associated with this user pool.',
    });
  });
});

describe('aws_cognito_risk_configuration', () => {
  it('the pool\'s and a client\'s: put, read, put again, read, delete (a put of nothing), read', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-risk', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }));
    const pool = UserPool!.Id!;
    const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'risky' }));
    const ClientId = UserPoolClient!.ClientId!;
    const exceptions = { BlockedIPRangeList: ['10.10.10.10/32'], SkippedIPRangeList: ['10.0.0.0/8'] };
    const takeover = {
      Actions: {
        LowAction: { EventAction: 'NO_ACTION' as const, Notify: false },
        MediumAction: { EventAction: 'MFA_IF_CONFIGURED' as const, Notify: false },
        HighAction: { EventAction: 'BLOCK' as const, Notify: false },
      },
    };
    const compromised = { EventFilter: ['SIGN_IN' as const], Actions: { EventAction: 'BLOCK' as const } };

    await cognito.send(new SetRiskConfigurationCommand({ UserPoolId: pool, RiskExceptionConfiguration: exceptions }));
    let { RiskConfiguration: risk } = await cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }));
    expect(risk).toMatchObject({ UserPoolId: pool, RiskExceptionConfiguration: exceptions });

    await cognito.send(new SetRiskConfigurationCommand({ UserPoolId: pool, AccountTakeoverRiskConfiguration: takeover, CompromisedCredentialsRiskConfiguration: compromised }));
    ({ RiskConfiguration: risk } = await cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool })));
    expect(risk!.AccountTakeoverRiskConfiguration).toEqual(takeover);
    expect(risk!.CompromisedCredentialsRiskConfiguration).toEqual(compromised);
    expect(risk!.RiskExceptionConfiguration).toBeUndefined();

    await cognito.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } } }));
    ({ RiskConfiguration: risk } = await cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool, ClientId })));
    expect(risk).toMatchObject({ UserPoolId: pool, ClientId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } } });

    await cognito.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId }));
    await cognito.send(new SetRiskConfigurationCommand({ UserPoolId: pool }));
    ({ RiskConfiguration: risk } = await cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool })));
    expect(risk!.AccountTakeoverRiskConfiguration).toBeUndefined();
    expect(risk!.CompromisedCredentialsRiskConfiguration).toBeUndefined();
    expect(risk!.RiskExceptionConfiguration).toBeUndefined();

    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId }));
    await expect(cognito.send(new SetRiskConfigurationCommand({ UserPoolId: pool, ClientId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
