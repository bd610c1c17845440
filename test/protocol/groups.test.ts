import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type GroupType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool, createSilentUser } from '../support/world.js';
import { resolveUser } from '../../src-main/cognito/usernames.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const clock = testClock(START);
const ROLE = 'arn:aws:iam::123456789012:role/Admins';
const OTHER_ROLE = 'arn:aws:iam::123456789012:role/Readers';
const MISSING_POOL = 'us-east-1_Missing00';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

const newPool = (name = 'groups') => createPool(sandbox.cognito, { PoolName: name });

async function createGroups(poolId: string, names: string[]): Promise<void> {
  for (const GroupName of names) await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName }));
}

/** Every group of a listing, page by page, with the page sizes seen. */
async function listAllGroups(poolId: string, Limit?: number): Promise<{ names: string[]; pageSizes: number[] }> {
  const names: string[] = [];
  const pageSizes: number[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: poolId, Limit, NextToken }));
    names.push(...page.Groups!.map((g) => g.GroupName!));
    pageSizes.push(page.Groups!.length);
    NextToken = page.NextToken;
  } while (NextToken);
  return { names, pageSizes };
}

async function createUser(poolId: string, Username: string): Promise<{ username: string; sub: string }> {
  const User = await createSilentUser(sandbox.cognito, poolId, Username);
  return { username: User.Username!, sub: User.Attributes!.find((a) => a.Name === 'sub')!.Value! };
}

async function addToGroup(poolId: string, Username: string, GroupName: string): Promise<void> {
  await sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username, GroupName }));
}

async function groupsOf(poolId: string, Username: string, Limit?: number): Promise<{ names: string[]; pageSizes: number[] }> {
  const names: string[] = [];
  const pageSizes: number[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username, Limit, NextToken }));
    names.push(...page.Groups!.map((g) => g.GroupName!));
    pageSizes.push(page.Groups!.length);
    NextToken = page.NextToken;
  } while (NextToken);
  return { names, pageSizes };
}

async function membersOf(poolId: string, GroupName: string, Limit?: number): Promise<{ names: string[]; pageSizes: number[] }> {
  const names: string[] = [];
  const pageSizes: number[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName, Limit, NextToken }));
    names.push(...page.Users!.map((u) => u.Username!));
    pageSizes.push(page.Users!.length);
    NextToken = page.NextToken;
  } while (NextToken);
  return { names, pageSizes };
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('CreateGroup', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = await newPool();
  });

  it('creates a group with every property and returns it as GroupType', async () => {
    clock.time = START + 1_000;
    const { Group } = await sandbox.cognito.send(
      new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Description: 'Administrators', RoleArn: ROLE, Precedence: 1 }),
    );
    expect(Group).toEqual<GroupType>({
      GroupName: 'admins',
      UserPoolId: poolId,
      Description: 'Administrators',
      RoleArn: ROLE,
      Precedence: 1,
      CreationDate: new Date(START + 1_000),
      LastModifiedDate: new Date(START + 1_000),
    });
  });

  it('leaves unset optional properties out of the answer', async () => {
    const r = await rawCall(sandbox.url, 'CreateGroup', { UserPoolId: poolId, GroupName: 'plain' });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json.Group).sort()).toEqual(['CreationDate', 'GroupName', 'LastModifiedDate', 'UserPoolId']);
    expect(typeof r.json.Group.CreationDate).toBe('number');
  });

  it('accepts precedence 0, the highest', async () => {
    const { Group } = await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'top', Precedence: 0 }));
    expect(Group!.Precedence).toBe(0);
  });

  it('refuses a name the pool already has', async () => {
    await expect(sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }))).rejects.toMatchObject({
      name: 'GroupExistsException',
      message: 'A group with the name already exists.',
    });
  });

  it('allows the same name in another pool', async () => {
    const otherPool = await newPool('other');
    const { Group } = await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: otherPool, GroupName: 'admins' }));
    expect(Group!.UserPoolId).toBe(otherPool);
  });

  it('refuses an unknown pool', async () => {
    await expect(sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: MISSING_POOL, GroupName: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });

  it('validates the group name', async () => {
    await expect(sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'two words' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'two words' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    });
    await expect(
      sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'g'.repeat(129) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `1 validation error detected: Value '${'g'.repeat(129)}' at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    });
    const missing = await rawCall(sandbox.url, 'CreateGroup', { UserPoolId: poolId });
    expect(missing.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'groupName' failed to satisfy constraint: Member must not be null",
    });
  });

  it('validates precedence, description and role ARN', async () => {
    await expect(
      sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'neg', Precedence: -1 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
    });
    await expect(
      sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'long', Description: 'd'.repeat(2049) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `1 validation error detected: Value '${'d'.repeat(2049)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    });
    await expect(
      sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'badrole', RoleArn: 'arn:aws:iam::role/NoAccountIdHere' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^1 validation error detected: Value 'arn:aws:iam::role\/NoAccountIdHere' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:/),
    });
    const both = await rawCall(sandbox.url, 'CreateGroup', { UserPoolId: poolId, GroupName: 'a b', Precedence: -5 });
    expect(both.json.__type).toBe('InvalidParameterException');
    expect(both.json.message).toMatch(/^2 validation errors detected: .*'groupName'.*; .*'precedence'/);
  });

  it('refuses a precedence that is not an integer', async () => {
    const r = await rawCall(sandbox.url, 'CreateGroup', { UserPoolId: poolId, GroupName: 'typed', Precedence: '1' });
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('SerializationException');
  });
});

