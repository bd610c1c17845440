import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';

const USERS = 300;
let sandbox: TestSandbox;
let poolId: string;
const subs: string[] = [];

const pad = (i: number) => String(i).padStart(3, '0');
const names = (users: UserType[] | undefined) => (users ?? []).map((u) => u.Username!);

/** The attributes of user i: every searchable one, varied so filters select known subsets. */
function attributesOf(i: number): Record<string, string> {
  return {
    email: `User${pad(i)}@${i % 2 ? 'Odd' : 'even'}.example.com`,
    phone_number: `+1555${i % 3}00${pad(i)}`,
    name: `Name ${pad(i)}`,
    given_name: i % 4 === 0 ? 'Ann' : `Given${i}`,
    family_name: i < 10 ? `O"Brien\\${i}` : `Family${pad(i)}`,
    preferred_username: `pref_${pad(i)}`,
  };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const { UserPool } = await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'list' }));
  poolId = UserPool!.Id!;
  for (let i = 0; i < USERS; i++) {
    const { User } = await sandbox.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: `user${pad(i)}`,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temp-Passw0rd',
        UserAttributes: Object.entries(attributesOf(i)).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    subs.push(User!.Attributes!.find((a) => a.Name === 'sub')!.Value!);
  }
  for (let i = 0; i < USERS; i += 5) {
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: `user${pad(i)}` }));
  }
  for (let i = 0; i < USERS; i += 3) {
    await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: `user${pad(i)}`, Password: 'Perm-Passw0rd!', Permanent: true }));
  }
}, 120_000);
afterAll(() => sandbox.close());

/** Every user a listing returns, following pagination tokens, with the page sizes seen. */
async function listAll(input: Omit<ListUsersCommandInput, 'UserPoolId'>): Promise<{ users: UserType[]; pages: number[] }> {
  const users: UserType[] = [];
  const pages: number[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, ...input, PaginationToken }));
    users.push(...page.Users!);
    pages.push(page.Users!.length);
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return { users, pages };
}

const indices = (predicate: (i: number) => boolean) => Array.from({ length: USERS }, (_, i) => i).filter(predicate);
const usernames = (list: number[]) => list.map((i) => `user${pad(i)}`);

