/**
 * The identity-pool configuration side of Cognito Identity (AWSCognitoIdentityService), driven
 * over HTTP with @aws-sdk/client-cognito-identity: pools, tags, roles and principal tag maps,
 * their error answers, and what survives a restart.
 */
import {
  type CognitoIdentityClient,
  CreateIdentityPoolCommand,
  type CreateIdentityPoolCommandInput,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  GetPrincipalTagAttributeMapCommand,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityClient } from '../support/identity.js';
import { identityPoolRecord } from '../support/identity-pool-record.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';

const ACCOUNT = '000000000000';
const MISSING = 'us-east-1:00000000-0000-0000-0000-000000000000';
const USER_POOL_PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Sandbox01';
const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/login.example.com/oidc`;
const SAML_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/Corporate`;
const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/Cognito_Auth`;
const UNAUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/Cognito_Unauth`;
const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/Admins`;
const POOL_ID = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An AWS JSON call the SDK would never send as is (wrong types, missing members). */
function raw(url: string, operation: string, body: string | object) {
  return rawCall(url, `AWSCognitoIdentityService.${operation}`, body);
}

const arnOf = (identityPoolId: string) => `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${identityPoolId}`;

const fullConfig = {
  IdentityPoolName: 'Photos app',
  AllowUnauthenticatedIdentities: true,
  AllowClassicFlow: true,
  SupportedLoginProviders: { 'accounts.google.com': 'photos.apps.googleusercontent.com', 'graph.facebook.com': '7346241598935552' },
  DeveloperProviderName: 'login.photos.example',
  OpenIdConnectProviderARNs: [OIDC_ARN],
  CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'webclient0000000000000000a', ServerSideTokenCheck: true }],
  SamlProviderARNs: [SAML_ARN],
  IdentityPoolTags: { team: 'photos', stage: 'dev' },
} satisfies CreateIdentityPoolCommandInput;

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

async function newPool(settings: Partial<CreateIdentityPoolCommandInput> = {}): Promise<string> {
  const pool = await identity.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: 'pool', AllowUnauthenticatedIdentities: false, ...settings }),
  );
  return pool.IdentityPoolId!;
}

/** The error a call answers: its type, message and HTTP status. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = (await promise.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

describe('CreateIdentityPool', () => {
  it('creates a pool with every member and answers it as DescribeIdentityPool does', async () => {
    const created = await identity.send(new CreateIdentityPoolCommand(fullConfig));
    const { $metadata, ...answer } = created;
    expect($metadata.httpStatusCode).toBe(200);
    expect(answer.IdentityPoolId).toMatch(POOL_ID);
    expect(answer).toEqual({ IdentityPoolId: answer.IdentityPoolId, ...fullConfig });
    const { $metadata: _, ...described } = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: answer.IdentityPoolId }));
    expect(described).toEqual(answer);
  });

  it('leaves out what was never set, but always answers SupportedLoginProviders and IdentityPoolTags', async () => {
    const { $metadata, ...answer } = await identity.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'bare', AllowUnauthenticatedIdentities: false }),
    );
    expect(answer).toEqual({
      IdentityPoolId: answer.IdentityPoolId,
      IdentityPoolName: 'bare',
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: {},
      IdentityPoolTags: {},
    });
  });

  it("puts the pool in the request's region", async () => {
    const frankfurt = identityClient(sandbox.url, 'eu-central-1');
    const pool = await frankfurt.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'eu', AllowUnauthenticatedIdentities: true }));
    frankfurt.destroy();
    expect(pool.IdentityPoolId).toMatch(/^eu-central-1:[0-9a-f-]{36}$/);
  });

  it('answers ServerSideTokenCheck false when a user pool provider leaves it out, and allows the same name twice', async () => {
    const first = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'twin',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' }],
      }),
    );
    const second = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'twin', AllowUnauthenticatedIdentities: false }));
    expect(first.CognitoIdentityProviders).toEqual([{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1', ServerSideTokenCheck: false }]);
    expect(second.IdentityPoolId).not.toBe(first.IdentityPoolId);
  });

  it('requires IdentityPoolName and AllowUnauthenticatedIdentities (ValidationException, as the model says)', async () => {
    const answer = await raw(sandbox.url, 'CreateIdentityPool', {});
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(answer.json).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'identityPoolName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
    });
  });

  it('refuses a name outside the model (pattern, length)', async () => {
    expect(await failure(newPool({ IdentityPoolName: 'photos/app' }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'photos/app' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
      status: 400,
    });
    expect((await failure(newPool({ IdentityPoolName: 'x'.repeat(129) }))).message).toContain(
      "at 'identityPoolName' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    expect((await failure(newPool({ DeveloperProviderName: 'login example' }))).message).toContain(
      "at 'developerProviderName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+",
    );
  });

  it('refuses a user pool provider without a well-formed ProviderName or a ClientId', async () => {
    for (const provider of [
      { ClientId: 'client1' },
      { ProviderName: USER_POOL_PROVIDER },
      { ProviderName: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Sandbox01', ClientId: 'client1' },
      { ProviderName: 'us-east-1_Sandbox01', ClientId: 'client1' },
    ]) {
      expect(await failure(newPool({ CognitoIdentityProviders: [provider] }))).toEqual({
        name: 'InvalidParameterException',
        message: 'Invalid Cognito Identity Provider',
        status: 400,
      });
    }
  });

  it('refuses the same user pool client twice, and more than 50 user pool providers', async () => {
    const provider = { ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' };
    expect(await failure(newPool({ CognitoIdentityProviders: [provider, { ...provider, ServerSideTokenCheck: true }] }))).toMatchObject({
      name: 'InvalidParameterException',
      message: `Duplicate Cognito Identity Provider: ${USER_POOL_PROVIDER} with ClientId client1.`,
    });
    const fifty = Array.from({ length: 50 }, (_, i) => ({ ProviderName: USER_POOL_PROVIDER, ClientId: `client${i}` }));
    expect(await newPool({ CognitoIdentityProviders: fifty })).toMatch(POOL_ID);
    expect(await failure(newPool({ CognitoIdentityProviders: [...fifty, { ProviderName: USER_POOL_PROVIDER, ClientId: 'client50' }] }))).toEqual({
      name: 'LimitExceededException',
      message: 'An identity pool can have at most 50 Cognito identity providers.',
      status: 400,
    });
  });

  it('accepts only the documented public login providers, at most ten', async () => {
    expect(await failure(newPool({ SupportedLoginProviders: { 'login.example.com': 'app' } }))).toEqual({
      name: 'InvalidParameterException',
      message:
        'Invalid login provider login.example.com in SupportedLoginProviders: use graph.facebook.com, accounts.google.com, appleid.apple.com, www.amazon.com, api.twitter.com, www.digits.com.',
      status: 400,
    });
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.example.com`, 'app']));
    expect((await failure(newPool({ SupportedLoginProviders: eleven }))).message).toBe(
      "1 validation error detected: Value '{...}' at 'supportedLoginProviders' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    expect((await failure(newPool({ SupportedLoginProviders: { 'accounts.google.com': 'bad id!' } }))).name).toBe('ValidationException');
  });

  it('refuses OIDC and SAML provider ARNs that are not IAM provider ARNs, or given twice', async () => {
    expect(await failure(newPool({ OpenIdConnectProviderARNs: [SAML_ARN] }))).toMatchObject({
      name: 'InvalidParameterException',
      message: `Invalid ARN in OpenIdConnectProviderARNs: ${SAML_ARN} (expected arn:aws:iam::ACCOUNT:oidc-provider/ISSUER).`,
    });
    expect(await failure(newPool({ OpenIdConnectProviderARNs: [OIDC_ARN, OIDC_ARN] }))).toMatchObject({
      name: 'InvalidParameterException',
      message: `Duplicate ARN in OpenIdConnectProviderARNs: ${OIDC_ARN}.`,
    });
    expect(await failure(newPool({ SamlProviderARNs: [OIDC_ARN] }))).toMatchObject({
      name: 'InvalidParameterException',
      message: `Invalid ARN in SamlProviderARNs: ${OIDC_ARN} (expected arn:aws:iam::ACCOUNT:saml-provider/NAME).`,
    });
    expect((await failure(newPool({ SamlProviderARNs: ['arn:short'] }))).message).toContain(
      "at 'samlProviderARNs.1.member' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  });

  it('refuses more than 50 tags', async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect((await failure(newPool({ IdentityPoolTags: tags }))).message).toBe(
      "1 validation error detected: Value '{...}' at 'identityPoolTags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
  });

  it('refuses the 1,001st identity pool of the account', async () => {
    const crowded = await startSandbox();
    try {
      crowded.app.store.transaction(() => {
        for (let i = 0; i < 1000; i++) {
          crowded.app.store.identityPools.insert(identityPoolRecord(`us-east-1:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`));
        }
      });
      const answer = await raw(crowded.url, 'CreateIdentityPool', { IdentityPoolName: 'one more', AllowUnauthenticatedIdentities: false });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ __type: 'LimitExceededException', message: 'An account can have at most 1000 identity pools.' });
    } finally {
      await crowded.close();
    }
  });
});

