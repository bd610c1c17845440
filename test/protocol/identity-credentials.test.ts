/**
 * The identity-pool flows through the real clients: GetId and GetCredentialsForIdentity (the
 * enhanced flow) for user-pool users and guests, GetOpenIdToken + STS AssumeRoleWithWebIdentity
 * (the basic flow), developer-authenticated identities end to end, and the role chosen by the
 * pool's defaults, a Rules mapping on the user's groups, or a Token mapping. STS GetCallerIdentity,
 * signed with the credentials handed out, says which role they are for.
 */
import {
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  SetIdentityPoolRolesCommand,
  type CognitoIdentityClient,
  type CreateIdentityPoolCommandInput,
  type GetCredentialsForIdentityCommandOutput,
  type Credentials,
  type RoleMapping,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { eventsDuring } from '../support/events.js';
import { identityClient, role, signedInIdToken, stsClient, userPoolWorld, type UserPoolWorld } from '../support/identity.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let identity: CognitoIdentityClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  identity = identityClient(sandbox.url);
});
afterAll(async () => {
  identity.destroy();
  await sandbox.close();
});

const IDENTITY_ID = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function identityPool(settings: Partial<CreateIdentityPoolCommandInput>, roleMappings?: Record<string, RoleMapping>): Promise<string> {
  const { IdentityPoolId } = await identity.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: 'app', AllowUnauthenticatedIdentities: false, ...settings }),
  );
  await identity.send(
    new SetIdentityPoolRolesCommand({
      IdentityPoolId,
      Roles: { authenticated: role('AuthRole'), unauthenticated: role('GuestRole') },
      ...(roleMappings && { RoleMappings: roleMappings }),
    }),
  );
  return IdentityPoolId!;
}

/** The role ARN the credentials are for, as STS GetCallerIdentity signed with them answers. */
async function callerArn(credentials: Credentials): Promise<string> {
  const sts = stsClient(sandbox.url, { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretKey!, sessionToken: credentials.SessionToken! });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
  } finally {
    sts.destroy();
  }
}

function userPoolProvider(world: UserPoolWorld) {
  return { CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId }] };
}

/** The plain-text trace of the flow the events belong to. */
async function traceOf(events: SandboxEvent[]): Promise<string> {
  const flowId = events.find((e) => e.flowId)!.flowId!;
  return (await fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}`, { headers: { accept: 'text/plain' } })).text();
}

const ofType = <T extends SandboxEvent['type']>(events: SandboxEvent[], type: T) =>
  events.filter((e): e is Extract<SandboxEvent, { type: T }> => e.type === type);

describe('the enhanced flow for a user pool user', () => {
  it('gives the same identity for the same user and credentials for the authenticated role', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'enhanced');
    const poolId = await identityPool(userPoolProvider(world));
    const idToken = await signedInIdToken(sandbox.cognito, world, 'alice');
    const logins = { [world.providerName]: idToken };

    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    expect(IdentityId).toMatch(IDENTITY_ID);
    expect((await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }))).IdentityId).toBe(IdentityId);

    let answer!: GetCredentialsForIdentityCommandOutput;
    const events = await eventsDuring(sandbox.app, async () => (answer = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }))));
    expect(answer.IdentityId).toBe(IdentityId);
    const { Credentials } = answer;
    expect(Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(Credentials!.SecretKey).toHaveLength(40);
    expect(Credentials!.SessionToken!.length).toBeGreaterThan(100);
    const lifetime = Credentials!.Expiration!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
    expect(await callerArn(Credentials!)).toBe('arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials');

    // Its trace says each step in words.
    const trace = await traceOf(events);
    expect(trace).toMatch(new RegExp(`  login {8}${world.providerName.replace(/[./]/g, '\\$&')} for [0-9a-f-]{36}: \\d+ checks passed\n`));
    expect(trace).toContain(`  identity     ${IdentityId} found (authenticated)\n`);
    expect(trace).toMatch(/ {2}role {9}arn:aws:iam::123456789012:role\/AuthRole: .+\n/);
    expect(trace).toContain(`  credentials  ${Credentials!.AccessKeyId} as arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials until ${Credentials!.Expiration!.toISOString()} (GetCredentialsForIdentity)\n`);
  });

  it('refuses a token of another app client, a forged token and an identity without its login', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'refusals');
    const other = await userPoolWorld(sandbox.cognito, 'other');
    const poolId = await identityPool(userPoolProvider(world));
    const idToken = await signedInIdToken(sandbox.cognito, world, 'bob');

    const foreign = await signedInIdToken(sandbox.cognito, other, 'mallory');
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [other.providerName]: foreign } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    const [header, payload] = idToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(342)}`;
    const events = await eventsDuring(sandbox.app, () =>
      expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [world.providerName]: forged } }))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
      }),
    );
    expect(await traceOf(events)).toMatch(/ {2}login FAIL {3}\S+: check ".+" failed/);
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [world.providerName]: idToken } }));
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('answers ResourceNotFoundException for an unknown pool or identity, ValidationException for malformed ids', async () => {
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      identity.send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: 'us-east-1_NotAnIdentityPool' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"),
    });
  });
});

