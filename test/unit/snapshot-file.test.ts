/**
 * Snapshot files (store/snapshot-file.ts, store/snapshots.ts) against a real in-memory store:
 * what a snapshot leaves out, what a restore keeps, and the files it refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { createRequire } from 'node:module';
import { Store } from '../../src-main/store/index.js';
import { StorageError } from '../../src-main/store/db.js';
import { SnapshotFileError, Snapshots } from '../../src-main/store/snapshots.js';

const SQL = await initSqlJs({ locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm') });

/** The snapshot's bytes with `sql` run on them (a file edited by hand, or by a newer sandbox). */
function edited(bytes: Uint8Array, sql: string): Uint8Array {
  const db = new SQL.Database(bytes);
  try {
    db.exec(sql);
    return db.export();
  } finally {
    db.close();
  }
}

const count = (store: Store, table: string) => store.db.read((tx) => tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)!.n);

describe('snapshot files', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open();
    store.db.write((tx) => {
      tx.run("INSERT INTO user_pools (id, name, config, created, modified) VALUES ('us-east-1_a', 'a', '{}', 1, 1)");
      tx.run("INSERT INTO events (seq, time, type, flow_id, pool_id, body) VALUES (1, 1, 'api.called', NULL, NULL, '{}')");
      tx.run("INSERT INTO outbox (time, channel, destination, purpose, body) VALUES (1, 'EMAIL', 'a@example.com', 'SignUp', 'hi')");
    });
  });
  afterEach(() => store.close());

  it('keeps at most so many bytes of snapshots in memory: past it a save or an upload is refused and nothing changes', async () => {
    const one = await store.snapshots.save('one', 1);
    const shelf = new Snapshots(store.db, undefined, one.bytes * 2 + 10);
    const bytes = store.snapshots.read('one')!;
    await shelf.keep('a', bytes);
    await shelf.keep('b', bytes);
    await shelf.keep('a', bytes); // replacing one counts its new size only
    await expect(shelf.keep('c', bytes)).rejects.toThrow(StorageError);
    await expect(shelf.save('c', 2)).rejects.toThrow(/keeps at most 0 MB of snapshots in memory \(it keeps nothing on disk\): delete one, or start it with --data-dir/);
    expect((await shelf.list()).map((s) => s.name)).toEqual(['a', 'b']);
    shelf.delete('b');
    expect((await shelf.keep('c', bytes)).name).toBe('c');
  });

  it("holds the state without the debugger's history, and a restore keeps the history it finds", async () => {
    const saved = await store.snapshots.save('one', 42);
    expect(saved).toMatchObject({ name: 'one', savedAt: 42, contents: { userPools: 1, users: 0 } });
    const file = new SQL.Database(store.snapshots.read('one'));
    const rows = (table: string) => Number(file.exec(`SELECT COUNT(*) FROM ${table}`)[0]!.values[0]![0]);
    expect([rows('user_pools'), rows('events'), rows('outbox')]).toEqual([1, 0, 0]);
    expect(file.exec("SELECT key FROM meta ORDER BY key")[0]!.values.flat()).toEqual(['schema_version', 'snapshot']);
    file.close();

    store.db.write((tx) => {
      tx.run("DELETE FROM user_pools");
      tx.run("INSERT INTO events (seq, time, type, flow_id, pool_id, body) VALUES (2, 2, 'api.called', NULL, NULL, '{}')");
    });
    const restored = await store.snapshots.restore(store.snapshots.read('one')!, 'one');
    expect(restored.header).toMatchObject({ name: 'one', savedAt: 42 });
    expect([count(store, 'user_pools'), count(store, 'events'), count(store, 'outbox')]).toEqual([1, 2, 1]);
  });

  it('refuses, changing nothing, a file from a newer sandbox, a damaged one, and rows that do not hold together', async () => {
    await store.snapshots.save('one', 1);
    const bytes = store.snapshots.read('one')!;
    const refusal = async (file: Uint8Array) => {
      const error = await store.snapshots.restore(file, 'x').then(() => undefined, (failure: unknown) => failure);
      expect(error).toBeInstanceOf(SnapshotFileError);
      return (error as Error).message;
    };
    store.db.write((tx) => tx.run("INSERT INTO user_pools (id, name, config, created, modified) VALUES ('us-east-1_b', 'b', '{}', 1, 1)"));

    expect(await refusal(edited(bytes, "UPDATE meta SET value = '9999' WHERE key = 'schema_version'"))).toMatch(/^a newer Cognito Sandbox wrote it \(schema 9999; this one knows up to \d+\)/);
    expect(await refusal(bytes.subarray(0, bytes.length - 1024))).toMatch(/cut short/);
    expect(await refusal(new TextEncoder().encode('SQLite format 3\0 and then nothing a database holds'))).toBeTruthy();
    expect(await refusal(edited(bytes, "DELETE FROM meta WHERE key = 'schema_version'"))).toMatch(/no schema version/);
    const orphan = edited(bytes, "PRAGMA foreign_keys = OFF; INSERT INTO app_clients (client_id, pool_id, name, config, created, modified) VALUES ('c1', 'us-east-1_gone', 'app', '{}', 1, 1)");
    expect(await refusal(orphan)).toMatch(/rows name what it does not hold \(the first: app_clients -> user_pools\)/);
    expect(count(store, 'user_pools')).toBe(2);
  });

  it('brings a snapshot of an older schema up to date', async () => {
    await store.snapshots.save('one', 1);
    // As a sandbox before the breakpoints migration wrote it: no such table, an older version.
    const older = edited(store.snapshots.read('one')!, "DROP TABLE breakpoints; UPDATE meta SET value = '24' WHERE key = 'schema_version'");
    await store.snapshots.restore(older, 'older');
    expect(count(store, 'user_pools')).toBe(1);
    expect(count(store, 'breakpoints')).toBe(0);
  });

  it('names are file names, never paths', async () => {
    for (const name of ['../x', 'a/b', '.x', '', 'x'.repeat(65)]) await expect(store.snapshots.save(name, 1)).rejects.toBeInstanceOf(SnapshotFileError);
    expect(await store.snapshots.list()).toEqual([]);
  });
});
