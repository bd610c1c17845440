import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Db } from '../../src-main/store/db.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-journal-'));
const open = (dir: string) => Db.open({ dir, idleCheckpointMs: 60_000 });
const ids = (db: Db) => db.read((tx) => tx.all<{ id: string }>('SELECT id FROM user_pools ORDER BY created, id')).map((r) => r.id);
const insertPool = (db: Db, id: string, created = 1) =>
  db.write((tx) => tx.run('INSERT INTO user_pools (id, name, created, modified, config) VALUES (?, ?, ?, 1, ?)', [id, id, created, '{}']));
const journalOf = (dir: string) => path.join(dir, 'journal.ndjson');
const pools = (n: number) => Array.from({ length: n }, (_, i) => `us-east-1_p${String(i).padStart(3, '0')}`);

function diskFull(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/** Writes `ids` as one transaction each and leaves the Db unclosed, as a kill -9 would. */
async function journalWith(ids: string[]): Promise<string> {
  const dir = tempDir();
  const db = await open(dir);
  ids.forEach((id, i) => insertPool(db, id, i));
  return dir;
}

function damage(file: string, at: number, bytes: Buffer | string): void {
  const data = fs.readFileSync(file);
  Buffer.from(bytes).copy(data, at);
  fs.writeFileSync(file, data);
}

const keptCopies = (dir: string) => fs.readdirSync(dir).filter((name) => /^journal\.damaged-.+\.ndjson$/.test(name));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the journal under a full disk', () => {
  it('rolls a half-written record back, so the writes acknowledged after it survive', async () => {
    const dir = tempDir();
    const db = await open(dir);
    insertPool(db, 'us-east-1_before', 1);
    const sizeBefore = fs.statSync(journalOf(dir)).size;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const write = fs.writeSync;
    const spy = vi
      .spyOn(fs, 'writeSync')
      // The kernel takes half of the record, then refuses the rest.
      .mockImplementationOnce(((fd: number, buffer: Buffer, offset: number, length: number) =>
        write(fd, buffer, offset, Math.ceil(length / 2))) as typeof fs.writeSync)
      .mockImplementation(() => {
        throw diskFull();
      });
    let failure: any;
    try {
      insertPool(db, 'us-east-1_refused', 2);
    } catch (error) {
      failure = error;
    }
    spy.mockRestore();
    expect(failure?.code).toBe('ENOSPC');
    expect(failure?.message).toMatch(/could not save the change: the disk is full \(ENOSPC\)/);
    expect(fs.statSync(journalOf(dir)).size).toBe(sizeBefore);
    expect(ids(db)).toEqual(['us-east-1_before']);

    const acknowledged = pools(50);
    acknowledged.forEach((id, i) => insertPool(db, id, 10 + i));
    expect(errors.mock.calls.flat().join('\n')).toMatch(/disk is full[^]*saved again/);

    const reopened = await open(dir); // the first one never closed: a kill -9
    expect(ids(reopened)).toEqual(['us-east-1_before', ...acknowledged]);
    reopened.close();
  });

  it('keeps the journal when a checkpoint cannot write the snapshot', async () => {
    const dir = tempDir();
    const db = await open(dir);
    const written = pools(5);
    written.forEach((id, i) => insertPool(db, id, i));
    const journal = fs.readFileSync(journalOf(dir));
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw diskFull();
    });
    expect(() => db.checkpoint()).toThrow(/disk is full/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(journalOf(dir))).toEqual(journal);
    expect(fs.existsSync(path.join(dir, 'sandbox.db.tmp'))).toBe(false);

    const reopened = await open(dir);
    expect(ids(reopened)).toEqual(written);
    reopened.close();
  });
});