describe('DescribeIdentityPool', () => {
  it('answers ResourceNotFoundException for an unknown pool', async () => {
    expect(await failure(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: MISSING })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${MISSING}' not found.`,
      status: 400,
    });
  });

  it('answers ValidationException for an id outside the model', async () => {
    expect(await failure(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'us-east-1_Sandbox01' })))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'us-east-1_Sandbox01' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
      status: 400,
    });
    expect((await failure(identity.send(new DescribeIdentityPoolCommand({} as never)))).message).toBe(
      "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('UpdateIdentityPool', () => {
  it('replaces the whole configuration: what the update leaves out goes back to its default', async () => {
    const id = (await identity.send(new CreateIdentityPoolCommand(fullConfig))).IdentityPoolId!;
    const { $metadata, ...answer } = await identity.send(
      new UpdateIdentityPoolCommand({ IdentityPoolId: id, IdentityPoolName: 'Photos app v2', AllowUnauthenticatedIdentities: false }),
    );
    const expected = {
      IdentityPoolId: id,
      IdentityPoolName: 'Photos app v2',
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: {},
      DeveloperProviderName: fullConfig.DeveloperProviderName,
      IdentityPoolTags: fullConfig.IdentityPoolTags,
    };
    expect(answer).toEqual(expected);
    const { $metadata: _, ...described } = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
    expect(described).toEqual(expected);
  });

  it('sets what the update gives, tags included', async () => {
    const id = await newPool({ IdentityPoolTags: { old: 'yes' } });
    const update = { ...fullConfig, IdentityPoolId: id, IdentityPoolTags: { fresh: 'tag' } };
    const { $metadata, ...answer } = await identity.send(new UpdateIdentityPoolCommand(update));
    expect(answer).toEqual(update);
    expect((await identity.send(new ListTagsForResourceCommand({ ResourceArn: arnOf(id) }))).Tags).toEqual({ fresh: 'tag' });
  });

  it('keeps the roles, role mappings and principal tag maps', async () => {
    const id = await newPool({ CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' }] });
    const RoleMappings = { [`${USER_POOL_PROVIDER}:client1`]: { Type: 'Token' as const, AmbiguousRoleResolution: 'Deny' as const } };
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE }, RoleMappings }));
    await identity.send(
      new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, PrincipalTags: { dept: 'custom:dept' } }),
    );
    await identity.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId: id,
        IdentityPoolName: 'renamed',
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' }],
      }),
    );
    const { $metadata, ...roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles).toEqual({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE }, RoleMappings });
    const map = await identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER }));
    expect(map.PrincipalTags).toEqual({ dept: 'custom:dept' });
  });

  it('requires IdentityPoolId, IdentityPoolName and AllowUnauthenticatedIdentities', async () => {
    const answer = await raw(sandbox.url, 'UpdateIdentityPool', {});
    expect(answer.json).toEqual({
      __type: 'ValidationException',
      message:
        "3 validation errors detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'identityPoolName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
    });
    const id = await newPool();
    expect((await raw(sandbox.url, 'UpdateIdentityPool', { IdentityPoolId: id, IdentityPoolName: 'x' })).json).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
    });
  });

  it('keeps the DeveloperProviderName when left out, sets one when there was none, and never changes it', async () => {
    const id = await newPool({ DeveloperProviderName: 'login.first' });
    const base = { IdentityPoolId: id, IdentityPoolName: 'pool', AllowUnauthenticatedIdentities: false };
    expect((await identity.send(new UpdateIdentityPoolCommand(base))).DeveloperProviderName).toBe('login.first');
    expect((await identity.send(new UpdateIdentityPoolCommand({ ...base, DeveloperProviderName: 'login.first' }))).DeveloperProviderName).toBe(
      'login.first',
    );
    expect(await failure(identity.send(new UpdateIdentityPoolCommand({ ...base, DeveloperProviderName: 'login.second' })))).toEqual({
      name: 'InvalidParameterException',
      message: "DeveloperProviderName cannot be changed once it is set: this identity pool's is login.first.",
      status: 400,
    });
    expect((await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).DeveloperProviderName).toBe('login.first');

    const unnamed = await newPool();
    const named = await identity.send(
      new UpdateIdentityPoolCommand({ ...base, IdentityPoolId: unnamed, DeveloperProviderName: 'login.later' }),
    );
    expect(named.DeveloperProviderName).toBe('login.later');
  });

  it('checks the configuration as CreateIdentityPool does, and changes nothing when it refuses', async () => {
    const id = await newPool({ IdentityPoolName: 'steady' });
    expect(
      (await failure(
        identity.send(
          new UpdateIdentityPoolCommand({
            IdentityPoolId: id,
            IdentityPoolName: 'changed',
            AllowUnauthenticatedIdentities: true,
            CognitoIdentityProviders: [{ ProviderName: 'nope', ClientId: 'c' }],
          }),
        ),
      )).message,
    ).toBe('Invalid Cognito Identity Provider');
    expect((await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).IdentityPoolName).toBe('steady');
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    expect(
      await failure(
        identity.send(new UpdateIdentityPoolCommand({ IdentityPoolId: MISSING, IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false })),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: `IdentityPool '${MISSING}' not found.` });
  });
});

