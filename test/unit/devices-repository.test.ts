/**
 * The devices table: handing out devices to a user (one group key, a bounded number left
 * unconfirmed), the listings' selections, and the cascade from users and pools.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src-main/store/index.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';
import { UNCONFIRMED_DEVICES_KEPT, confirmDevice, handOutDevice } from '../../src-main/cognito/devices.js';

const pool: UserPool = { id: 'us-east-1_Devices01', name: 'devices', created: 0, modified: 0, config: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } } };

function user(index: number): StoredUser {
  const sub = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return { poolId: pool.id, username: `user${index}`, usernameKey: `user${index}`, sub, status: 'CONFIRMED', enabled: true, created: 0, modified: 0, attributes: [{ Name: 'sub', Value: sub }], extra: {} };
}

let store: Store;
let now = 1_700_000_000_000;
let uuids = 0;
const services = () => ({
  store,
  clock: { now: () => (now += 1000) },
  ids: { uuid: () => `00000000-0000-4000-8000-${String((uuids += 1)).padStart(12, '0')}` } as never,
});

beforeEach(async () => {
  store = await Store.open();
  store.pools.insert(pool);
  for (const index of [1, 2]) store.users.insert(user(index));
});
afterEach(() => store.close());

describe('devices handed out to a user', () => {
  it('share the user’s group key; another user gets another', () => {
    const first = handOutDevice(services(), pool, user(1));
    expect(handOutDevice(services(), pool, user(1)).DeviceGroupKey).toBe(first.DeviceGroupKey);
    expect(handOutDevice(services(), pool, user(2)).DeviceGroupKey).not.toBe(first.DeviceGroupKey);
  });

  it(`keep the ${UNCONFIRMED_DEVICES_KEPT} newest unconfirmed, and every confirmed one`, () => {
    const confirmed = handOutDevice(services(), pool, user(1)).DeviceKey;
    confirmDevice(services(), { pool, user: user(1), deviceKey: confirmed });
    const handedOut = Array.from({ length: UNCONFIRMED_DEVICES_KEPT + 5 }, () => handOutDevice(services(), pool, user(1)).DeviceKey);
    const kept = handedOut.filter((key) => store.devices.find(pool.id, key) !== undefined);
    expect(kept).toEqual(handedOut.slice(5));
    expect(store.devices.find(pool.id, confirmed)?.confirmed).toBeDefined();
    expect(store.devices.listPage(pool.id, user(1).sub, 'confirmed', 60, '').map((d) => d.deviceKey)).toEqual([confirmed]);
  });
});

describe('a listing', () => {
  it('shows confirmed devices to the admin and only remembered ones to the user, in key order after a key', () => {
    const keys = Array.from({ length: 3 }, () => handOutDevice(services(), pool, user(1)).DeviceKey);
    for (const deviceKey of keys) confirmDevice(services(), { pool, user: user(1), deviceKey });
    const notRemembered = store.devices.find(pool.id, keys[1]!)!;
    store.devices.save({ ...notRemembered, rememberedStatus: 'not_remembered' });
    const sub = user(1).sub;
    expect(store.devices.listPage(pool.id, sub, 'confirmed', 60, '').map((d) => d.deviceKey)).toEqual(keys);
    expect(store.devices.listPage(pool.id, sub, 'remembered', 60, '').map((d) => d.deviceKey)).toEqual([keys[0], keys[2]]);
    expect(store.devices.listPage(pool.id, sub, 'confirmed', 1, keys[0]!).map((d) => d.deviceKey)).toEqual([keys[1]]);
    expect(store.devices.listPage(pool.id, user(2).sub, 'confirmed', 60, '')).toEqual([]);
  });
});

describe('a device', () => {
  it('goes with its user and with its pool, and survives its user being saved', () => {
    const one = handOutDevice(services(), pool, user(1)).DeviceKey;
    const two = handOutDevice(services(), pool, user(2)).DeviceKey;
    store.users.save({ ...user(1), status: 'RESET_REQUIRED' });
    expect(store.devices.find(pool.id, one)).toBeDefined();
    store.users.delete(pool.id, 'user1');
    expect(store.devices.find(pool.id, one)).toBeUndefined();
    expect(store.devices.find(pool.id, two)).toBeDefined();
    store.pools.delete(pool.id);
    expect(store.devices.find(pool.id, two)).toBeUndefined();
  });
});