describe('guests', () => {
  it('get an unauthenticated identity and the unauthenticated role when the pool allows them', async () => {
    const poolId = await identityPool({ AllowUnauthenticatedIdentities: true });
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
    expect(IdentityId).toMatch(IDENTITY_ID);
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    expect(await callerArn(Credentials!)).toBe('arn:aws:sts::123456789012:assumed-role/GuestRole/CognitoIdentityCredentials');
  });

  it('are refused by a pool that does not allow them', async () => {
    const poolId = await identityPool({ AllowUnauthenticatedIdentities: false });
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
  });
});

describe('role mapping', () => {
  it('chooses the role by the first matching rule on the user groups, and shows every rule evaluated', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'rules');
    const mappingKey = `${world.providerName}:${world.clientId}`;
    const poolId = await identityPool(userPoolProvider(world), {
      [mappingKey]: {
        Type: 'Rules',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        RulesConfiguration: {
          Rules: [
            { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'editors', RoleARN: role('EditorRole') },
            { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: role('AdminRole') },
            { Claim: 'email', MatchType: 'Equals', Value: 'never@example.com', RoleARN: role('NeverRole') },
          ],
        },
      },
    });
    const adminToken = await signedInIdToken(sandbox.cognito, world, 'ada', [{ name: 'admins' }]);
    const logins = { [world.providerName]: adminToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    let credentials: Credentials | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      credentials = (await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }))).Credentials;
    });
    expect(await callerArn(credentials!)).toBe('arn:aws:sts::123456789012:assumed-role/AdminRole/CognitoIdentityCredentials');

    const [decision] = ofType(events, 'identity.roleResolved');
    expect(decision!.data).toMatchObject({ decidedBy: 'rule', roleArn: role('AdminRole'), mapping: { key: mappingKey, type: 'Rules' } });
    expect(decision!.data.rules!.map((r) => r.matched)).toEqual([false, true, undefined]);
    const flowId = decision!.flowId;
    expect(ofType(events, 'flow.started').find((e) => e.flowId === flowId)!.data.kind).toBe('identity-credentials');
    expect(ofType(events, 'identity.loginChecked').every((e) => e.flowId === flowId && e.data.passed)).toBe(true);
    expect(ofType(events, 'identity.credentialsIssued')[0]!.data).toMatchObject({ accessKeyId: credentials!.AccessKeyId, roleArn: role('AdminRole') });

    // No rule matches a user outside both groups: AmbiguousRoleResolution gives the authenticated role.
    const plainToken = await signedInIdToken(sandbox.cognito, world, 'pat');
    const plain = { [world.providerName]: plainToken };
    const { IdentityId: patId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: plain }));
    const { Credentials: patCredentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId: patId, Logins: plain }));
    expect(await callerArn(patCredentials!)).toBe('arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials');
  });

  it('denies when no rule matches and the ambiguous resolution is Deny', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'deny');
    const poolId = await identityPool(userPoolProvider(world), {
      [`${world.providerName}:${world.clientId}`]: {
        Type: 'Rules',
        AmbiguousRoleResolution: 'Deny',
        RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: role('AdminRole') }] },
      },
    });
    const logins = { [world.providerName]: await signedInIdToken(sandbox.cognito, world, 'dan') };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('takes the token cognito:preferred_role under a Token mapping, and a CustomRoleArn among cognito:roles', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'token');
    const poolId = await identityPool(userPoolProvider(world), {
      [`${world.providerName}:${world.clientId}`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' },
    });
    const idToken = await signedInIdToken(sandbox.cognito, world, 'tess', [
      { name: 'staff', roleArn: role('StaffRole'), precedence: 5 },
      { name: 'ops', roleArn: role('OpsRole'), precedence: 1 },
    ]);
    expect(decodeJwt(idToken)['cognito:preferred_role']).toBe(role('OpsRole'));
    const logins = { [world.providerName]: idToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    const preferred = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(await callerArn(preferred.Credentials!)).toContain('assumed-role/OpsRole/');
    const custom = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins, CustomRoleArn: role('StaffRole') }));
    expect(await callerArn(custom.Credentials!)).toContain('assumed-role/StaffRole/');
  });
});