describe('DeleteIdentityPool', () => {
  it("deletes the pool and its identities, and no other pool's", async () => {
    const doomed = await newPool();
    const kept = await newPool();
    const now = Date.now();
    const identityIn = (poolId: string, n: number) => ({
      IdentityId: `us-east-1:00000000-0000-0000-0000-00000000000${n}`,
      IdentityPoolId: poolId,
      logins: [{ provider: 'accounts.google.com', subject: `google-${n}`, linked: now }],
      created: now,
      updated: now,
    });
    sandbox.app.store.identities.create(identityIn(doomed, 1));
    sandbox.app.store.identities.create(identityIn(kept, 2));

    const { $metadata, ...answer } = await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: doomed }));
    expect(answer).toEqual({});
    expect(await failure(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: doomed })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(sandbox.app.store.identities.find(identityIn(doomed, 1).IdentityId)).toBeUndefined();
    expect(sandbox.app.store.identities.findByLogin(doomed, 'accounts.google.com', 'google-1')).toBeUndefined();
    expect(sandbox.app.store.identities.find(identityIn(kept, 2).IdentityId)?.IdentityPoolId).toBe(kept);
    expect(await failure(identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: doomed })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${doomed}' not found.`,
      status: 400,
    });
  });
});

describe('ListIdentityPools', () => {
  let lister: TestSandbox;
  let client: CognitoIdentityClient;
  const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
  const ids: string[] = [];
  /** One pool, a millisecond after the one before: pools list in creation order. */
  async function createOne(name: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return (await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false }))).IdentityPoolId!;
  }
  beforeAll(async () => {
    lister = await startSandbox();
    client = identityClient(lister.url);
    for (const name of names) ids.push(await createOne(name));
  });
  afterAll(async () => {
    client.destroy();
    await lister.close();
  });

  it('pages through the pools in creation order with NextToken', async () => {
    const pages: { IdentityPoolId?: string; IdentityPoolName?: string }[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new ListIdentityPoolsCommand({ MaxResults: 3, NextToken }));
      pages.push(page.IdentityPools!);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(names.map((name, i) => ({ IdentityPoolId: ids[i], IdentityPoolName: name })));
  });

  it('answers no NextToken when the page holds the rest', async () => {
    const page = await client.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect(page.IdentityPools).toHaveLength(names.length);
    expect(page.NextToken).toBeUndefined();
  });

  it('carries on after a page whose last pool was deleted in between', async () => {
    const extra: string[] = [];
    for (const name of ['x1', 'x2', 'x3']) extra.push(await createOne(name));
    const first = await client.send(new ListIdentityPoolsCommand({ MaxResults: names.length + 1 }));
    expect(first.IdentityPools!.at(-1)!.IdentityPoolId).toBe(extra[0]);
    await client.send(new DeleteIdentityPoolCommand({ IdentityPoolId: extra[0] }));
    const rest = await client.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken: first.NextToken }));
    expect(rest.IdentityPools!.map((pool) => pool.IdentityPoolName)).toEqual(['x2', 'x3']);
  });

  it('requires MaxResults between 1 and 60', async () => {
    expect((await raw(lister.url, 'ListIdentityPools', {})).json.message).toBe(
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
    expect((await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 0 }))))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
    expect((await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 61 })))).message).toBe(
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });

  it('refuses a NextToken that is not one of its own', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const NextToken of ['garbage', forged(['ListGroups', 'admins']), forged(['ListIdentityPools', 'no-colon']), forged(['ListIdentityPools', 'NaN:x'])]) {
      expect(await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 10, NextToken })))).toEqual({
        name: 'InvalidParameterException',
        message: 'Invalid pagination token.',
        status: 400,
      });
    }
    expect((await failure(client.send(new ListIdentityPoolsCommand({ MaxResults: 10, NextToken: 'has space' })))).name).toBe('ValidationException');
  });
});