describe('ListUsers', () => {
  it('lists every user in pages of 60 by default, in username order', async () => {
    const { users, pages } = await listAll({});
    expect(pages).toEqual([60, 60, 60, 60, 60]);
    expect(names(users)).toEqual(usernames(indices(() => true)));
    expect(users[0]).toMatchObject({ Username: 'user000', Enabled: false, UserStatus: 'CONFIRMED' });
    expect(users[0]!.Attributes!.map((a) => a.Name)).toEqual(['sub', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username']);
    expect(users[0]!.UserCreateDate).toBeInstanceOf(Date);
  });

  it('pages with any Limit, and treats 0 as the default', async () => {
    const { users, pages } = await listAll({ Limit: 7 });
    expect(pages.slice(0, -1).every((n) => n === 7)).toBe(true);
    expect(names(users)).toEqual(usernames(indices(() => true)));
    const page = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 0 }));
    expect(page.Users).toHaveLength(60);
  });

  it('returns only AttributesToGet (all of them for an empty list)', async () => {
    const page = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 2, AttributesToGet: ['given_name', 'email'] }));
    expect(page.Users![0]!.Attributes).toEqual([
      { Name: 'email', Value: 'User000@even.example.com' },
      { Name: 'given_name', Value: 'Ann' },
    ]);
    const all = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 1, AttributesToGet: [] }));
    expect(all.Users![0]!.Attributes).toHaveLength(7);
  });

  it.each<[string, (i: number) => boolean]>([
    ['username = "user042"', (i) => i === 42],
    ['username ^= "user04"', (i) => Math.floor(i / 10) === 4],
    ['email = "user007@odd.example.com"', (i) => i === 7],
    ['email ^= "USER01"', (i) => Math.floor(i / 10) === 1],
    ['phone_number ^= "+15552"', (i) => i % 3 === 2],
    ['phone_number = "+1555100001"', (i) => i === 1],
    ['name = "name 123"', (i) => i === 123],
    ['name ^= "Name 2"', (i) => i >= 200],
    ['given_name = "ann"', (i) => i % 4 === 0],
    ['given_name ^= "Given1"', (i) => i % 4 !== 0 && String(i).startsWith('1')],
    ['family_name = "Family250"', (i) => i === 250],
    ['family_name ^= "family2"', (i) => i >= 200],
    ['preferred_username = "PREF_099"', (i) => i === 99],
    ['preferred_username ^= "pref_29"', (i) => Math.floor(i / 10) === 29],
    ['cognito:user_status = "confirmed"', (i) => i % 3 === 0],
    ['cognito:user_status ^= "FORCE"', (i) => i % 3 !== 0],
    ['status = "Disabled"', (i) => i % 5 === 0],
    ['status = "Enabled"', (i) => i % 5 !== 0],
    ['status ^= "Dis"', (i) => i % 5 === 0],
    ['status ^= ""', () => true],
    ['status = "enabled"', () => false],
  ])('filters %s', async (Filter, expected) => {
    const { users } = await listAll({ Filter, Limit: 25 });
    expect(names(users).sort()).toEqual(usernames(indices(expected)).sort());
  });

  it('filters on sub, exactly and by prefix', async () => {
    const exact = await listAll({ Filter: `sub = "${subs[17]!.toUpperCase()}"` });
    expect(names(exact.users)).toEqual(['user017']);
    const prefix = subs[17]!.slice(0, 8);
    const byPrefix = await listAll({ Filter: `sub ^= "${prefix}"` });
    expect(names(byPrefix.users)).toContain('user017');
    expect(byPrefix.users.every((u) => u.Attributes!.find((a) => a.Name === 'sub')!.Value!.startsWith(prefix))).toBe(true);
  });

  it('sorts results by the filtered attribute', async () => {
    const { users } = await listAll({ Filter: 'given_name ^= "G"', Limit: 60 });
    const values = users.map((u) => u.Attributes!.find((a) => a.Name === 'given_name')!.Value!.toLowerCase());
    expect(values).toEqual([...values].sort());
  });

  it('reads quotes and backslashes escaped in the value, and optional spaces', async () => {
    const { users } = await listAll({ Filter: 'family_name="O\\"Brien\\\\3"' });
    expect(names(users)).toEqual(['user003']);
    const spaced = await listAll({ Filter: '  family_name   ^=   "o\\"brien"  ' });
    expect(names(spaced.users).sort()).toEqual(usernames(indices((i) => i < 10)));
  });

  it('returns nothing for a value no user has', async () => {
    const page = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "nobody@example.com"' }));
    expect(page.Users).toEqual([]);
    expect(page.PaginationToken).toBeUndefined();
  });

  it.each(['username = user042', 'username=', 'email', 'email == "x"', 'email = "x" and name = "y"', '= "x"'])('refuses the malformed filter %j', async (Filter) => {
    await expect(sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Error while parsing filter.',
    });
  });

  it('refuses attributes that cannot be searched', async () => {
    await expect(sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'custom:tier = "gold"' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid search attribute: custom:tier',
    });
    await expect(sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'locale = "fr"' }))).rejects.toMatchObject({
      message: 'Invalid search attribute: locale',
    });
  });

  it('refuses a pagination token that is not its own', async () => {
    await expect(sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: 'garbage' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid pagination token.',
    });
    const first = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "user"', Limit: 5 }));
    await expect(
      sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'name ^= "name"', PaginationToken: first.PaginationToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('validates Limit and Filter length like Cognito, and needs a pool', async () => {
    const r = await rawCall(sandbox.url, 'ListUsers', { UserPoolId: poolId, Limit: 61, Filter: `email = "${'x'.repeat(260)}"` });
    expect(r.json.__type).toBe('InvalidParameterException');
    expect(r.json.message).toContain("at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
    expect(r.json.message).toContain("at 'filter' failed to satisfy constraint: Member must have length less than or equal to 256");
    await expect(sandbox.cognito.send(new ListUsersCommand({ UserPoolId: 'us-east-1_Missing00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
