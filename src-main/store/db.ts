/**
 * The one sql.js database, made durable with a write-ahead journal.
 *
 * sql.js keeps the whole database in memory, and exporting it costs time proportional to its
 * size, so writing the file on every acknowledged change cannot keep up. Instead every write
 * transaction appends its statements, as one checksummed record (journal.ts), to
 * `journal.ndjson` before it commits; the record is in the kernel's page cache before the API
 * answers, so a kill -9 after the answer loses nothing. From time to time (and at close) a
 * checkpoint exports the database to `sandbox.db` (temp file, fsync, rename) and empties the
 * journal. Opening loads the snapshot and replays the journal records it does not yet contain
 * (each transaction records its sequence number in the `meta` table, so a crash between the
 * rename and the truncation replays nothing twice).
 *
 * When the disk refuses a record (full, failing), the bytes it took are cut off again before
 * anything else is written, the transaction rolls back, and the caller gets a StorageError: the
 * database never holds a change the journal does not. A journal that could not be read whole at
 * opening is set aside for inspection by the checkpoint that replaces it, never emptied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import initSqlJs, { type Database as SqlJsDatabase, type Statement } from 'sql.js';
import { encodeRecord, scanJournal } from './journal.js';
import { migrate } from './migrations/index.js';
import type { Params, Tx } from './tx.js';

export type { Params, Row, Tx } from './tx.js';

export interface DbOptions {
  /** Folder for `sandbox.db` and its journal; omitted: memory only. */
  dir?: string;
  /** Checkpoint once the journal grows past this many bytes. */
  checkpointBytes?: number;
  /** Checkpoint this long after the last write when the journal is not empty. */
  idleCheckpointMs?: number;
}

/** The disk refused a change (or the files are damaged); `code` is the errno name, or CORRUPT. */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

const SNAPSHOT = 'sandbox.db';
const JOURNAL = 'journal.ndjson';
const QUICK_CHECK_BYTES = 32 * 1024 * 1024;

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full (ENOSPC)',
  EDQUOT: 'the disk quota is used up (EDQUOT)',
  EIO: 'the disk reported an input/output error (EIO)',
  EROFS: 'the file system is read-only (EROFS)',
  EACCES: 'permission was denied (EACCES)',
  EPERM: 'the operation was not permitted (EPERM)',
};

function storageError(error: unknown, what: string, file: string): StorageError {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';
  const cause = CAUSES[code] ?? (error as Error)?.message ?? String(error);
  const advice =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? ' Free some space: the sandbox refuses changes until there is room, then accepts them again.'
      : '';
  return new StorageError(code, `The sandbox could not ${what}: ${cause}, writing ${file}.${advice}`, { cause: error });
}