describe('TagResource, UntagResource, ListTagsForResource', () => {
  it('adds, overwrites, lists and removes tags', async () => {
    const id = await newPool({ IdentityPoolTags: { team: 'photos' } });
    const ResourceArn = arnOf(id);
    expect((await identity.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ team: 'photos' });
    await identity.send(new TagResourceCommand({ ResourceArn, Tags: { team: 'video', stage: 'prod', empty: '' } }));
    expect((await identity.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ team: 'video', stage: 'prod', empty: '' });
    await identity.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['stage', 'never-there'] }));
    expect((await identity.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ team: 'video', empty: '' });
    expect((await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).IdentityPoolTags).toEqual({ team: 'video', empty: '' });
  });

  it('answers ResourceNotFoundException for an ARN that names no identity pool of the account', async () => {
    const id = await newPool();
    const userPoolArn = `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Sandbox01`;
    for (const ResourceArn of [
      userPoolArn,
      `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${id}`,
      `arn:aws:cognito-identity:eu-west-1:${ACCOUNT}:identitypool/${id}`,
      `${arnOf(id)}/extra`,
    ]) {
      expect(await failure(identity.send(new TagResourceCommand({ ResourceArn, Tags: { a: 'b' } })))).toEqual({
        name: 'ResourceNotFoundException',
        message: `Resource '${ResourceArn}' not found.`,
        status: 400,
      });
    }
    expect(await failure(identity.send(new ListTagsForResourceCommand({ ResourceArn: arnOf(MISSING) })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${MISSING}' not found.`,
      status: 400,
    });
    expect((await failure(identity.send(new UntagResourceCommand({ ResourceArn: userPoolArn, TagKeys: ['a'] })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('refuses more than 50 tags in all, and keeps the tags it had', async () => {
    const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v']));
    const id = await newPool({ IdentityPoolTags: forty });
    const more = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`m${i}`, 'v']));
    expect(await failure(identity.send(new TagResourceCommand({ ResourceArn: arnOf(id), Tags: more })))).toEqual({
      name: 'InvalidParameterException',
      message: 'An identity pool can have at most 50 tags.',
      status: 400,
    });
    expect(Object.keys((await identity.send(new ListTagsForResourceCommand({ ResourceArn: arnOf(id) }))).Tags!)).toHaveLength(40);
    await identity.send(new TagResourceCommand({ ResourceArn: arnOf(id), Tags: { k0: 'overwritten', ...Object.fromEntries(Object.entries(more).slice(0, 10)) } }));
    expect(Object.keys((await identity.send(new ListTagsForResourceCommand({ ResourceArn: arnOf(id) }))).Tags!)).toHaveLength(50);
  });

  it('validates as the model says', async () => {
    expect((await raw(sandbox.url, 'TagResource', { ResourceArn: 'arn:short' })).json).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value 'arn:short' at 'resourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value null at 'tags' failed to satisfy constraint: Member must not be null",
    });
    const id = await newPool();
    expect((await raw(sandbox.url, 'TagResource', { ResourceArn: arnOf(id), Tags: { ['k'.repeat(129)]: 'v' } })).json.message).toContain(
      "at 'tags.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    expect((await raw(sandbox.url, 'TagResource', { ResourceArn: arnOf(id), Tags: { k: 'v'.repeat(257) } })).json.message).toContain(
      "at 'tags.k' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
    expect((await raw(sandbox.url, 'UntagResource', { ResourceArn: arnOf(id) })).json.message).toBe(
      "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('GetIdentityPoolRoles and SetIdentityPoolRoles', () => {
  const clientKey = `${USER_POOL_PROVIDER}:client1`;
  let id: string;
  beforeAll(async () => {
    id = await newPool({
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' }],
      SupportedLoginProviders: { 'accounts.google.com': 'photos.apps.googleusercontent.com' },
      OpenIdConnectProviderARNs: [OIDC_ARN],
    });
  });

  it('answers a new pool with no roles', async () => {
    const { $metadata, ...answer } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(answer).toEqual({ IdentityPoolId: id, Roles: {} });
  });

  it('sets roles and role mappings, and answers them back', async () => {
    const RoleMappings = {
      [clientKey]: { Type: 'Token' as const, AmbiguousRoleResolution: 'AuthenticatedRole' as const },
      'accounts.google.com': {
        Type: 'Rules' as const,
        AmbiguousRoleResolution: 'Deny' as const,
        RulesConfiguration: { Rules: [{ Claim: 'hd', MatchType: 'Equals' as const, Value: 'example.com', RoleARN: ADMIN_ROLE }] },
      },
    };
    const { $metadata, ...answer } = await identity.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE }, RoleMappings }),
    );
    expect(answer).toEqual({});
    const { $metadata: _, ...roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(roles).toEqual({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE }, RoleMappings });
  });

  it('keeps the role mappings when RoleMappings is left out, and clears them when it is empty', async () => {
    const RoleMappings = { [clientKey]: { Type: 'Token' as const, AmbiguousRoleResolution: 'Deny' as const } };
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE }, RoleMappings }));
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { unauthenticated: UNAUTH_ROLE } }));
    expect((await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).RoleMappings).toEqual(RoleMappings);
    expect((await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).Roles).toEqual({ unauthenticated: UNAUTH_ROLE });
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {}, RoleMappings: {} }));
    const { $metadata, ...answer } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(answer).toEqual({ IdentityPoolId: id, Roles: {} });
  });

  it('stores only the members of the model (members the protocol ignores are not echoed)', async () => {
    const answer = await raw(sandbox.url, 'SetIdentityPoolRoles', {
      IdentityPoolId: id,
      Roles: { authenticated: AUTH_ROLE },
      RoleMappings: { [clientKey]: { Type: 'Token', AmbiguousRoleResolution: 'Deny', Extra: 'x'.repeat(1000) } },
      Unknown: true,
    });
    expect(answer.status).toBe(200);
    const roles = await raw(sandbox.url, 'GetIdentityPoolRoles', { IdentityPoolId: id });
    expect(roles.json.RoleMappings).toEqual({ [clientKey]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } });
  });

  it("refuses a role mapping for a provider the pool does not have, and changes nothing", async () => {
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE }, RoleMappings: {} }));
    expect(
      await failure(
        identity.send(
          new SetIdentityPoolRolesCommand({
            IdentityPoolId: id,
            Roles: { authenticated: ADMIN_ROLE },
            RoleMappings: { 'graph.facebook.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: '(graph.facebook.com) is not a valid RoleMapping ProviderName or is not a configured provider.',
      status: 400,
    });
    expect((await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).Roles).toEqual({ authenticated: AUTH_ROLE });
  });

  it('refuses roles and mappings outside the model', async () => {
    expect((await failure(identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { admin: ADMIN_ROLE } })))).message).toBe(
      "1 validation error detected: Value 'admin' at 'roles.key' failed to satisfy constraint: Member must satisfy regular expression pattern: (un)?authenticated",
    );
    expect((await raw(sandbox.url, 'SetIdentityPoolRoles', { IdentityPoolId: id })).json.message).toBe(
      "1 validation error detected: Value null at 'roles' failed to satisfy constraint: Member must not be null",
    );
    const rules = Array.from({ length: 26 }, (_, i) => ({ Claim: 'hd', MatchType: 'Equals' as const, Value: `v${i}`, RoleARN: ADMIN_ROLE }));
    const tooMany = await failure(
      identity.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: id,
          Roles: {},
          RoleMappings: { 'accounts.google.com': { Type: 'Rules', AmbiguousRoleResolution: 'Deny', RulesConfiguration: { Rules: rules } } },
        }),
      ),
    );
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toContain("at 'roleMappings.accounts.google.com.rulesConfiguration.rules' failed to satisfy constraint: Member must have length less than or equal to 25");
    const badType = await raw(sandbox.url, 'SetIdentityPoolRoles', {
      IdentityPoolId: id,
      Roles: {},
      RoleMappings: { 'accounts.google.com': { Type: 'Claims' } },
    });
    expect(badType.json.__type).toBe('ValidationException');
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    for (const command of [
      new GetIdentityPoolRolesCommand({ IdentityPoolId: MISSING }),
      new SetIdentityPoolRolesCommand({ IdentityPoolId: MISSING, Roles: { authenticated: AUTH_ROLE } }),
    ]) {
      expect(await failure(identity.send(command as never))).toEqual({
        name: 'ResourceNotFoundException',
        message: `IdentityPool '${MISSING}' not found.`,
        status: 400,
      });
    }
  });
});

