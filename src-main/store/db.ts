/**
 * The one sql.js database, made durable with a write-ahead journal.
 *
 * sql.js keeps the whole database in memory, and exporting it costs time proportional to its
 * size, so writing the file on every acknowledged change cannot keep up. Instead every write
 * transaction appends its statements, as one JSON line, to `journal.ndjson` before it
 * commits; the line is in the kernel's page cache before the API answers, so a kill -9 after
 * the answer loses nothing. From time to time (and at close) a checkpoint exports the database
 * to `sandbox.db` (temp file, fsync, rename) and empties the journal. Opening loads the
 * snapshot and replays the journal lines it does not yet contain (each transaction records its
 * sequence number in the `meta` table, so a crash between the rename and the truncation replays
 * nothing twice). A torn last line is ignored: its transaction was never acknowledged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import initSqlJs, { type Database as SqlJsDatabase, type SqlValue, type Statement } from 'sql.js';
import { migrate } from './migrations/index.js';

export type Params = SqlValue[];
export type Row = Record<string, SqlValue>;

/** What repositories see: statements, nothing about files or journals. */
export interface Tx {
  run(sql: string, params?: Params): number;
  get<T = Row>(sql: string, params?: Params): T | undefined;
  all<T = Row>(sql: string, params?: Params): T[];
}

export interface DbOptions {
  /** Folder for `sandbox.db` and its journal; omitted: memory only. */
  dir?: string;
  /** Checkpoint once the journal grows past this many bytes. */
  checkpointBytes?: number;
  /** Checkpoint this long after the last write when the journal is not empty. */
  idleCheckpointMs?: number;
}

const SNAPSHOT = 'sandbox.db';
const JOURNAL = 'journal.ndjson';

let sqlJs: Promise<initSqlJs.SqlJsStatic> | undefined;
function loadSqlJs() {
  if (!sqlJs) {
    const resolve = createRequire(import.meta.url).resolve;
    const wasm = resolve('sql.js/dist/sql-wasm.wasm');
    sqlJs = initSqlJs({ locateFile: () => wasm });
  }
  return sqlJs;
}

export class Db {
  private statements = new Map<string, Statement>();
  private pending: [string, Params][] | undefined;
  private seq: number;
  private journalFd: number | undefined;
  private journalBytes = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private rollbackListeners: (() => void)[] = [];

  private constructor(
    private readonly sql: SqlJsDatabase,
    private readonly options: DbOptions,
  ) {
    this.seq = 0;
  }

  static async open(options: DbOptions = {}): Promise<Db> {
    const SQL = await loadSqlJs();
    let data: Uint8Array | undefined;
    if (options.dir) {
      fs.mkdirSync(options.dir, { recursive: true });
      const file = path.join(options.dir, SNAPSHOT);
      if (fs.existsSync(file)) data = fs.readFileSync(file);
    }
    const db = new Db(new SQL.Database(data), options);
    // Durability comes from our journal; SQLite's own rollback journal only needs memory.
    db.sql.run('PRAGMA journal_mode = MEMORY');
    db.sql.run('PRAGMA synchronous = OFF');
    db.sql.run('PRAGMA temp_store = MEMORY');
    db.sql.run('PRAGMA foreign_keys = ON');
    migrate(db.rawTx());
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

  /** Writes the snapshot atomically and empties the journal. */
  checkpoint(): void {
    if (!this.options.dir || this.journalFd === undefined) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const file = path.join(this.options.dir, SNAPSHOT);
    const temp = `${file}.tmp`;
    const data = this.sql.export();
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    fs.ftruncateSync(this.journalFd, 0);
    this.journalBytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.checkpoint();
    this.closed = true;
    if (this.journalFd !== undefined) fs.closeSync(this.journalFd);
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
    this.sql.close();
  }

  /** Approximate size of the database in bytes (page count times page size). */
  sizeBytes(): number {
    const [pages] = this.sql.exec('PRAGMA page_count')[0]!.values[0]!;
    const [size] = this.sql.exec('PRAGMA page_size')[0]!.values[0]!;
    return Number(pages) * Number(size);
  }

  private openJournal(): void {
    const file = path.join(this.options.dir!, JOURNAL);
    if (fs.existsSync(file)) this.replay(fs.readFileSync(file, 'utf8'));
    this.journalFd = fs.openSync(file, 'a');
    this.journalBytes = fs.fstatSync(this.journalFd).size;
    // Fold what was replayed into a fresh snapshot so the journal starts empty.
    if (this.journalBytes > 0) this.checkpoint();
  }

  private replay(text: string): void {
    for (const line of text.split('\n')) {
      if (!line) continue;
      let entry: { s: number; o: [string, Params][] };
      try {
        entry = JSON.parse(line);
      } catch {
        break; // a torn tail: that transaction was never acknowledged
      }
      if (entry.s <= this.seq) continue;
      this.sql.run('BEGIN');
      try {
        for (const [sql, params] of entry.o) this.statement(sql).run(params);
        this.sql.run('COMMIT');
      } catch (error) {
        this.sql.run('ROLLBACK');
        throw error;
      }
      this.seq = entry.s;
    }
  }

  private appendToJournal(seq: number, ops: [string, Params][]): void {
    if (this.journalFd === undefined) return;
    const line = JSON.stringify({ s: seq, o: ops }) + '\n';
    const bytes = Buffer.from(line, 'utf8');
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(this.journalFd, bytes, written);
    this.journalBytes += bytes.length;
    this.scheduleCheckpoint();
  }

  private scheduleCheckpoint(): void {
    const limit = this.options.checkpointBytes ?? 64 * 1024 * 1024;
    if (this.journalBytes >= limit) {
      // After the current transaction commits.
      queueMicrotask(() => !this.closed && this.checkpoint());
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => !this.closed && this.checkpoint(), this.options.idleCheckpointMs ?? 5_000);
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
