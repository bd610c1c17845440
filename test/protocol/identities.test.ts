/**
 * An identity pool's identities over HTTP with @aws-sdk/client-cognito-identity: DescribeIdentity,
 * ListIdentities (paging, HideDisabled), DeleteIdentities, the developer-provider operations
 * (LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity) and UnlinkIdentity
 * with real logins (a user pool user's ID token, the mock Google's ID token); their errors and
 * hostile input. The identities are made as GetId makes them (checkLogins, then resolveIdentity /
 * resolveDeveloperIdentity), in the sandbox's own process.
 */
import {
  type CognitoIdentityClient,
  CreateIdentityPoolCommand,
  type CreateIdentityPoolCommandInput,
  DeleteIdentitiesCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityCommand,
  ListIdentitiesCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  UnlinkDeveloperIdentityCommand,
  UnlinkIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireIdentityPool } from '../../src-main/cognito/identity/identity-pools.js';
import { resolveDeveloperIdentity, resolveIdentity } from '../../src-main/cognito/identity/identities.js';
import { checkLogins } from '../../src-main/cognito/identity/logins.js';
import { identityClient, signedInIdToken, userPoolWorld, type UserPoolWorld } from '../support/identity.js';
import { googleIdToken, registerMockApp } from '../support/mock-idp-tokens.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';

const DEVELOPER = 'login.example.app';
const GOOGLE_CLIENT = 'identities-test.apps.googleusercontent.com';
const MISSING_IDENTITY = 'us-east-1:00000000-0000-4000-8000-000000000000';
const MISSING_POOL = 'us-east-1:00000000-0000-4000-8000-000000000001';

let sandbox: TestSandbox;
let identity: CognitoIdentityClient;
let world: UserPoolWorld;

function raw(operation: string, body: string | object) {
  return rawCall(sandbox.url, `AWSCognitoIdentityService.${operation}`, body);
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

async function newPool(settings: Partial<CreateIdentityPoolCommandInput> = {}): Promise<string> {
  const pool = await identity.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: 'identities',
      AllowUnauthenticatedIdentities: true,
      DeveloperProviderName: DEVELOPER,
      SupportedLoginProviders: { 'accounts.google.com': GOOGLE_CLIENT },
      CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId }],
      ...settings,
    }),
  );
  return pool.IdentityPoolId!;
}

/** GetId's work, in process: the logins checked, then the identity they name (or a guest). */
async function getId(identityPoolId: string, logins: Record<string, string> = {}, identityId?: string): Promise<string> {
  const { services } = sandbox.app;
  const pool = requireIdentityPool(services.store, identityPoolId);
  const verified = await checkLogins(services, pool, logins, { origin: sandbox.url, region: 'us-east-1' });
  return resolveIdentity(services, pool, verified, { region: 'us-east-1', ...(identityId && { identityId }) }).identity.IdentityId;
}

function developerIdentity(identityPoolId: string, userIdentifier: string): string {
  const pool = requireIdentityPool(sandbox.app.store, identityPoolId);
  return resolveDeveloperIdentity(sandbox.app.services, pool, userIdentifier, { region: 'us-east-1' }).identity.IdentityId;
}

beforeAll(async () => {
  // A clock a millisecond on at every reading: identities made one after the other have distinct creation times.
  let time = Date.now();
  sandbox = await startSandbox({}, { clock: { now: () => (time += 1) } });
  identity = identityClient(sandbox.url);
  world = await userPoolWorld(sandbox.cognito, 'identities-users');
  await registerMockApp(sandbox, 'Google', GOOGLE_CLIENT);
});
afterAll(async () => {
  identity.destroy();
  await sandbox.close();
});