describe('GetPrincipalTagAttributeMap and SetPrincipalTagAttributeMap', () => {
  let id: string;
  beforeAll(async () => {
    id = await newPool({
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' }],
      SupportedLoginProviders: { 'www.amazon.com': 'amzn1.application.1' },
      OpenIdConnectProviderARNs: [OIDC_ARN],
      SamlProviderARNs: [SAML_ARN],
      DeveloperProviderName: 'login.photos.example',
    });
  });

  it('answers a provider with no map as attributes for access control off', async () => {
    const { $metadata, ...answer } = await identity.send(
      new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER }),
    );
    expect(answer).toEqual({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, UseDefaults: false, PrincipalTags: {} });
  });

  it('stores a custom map and answers what it stored', async () => {
    const PrincipalTags = { department: 'custom:department', username: 'sub' };
    const { $metadata, ...answer } = await identity.send(
      new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, UseDefaults: false, PrincipalTags }),
    );
    const expected = { IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, UseDefaults: false, PrincipalTags };
    expect(answer).toEqual(expected);
    const { $metadata: _, ...read } = await identity.send(
      new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER }),
    );
    expect(read).toEqual(expected);
  });

  it('switches to the defaults, replacing the custom map', async () => {
    const set = await identity.send(
      new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, UseDefaults: true }),
    );
    expect(set.UseDefaults).toBe(true);
    expect(set.PrincipalTags).toEqual({});
    const read = await identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER }));
    expect({ UseDefaults: read.UseDefaults, PrincipalTags: read.PrincipalTags }).toEqual({ UseDefaults: true, PrincipalTags: {} });
  });

  it('keeps one map per provider: public, OIDC (by ARN or by its issuer), SAML, a user pool app client', async () => {
    const providers = ['www.amazon.com', OIDC_ARN, 'login.example.com/oidc', SAML_ARN, `${USER_POOL_PROVIDER}:client1`];
    for (const [i, IdentityProviderName] of providers.entries()) {
      await identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName, PrincipalTags: { tag: `claim${i}` } }));
    }
    for (const [i, IdentityProviderName] of providers.entries()) {
      const read = await identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName }));
      expect(read).toMatchObject({ IdentityProviderName, UseDefaults: false, PrincipalTags: { tag: `claim${i}` } });
    }
  });

  it('refuses a provider the pool does not have (the developer provider included)', async () => {
    for (const IdentityProviderName of ['accounts.google.com', 'login.photos.example', `${USER_POOL_PROVIDER}:client2`]) {
      const message = `${IdentityProviderName} is not a configured provider of identity pool ${id}.`;
      expect(await failure(identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName, UseDefaults: true })))).toEqual({
        name: 'InvalidParameterException',
        message,
        status: 400,
      });
      expect(await failure(identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName })))).toMatchObject({
        name: 'InvalidParameterException',
        message,
      });
    }
  });

  it('validates as the model says', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'sub']));
    expect(
      (await failure(identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, PrincipalTags: tooMany })))).message,
    ).toBe("1 validation error detected: Value '{...}' at 'principalTags' failed to satisfy constraint: Member must have length less than or equal to 50");
    expect(
      (await failure(identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: USER_POOL_PROVIDER, PrincipalTags: { tag: '' } })))).message,
    ).toBe("1 validation error detected: Value '' at 'principalTags.tag' failed to satisfy constraint: Member must have length greater than or equal to 1");
    expect((await raw(sandbox.url, 'GetPrincipalTagAttributeMap', { IdentityPoolId: id, IdentityProviderName: 'p'.repeat(129) })).json.message).toContain(
      "at 'identityProviderName' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    expect((await raw(sandbox.url, 'SetPrincipalTagAttributeMap', { IdentityPoolId: id })).json.message).toBe(
      "1 validation error detected: Value null at 'identityProviderName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    expect(
      await failure(identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: MISSING, IdentityProviderName: USER_POOL_PROVIDER }))),
    ).toEqual({ name: 'ResourceNotFoundException', message: `IdentityPool '${MISSING}' not found.`, status: 400 });
    expect(
      (await failure(identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: MISSING, IdentityProviderName: USER_POOL_PROVIDER })))).name,
    ).toBe('ResourceNotFoundException');
  });
});