describe('GetGroup', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = await newPool();
    await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Description: 'Read only', Precedence: 7 }));
  });

  it('returns the group', async () => {
    const { Group } = await sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }));
    expect(Group).toMatchObject({ GroupName: 'readers', UserPoolId: poolId, Description: 'Read only', Precedence: 7 });
    expect(Group!.RoleArn).toBeUndefined();
  });

  it('answers ResourceNotFoundException for an unknown group', async () => {
    await expect(sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'writers' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });

  it('treats group names as case-sensitive keys', async () => {
    await expect(sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'READERS' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new GetGroupCommand({ UserPoolId: MISSING_POOL, GroupName: 'readers' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});

describe('UpdateGroup', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = await newPool();
    clock.time = START;
    await sandbox.cognito.send(
      new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'Editors', RoleArn: ROLE, Precedence: 3 }),
    );
  });

  it('changes only the properties it is given and moves LastModifiedDate', async () => {
    clock.time = START + 60_000;
    const { Group } = await sandbox.cognito.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Precedence: 9 }));
    expect(Group).toEqual<GroupType>({
      GroupName: 'editors',
      UserPoolId: poolId,
      Description: 'Editors',
      RoleArn: ROLE,
      Precedence: 9,
      CreationDate: new Date(START),
      LastModifiedDate: new Date(START + 60_000),
    });
    clock.time = START + 120_000;
    await sandbox.cognito.send(
      new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'Copy editors', RoleArn: OTHER_ROLE }),
    );
    const { Group: stored } = await sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    expect(stored).toMatchObject({ Description: 'Copy editors', RoleArn: OTHER_ROLE, Precedence: 9 });
    expect(stored!.LastModifiedDate).toEqual(new Date(START + 120_000));
    expect(stored!.CreationDate).toEqual(new Date(START));
  });

  it('answers ResourceNotFoundException for an unknown group or pool', async () => {
    await expect(
      sandbox.cognito.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'nobody', Precedence: 1 })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
    await expect(
      sandbox.cognito.send(new UpdateGroupCommand({ UserPoolId: MISSING_POOL, GroupName: 'editors' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });

  it('validates precedence and keeps the group unchanged', async () => {
    await expect(
      sandbox.cognito.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Precedence: -2 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '-2' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
    });
    const { Group } = await sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    expect(Group!.Precedence).toBe(9);
  });
});