describe('checkpoints on a full disk', () => {
  it('reports a failed background checkpoint and retries it, never throwing from its timer', async () => {
    const dir = tempDir();
    const db = await Db.open({ dir, idleCheckpointMs: 20 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    insertPool(db, 'us-east-1_a');
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw diskFull();
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(errors.mock.calls.flat().join('\n')).toMatch(/could not write its snapshot: the disk is full/);
    expect(fs.statSync(journalOf(dir)).size).toBeGreaterThan(0);

    vi.mocked(fs.writeSync).mockRestore();
    await vi.waitFor(() => expect(fs.statSync(journalOf(dir)).size).toBe(0), { timeout: 2_000, interval: 20 });
    expect(errors.mock.calls.flat().join('\n')).toMatch(/snapshot is written again/);
    db.close();
    const reopened = await open(dir);
    expect(ids(reopened)).toEqual(['us-east-1_a']);
    reopened.close();
  });
});

describe('replaying a damaged journal', () => {
  it('drops a torn last record, which was never acknowledged, without setting the journal aside', async () => {
    const dir = await journalWith(pools(10));
    const size = fs.statSync(journalOf(dir)).size;
    fs.truncateSync(journalOf(dir), size - 7);
    vi.spyOn(console, 'error').mockImplementation(() => {});

    const reopened = await open(dir);
    expect(ids(reopened)).toEqual(pools(9));
    expect(keptCopies(dir)).toEqual([]);
    reopened.close();
  });

  it('keeps every good record after a damaged one, says so, and keeps the damaged journal', async () => {
    const written = pools(12);
    const dir = await journalWith(written);
    const original = fs.readFileSync(journalOf(dir));
    // One changed byte inside the 5th record's pool id: still valid JSON, only a checksum sees it.
    damage(journalOf(dir), original.indexOf('us-east-1_p004'), 'X');
    const damaged = fs.readFileSync(journalOf(dir));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const reopened = await open(dir);
    expect(ids(reopened)).toEqual(written.filter((id) => id !== 'us-east-1_p004'));
    const said = errors.mock.calls.flat().join('\n');
    expect(said).toMatch(/journal/);
    expect(said).toMatch(/damaged/);
    const copies = keptCopies(dir);
    expect(copies).toHaveLength(1);
    expect(said).toContain(copies[0]);
    expect(fs.readFileSync(path.join(dir, copies[0]!))).toEqual(damaged);
    insertPool(reopened, 'us-east-1_later', 100);
    reopened.close();

    const again = await open(dir);
    expect(ids(again)).toEqual([...written.filter((id) => id !== 'us-east-1_p004'), 'us-east-1_later']);
    again.close();
  });

  it('resynchronises after garbage in the middle of the journal', async () => {
    const written = pools(30);
    const dir = await journalWith(written);
    const original = fs.readFileSync(journalOf(dir));
    const from = original.indexOf('us-east-1_p010');
    const to = original.indexOf('us-east-1_p011');
    // From inside the 11th record to inside the 12th: neither's framing survives.
    damage(journalOf(dir), from, Buffer.alloc(to - from, 0x00));
    vi.spyOn(console, 'error').mockImplementation(() => {});

    const reopened = await open(dir);
    expect(ids(reopened)).toEqual(written.filter((id) => id !== 'us-east-1_p010' && id !== 'us-east-1_p011'));
    expect(keptCopies(dir)).toHaveLength(1);
    reopened.close();
  });

  it('reads a journal written in the old format, resynchronising past a half line an old full disk left', async () => {
    const dir = tempDir();
    const line = (s: number, id: string) =>
      JSON.stringify({ s, o: [['INSERT INTO user_pools (id, name, created, modified, config) VALUES (?, ?, ?, 1, ?)', [id, id, s, '{}']]] });
    const lines = [line(1, 'us-east-1_old1'), line(2, 'us-east-1_old2')];
    const torn = line(3, 'us-east-1_torn').slice(0, 40); // no newline: the next record ran on
    const after = Array.from({ length: 5 }, (_, i) => line(4 + i, `us-east-1_after${i}`));
    fs.writeFileSync(journalOf(dir), `${lines.join('\n')}\n${torn}${after.join('\n')}\n`);
    vi.spyOn(console, 'error').mockImplementation(() => {});

    const db = await open(dir);
    expect(ids(db)).toEqual(['us-east-1_old1', 'us-east-1_old2', ...Array.from({ length: 5 }, (_, i) => `us-east-1_after${i}`)]);
    insertPool(db, 'us-east-1_new', 50);
    db.close();
    const again = await open(dir);
    expect(ids(again)).toContain('us-east-1_new');
    expect(ids(again)).toHaveLength(8);
    again.close();
  });
});

describe('a damaged snapshot', () => {
  it('refuses to open with a message that names the file', async () => {
    const dir = await journalWith(pools(3));
    const file = path.join(dir, 'sandbox.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x41));
    const failure = await open(dir).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain(file);
    expect(failure?.message).toMatch(/damaged/);
    expect(fs.readFileSync(file)).toEqual(Buffer.alloc(8192, 0x41));
  });

  it('refuses a snapshot cut short, saying so', async () => {
    const dir = await journalWith(pools(200));
    (await open(dir)).close();
    const file = path.join(dir, 'sandbox.db');
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, whole.length / 2));
    const failure = await open(dir).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain(file);
    expect(failure?.message).toMatch(/damaged \(\d+ bytes where its header says \d+: it was cut short/);
  });
});
