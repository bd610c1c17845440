/**
 * A snapshot's bytes: an SQLite file holding the sandbox's state tables as the database had them,
 * without the debugger's history (NOT_STATE), and a `snapshot` row in its `meta` table saying
 * when it was saved, under what name and what it holds. Being a plain SQLite file, it can be
 * downloaded, checked into a repository, opened with any SQLite tool and given to `--snapshot`.
 *
 * Opening one for a restore checks it is sound, refuses one a newer sandbox wrote (its schema is
 * past ours) and brings an older one up to date with our migrations, in memory.
 */
import type { Database as SqlJsDatabase, SqlValue } from 'sql.js';
import { checkIntegrity, loadSqlJs } from './db.js';
import { migrate } from './migrations/index.js';
import type { Params, Tx } from './tx.js';
import type { SnapshotContents } from '../../shared/snapshots.js';

export type { SnapshotContents };

/**
 * Tables that are no state of the sandbox, never saved nor replaced: the debugger's history (its
 * events, the flows they group and their pins, the outbox of messages already delivered) and the
 * database's own bookkeeping. A restore keeps them as they are, so the window's history runs on
 * through it. Debugger tools' tables (breakpoints, faults, the clock's offset) belong here too:
 * a restore puts back the sandbox, not how the developer is debugging it.
 */
export const NOT_STATE: ReadonlySet<string> = new Set([
  'meta',
  'events',
  'flows',
  'flow_pins',
  'outbox',
  'breakpoints',
  'faults',
  'sandbox_clock',
]);


/** What a snapshot file says of itself. */
export interface SnapshotHeader {
  name: string;
  savedAt: number;
  contents: SnapshotContents;
}

/** A file that is no snapshot this sandbox can restore: damaged, not SQLite, or from a newer sandbox. */
export class SnapshotFileError extends Error {
  override name = 'SnapshotFileError';
}

const COUNTED: Record<keyof SnapshotContents, string> = {
  userPools: 'user_pools',
  users: 'users',
  groups: 'groups',
  appClients: 'app_clients',
  identityPools: 'identity_pools',
  identities: 'identities',
};