describe('DescribeIdentity', () => {
  it('describes an authenticated identity (its login keys, its dates) and a guest (no Logins)', async () => {
    const poolId = await newPool();
    const before = sandbox.app.services.clock.now();
    const idToken = await signedInIdToken(sandbox.cognito, world, 'describe-user');
    const identityId = await getId(poolId, { [world.providerName]: idToken });
    const described = await identity.send(new DescribeIdentityCommand({ IdentityId: identityId }));
    expect(described).toMatchObject({ IdentityId: identityId, Logins: [world.providerName] });
    expect(described.CreationDate!.getTime()).toBeGreaterThan(before);
    expect(described.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(described.CreationDate!.getTime());

    const guest = await getId(poolId);
    const guestDescribed = await identity.send(new DescribeIdentityCommand({ IdentityId: guest }));
    expect(guestDescribed.IdentityId).toBe(guest);
    expect(guestDescribed.Logins).toBeUndefined();
    expect(guest).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  });

  it("answers ResourceNotFoundException for an identity there is not, ValidationException for an id outside the model", async () => {
    expect(await failure(identity.send(new DescribeIdentityCommand({ IdentityId: MISSING_IDENTITY })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Identity '${MISSING_IDENTITY}' not found.`,
      status: 400,
    });
    for (const IdentityId of ['no-colon', '', 'us-east-1:XYZ', `us-east-1:${'a'.repeat(60)}`]) {
      expect((await failure(identity.send(new DescribeIdentityCommand({ IdentityId })))).name).toBe('ValidationException');
    }
    const wrongType = await raw('DescribeIdentity', { IdentityId: 5 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.__type).toBe('SerializationException');
    expect((await raw('DescribeIdentity', '{"IdentityId":')).status).toBe(400);
  });
});

describe('ListIdentities', () => {
  it('pages through a pool in creation order, MaxResults at a time; HideDisabled leaves out the identities merged away', async () => {
    const poolId = await newPool();
    const ids: string[] = [];
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5']) ids.push(developerIdentity(poolId, user));
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 2, ...(NextToken && { NextToken }) }));
      expect(page.IdentityPoolId).toBe(poolId);
      expect(page.Identities!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Identities!.map((described) => described.IdentityId!));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    const first = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 60 }));
    expect(first.NextToken).toBeUndefined();
    expect(first.Identities![0]).toMatchObject({ IdentityId: ids[0], Logins: [DEVELOPER] });

    await identity.send(new MergeDeveloperIdentitiesCommand({ IdentityPoolId: poolId, DeveloperProviderName: DEVELOPER, SourceUserIdentifier: 'u2', DestinationUserIdentifier: 'u1' }));
    const all = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 60 }));
    expect(all.Identities!.map((described) => described.IdentityId)).toEqual(ids);
    expect(all.Identities![1]!.Logins).toBeUndefined();
    const shown = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 60, HideDisabled: true }));
    expect(shown.Identities!.map((described) => described.IdentityId)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
  });

  it('refuses an unknown pool, a token of another pool or of nobody, and MaxResults outside 1-60', async () => {
    const poolId = await newPool();
    const otherId = await newPool();
    for (const user of ['a', 'b']) developerIdentity(poolId, user);
    const page = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 1 }));
    expect(page.NextToken).toBeDefined();
    expect(await failure(identity.send(new ListIdentitiesCommand({ IdentityPoolId: otherId, MaxResults: 1, NextToken: page.NextToken })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid pagination token.',
    });
    expect((await failure(identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 1, NextToken: 'bm90LW91cnM' })))).name).toBe('InvalidParameterException');
    expect(await failure(identity.send(new ListIdentitiesCommand({ IdentityPoolId: MISSING_POOL, MaxResults: 1 })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${MISSING_POOL}' not found.`,
    });
    for (const MaxResults of [0, 61]) expect((await failure(identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults })))).name).toBe('ValidationException');
    expect((await raw('ListIdentities', { IdentityPoolId: poolId })).json.__type).toBe('ValidationException');
    expect((await raw('ListIdentities', { IdentityPoolId: poolId, MaxResults: 5, HideDisabled: 'yes' })).json.__type).toBe('SerializationException');
  });
});