describe('the basic (classic) flow', () => {
  it('trades GetOpenIdToken token for credentials at STS AssumeRoleWithWebIdentity', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'classic');
    const poolId = await identityPool({ ...userPoolProvider(world), AllowClassicFlow: true });
    const logins = { [world.providerName]: await signedInIdToken(sandbox.cognito, world, 'carl') };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    const { Token, IdentityId: sameId } = await identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    expect(sameId).toBe(IdentityId);

    const header = decodeProtectedHeader(Token!);
    expect(header).toMatchObject({ alg: 'RS512', kid: expect.any(String) });
    const claims = decodeJwt(Token!);
    expect(claims).toMatchObject({ sub: IdentityId, aud: poolId, iss: `${sandbox.url}/_cognito-identity` });
    expect(claims.amr).toEqual(['authenticated', world.providerName, expect.stringMatching(new RegExp(`^${world.providerName}:CognitoSignIn:[0-9a-f-]{36}$`))]);
    expect(claims.exp! - claims.iat!).toBe(600);

    const sts = stsClient(sandbox.url);
    try {
      const answer = await sts.send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: role('ClassicRole'), RoleSessionName: 'carl-session', WebIdentityToken: Token! }),
      );
      expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(answer.AssumedRoleUser!.Arn).toBe('arn:aws:sts::123456789012:assumed-role/ClassicRole/carl-session');
      expect(answer.SubjectFromWebIdentityToken).toBe(IdentityId);
      expect(answer.Audience).toBe(poolId);
      expect(answer.Provider).toBe('cognito-identity.amazonaws.com');
      const caller = await callerArn({ AccessKeyId: answer.Credentials!.AccessKeyId, SecretKey: answer.Credentials!.SecretAccessKey, SessionToken: answer.Credentials!.SessionToken });
      expect(caller).toBe('arn:aws:sts::123456789012:assumed-role/ClassicRole/carl-session');
    } finally {
      sts.destroy();
    }
  });

  it('is refused when the pool turned the classic flow off', async () => {
    const poolId = await identityPool({ AllowUnauthenticatedIdentities: true, AllowClassicFlow: false });
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
    await expect(identity.send(new GetOpenIdTokenCommand({ IdentityId }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Basic (classic) flow is not enabled, please use enhanced flow.',
    });
  });

  it('STS refuses a token that is not the sandbox Cognito Identity issuer, or tampered with', async () => {
    const poolId = await identityPool({ AllowUnauthenticatedIdentities: true });
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId }));
    const [header, payload, signature] = Token!.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(Token!), sub: 'us-east-1:00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${signature}`;
    expect(payload).not.toBe(tampered.split('.')[1]);
    const sts = stsClient(sandbox.url);
    try {
      await expect(
        sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role('ClassicRole'), RoleSessionName: 'guest', WebIdentityToken: tampered })),
      ).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
    } finally {
      sts.destroy();
    }
  });
});

describe('developer-authenticated identities', () => {
  it('gets an identity and token from the back end, then credentials with the token as login', async () => {
    const poolId = await identityPool({ DeveloperProviderName: 'login.example.app' });
    const first = await identity.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.example.app': 'user-42' }, TokenDuration: 3600 }),
    );
    expect(first.IdentityId).toMatch(IDENTITY_ID);
    const claims = decodeJwt(first.Token!);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.amr).toContain('login.example.app');
    const again = await identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.example.app': 'user-42' } }));
    expect(again.IdentityId).toBe(first.IdentityId);

    const { Credentials } = await identity.send(
      new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins: { 'cognito-identity.amazonaws.com': first.Token! } }),
    );
    expect(await callerArn(Credentials!)).toBe('arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials');
  });

  it('links another login given with the developer one, and GetId refuses a Cognito Identity token', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'developer-linked');
    const poolId = await identityPool({ DeveloperProviderName: 'login.example.app', ...userPoolProvider(world) });
    const idToken = await signedInIdToken(sandbox.cognito, world, 'dora');
    const { IdentityId, Token } = await identity.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.example.app': 'user-7', [world.providerName]: idToken } }),
    );
    const described = await identity.send(new DescribeIdentityCommand({ IdentityId }));
    expect([...described.Logins!].sort()).toEqual(['login.example.app', world.providerName].sort());
    expect((await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [world.providerName]: idToken } }))).IdentityId).toBe(IdentityId);
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'cognito-identity.amazonaws.com': Token! } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Can't pass in a Cognito token.",
    });
  });

  it('refuses a developer login the pool does not name', async () => {
    const poolId = await identityPool({ DeveloperProviderName: 'login.example.app' });
    await expect(
      identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.other.app': 'user-42' } })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });
});

describe('the AWS SDK credential provider fromCognitoIdentityPool', () => {
  it('resolves credentials for a user pool user with its logins, through clientConfig.endpoint', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'sdk-provider');
    const poolId = await identityPool(userPoolProvider(world));
    const idToken = await signedInIdToken(sandbox.cognito, world, 'sam');
    const provider = fromCognitoIdentityPool({
      identityPoolId: poolId,
      logins: { [world.providerName]: idToken },
      clientConfig: { region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    });
    const credentials = await provider();
    expect(credentials.identityId).toMatch(IDENTITY_ID);
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await callerArn({ AccessKeyId: credentials.accessKeyId, SecretKey: credentials.secretAccessKey, SessionToken: credentials.sessionToken })).toContain(
      'assumed-role/AuthRole/',
    );
  });
});