describe('DeleteGroup', () => {
  it('deletes the group, after which it is not found', async () => {
    const poolId = await newPool();
    await createGroups(poolId, ['temporary', 'kept']);
    const answer = await rawCall(sandbox.url, 'DeleteGroup', { UserPoolId: poolId, GroupName: 'temporary' });
    expect(answer).toMatchObject({ status: 200, json: {} });
    await expect(sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'temporary' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
    await expect(sandbox.cognito.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'temporary' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
    expect((await listAllGroups(poolId)).names).toEqual(['kept']);
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new DeleteGroupCommand({ UserPoolId: MISSING_POOL, GroupName: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });

  it('lets a deleted name be created again', async () => {
    const poolId = await newPool();
    await createGroups(poolId, ['again']);
    await sandbox.cognito.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'again' }));
    const { Group } = await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'again', Precedence: 2 }));
    expect(Group!.Precedence).toBe(2);
  });
});

describe('ListGroups', () => {
  let poolId: string;
  const names = numbered('group-', 75);
  beforeAll(async () => {
    poolId = await newPool();
    await createGroups(poolId, [...names].reverse());
  });

  it('pages 75 groups by 60 when no Limit is given, in name order', async () => {
    const { names: listed, pageSizes } = await listAllGroups(poolId);
    expect(pageSizes).toEqual([60, 15]);
    expect(listed).toEqual(names);
  });

  it('treats Limit 0 as the default page of 60', async () => {
    const page = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 0 }));
    expect(page.Groups).toHaveLength(60);
    expect(page.NextToken).toBeDefined();
  });

  it('pages by Limit and gives no token after the last page', async () => {
    const { names: listed, pageSizes } = await listAllGroups(poolId, 10);
    expect(pageSizes).toEqual([10, 10, 10, 10, 10, 10, 10, 5]);
    expect(listed).toEqual(names);
    const exact = await listAllGroups(poolId, 25);
    expect(exact.pageSizes).toEqual([25, 25, 25]);
  });

  it('returns full GroupType entries', async () => {
    const page = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 1 }));
    expect(page.Groups![0]).toMatchObject({ GroupName: 'group-000', UserPoolId: poolId });
    expect(page.Groups![0]!.CreationDate).toBeInstanceOf(Date);
  });

  it('keeps paging stable while groups are deleted between pages', async () => {
    const pool = await newPool();
    await createGroups(pool, numbered('g', 6));
    const first = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 3 }));
    expect(first.Groups!.map((g) => g.GroupName)).toEqual(['g000', 'g001', 'g002']);
    await sandbox.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'g002' }));
    await sandbox.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'g003' }));
    const second = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 3, NextToken: first.NextToken }));
    expect(second.Groups!.map((g) => g.GroupName)).toEqual(['g004', 'g005']);
    expect(second.NextToken).toBeUndefined();
  });

  it('answers an empty list for a pool without groups', async () => {
    const pool = await newPool();
    const page = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: pool }));
    expect(page.Groups).toEqual([]);
    expect(page.NextToken).toBeUndefined();
  });

  it('refuses a token that is not one of its own', async () => {
    await expect(
      sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
    const otherPool = await newPool();
    await createGroups(otherPool, ['a', 'b']);
    const foreign = await sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: otherPool, Limit: 1 }));
    await expect(
      sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: foreign.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });

  it('validates Limit and answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    await expect(sandbox.cognito.send(new ListGroupsCommand({ UserPoolId: MISSING_POOL }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});

describe('AdminAddUserToGroup and AdminRemoveUserFromGroup', () => {
  let poolId: string;
  let carol: { username: string; sub: string };
  beforeAll(async () => {
    poolId = await newPool();
    carol = await createUser(poolId, 'carol');
    await createGroups(poolId, ['staff', 'owners']);
  });

  it('adds a user to a group, and adding again changes nothing', async () => {
    const answer = await rawCall(sandbox.url, 'AdminAddUserToGroup', { UserPoolId: poolId, Username: 'carol', GroupName: 'staff' });
    expect(answer).toMatchObject({ status: 200, json: {} });
    await addToGroup(poolId, 'carol', 'staff');
    expect((await groupsOf(poolId, 'carol')).names).toEqual(['staff']);
    expect((await membersOf(poolId, 'staff')).names).toEqual(['carol']);
  });

  it('finds the user by sub as admin operations do', async () => {
    await addToGroup(poolId, carol.sub, 'owners');
    expect((await groupsOf(poolId, carol.sub)).names).toEqual(['owners', 'staff']);
    expect((await membersOf(poolId, 'owners')).names).toEqual(['carol']);
  });

  it('removes a user from a group, and removing a non-member succeeds', async () => {
    await sandbox.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'carol', GroupName: 'owners' }));
    expect((await groupsOf(poolId, 'carol')).names).toEqual(['staff']);
    const again = await rawCall(sandbox.url, 'AdminRemoveUserFromGroup', { UserPoolId: poolId, Username: 'carol', GroupName: 'owners' });
    expect(again).toMatchObject({ status: 200, json: {} });
    expect((await membersOf(poolId, 'owners')).names).toEqual([]);
  });

  it('answers UserNotFoundException for an unknown user', async () => {
    await expect(
      sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'nobody', GroupName: 'staff' })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    await expect(
      sandbox.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'nobody', GroupName: 'staff' })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('answers ResourceNotFoundException for an unknown group or pool', async () => {
    await expect(
      sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'carol', GroupName: 'ghosts' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
    await expect(
      sandbox.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'carol', GroupName: 'ghosts' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
    await expect(
      sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: MISSING_POOL, Username: 'carol', GroupName: 'staff' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });

  it('validates the request', async () => {
    const r = await rawCall(sandbox.url, 'AdminAddUserToGroup', { UserPoolId: poolId, Username: 'carol' });
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'groupName' failed to satisfy constraint: Member must not be null",
    });
    await expect(
      sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'carol', GroupName: 'bad name' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("at 'groupName'") });
  });
});