describe('DeleteIdentities', () => {
  it('deletes identities (an id there is not passed over): their logins make new identities the next time', async () => {
    const poolId = await newPool();
    const idToken = await signedInIdToken(sandbox.cognito, world, 'delete-user');
    const identityId = await getId(poolId, { [world.providerName]: idToken });
    const guest = await getId(poolId);
    const answer = await identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [identityId, guest, MISSING_IDENTITY, guest] }));
    expect(answer.UnprocessedIdentityIds).toEqual([]);
    expect((await failure(identity.send(new DescribeIdentityCommand({ IdentityId: identityId })))).name).toBe('ResourceNotFoundException');
    expect((await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 10 }))).Identities).toEqual([]);
    const again = await getId(poolId, { [world.providerName]: idToken });
    expect(again).not.toBe(identityId);
  });

  it('takes 1 to 60 ids of the model', async () => {
    expect((await failure(identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [] })))).name).toBe('ValidationException');
    const many = Array.from({ length: 61 }, (_, i) => `us-east-1:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await failure(identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: many })))).name).toBe('ValidationException');
    expect((await failure(identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: ['bad id'] })))).name).toBe('ValidationException');
    expect((await raw('DeleteIdentities', { IdentityIdsToDelete: 'us-east-1:00000000-0000-4000-8000-000000000000' })).json.__type).toBe('SerializationException');
  });
});

describe('DeleteIdentityPool', () => {
  it("takes the pool's identities with it", async () => {
    const poolId = await newPool();
    const identityId = developerIdentity(poolId, 'gone');
    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: poolId }));
    expect((await failure(identity.send(new DescribeIdentityCommand({ IdentityId: identityId })))).name).toBe('ResourceNotFoundException');
  });
});

describe('the developer provider', () => {
  it('LookupDeveloperIdentity finds the identity of a user identifier, and the identifiers of an identity, paged', async () => {
    const poolId = await newPool();
    const a = developerIdentity(poolId, 'alice');
    developerIdentity(poolId, 'alice-2');
    await identity.send(new MergeDeveloperIdentitiesCommand({ IdentityPoolId: poolId, DeveloperProviderName: DEVELOPER, SourceUserIdentifier: 'alice-2', DestinationUserIdentifier: 'alice' }));
    expect(await identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'alice-2' }))).toMatchObject({
      IdentityId: a,
      DeveloperUserIdentifierList: ['alice', 'alice-2'],
    });
    const first = await identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: a, MaxResults: 1 }));
    expect(first).toMatchObject({ IdentityId: a, DeveloperUserIdentifierList: ['alice'] });
    const second = await identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: a, MaxResults: 1, NextToken: first.NextToken! }));
    expect(second.DeveloperUserIdentifierList).toEqual(['alice-2']);
    expect(second.NextToken).toBeUndefined();
    expect((await identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: a, DeveloperUserIdentifier: 'alice' }))).IdentityId).toBe(a);
  });

  it('LookupDeveloperIdentity refuses a mismatch, neither value, an unknown user, a pool without a developer provider', async () => {
    const poolId = await newPool();
    const a = developerIdentity(poolId, 'ann');
    developerIdentity(poolId, 'ben');
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: a, DeveloperUserIdentifier: 'ben' })))).name).toBe(
      'ResourceConflictException',
    );
    expect(await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Either IdentityId or DeveloperUserIdentifier must be given.',
    });
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'nobody' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: MISSING_IDENTITY })))).name).toBe('ResourceNotFoundException');
    const plain = await newPool({ DeveloperProviderName: undefined });
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: plain, DeveloperUserIdentifier: 'ann' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: MISSING_POOL, DeveloperUserIdentifier: 'ann' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'x'.repeat(1025) })))).name).toBe('ValidationException');
  });

  it('MergeDeveloperIdentities answers the destination identity; refuses another provider name and an unknown destination', async () => {
    const poolId = await newPool();
    const a = developerIdentity(poolId, 'carl');
    const b = developerIdentity(poolId, 'dora');
    const merged = await identity.send(
      new MergeDeveloperIdentitiesCommand({ IdentityPoolId: poolId, DeveloperProviderName: DEVELOPER, SourceUserIdentifier: 'dora', DestinationUserIdentifier: 'carl' }),
    );
    expect(merged.IdentityId).toBe(a);
    expect((await identity.send(new DescribeIdentityCommand({ IdentityId: b }))).Logins).toBeUndefined();
    const input = { IdentityPoolId: poolId, DeveloperProviderName: DEVELOPER, SourceUserIdentifier: 'dora', DestinationUserIdentifier: 'carl' };
    expect((await failure(identity.send(new MergeDeveloperIdentitiesCommand({ ...input, DeveloperProviderName: 'login.other.app' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(identity.send(new MergeDeveloperIdentitiesCommand({ ...input, DestinationUserIdentifier: 'nobody' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(identity.send(new MergeDeveloperIdentitiesCommand({ ...input, DeveloperProviderName: 'bad name!' })))).name).toBe('ValidationException');
    expect((await raw('MergeDeveloperIdentities', { IdentityPoolId: poolId, DeveloperProviderName: DEVELOPER })).json.__type).toBe('ValidationException');
  });

  it('UnlinkDeveloperIdentity unlinks the user (the identity then stops answering); refuses another identity\'s user', async () => {
    const poolId = await newPool();
    const a = developerIdentity(poolId, 'eve');
    const b = developerIdentity(poolId, 'fay');
    const input = { IdentityPoolId: poolId, DeveloperProviderName: DEVELOPER, IdentityId: a, DeveloperUserIdentifier: 'fay' };
    expect((await failure(identity.send(new UnlinkDeveloperIdentityCommand(input)))).name).toBe('ResourceConflictException');
    expect((await failure(identity.send(new UnlinkDeveloperIdentityCommand({ ...input, DeveloperUserIdentifier: 'nobody' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(identity.send(new UnlinkDeveloperIdentityCommand({ ...input, DeveloperProviderName: 'login.other.app' })))).name).toBe('ResourceNotFoundException');
    await identity.send(new UnlinkDeveloperIdentityCommand({ ...input, DeveloperUserIdentifier: 'eve' }));
    expect((await failure(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'eve' })))).name).toBe('ResourceNotFoundException');
    const shown = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 10, HideDisabled: true }));
    expect(shown.Identities!.map((described) => described.IdentityId)).toEqual([b]);
    expect(developerIdentity(poolId, 'eve')).not.toBe(a);
  });
});

describe('UnlinkIdentity', () => {
  it("unlinks a provider's login once a login of the identity proves its user", async () => {
    const poolId = await newPool();
    const idToken = await signedInIdToken(sandbox.cognito, world, 'unlink-user');
    const google = await googleIdToken(sandbox, GOOGLE_CLIENT);
    const identityId = await getId(poolId, { [world.providerName]: idToken, 'accounts.google.com': google });
    expect((await identity.send(new DescribeIdentityCommand({ IdentityId: identityId }))).Logins!.sort()).toEqual(['accounts.google.com', world.providerName].sort());

    await identity.send(new UnlinkIdentityCommand({ IdentityId: identityId, Logins: { [world.providerName]: idToken }, LoginsToRemove: ['accounts.google.com', 'www.amazon.com'] }));
    expect((await identity.send(new DescribeIdentityCommand({ IdentityId: identityId }))).Logins).toEqual([world.providerName]);
    expect(await getId(poolId, { 'accounts.google.com': google })).not.toBe(identityId);
  });

  it("refuses logins that are not the identity's, a bad token, an unknown identity", async () => {
    const poolId = await newPool();
    const mine = await signedInIdToken(sandbox.cognito, world, 'unlink-owner');
    const theirs = await signedInIdToken(sandbox.cognito, world, 'unlink-other');
    const identityId = await getId(poolId, { [world.providerName]: mine });
    expect(await failure(identity.send(new UnlinkIdentityCommand({ IdentityId: identityId, Logins: { [world.providerName]: theirs }, LoginsToRemove: [world.providerName] })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
    expect(await failure(identity.send(new UnlinkIdentityCommand({ IdentityId: identityId, Logins: { [world.providerName]: `${mine}x` }, LoginsToRemove: [world.providerName] })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
    expect((await failure(identity.send(new UnlinkIdentityCommand({ IdentityId: identityId, Logins: {}, LoginsToRemove: [] })))).name).toBe('NotAuthorizedException');
    expect((await failure(identity.send(new UnlinkIdentityCommand({ IdentityId: MISSING_IDENTITY, Logins: { [world.providerName]: mine }, LoginsToRemove: [] })))).name).toBe(
      'ResourceNotFoundException',
    );
    expect((await identity.send(new DescribeIdentityCommand({ IdentityId: identityId }))).Logins).toEqual([world.providerName]);
    expect(decodeJwt(mine).sub).not.toBe(decodeJwt(theirs).sub);
  });

  it('answers hostile input as the service does: too many logins, a huge token, a missing member (ValidationException), wrong types (SerializationException)', async () => {
    const poolId = await newPool();
    const identityId = developerIdentity(poolId, 'hostile');
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`provider${i}.example.com`, 'token']));
    expect((await failure(identity.send(new UnlinkIdentityCommand({ IdentityId: identityId, Logins: eleven, LoginsToRemove: [] })))).name).toBe('ValidationException');
    const huge = await raw('UnlinkIdentity', { IdentityId: identityId, Logins: { 'accounts.google.com': 'x'.repeat(50_001) }, LoginsToRemove: [] });
    expect(huge.json.__type).toBe('ValidationException');
    expect(JSON.stringify(huge.json)).not.toContain('x'.repeat(100));
    for (const body of [{ IdentityId: identityId, Logins: [], LoginsToRemove: [] }, { IdentityId: identityId, Logins: { a: 1 }, LoginsToRemove: [] }]) {
      const answer = await raw('UnlinkIdentity', body);
      expect(answer.status).toBe(400);
      expect(answer.json.__type).toBe('SerializationException');
    }
    const missing = await raw('UnlinkIdentity', { IdentityId: identityId, Logins: {} });
    expect(missing.json.__type).toBe('ValidationException');
    expect(missing.json.message).toContain('loginsToRemove');
  });
});
