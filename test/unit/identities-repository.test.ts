/**
 * The identities table: an identity with its logins, a login belonging to one identity of a pool,
 * merging (logins move, the merged identity points at its parent and is disabled), paging in
 * creation order with disabled identities hidden on request, and the deletions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/store/index.js';

const POOL = 'us-east-1:11111111-1111-4111-8111-111111111111';
const OTHER_POOL = 'us-east-1:22222222-2222-4222-8222-222222222222';
const id = (n: number) => `us-east-1:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let store: Store;

function create(n: number, logins: Array<[string, string]> = [], poolId = POOL): void {
  store.identities.create({
    IdentityId: id(n),
    IdentityPoolId: poolId,
    logins: logins.map(([provider, subject]) => ({ provider, subject, linked: n * 10 })),
    created: n * 10,
    updated: n * 10,
  });
}

beforeEach(async () => {
  store = await Store.open();
});
afterEach(() => store.close());

describe('the identities repository', () => {
  it('keeps an identity with its logins and finds it by any of them, in its pool only', () => {
    create(1, [['accounts.google.com', 'g-1'], ['graph.facebook.com', 'f-1']]);
    expect(store.identities.find(id(1))).toEqual({
      IdentityId: id(1),
      IdentityPoolId: POOL,
      logins: [
        { provider: 'accounts.google.com', subject: 'g-1', linked: 10 },
        { provider: 'graph.facebook.com', subject: 'f-1', linked: 10 },
      ],
      created: 10,
      updated: 10,
    });
    expect(store.identities.findByLogin(POOL, 'graph.facebook.com', 'f-1')?.IdentityId).toBe(id(1));
    expect(store.identities.findByLogin(OTHER_POOL, 'graph.facebook.com', 'f-1')).toBeUndefined();
    expect(store.identities.findByLogin(POOL, 'graph.facebook.com', 'F-1')).toBeUndefined();
    expect(store.identities.find(id(9))).toBeUndefined();
  });

  it('refuses a login already linked in the pool, and takes the same login in another pool', () => {
    create(1, [['accounts.google.com', 'g-1']]);
    expect(() => create(2, [['accounts.google.com', 'g-1']])).toThrow();
    expect(store.identities.find(id(2))).toBeUndefined();
    create(3, [['accounts.google.com', 'g-1']], OTHER_POOL);
    expect(store.identities.findByLogin(OTHER_POOL, 'accounts.google.com', 'g-1')?.IdentityId).toBe(id(3));
  });

  it('links and unlinks logins, updating the identity', () => {
    create(1);
    store.identities.link(id(1), { provider: 'dev.example', subject: 'u-2', linked: 50 });
    store.identities.link(id(1), { provider: 'dev.example', subject: 'u-1', linked: 60 });
    expect(store.identities.find(id(1))!.updated).toBe(60);
    expect(store.identities.subjectsAt(id(1), 'dev.example', undefined, 10)).toEqual(['u-1', 'u-2']);
    expect(store.identities.subjectsAt(id(1), 'dev.example', 'u-1', 10)).toEqual(['u-2']);
    expect(store.identities.unlink(id(1), 'dev.example', 'u-1', 70)).toBe(1);
    expect(store.identities.unlink(id(1), 'dev.example', 'nobody', 80)).toBe(0);
    expect(store.identities.find(id(1))).toMatchObject({ updated: 70, logins: [{ subject: 'u-2' }] });
    expect(store.identities.unlink(id(1), 'dev.example')).toBe(1);
    expect(store.identities.find(id(1))!.logins).toEqual([]);
  });

  it('merges: the logins move to the parent, the merged identity (and any merged into it before) points at the parent', () => {
    create(1, [['accounts.google.com', 'g-1']]);
    create(2, [['graph.facebook.com', 'f-2']]);
    create(3);
    store.identities.merge(id(3), id(2), 100);
    store.identities.merge(id(2), id(1), 200);
    expect(store.identities.find(id(1))).toMatchObject({ updated: 200, logins: [{ subject: 'g-1' }, { subject: 'f-2' }] });
    expect(store.identities.find(id(2))).toMatchObject({ mergedInto: id(1), disabled: 200, logins: [] });
    expect(store.identities.find(id(3))).toMatchObject({ mergedInto: id(1), disabled: 100 });
    expect(store.identities.findByLogin(POOL, 'graph.facebook.com', 'f-2')?.IdentityId).toBe(id(1));
  });

  it('pages a pool in creation order, hiding disabled identities when asked', () => {
    for (const n of [1, 2, 3, 4]) create(n);
    create(5, [], OTHER_POOL);
    store.identities.disable(id(2), 99);
    const ids = (page: { IdentityId: string }[]) => page.map((identity) => identity.IdentityId);
    expect(ids(store.identities.page(POOL, undefined, 3))).toEqual([id(1), id(2), id(3)]);
    expect(ids(store.identities.page(POOL, { created: 30, id: id(3) }, 3))).toEqual([id(4)]);
    expect(ids(store.identities.page(POOL, undefined, 10, true))).toEqual([id(1), id(3), id(4)]);
  });

  it('removes identities (answering those that existed) and a whole pool', () => {
    create(1, [['accounts.google.com', 'g-1']]);
    create(2);
    create(3, [], OTHER_POOL);
    store.identities.merge(id(2), id(1), 50);
    expect(store.identities.remove([id(1), id(9)])).toEqual([id(1)]);
    expect(store.identities.find(id(2))).toBeUndefined();
    expect(store.identities.findByLogin(POOL, 'accounts.google.com', 'g-1')).toBeUndefined();
    create(4, [['accounts.google.com', 'g-1']]);
    expect(store.identities.removeAllInPool(POOL)).toBe(1);
    expect(store.identities.find(id(4))).toBeUndefined();
    expect(store.identities.find(id(3))).toBeDefined();
  });
});
