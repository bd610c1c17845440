import {
  CreateUserPoolReplicaCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolReplicaCommand,
  GetProvisionedLimitCommand,
  ListUserPoolReplicasCommand,
  UpdateProvisionedLimitCommand,
  UpdateUserPoolReplicaCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool } from '../support/world.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const MISSING_POOL = 'us-east-1_Missing00';
const arn = (region: string, poolId: string) => `arn:aws:cognito-idp:${region}:000000000000:userpool/${poolId}`;

describe('user pool replicas', () => {
  it('creates, lists, activates, deactivates and deletes a replica as Cognito describes it', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'replicated' });
    expect(poolId.startsWith('us-east-1_')).toBe(true);

    const created = await sandbox.cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1', UserPoolTags: { team: 'a' } }));
    expect(created.UserPoolReplica).toEqual({ RegionName: 'eu-west-1', Status: 'CREATING', Role: 'SECONDARY', UserPoolArn: arn('eu-west-1', poolId) });
    await sandbox.cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'ap-southeast-2' }));

    const listed = await sandbox.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }));
    expect(listed.UserPoolReplicas).toEqual([
      { RegionName: 'us-east-1', Status: 'ACTIVE', Role: 'PRIMARY', UserPoolArn: arn('us-east-1', poolId) },
      { RegionName: 'ap-southeast-2', Status: 'INACTIVE', Role: 'SECONDARY', UserPoolArn: arn('ap-southeast-2', poolId) },
      { RegionName: 'eu-west-1', Status: 'INACTIVE', Role: 'SECONDARY', UserPoolArn: arn('eu-west-1', poolId) },
    ]);
    expect(listed.NextToken).toBeUndefined();

    const activated = await sandbox.cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1', Status: 'ACTIVE' }));
    expect(activated.UserPoolReplica).toMatchObject({ RegionName: 'eu-west-1', Status: 'ACTIVE', Role: 'SECONDARY' });
    await expect(sandbox.cognito.send(new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The replica in region eu-west-1 must be INACTIVE to be deleted.',
    });
    await sandbox.cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1', Status: 'INACTIVE' }));
    const deleted = await sandbox.cognito.send(new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' }));
    expect(deleted.UserPoolReplica).toEqual({ RegionName: 'eu-west-1', Status: 'DELETING', Role: 'SECONDARY', UserPoolArn: arn('eu-west-1', poolId) });

    const after = await sandbox.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }));
    expect(after.UserPoolReplicas!.map((replica) => replica.RegionName)).toEqual(['us-east-1', 'ap-southeast-2']);
  });

  it('refuses the primary region, a duplicate, an unknown replica and an unknown pool', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'refusals' });
    await expect(sandbox.cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-east-1' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `The replica region must differ from the primary region us-east-1 of user pool ${poolId}.`,
    });
    await sandbox.cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-central-1' }));
    await expect(sandbox.cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-central-1' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `User pool ${poolId} already has a replica in region eu-central-1.`,
    });
    for (const command of [
      new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'sa-east-1', Status: 'ACTIVE' }),
      new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'sa-east-1' }),
    ]) {
      await expect(sandbox.cognito.send(command as never)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `User pool ${poolId} has no replica in region sa-east-1.`,
      });
    }
    await expect(sandbox.cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'us-east-1', Status: 'INACTIVE' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `Region us-east-1 is the primary region of user pool ${poolId}.`,
    });
    for (const command of [
      new CreateUserPoolReplicaCommand({ UserPoolId: MISSING_POOL, RegionName: 'eu-west-1' }),
      new ListUserPoolReplicasCommand({ UserPoolId: MISSING_POOL }),
      new UpdateUserPoolReplicaCommand({ UserPoolId: MISSING_POOL, RegionName: 'eu-west-1', Status: 'ACTIVE' }),
      new DeleteUserPoolReplicaCommand({ UserPoolId: MISSING_POOL, RegionName: 'eu-west-1' }),
    ]) {
      await expect(sandbox.cognito.send(command as never)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `User pool ${MISSING_POOL} does not exist.`,
      });
    }
  });

  it('pages a long list of replicas, refuses a foreign token, and forgets them with their pool', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'many-replicas' });
    const regions = Array.from({ length: 70 }, (_, i) => `xx-region-${i}`);
    for (const region of regions) await sandbox.cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: region }));
    const first = await sandbox.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }));
    expect(first.UserPoolReplicas).toHaveLength(60);
    expect(first.NextToken).toBeDefined();
    const second = await sandbox.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId, NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    const seen = [...first.UserPoolReplicas!, ...second.UserPoolReplicas!].map((replica) => replica.RegionName);
    expect(seen.slice(1).sort()).toEqual([...regions].sort());
    expect(new Set(seen).size).toBe(71);

    const other = await createPool(sandbox.cognito, { PoolName: 'other' });
    await expect(sandbox.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: other, NextToken: first.NextToken }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });

    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(sandbox.app.services.store.userPoolReplicas.listPage(poolId, 100)).toEqual([]);
  });

  it('answers hostile input AWS-shaped', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'hostile' });
    const cases: [string, object][] = [
      ['CreateUserPoolReplica', { UserPoolId: poolId }],
      ['CreateUserPoolReplica', { UserPoolId: poolId, RegionName: 42 }],
      ['CreateUserPoolReplica', { UserPoolId: poolId, RegionName: 'not a region' }],
      ['CreateUserPoolReplica', { UserPoolId: poolId, RegionName: 'x'.repeat(100_000) }],
      ['CreateUserPoolReplica', { UserPoolId: poolId, RegionName: 'eu-west-3', UserPoolTags: 'tags' }],
      ['CreateUserPoolReplica', { UserPoolId: poolId, RegionName: 'eu-west-3', UserPoolTags: { k: 7 } }],
      ['CreateUserPoolReplica', { UserPoolId: ['a'], RegionName: 'eu-west-3' }],
      ['UpdateUserPoolReplica', { UserPoolId: poolId, RegionName: 'eu-west-3', Status: 'CREATING' }],
      ['UpdateUserPoolReplica', { UserPoolId: poolId, RegionName: 'eu-west-3', Status: true }],
      ['DeleteUserPoolReplica', { UserPoolId: poolId, RegionName: null }],
      ['ListUserPoolReplicas', { UserPoolId: poolId, NextToken: 'garbage' }],
      ['ListUserPoolReplicas', { UserPoolId: poolId, NextToken: 12 }],
      ['GetProvisionedLimit', {}],
      ['GetProvisionedLimit', { LimitDefinition: 'x' }],
      ['GetProvisionedLimit', { LimitDefinition: { LimitClass: 'ACCOUNT', Attributes: { Category: 'UserCreation' } } }],
      ['GetProvisionedLimit', { LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: [] } }],
      ['UpdateProvisionedLimit', { LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserCreation' } }, RequestedLimitValue: '60' }],
      ['UpdateProvisionedLimit', { LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserCreation' } }, RequestedLimitValue: 1e300 }],
      ['UpdateProvisionedLimit', { LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserCreation' } }, RequestedLimitValue: 60.5 }],
      ['UpdateProvisionedLimit', { LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserCreation' } } }],
    ];
    const types: string[] = [];
    for (const [target, body] of cases) {
      const answer = await rawCall(sandbox.url, target, body);
      expect(answer.status, `${target} ${JSON.stringify(body).slice(0, 200)}`).toBe(400);
      expect(answer.json.__type, `${target} ${JSON.stringify(body).slice(0, 200)}`).toMatch(/^(InvalidParameterException|SerializationException)$/);
      expect(typeof answer.json.message).toBe('string');
      types.push(answer.json.__type);
    }
    expect(types).toContain('SerializationException');
    expect(types).toContain('InvalidParameterException');
    const list = await sandbox.cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }));
    expect(list.UserPoolReplicas).toHaveLength(1);
  });
});