describe('AdminListGroupsForUser', () => {
  let poolId: string;
  const groups = numbered('team-', 75);
  beforeAll(async () => {
    poolId = await newPool();
    await createUser(poolId, 'dave');
    await createUser(poolId, 'erin');
    await createGroups(poolId, groups);
    for (const group of [...groups].reverse()) await addToGroup(poolId, 'dave', group);
  });

  it('pages a user in 75 groups by 60 when no Limit is given, in name order', async () => {
    const { names, pageSizes } = await groupsOf(poolId, 'dave');
    expect(pageSizes).toEqual([60, 15]);
    expect(names).toEqual(groups);
  });

  it('pages by Limit, and full GroupType entries come back', async () => {
    const { names, pageSizes } = await groupsOf(poolId, 'dave', 20);
    expect(pageSizes).toEqual([20, 20, 20, 15]);
    expect(names).toEqual(groups);
    const first = await sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'dave', Limit: 1 }));
    expect(first.Groups![0]).toMatchObject({ GroupName: 'team-000', UserPoolId: poolId });
    expect(first.Groups![0]!.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('answers an empty list for a user in no group', async () => {
    const page = await sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'erin' }));
    expect(page.Groups).toEqual([]);
    expect(page.NextToken).toBeUndefined();
  });

  it("refuses another user's token", async () => {
    const page = await sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'dave', Limit: 1 }));
    await expect(
      sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'erin', NextToken: page.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });

  it('answers UserNotFoundException for an unknown user and ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'nobody' })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    await expect(
      sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: MISSING_POOL, Username: 'dave' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });

  it('validates Limit', async () => {
    await expect(
      sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'dave', Limit: 61 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
  });
});

