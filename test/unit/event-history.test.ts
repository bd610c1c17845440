import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src-main/debug/bus.js';
import { Db } from '../../src-main/store/db.js';
import { EventsRepository } from '../../src-main/store/repositories/events.js';
import type { SandboxEvent } from '../../shared/events.js';

const MB = 1024 * 1024;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-history-'));
const stored = (db: Db) =>
  db.read((tx) => tx.get<{ n: number; bytes: number | null }>('SELECT COUNT(*) AS n, SUM(length(body)) AS bytes FROM events')!);

function call(bus: EventBus, request: unknown, message?: string): SandboxEvent {
  return bus.publish('api.called', {
    service: 'AWSCognitoIdentityProviderService',
    operation: 'CreateUserPool',
    request,
    error: message === undefined ? undefined : { type: 'InvalidParameterException', message },
    status: message === undefined ? 200 : 400,
    ms: 1,
    requestId: 'r',
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the debugger history', () => {
  it('keeps at most 16 KB of a field, saying how much was cut', async () => {
    const db = await Db.open();
    const events = new EventsRepository(db);
    const bus = new EventBus(events, () => 1);
    const big = 'a'.repeat(MB);
    const published = call(bus, { PoolName: big, UserPoolTags: { team: 'auth' } }, `Value '${big}' at 'poolName' failed`);

    const [event] = events.since(0, 10) as Extract<SandboxEvent, { type: 'api.called' }>[];
    expect(event).toEqual(published);
    const request = event!.data.request as { PoolName: string; UserPoolTags: unknown };
    expect(JSON.stringify(request).length).toBeLessThanOrEqual(16 * 1024);
    expect(request.PoolName.startsWith('aaaa')).toBe(true);
    expect(request.PoolName).toMatch(/cut 1,0\d\d,\d\d\d of 1,048,576 characters/);
    expect(request.UserPoolTags).toEqual({ team: 'auth' });
    expect(JSON.stringify(event!.data.error).length).toBeLessThanOrEqual(16 * 1024);
    expect(event!.data.error!.message).toMatch(/cut [\d,]+ of [\d,]+ characters/);
    expect(stored(db).bytes).toBeLessThan(40 * 1024);
  });

  it('cuts a pool id taken from a refused request', async () => {
    const db = await Db.open();
    const events = new EventsRepository(db);
    const bus = new EventBus(events, () => 1);
    bus.publish('api.called', { service: 's', operation: 'ListUsers', request: {}, status: 400, ms: 1, requestId: 'r' }, { poolId: 'p'.repeat(MB) });
    expect(events.since(0, 1)[0]!.poolId!.length).toBeLessThan(300);
  });

  it('cuts a field made of many small values as a whole', async () => {
    const db = await Db.open();
    const events = new EventsRepository(db);
    const bus = new EventBus(events, () => 1);
    const attributes = Array.from({ length: 5_000 }, (_, i) => ({ Name: `custom:a${i}`, Value: `value ${i}` }));
    call(bus, { UserAttributes: attributes });

    const request = (events.since(0, 1)[0] as Extract<SandboxEvent, { type: 'api.called' }>).data.request;
    expect(JSON.stringify(request).length).toBeLessThanOrEqual(16 * 1024);
    expect(JSON.stringify(request)).toMatch(/cut [\d,]+ of 5,000 items/);
    expect(JSON.stringify(request)).toContain('custom:a0');
  });

  it('is bounded in bytes as well as in count', async () => {
    const db = await Db.open();
    const events = new EventsRepository(db, { maxEvents: 1_000, maxBytes: 256 * 1024 });
    const bus = new EventBus(events, () => 1);
    for (let i = 0; i < 300; i++) call(bus, { PoolName: `pool-${i}`, Padding: 'x'.repeat(10_000) });
    events.flush();
    const { n, bytes } = stored(db);
    expect(bytes).toBeLessThanOrEqual(256 * 1024);
    expect(n).toBeGreaterThan(10);
    // The newest are the ones kept.
    const kept = events.since(0, 1_000);
    expect(kept.at(-1)!.seq).toBe(300);
    expect(kept[0]!.seq).toBe(300 - n + 1);

    const counted = new EventsRepository(db, { maxEvents: 20, maxBytes: 64 * MB });
    const bus2 = new EventBus(counted, () => 1);
    for (let i = 0; i < 50; i++) call(bus2, { PoolName: `small-${i}` });
    counted.flush();
    expect(stored(db).n).toBe(20);
  });

  it('brings an oversized history from before the bound within it when opened', async () => {
    const dir = tempDir();
    const db = await Db.open({ dir });
    db.write((tx) => {
      for (let seq = 1; seq <= 250; seq++) {
        const body = JSON.stringify({ seq, time: 1, flowId: null, poolId: null, type: 'api.called', data: { request: 'y'.repeat(50_000) } });
        tx.run('INSERT INTO events (seq, time, type, flow_id, pool_id, body) VALUES (?, 1, ?, NULL, NULL, ?)', [seq, 'api.called', body]);
      }
    });
    db.close();
    const before = fs.statSync(path.join(dir, 'sandbox.db')).size;
    expect(before).toBeGreaterThan(10 * MB);

    const reopened = await Db.open({ dir });
    const events = new EventsRepository(reopened, { maxBytes: 1 * MB });
    expect(stored(reopened).bytes).toBeLessThanOrEqual(1 * MB);
    expect(events.lastSeq()).toBe(250);
    reopened.close();
    expect(fs.statSync(path.join(dir, 'sandbox.db')).size).toBeLessThan(3 * MB);
  });
});

describe('the history on a full disk', () => {
  function diskFull(): never {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  }

  it('keeps the events in memory, readable, until the disk has room again', async () => {
    const dir = tempDir();
    const db = await Db.open({ dir });
    const events = new EventsRepository(db);
    const bus = new EventBus(events, () => 1);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(fs, 'writeSync').mockImplementation(diskFull);

    for (let i = 0; i < 10; i++) call(bus, { PoolName: `while-full-${i}` });
    // The flush on the timer fails first, and must not throw out of it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(errors.mock.calls.flat().join('\n')).toMatch(/debugger history.*disk is full/);
    expect(() => events.flush()).not.toThrow();
    expect(events.since(0, 100).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(events.since(4, 3).map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(events.lastSeq()).toBe(10);

    vi.mocked(fs.writeSync).mockRestore();
    events.flush();
    expect(stored(db).n).toBe(10);
    expect(errors.mock.calls.flat().join('\n')).toMatch(/saved again/);
    db.close();
  });

  it('drops the oldest beyond a memory bound, and says how many', async () => {
    const db = await Db.open({ dir: tempDir() });
    const events = new EventsRepository(db, { maxPendingBytes: 64 * 1024 });
    const bus = new EventBus(events, () => 1);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(fs, 'writeSync').mockImplementation(diskFull);

    for (let i = 0; i < 100; i++) call(bus, { PoolName: `p${i}`, Padding: 'z'.repeat(2_000) });
    events.flush();
    vi.mocked(fs.writeSync).mockRestore();
    events.flush();

    const kept = stored(db).n;
    expect(kept).toBeLessThan(100);
    expect(kept).toBeGreaterThan(0);
    expect(events.since(0, 1_000).at(-1)!.seq).toBe(100);
    expect(errors.mock.calls.flat().join('\n')).toContain(`${100 - kept} debugger events were dropped`);
    db.close();
  });
});