describe('provisioned limits', () => {
  const category = (name: string) => ({ LimitClass: 'API_CATEGORY' as const, Attributes: { Category: name } });

  it('describes a category at its default until it is raised, and keeps the raised value', async () => {
    const initial = await sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category('UserAuthentication') }));
    expect(initial.Limit).toEqual({ LimitDefinition: category('UserAuthentication'), ProvisionedLimitValue: 120, FreeLimitValue: 120 });

    const raised = await sandbox.cognito.send(new UpdateProvisionedLimitCommand({ LimitDefinition: category('UserAuthentication'), RequestedLimitValue: 300 }));
    expect(raised.Limit).toEqual({ LimitDefinition: category('UserAuthentication'), ProvisionedLimitValue: 300, FreeLimitValue: 120 });
    const read = await sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category('UserAuthentication') }));
    expect(read.Limit!.ProvisionedLimitValue).toBe(300);

    const other = await sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category('UserCreation') }));
    expect(other.Limit!.ProvisionedLimitValue).toBe(50);
  });

  it('refuses a value below the default, above the maximum, and an unknown category or attribute', async () => {
    await expect(sandbox.cognito.send(new UpdateProvisionedLimitCommand({ LimitDefinition: category('UserCreation'), RequestedLimitValue: 10 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The requested limit 10 is below the default limit 50 of UserCreation.',
    });
    await expect(sandbox.cognito.send(new UpdateProvisionedLimitCommand({ LimitDefinition: category('UserCreation'), RequestedLimitValue: 2_000_000_000 }))).rejects.toMatchObject({
      name: 'ServiceQuotaExceededException',
      message: "The requested limit 2000000000 exceeds the account's maximum 500 for UserCreation.",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category('Teleportation') }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Unsupported API category: Teleportation.',
    });
    await expect(sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category('__proto__') }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'UserRead', Region: 'x' } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Unsupported limit attributes: Region.' });
    await expect(sandbox.cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: {} } }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The Category attribute is required for the API_CATEGORY limit class.',
    });
  });
});