describe('hostile input', () => {
  const OPERATIONS = [
    'CreateIdentityPool',
    'DescribeIdentityPool',
    'UpdateIdentityPool',
    'DeleteIdentityPool',
    'ListIdentityPools',
    'TagResource',
    'UntagResource',
    'ListTagsForResource',
    'GetIdentityPoolRoles',
    'SetIdentityPoolRoles',
    'GetPrincipalTagAttributeMap',
    'SetPrincipalTagAttributeMap',
  ];

  it('answers members of the wrong type with SerializationException, never a 500', async () => {
    const id = await newPool();
    const bodies = [
      { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: 'yes' },
      { IdentityPoolName: 7, AllowUnauthenticatedIdentities: false },
      { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: {} },
      { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [null] },
      { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false, SupportedLoginProviders: ['accounts.google.com'] },
      { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false, IdentityPoolTags: { a: 1 } },
      { IdentityPoolId: id, Roles: 'all' },
      { IdentityPoolId: id, Roles: {}, RoleMappings: { 'accounts.google.com': { Type: 'Rules', RulesConfiguration: { Rules: {} } } } },
      { MaxResults: '10' },
      { MaxResults: 1.5 },
      { IdentityPoolId: [id] },
      { ResourceArn: arnOf(id), TagKeys: 'team' },
    ];
    for (const operation of OPERATIONS) {
      for (const body of bodies) {
        const answer = await raw(sandbox.url, operation, body);
        const call = `${operation} ${JSON.stringify(body)}`;
        expect(answer.status, call).toBeLessThan(500);
        if (answer.status !== 200) expect(typeof answer.json.__type, call).toBe('string');
      }
    }
    expect((await raw(sandbox.url, 'CreateIdentityPool', bodies[0]!)).json).toEqual({
      __type: 'SerializationException',
      message: "Unexpected token VALUE_STRING at 'allowUnauthenticatedIdentities': expected a boolean",
    });
  });

  it('answers huge maps and lists with ValidationException, and nothing is created', async () => {
    const before = sandbox.app.store.identityPools.count();
    const huge = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 'v']));
    for (const member of ['SupportedLoginProviders', 'IdentityPoolTags']) {
      const answer = await raw(sandbox.url, 'CreateIdentityPool', { IdentityPoolName: 'huge', AllowUnauthenticatedIdentities: false, [member]: huge });
      expect(answer.status).toBe(400);
      expect(answer.json.__type).toBe('ValidationException');
      expect(answer.json.message.length).toBeLessThan(10_000);
    }
    const providers = Array.from({ length: 5_000 }, () => ({ ProviderName: USER_POOL_PROVIDER, ClientId: 'c' }));
    const many = await raw(sandbox.url, 'CreateIdentityPool', { IdentityPoolName: 'many', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: providers });
    expect(many.json.__type).toBe('LimitExceededException');
    expect(sandbox.app.store.identityPools.count()).toBe(before);
  });

  it('answers a body that is not JSON, or too large, AWS-shaped', async () => {
    expect((await raw(sandbox.url, 'CreateIdentityPool', '{"IdentityPoolName":')).json.__type).toBe('SerializationException');
    const tooLarge = await raw(sandbox.url, 'CreateIdentityPool', JSON.stringify({ IdentityPoolName: 'x'.repeat(1_100_000) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.__type).toBe('RequestEntityTooLargeException');
  });
});