describe('ListUsersInGroup', () => {
  let poolId: string;
  const users = numbered('member-', 130);
  beforeAll(async () => {
    poolId = await newPool();
    await createGroups(poolId, ['crowd', 'empty']);
    for (const user of [...users].reverse()) {
      await createUser(poolId, user);
      await addToGroup(poolId, user, 'crowd');
    }
  }, 60_000);

  it('pages 130 members by 60 when no Limit is given', async () => {
    const { names, pageSizes } = await membersOf(poolId, 'crowd');
    expect(pageSizes).toEqual([60, 60, 10]);
    expect(names).toEqual(users);
  });

  it('pages by Limit', async () => {
    const { names, pageSizes } = await membersOf(poolId, 'crowd', 50);
    expect(pageSizes).toEqual([50, 50, 30]);
    expect(names).toEqual(users);
  });

  it('returns members as UserType', async () => {
    const page = await sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'crowd', Limit: 1 }));
    const [user] = page.Users!;
    expect(user).toMatchObject({ Username: 'member-000', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(user!.Attributes!.map((a) => a.Name)).toContain('sub');
    expect(user!.UserCreateDate).toBeInstanceOf(Date);
  });

  it('answers an empty list for a group without members', async () => {
    const page = await sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'empty' }));
    expect(page.Users).toEqual([]);
    expect(page.NextToken).toBeUndefined();
  });

  it("refuses another group's token", async () => {
    const page = await sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'crowd', Limit: 1 }));
    await expect(
      sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'empty', NextToken: page.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });

  it('answers ResourceNotFoundException for an unknown group or pool', async () => {
    await expect(sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
    await expect(
      sandbox.cognito.send(new ListUsersInGroupCommand({ UserPoolId: MISSING_POOL, GroupName: 'crowd' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });
});

describe('memberships follow their user and group', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = await newPool();
    await createGroups(poolId, ['alpha', 'beta']);
    for (const user of ['frank', 'grace']) {
      await createUser(poolId, user);
      await addToGroup(poolId, user, 'alpha');
      await addToGroup(poolId, user, 'beta');
    }
  });

  it('drops the memberships of a deleted user, and a new user of the same name starts in no group', async () => {
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'frank' }));
    expect((await membersOf(poolId, 'alpha')).names).toEqual(['grace']);
    expect((await membersOf(poolId, 'beta')).names).toEqual(['grace']);
    await createUser(poolId, 'frank');
    expect((await groupsOf(poolId, 'frank')).names).toEqual([]);
  });

  it('drops the memberships of a deleted group, and a new group of the same name starts empty', async () => {
    await sandbox.cognito.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'alpha' }));
    expect((await groupsOf(poolId, 'grace')).names).toEqual(['beta']);
    await createGroups(poolId, ['alpha']);
    expect((await membersOf(poolId, 'alpha')).names).toEqual([]);
  });

  it('go with their pool', async () => {
    const pool = await newPool();
    await createGroups(pool, ['doomed']);
    await createUser(pool, 'ivan');
    await addToGroup(pool, 'ivan', 'doomed');
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    expect(sandbox.app.store.groups.find(pool, 'doomed')).toBeUndefined();
    expect(sandbox.app.store.groups.groupsForUser(pool, 'ivan')).toEqual([]);
  });
});

describe('groupsForUser, the source of the cognito:groups and role claims', () => {
  it('orders by precedence, lowest first, groups without precedence last, ties by name', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'heidi');
    const groups: [string, number | undefined][] = [
      ['unranked-b', undefined],
      ['second', 5],
      ['unranked-a', undefined],
      ['first-b', 1],
      ['first-a', 1],
      ['zero', 0],
    ];
    for (const [GroupName, Precedence] of groups) {
      await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName, Precedence }));
      await addToGroup(poolId, 'heidi', GroupName);
    }
    await createGroups(poolId, ['not-a-member']);
    const pool = sandbox.app.store.pools.findById(poolId)!;
    const heidi = resolveUser(sandbox.app.store, pool, 'heidi')!;
    const ordered = sandbox.app.store.groups.groupsForUser(poolId, heidi.usernameKey);
    expect(ordered.map((g) => g.name)).toEqual(['zero', 'first-a', 'first-b', 'second', 'unranked-a', 'unranked-b']);
    expect(ordered[0]).toMatchObject({ poolId, name: 'zero', precedence: 0 });
    expect(ordered[4]!.precedence).toBeUndefined();
  });
});
