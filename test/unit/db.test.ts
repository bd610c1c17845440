import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src-main/store/db.js';
import { tempDir } from '../support/sandbox.js';

const open = (dir: string) => Db.open({ dir, idleCheckpointMs: 60_000 });
const count = (db: Db) => db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM user_pools')!.n);
const insertPool = (db: Db, id: string) =>
  db.write((tx) => tx.run('INSERT INTO user_pools (id, name, created, modified, config) VALUES (?, ?, 1, 1, ?)', [id, id, '{}']));

describe('the journaled store', () => {
  it('replays acknowledged writes that never reached a snapshot (as after kill -9)', async () => {
    const dir = tempDir();
    const db = await open(dir); // never closed: as if the process died
    for (let i = 0; i < 25; i++) insertPool(db, `us-east-1_p${i}`);
    expect(fs.existsSync(path.join(dir, 'sandbox.db'))).toBe(false);

    const reopened = await open(dir);
    expect(count(reopened)).toBe(25);
    reopened.close();
  });

  it('ignores a torn last journal line: that write was never acknowledged', async () => {
    const dir = tempDir();
    const db = await open(dir);
    insertPool(db, 'us-east-1_a');
    insertPool(db, 'us-east-1_b');
    fs.appendFileSync(path.join(dir, 'journal.ndjson'), '{"s":3,"o":[["INSERT INTO user_pools');

    const reopened = await open(dir);
    expect(count(reopened)).toBe(2);
    reopened.close();
  });

  it('rolls back a failed transaction and journals nothing of it', async () => {
    const dir = tempDir();
    const db = await open(dir);
    insertPool(db, 'us-east-1_a');
    expect(() =>
      db.write((tx) => {
        tx.run('INSERT INTO user_pools (id, name, created, modified, config) VALUES (?, ?, 1, 1, ?)', ['us-east-1_b', 'b', '{}']);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(count(db)).toBe(1);

    const reopened = await open(dir);
    expect(count(reopened)).toBe(1);
    reopened.close();
  });

  it('replays nothing twice when a crash falls between the snapshot rename and the journal truncation', async () => {
    const dir = tempDir();
    const db = await open(dir);
    insertPool(db, 'us-east-1_a');
    insertPool(db, 'us-east-1_b');
    const journal = fs.readFileSync(path.join(dir, 'journal.ndjson'));
    db.checkpoint();
    // Put back the journal the checkpoint emptied: what a crash before truncation leaves.
    fs.writeFileSync(path.join(dir, 'journal.ndjson'), journal);

    const reopened = await open(dir);
    expect(count(reopened)).toBe(2);
    insertPool(reopened, 'us-east-1_c');
    reopened.close();
    const again = await open(dir);
    expect(count(again)).toBe(3);
    again.close();
  });

  it('closes cleanly into a snapshot and an empty journal', async () => {
    const dir = tempDir();
    const db = await open(dir);
    insertPool(db, 'us-east-1_a');
    db.close();
    expect(fs.statSync(path.join(dir, 'journal.ndjson')).size).toBe(0);
    expect(fs.existsSync(path.join(dir, 'sandbox.db.tmp'))).toBe(false);
    const reopened = await open(dir);
    expect(count(reopened)).toBe(1);
    reopened.close();
  });

  it('cascades a pool deletion to what hangs off it', async () => {
    const db = await Db.open();
    insertPool(db, 'us-east-1_a');
    db.write((tx) =>
      tx.run("INSERT INTO groups (pool_id, name, created, modified) VALUES ('us-east-1_a', 'admins', 1, 1)"),
    );
    db.write((tx) => tx.run("DELETE FROM user_pools WHERE id = 'us-east-1_a'"));
    expect(db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM groups')!.n)).toBe(0);
    db.close();
  });
});