let currentVersion: number | undefined;
/** The schema version `migrate` brings a database to (read once, from an empty database migrated). */
async function schemaVersion(): Promise<number> {
  if (currentVersion === undefined) {
    const empty = new (await loadSqlJs()).Database();
    try {
      const tx = detachedTx(empty);
      migrate(tx);
      currentVersion = Number(tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")!.value);
    } finally {
      empty.close();
    }
  }
  return currentVersion;
}

/** A statement runner over a database of our own, outside the journal. */
export function detachedTx(sql: SqlJsDatabase): Tx {
  const rows = <T>(text: string, params: Params = []): T[] => {
    const statement = sql.prepare(text);
    try {
      statement.bind(params);
      const found: T[] = [];
      while (statement.step()) found.push(statement.getAsObject() as T);
      return found;
    } finally {
      statement.free();
    }
  };
  return {
    run: (text, params = []) => {
      sql.run(text, params);
      return sql.getRowsModified();
    },
    get: <T>(text: string, params?: Params) => rows<T>(text, params)[0],
    all: rows,
  };
}

export const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The user tables of a database, by name. */
export function tablesOf(tx: Tx): string[] {
  return tx.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((t) => t.name);
}

export function columnsOf(tx: Tx, table: string): string[] {
  return tx.all<{ name: string }>(`PRAGMA table_info(${quoted(table)})`).map((c) => c.name);
}

function countContents(tx: Tx): SnapshotContents {
  const tables = new Set(tablesOf(tx));
  const count = (table: string) => (tables.has(table) ? Number(tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoted(table)}`)!.n) : 0);
  return Object.fromEntries(Object.entries(COUNTED).map(([key, table]) => [key, count(table)])) as unknown as SnapshotContents;
}

/**
 * The snapshot of a database exported whole (`Db.exportBytes`): its history tables emptied, its
 * header written, its free pages given back.
 */
export async function buildSnapshot(database: Uint8Array, name: string, savedAt: number): Promise<{ bytes: Uint8Array; header: SnapshotHeader }> {
  const SQL = await loadSqlJs();
  const sql = new SQL.Database(database);
  try {
    const tx = detachedTx(sql);
    for (const table of tablesOf(tx)) if (NOT_STATE.has(table) && table !== 'meta') tx.run(`DELETE FROM ${quoted(table)}`);
    tx.run("DELETE FROM meta WHERE key = 'journal_seq'");
    const header: SnapshotHeader = { name, savedAt, contents: countContents(tx) };
    tx.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot', ?)", [JSON.stringify(header)]);
    // Small pages: most tables of a young sandbox hold a few rows, and each takes a page at least.
    sql.run('PRAGMA page_size = 1024');
    sql.run('VACUUM');
    return { bytes: sql.export(), header };
  } finally {
    sql.close();
  }
}

/** A snapshot opened for reading: its header, its rows by table; close it when done. */
export interface OpenSnapshot {
  header: SnapshotHeader;
  tables: ReadonlySet<string>;
  /** Each row of `table` as the values of `columns`, in that order. */
  rows(table: string, columns: readonly string[]): Iterable<SqlValue[]>;
  close(): void;
}

/** Opens snapshot bytes, brought up to our schema; `fallbackName` names one whose header is missing. */
export async function openSnapshot(bytes: Uint8Array, fallbackName: string): Promise<OpenSnapshot> {
  const SQL = await loadSqlJs();
  let sql: SqlJsDatabase;
  try {
    // A plain Uint8Array view: given a Buffer, sql.js's file system keeps the Buffer's memory (its
    // slice() copies nothing) and the migration below would write into the caller's bytes.
    sql = new SQL.Database(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new SnapshotFileError(`it is not an SQLite database file (${(error as Error).message})`);
  }
  try {
    checkIntegrity(sql, bytes);
    const tx = detachedTx(sql);
    const hasMeta = tx.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'meta'") !== undefined;
    const version = hasMeta ? Number(tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")?.value ?? NaN) : NaN;
    if (!Number.isSafeInteger(version)) throw new Error("it has no schema version: it is not a sandbox's database");
    const ours = await schemaVersion();
    if (version > ours) throw new Error(`a newer Cognito Sandbox wrote it (schema ${version}; this one knows up to ${ours}): update the sandbox to restore it`);
    sql.run('BEGIN');
    migrate(tx);
    sql.run('COMMIT');
    const header = headerOf(tx, fallbackName);
    return {
      header,
      tables: new Set(tablesOf(tx)),
      *rows(table, columns) {
        const statement = sql.prepare(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)}`);
        try {
          while (statement.step()) yield statement.get();
        } finally {
          statement.free();
        }
      },
      close: () => sql.close(),
    };
  } catch (error) {
    sql.close();
    throw error instanceof SnapshotFileError ? error : new SnapshotFileError((error as Error).message);
  }
}

/** The header a snapshot file carries, or one made up from its contents when it has none (a sandbox.db copied in). */
function headerOf(tx: Tx, fallbackName: string): SnapshotHeader {
  const text = tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'snapshot'")?.value;
  try {
    const header = JSON.parse(text ?? 'null') as Partial<SnapshotHeader> | null;
    if (header && typeof header.savedAt === 'number' && typeof header.contents === 'object') {
      return { name: fallbackName, savedAt: header.savedAt, contents: { ...countContents(tx), ...header.contents } };
    }
  } catch {
    // A header that cannot be read: counted afresh below.
  }
  return { name: fallbackName, savedAt: 0, contents: countContents(tx) };
}

/** The header of snapshot bytes, for the list; throws SnapshotFileError when they are no snapshot. */
export async function readHeader(bytes: Uint8Array, name: string): Promise<SnapshotHeader> {
  const opened = await openSnapshot(bytes, name);
  try {
    return opened.header;
  } finally {
    opened.close();
  }
}
