import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/store/index.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';
import { listQuery, type StoredUser, type UserRange } from '../../src-main/store/repositories/users.js';
import { resolveUser } from '../../src-main/cognito/usernames.js';

let store: Store;
const pool: UserPool = { id: 'us-east-1_Repo12345', name: 'repo', created: 0, modified: 0, config: {} };
const insensitive: UserPool = {
  id: 'us-east-1_Case12345',
  name: 'case',
  created: 0,
  modified: 0,
  config: { UsernameConfiguration: { CaseSensitive: false }, AliasAttributes: ['email', 'preferred_username'] },
};

function user(poolId: string, username: string, index: number, attributes: Record<string, string> = {}): StoredUser {
  const sub = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    poolId,
    username,
    usernameKey: poolId === insensitive.id ? username.toLowerCase() : username,
    sub,
    status: index % 2 ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
    enabled: index % 3 !== 0,
    created: index,
    modified: index,
    attributes: [{ Name: 'sub', Value: sub }, ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))],
    password: { salt: 'ab'.repeat(16), verifier: '0f'.repeat(384), ...(index % 2 === 0 && { expires: 1000 + index }) },
    extra: {},
  };
}

beforeAll(async () => {
  store = await Store.open();
  store.pools.insert(pool);
  store.pools.insert(insensitive);
  store.transaction(() => {
    for (let i = 0; i < 250; i++) {
      store.users.insert(user(pool.id, `user${String(i).padStart(3, '0')}`, i, { email: `User${i}@Example.com`, given_name: i % 2 ? 'Ann' : 'Bob' }));
    }
  });
  store.users.insert(user(insensitive.id, 'MixedCase', 1000, { email: 'mixed@example.com', email_verified: 'true', preferred_username: 'Mixy' }));
  store.users.insert(user(insensitive.id, 'Unverified', 1001, { email: 'other@example.com' }));
});
afterAll(() => store.close());

describe('users repository', () => {
  it('round-trips a user, password and extra state included', () => {
    const found = store.users.findByKey(pool.id, 'user002')!;
    expect(found).toEqual(user(pool.id, 'user002', 2, { email: 'User2@Example.com', given_name: 'Bob' }));
    found.status = 'CONFIRMED';
    found.extra.passwordResetCode = { code: '123456', expires: 99 };
    found.mfa = { enabled: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' };
    store.users.save(found);
    expect(store.users.findByKey(pool.id, 'user002')).toEqual(found);
  });

  it('finds users by sub, and case-insensitively by username, alias or sub in a case-insensitive pool', () => {
    expect(store.users.findBySub(pool.id, '00000000-0000-4000-8000-000000000007')?.username).toBe('user007');
    expect(resolveUser(store, insensitive, 'mixedcase')?.username).toBe('MixedCase');
    expect(resolveUser(store, insensitive, 'MIXED@example.com')?.username).toBe('MixedCase');
    expect(resolveUser(store, insensitive, 'mixy')?.username).toBe('MixedCase');
    expect(resolveUser(store, insensitive, '00000000-0000-4000-8000-000000001000')?.username).toBe('MixedCase');
    expect(resolveUser(store, insensitive, 'other@example.com')).toBeUndefined();
    expect(resolveUser(store, pool, 'USER007')).toBeUndefined();
  });

  it('pages through a prefix range in (value, key) order with a keyset cursor', () => {
    const range: UserRange = { column: 'email', prefix: 'user1' };
    const seen: string[] = [];
    let page = store.users.list(pool.id, range, 7);
    seen.push(...page.users.map((u) => u.username));
    while (page.next) {
      page = store.users.list(pool.id, range, 7, page.next);
      seen.push(...page.users.map((u) => u.username));
    }
    const expected = Array.from({ length: 250 }, (_, i) => i)
      .filter((i) => `user${i}@example.com`.startsWith('user1'))
      .map((i) => ({ email: `user${i}@example.com`, name: `user${String(i).padStart(3, '0')}` }))
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
      .map((e) => e.name);
    expect(seen).toEqual(expected);
  });

  it('pages through equal values ordered by username key', () => {
    const all: string[] = [];
    let page = store.users.list(pool.id, { column: 'given_name', equals: 'ann' }, 60);
    all.push(...page.users.map((u) => u.username));
    while (page.next) {
      page = store.users.list(pool.id, { column: 'given_name', equals: 'ann' }, 60, page.next);
      all.push(...page.users.map((u) => u.username));
    }
    expect(all).toHaveLength(125);
    expect([...all].sort()).toEqual(all);
  });

  it.each<[UserRange | undefined, string]>([
    [undefined, 'sqlite_autoindex_users_1'],
    [{ column: 'email', prefix: 'user1' }, 'users_by_email'],
    [{ column: 'email', equals: 'user1@example.com' }, 'users_by_email'],
    [{ column: 'phone_number', prefix: '+1' }, 'users_by_phone_number'],
    [{ column: 'name', prefix: 'a' }, 'users_by_name'],
    [{ column: 'given_name', equals: 'ann' }, 'users_by_given_name'],
    [{ column: 'family_name', prefix: 'a' }, 'users_by_family_name'],
    [{ column: 'preferred_username', prefix: 'a' }, 'users_by_preferred_username'],
    [{ column: 'status', prefix: 'CON' }, 'users_by_status'],
    [{ column: 'enabled', equals: 1 }, 'users_by_enabled'],
    [{ column: 'sub', prefix: '0000' }, 'users_by_sub'],
    [{ column: 'username_key', prefix: 'user1' }, 'sqlite_autoindex_users_1'],
    [{ column: 'status' }, 'users_by_status'],
    [{ column: 'enabled' }, 'users_by_enabled'],
  ])('lists %j through an index, seeking to the cursor, never a scan or a sort', (range, index) => {
    for (const after of [undefined, { value: 'x', key: 'y' }]) {
      const { sql, params } = listQuery(pool.id, range, 61, after);
      const plan = store.db.read((tx) => tx.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join('\n');
      expect(plan).toContain(`USING INDEX ${index}`);
      expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
      if (after) expect(plan).toMatch(/(username_key|sub)>\?|username_key\)>\(\?,\?\)/);
    }
  });
});