describe('restart', () => {
  it('keeps a pool, its roles, tags and principal tag maps on the same data dir', async () => {
    const dataDir = tempDir('identity-pools-');
    const first = await startSandbox({ dataDir });
    const firstClient = identityClient(first.url);
    const { $metadata, ...created } = await firstClient.send(new CreateIdentityPoolCommand(fullConfig));
    const id = created.IdentityPoolId!;
    const RoleMappings = { [`${USER_POOL_PROVIDER}:webclient0000000000000000a`]: { Type: 'Token' as const, AmbiguousRoleResolution: 'Deny' as const } };
    await firstClient.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH_ROLE }, RoleMappings }));
    await firstClient.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: SAML_ARN, PrincipalTags: { dept: 'department' } }));
    await firstClient.send(new TagResourceCommand({ ResourceArn: arnOf(id), Tags: { added: 'later' } }));
    const deleted = (await firstClient.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'gone', AllowUnauthenticatedIdentities: false }))).IdentityPoolId!;
    await firstClient.send(new DeleteIdentityPoolCommand({ IdentityPoolId: deleted }));
    firstClient.destroy();
    await first.close();

    const second = await startSandbox({ dataDir });
    const secondClient = identityClient(second.url);
    try {
      const { $metadata: _, ...described } = await secondClient.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
      expect(described).toEqual({ ...created, IdentityPoolTags: { ...fullConfig.IdentityPoolTags, added: 'later' } });
      const roles = await secondClient.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
      expect({ Roles: roles.Roles, RoleMappings: roles.RoleMappings }).toEqual({ Roles: { authenticated: AUTH_ROLE }, RoleMappings });
      const map = await secondClient.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: SAML_ARN }));
      expect(map.PrincipalTags).toEqual({ dept: 'department' });
      const listed = await secondClient.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
      expect(listed.IdentityPools).toEqual([{ IdentityPoolId: id, IdentityPoolName: fullConfig.IdentityPoolName }]);
    } finally {
      secondClient.destroy();
      await second.close();
    }
  });
});