function report(message: string): void {
  console.error(`[store] ${message}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

let sqlJs: Promise<initSqlJs.SqlJsStatic> | undefined;
/** sql.js, loaded once: snapshots (snapshot-file.ts) open databases of their own with it. */
export function loadSqlJs(): Promise<initSqlJs.SqlJsStatic> {
  if (!sqlJs) {
    const resolve = createRequire(import.meta.url).resolve;
    const wasm = resolve('sql.js/dist/sql-wasm.wasm');
    sqlJs = initSqlJs({ locateFile: () => wasm });
  }
  return sqlJs;
}

/**
 * Throws when `data`, loaded into `sql`, is not a sound SQLite database: its length against its
 * header always, its b-trees (quick_check, ~2.5 ms per MB) when it is small enough not to
 * slow every start of a large sandbox.
 */
export function checkIntegrity(sql: SqlJsDatabase, data: Uint8Array): void {
  if (data.length === 0) return; // SQLite's empty database
  const header = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 100));
  if (header.length < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new Error('not an SQLite database file');
  const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
  const expected = header.readUInt32BE(28) * pageSize;
  // The header's page count holds only when written by the change its counter names.
  if (header.readUInt32BE(92) === header.readUInt32BE(24) && expected !== data.length) {
    throw new Error(`${data.length} bytes where its header says ${expected}: it was cut short or added to`);
  }
  if (data.length > QUICK_CHECK_BYTES) return;
  const problems = sql.exec('PRAGMA quick_check')[0]?.values.map(([text]) => String(text)) ?? [];
  if (problems.length !== 1 || problems[0] !== 'ok') throw new Error(problems.slice(0, 3).join('; ') || 'no answer to quick_check');
}

/**
 * Writes `data` to `temp`, syncs it and renames it over `file`: `file` holds its old bytes or the
 * new, whole. On failure `temp` is removed and the error thrown as it came.
 */
export function replaceFile(file: string, temp: string, data: Uint8Array): void {
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      for (let written = 0; written < data.length; ) written += fs.writeSync(fd, data, written, data.length - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export class Db {
  private statements = new Map<string, Statement>();
  private pending: [string, Params][] | undefined;
  private seq = 0;
  private journalFd: number | undefined;
  /** The journal's length up to its last whole record. */
  private journalBytes = 0;
  /** A failed append left bytes past `journalBytes` that could not be cut off yet. */
  private journalDirty = false;
  /** Set when the journal could not be replayed whole: the next checkpoint renames it to this. */
  private keepJournalAs: string | undefined;
  /** The errno of the refusal in progress, so a full disk is reported once, not per request. */
  private refusing: string | undefined;
  private checkpointFailures = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private rollbackListeners: (() => void)[] = [];

  private constructor(
    private readonly sql: SqlJsDatabase,
    private readonly options: DbOptions,
  ) {}

  static async open(options: DbOptions = {}): Promise<Db> {
    const SQL = await loadSqlJs();
    let data: Uint8Array | undefined;
    const file = options.dir ? path.join(options.dir, SNAPSHOT) : '';
    if (options.dir) {
      fs.mkdirSync(options.dir, { recursive: true });
      if (fs.existsSync(file)) data = fs.readFileSync(file);
    }
    const db = new Db(new SQL.Database(data), options);
    try {
      if (data) checkIntegrity(db.sql, data);
      // Durability comes from our journal; SQLite's own rollback journal only needs memory.
      db.sql.run('PRAGMA journal_mode = MEMORY');
      db.sql.run('PRAGMA synchronous = OFF');
      db.sql.run('PRAGMA temp_store = MEMORY');
      db.sql.run('PRAGMA foreign_keys = ON');
      migrate(db.rawTx());
    } catch (error) {
      db.sql.close();
      if (!data) throw error;
      throw new StorageError(
        'CORRUPT',
        `The database file ${file} is damaged (${(error as Error).message}). ` +
          `Restore it from a backup, or move it and ${path.join(options.dir!, JOURNAL)} elsewhere to start with an empty sandbox; ` +
          'nothing in the data folder was changed.',
        { cause: error },
      );
    }
    db.seq = Number(db.rawTx().get<{ value: string }>("SELECT value FROM meta WHERE key = 'journal_seq'")?.value ?? 0);
    if (options.dir) db.openJournal();
    return db;
  }

  /** A read: never journaled. */
  read<T>(fn: (tx: Tx) => T): T {
    return fn(this.rawTx());
  }

  /** A transaction whose statements reach the journal before it commits. */
  write<T>(fn: (tx: Tx) => T): T {
    if (this.pending) return fn(this.journalingTx());
    if (this.closed) throw new Error('the store is closed');
    this.pending = [];
    const seqBefore = this.seq;
    this.sql.run('BEGIN');
    try {
      const result = fn(this.journalingTx());
      if (this.pending.length > 0) {
        this.seq += 1;
        this.journalingTx().run("UPDATE meta SET value = ? WHERE key = 'journal_seq'", [String(this.seq)]);
        this.appendToJournal(this.seq, this.pending);
      }
      this.sql.run('COMMIT');
      return result;
    } catch (error) {
      this.seq = seqBefore;
      this.sql.run('ROLLBACK');
      for (const listener of this.rollbackListeners) listener();
      throw error;
    } finally {
      this.pending = undefined;
    }
  }

  /** Called after a transaction rolls back: caches of what it wrote must forget it. */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /**
   * Writes the snapshot atomically and empties the journal (or sets a damaged one aside).
   * Throws a StorageError when the snapshot cannot be written; the journal is then untouched.
   */
  checkpoint(): void {
    if (!this.options.dir || this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const file = path.join(this.options.dir, SNAPSHOT);
    const temp = `${file}.tmp`;
    try {
      replaceFile(file, temp, this.sql.export());
    } catch (error) {
      throw storageError(error, 'write its snapshot', temp);
    }
    // Everything is in the snapshot now; should what follows fail, the journal's records are
    // all at or below the snapshot's sequence number, and replaying them changes nothing.
    const journal = path.join(this.options.dir, JOURNAL);
    if (this.keepJournalAs) {
      const kept = path.join(this.options.dir, this.keepJournalAs);
      try {
        fs.renameSync(journal, kept);
      } catch (error) {
        report(`Could not set the damaged journal aside (${(error as Error).message}); it stays in ${journal}.`);
        return;
      }
      this.keepJournalAs = undefined;
      if (this.journalFd !== undefined) fs.closeSync(this.journalFd);
      this.journalFd = undefined;
      this.journalBytes = 0;
      this.journalDirty = false;
      report(`The damaged journal is kept as ${kept}; its readable records are in ${file}.`);
      return;
    }
    try {
      if (this.journalFd !== undefined) fs.ftruncateSync(this.journalFd, 0);
      this.journalBytes = 0;
      this.journalDirty = false;
    } catch {
      // Left as it is: replaying it again is harmless, and the next checkpoint tries again.
    }
  }

  close(): void {
    if (this.closed) return;
    try {
      this.checkpoint();
    } catch (error) {
      report(`${(error as Error).message} Every change is in ${path.join(this.options.dir!, JOURNAL)}, replayed at the next start.`);
    }
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.journalFd !== undefined) fs.closeSync(this.journalFd);
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
    this.sql.close();
  }

  /** The whole database as an SQLite file's bytes (what a checkpoint writes); not inside a transaction. */
  exportBytes(): Uint8Array {
    if (this.pending) throw new Error('the database cannot be exported inside a transaction');
    return this.sql.export();
  }

  /** Approximate size of the database in bytes (page count times page size). */
  sizeBytes(): number {
    return this.pragma('page_count') * this.pragma('page_size');
  }

  /**
   * Gives the space of deleted rows back when it is most of the database (VACUUM; not
   * journaled, as it changes no row). Costs time in proportion to the database: for start-up.
   */
  compactIfSparse(): boolean {
    const free = this.pragma('freelist_count');
    if (free * this.pragma('page_size') < 4 * 1024 * 1024 || free < this.pragma('page_count') / 4) return false;
    this.sql.run('VACUUM');
    return true;
  }

  private pragma(name: string): number {
    return Number(this.sql.exec(`PRAGMA ${name}`)[0]!.values[0]![0]);
  }

  private openJournal(): void {
    const file = path.join(this.options.dir!, JOURNAL);
    let data: Buffer;
    try {
      data = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    } catch (error) {
      throw new StorageError((error as NodeJS.ErrnoException).code ?? 'EIO', `The journal ${file} cannot be read (${(error as Error).message}).`, { cause: error });
    }
    const problems = this.replay(data, file);
    if (problems) report(problems);
    this.openJournalFile(file);
    if (this.journalBytes === 0) return;
    // Fold what was replayed into a fresh snapshot so the journal starts empty.
    try {
      this.checkpoint();
    } catch (error) {
      this.checkpointFailures = 1;
      this.scheduleRetry();
      report(`${(error as Error).message} The journal keeps every change${problems ? `, and stays in ${file} as it is` : ''}; trying again later.`);
    }
  }

  private openJournalFile(file: string): void {
    this.journalFd = fs.openSync(file, 'a');
    this.journalBytes = fs.fstatSync(this.journalFd).size;
  }

  /** Applies the records the snapshot lacks; describes what could not be, if anything. */
  private replay(data: Buffer, file: string): string | undefined {
    const scan = scanJournal(data);
    const failed: string[] = [];
    for (const { entry } of scan.entries) {
      if (entry.s <= this.seq) continue;
      this.sql.run('BEGIN');
      try {
        for (const [sql, params] of entry.o) this.statement(sql).run(params);
        this.sql.run('COMMIT');
      } catch (error) {
        this.sql.run('ROLLBACK');
        failed.push(`${entry.s} (${(error as Error).message})`);
      }
      this.seq = entry.s;
    }
    this.rawTx().run("UPDATE meta SET value = ? WHERE key = 'journal_seq'", [String(this.seq)]);

    if (scan.damaged.length === 0 && failed.length === 0) {
      if (scan.tornAt !== undefined) {
        report(`${file} ended with ${plural(data.length - scan.tornAt, 'byte')} of a record cut short, a change never acknowledged: dropped.`);
        try {
          fs.truncateSync(file, scan.tornAt);
        } catch {
          // Appending after it is still safe: reading resynchronises on the next record.
        }
      }
      return undefined;
    }
    const parts: string[] = [];
    if (scan.damaged.length > 0) {
      const bytes = scan.damaged.reduce((sum, d) => sum + d.to - d.from, 0);
      const first = scan.damaged[0]!;
      const after = scan.entries.filter((e) => e.at > first.from).length;
      let missing = 0;
      for (let i = 1; i < scan.entries.length; i++) missing += Math.max(0, scan.entries[i]!.entry.s - scan.entries[i - 1]!.entry.s - 1);
      parts.push(
        `The journal ${file} is damaged: ${plural(bytes, 'byte')} in ${plural(scan.damaged.length, 'place')} (the first at byte ${first.from}) could not be read` +
          (missing > 0 ? `, losing ${plural(missing, 'change')}` : '') +
          `; the ${plural(after, 'good record')} after the damage were replayed.`,
      );
    }
    if (failed.length > 0) parts.push(`${plural(failed.length, 'journal record')} could not be applied: ${failed.slice(0, 3).join('; ')}.`);
    this.keepJournalAs = `journal.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson`;
    return parts.join(' ');
  }

  private appendToJournal(seq: number, ops: [string, Params][]): void {
    if (!this.options.dir) return;
    const file = path.join(this.options.dir, JOURNAL);
    try {
      if (this.journalFd === undefined) this.openJournalFile(file);
      if (this.journalDirty) {
        fs.ftruncateSync(this.journalFd!, this.journalBytes);
        this.journalDirty = false;
      }
    } catch (error) {
      throw this.refuse(error, file);
    }
    const record = encodeRecord({ s: seq, o: ops });
    try {
      for (let written = 0; written < record.length; ) written += fs.writeSync(this.journalFd!, record, written, record.length - written);
    } catch (error) {
      // Cut off whatever part of the record the disk took, before anything else is written.
      try {
        fs.ftruncateSync(this.journalFd!, this.journalBytes);
      } catch {
        this.journalDirty = true;
      }
      throw this.refuse(error, file);
    }
    this.journalBytes += record.length;
    if (this.refusing) {
      report('Changes are saved again.');
      this.refusing = undefined;
    }
    this.scheduleCheckpoint();
  }

  private refuse(error: unknown, file: string): StorageError {
    const failure = storageError(error, 'save the change', file);
    if (this.refusing !== failure.code) report(`${failure.message} Reads still work.`);
    this.refusing = failure.code;
    return failure;
  }

  private scheduleCheckpoint(): void {
    if (this.checkpointFailures > 0) return; // a retry is on its way
    const limit = this.options.checkpointBytes ?? 64 * 1024 * 1024;
    if (this.journalBytes >= limit) {
      // After the current transaction commits.
      queueMicrotask(() => this.checkpointInBackground());
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.checkpointInBackground(), this.options.idleCheckpointMs ?? 5_000);
    this.idleTimer.unref();
  }

  /** A checkpoint no caller waits for: a failure is reported and retried, never thrown. */
  private checkpointInBackground(): void {
    if (this.closed) return;
    try {
      this.checkpoint();
    } catch (error) {
      this.checkpointFailures += 1;
      if (this.checkpointFailures === 1) report(`${(error as Error).message} The journal keeps every change; trying again later.`);
      this.scheduleRetry();
      return;
    }
    if (this.checkpointFailures > 0) report('The snapshot is written again.');
    this.checkpointFailures = 0;
  }

  private scheduleRetry(): void {
    const delay = (this.options.idleCheckpointMs ?? 5_000) * Math.min(2 ** this.checkpointFailures, 12);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.checkpointInBackground(), delay);
    this.idleTimer.unref();
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sql.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private rawTx(): Tx {
    return {
      run: (sql, params = []) => {
        this.statement(sql).run(params);
        return this.sql.getRowsModified();
      },
      get: <T>(sql: string, params: Params = []) => {
        const statement = this.statement(sql);
        try {
          statement.bind(params);
          return (statement.step() ? statement.getAsObject() : undefined) as T | undefined;
        } finally {
          statement.reset();
        }
      },
      all: <T>(sql: string, params: Params = []) => {
        const statement = this.statement(sql);
        const rows: T[] = [];
        try {
          statement.bind(params);
          while (statement.step()) rows.push(statement.getAsObject() as T);
        } finally {
          statement.reset();
        }
        return rows;
      },
    };
  }

  private journalingTx(): Tx {
    const raw = this.rawTx();
    return {
      ...raw,
      run: (sql, params = []) => {
        this.pending!.push([sql, params]);
        return raw.run(sql, params);
      },
    };
  }
}
