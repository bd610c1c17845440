/**
 * Named snapshots of the sandbox's state: saved, listed, read (to download), deleted, restored.
 *
 * Where they live: `<dataDir>/snapshots/<name>.sqlite`, one SQLite file each (snapshot-file.ts),
 * or in memory for a sandbox that keeps nothing on disk. A save writes a temporary file, syncs it
 * and renames it over the name, then syncs the folder: a crash or a full disk leaves the old
 * snapshot or the new one, never half of one (the temporary file is removed when the disk refuses).
 *
 * A restore is one journaled transaction (db.ts): every state table emptied and filled with the
 * snapshot's rows, so it lands whole or not at all, is in the journal before it is acknowledged
 * (a kill -9 after the answer keeps it), and a disk that refuses the record leaves the sandbox as
 * it was. What mirrors the store in memory learns of it through `onRestored`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { replaceFile, StorageError, type Db, type Row, type Tx } from './db.js';
import { buildSnapshot, columnsOf, NOT_STATE, openSnapshot, quoted, readHeader, SnapshotFileError, tablesOf, type SnapshotHeader } from './snapshot-file.js';

export { SnapshotFileError, type SnapshotContents, type SnapshotHeader } from './snapshot-file.js';

/** A snapshot as listed: its header, its size, and why it cannot be restored when it cannot. */
export interface SnapshotInfo extends SnapshotHeader {
  bytes: number;
  /** Set when the file is no snapshot this sandbox can restore (damaged, or from a newer sandbox). */
  problem?: string;
}

/** What a restore replaced the state with. */
export interface RestoredSnapshot {
  header: SnapshotHeader;
  /** Rows written, over every state table. */
  rows: number;
}

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit: a file name on every system, and no path. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EXTENSION = '.sqlite';

export function isSnapshotName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

export const SNAPSHOT_NAME_RULE = 'A snapshot name is 1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit.';

/** Where snapshots are kept: a folder, or memory. */
interface Shelf {
  names(): string[];
  read(name: string): Uint8Array | undefined;
  /** Size and change time, to know when a listed header is stale. */
  stamp(name: string): { bytes: number; changed: number } | undefined;
  write(name: string, bytes: Uint8Array): void;
  remove(name: string): boolean;
  /** The folder, or `memory`. */
  where: string;
}

/** What an in-memory sandbox keeps of snapshots at most, all together: saves and uploads past it are refused. */
export const MEMORY_SHELF_BYTES = 1024 * 1024 * 1024;

function memoryShelf(limitBytes: number): Shelf {
  const kept = new Map<string, { bytes: Uint8Array; changed: number }>();
  let writes = 0;
  const keptBytes = (except: string) => [...kept].reduce((sum, [name, entry]) => (name === except ? sum : sum + entry.bytes.length), 0);
  return {
    names: () => [...kept.keys()],
    read: (name) => kept.get(name)?.bytes,
    stamp: (name) => {
      const entry = kept.get(name);
      return entry && { bytes: entry.bytes.length, changed: entry.changed };
    },
    write: (name, bytes) => {
      if (keptBytes(name) + bytes.length > limitBytes) {
        throw new StorageError('ENOSPC', `The sandbox keeps at most ${Math.round(limitBytes / 1024 / 1024)} MB of snapshots in memory (it keeps nothing on disk): delete one, or start it with --data-dir. Nothing was changed.`);
      }
      kept.set(name, { bytes, changed: ++writes });
    },
    remove: (name) => kept.delete(name),
    where: 'memory',
  };
}

function folderShelf(dir: string): Shelf {
  const file = (name: string) => path.join(dir, `${name}${EXTENSION}`);
  return {
    names: () => {
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir)
        .filter((entry) => entry.endsWith(EXTENSION))
        .map((entry) => entry.slice(0, -EXTENSION.length))
        .filter(isSnapshotName);
    },
    read: (name) => (fs.existsSync(file(name)) ? fs.readFileSync(file(name)) : undefined),
    stamp: (name) => {
      try {
        const stat = fs.statSync(file(name));
        return { bytes: stat.size, changed: stat.mtimeMs };
      } catch {
        return undefined;
      }
    },
    write: (name, bytes) => writeDurably(dir, file(name), bytes),
    remove: (name) => {
      if (!fs.existsSync(file(name))) return false;
      try {
        fs.rmSync(file(name));
      } catch (error) {
        throw storageFailure(error, `delete ${file(name)}`);
      }
      return true;
    },
    where: dir,
  };
}

function storageFailure(error: unknown, what: string): StorageError {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  return new StorageError(
    code,
    `The sandbox could not ${what}: ${full ? 'the disk is full' : (error as Error).message} (${code}).${full ? ' Free some space and save again; nothing was changed.' : ''}`,
    { cause: error },
  );
}

/** Temporary file, fsync, rename (replaceFile), then fsync of the folder, so that the rename lasts too. */
function writeDurably(dir: string, file: string, bytes: Uint8Array): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    replaceFile(file, `${file}.${process.pid}.tmp`, bytes);
  } catch (error) {
    throw storageFailure(error, `save the snapshot ${file}`);
  }
  try {
    const folder = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(folder);
    } finally {
      fs.closeSync(folder);
    }
  } catch {
    // Some file systems cannot sync a folder; the rename is as durable as they make it.
  }
}

/**
 * The rows of tables a restore keeps (NOT_STATE) that hang off state by a foreign key (a pool's
 * breakpoints): emptying the state tables cascades to them, so they are read first and put back
 * after, those whose parent the snapshot lacks left out (as deleting that parent would).
 */
function keepFromCascades(tx: Tx): { putBack(): void } {
  const tables = tablesOf(tx).filter((table) => NOT_STATE.has(table) && tx.all(`PRAGMA foreign_key_list(${quoted(table)})`).length > 0);
  const saved = tables.map((table) => {
    const columns = columnsOf(tx, table);
    const rows = tx.all<Row>(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)}`);
    return { table, columns, rows };
  });
  return {
    putBack() {
      for (const { table, columns, rows } of saved) {
        const insert = `INSERT OR IGNORE INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        for (const row of rows) tx.run(insert, columns.map((column) => row[column] ?? null));
        for (const { rowid } of tx.all<{ rowid: number }>(`PRAGMA foreign_key_check(${quoted(table)})`)) {
          tx.run(`DELETE FROM ${quoted(table)} WHERE rowid = ?`, [rowid]);
        }
      }
    },
  };
}

export class Snapshots {
  private readonly shelf: Shelf;
  /** Headers already read, by name, with the stamp they were read at. */
  private readonly headers = new Map<string, { stamp: string; info: SnapshotInfo }>();
  private readonly restoredListeners: (() => void)[] = [];

  /** `dir`: the sandbox's data folder (snapshots go in its `snapshots/`); omitted: memory, at most `memoryLimitBytes` in all. */
  constructor(
    private readonly db: Db,
    dir?: string,
    memoryLimitBytes = MEMORY_SHELF_BYTES,
  ) {
    this.shelf = dir ? folderShelf(path.resolve(dir, 'snapshots')) : memoryShelf(memoryLimitBytes);
  }

  /** The folder snapshots are kept in, or `memory`. */
  where(): string {
    return this.shelf.where;
  }

  /** Saves the state as it is now under `name`, replacing a snapshot of that name. StorageError when the disk refuses. */
  async save(name: string, now: number): Promise<SnapshotInfo> {
    if (!isSnapshotName(name)) throw new SnapshotFileError(SNAPSHOT_NAME_RULE);
    const { bytes, header } = await buildSnapshot(this.db.exportBytes(), name, now);
    this.shelf.write(name, bytes);
    const info: SnapshotInfo = { ...header, bytes: bytes.length };
    this.remember(name, info);
    return info;
  }

  /**
   * Keeps a snapshot file made elsewhere (downloaded from a sandbox) under `name`, replacing one of
   * that name: SnapshotFileError, before anything is written, when it is no snapshot this sandbox
   * can restore (not SQLite, damaged, from a newer sandbox); StorageError when the disk refuses.
   */
  async keep(name: string, bytes: Uint8Array): Promise<SnapshotInfo> {
    if (!isSnapshotName(name)) throw new SnapshotFileError(SNAPSHOT_NAME_RULE);
    const header = await readHeader(bytes, name);
    this.shelf.write(name, bytes);
    const info: SnapshotInfo = { ...header, bytes: bytes.length };
    this.remember(name, info);
    return info;
  }

  /** Every snapshot kept, newest first. */
  async list(): Promise<SnapshotInfo[]> {
    const infos: SnapshotInfo[] = [];
    for (const name of this.shelf.names()) {
      const info = await this.info(name);
      if (info) infos.push(info);
    }
    for (const name of this.headers.keys()) if (!infos.some((info) => info.name === name)) this.headers.delete(name);
    return infos.sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
  }

  /** One snapshot as listed; undefined when there is none of that name. */
  async info(name: string): Promise<SnapshotInfo | undefined> {
    const stamp = this.shelf.stamp(name);
    if (!stamp) return undefined;
    const key = `${stamp.bytes}:${stamp.changed}`;
    const known = this.headers.get(name);
    if (known?.stamp === key) return known.info;
    const bytes = this.shelf.read(name);
    if (!bytes) return undefined;
    let info: SnapshotInfo;
    try {
      info = { ...(await readHeader(bytes, name)), bytes: bytes.length };
    } catch (error) {
      if (!(error instanceof SnapshotFileError)) throw error;
      info = { name, savedAt: stamp.changed, bytes: bytes.length, contents: { userPools: 0, users: 0, groups: 0, appClients: 0, identityPools: 0, identities: 0 }, problem: error.message };
    }
    this.headers.set(name, { stamp: key, info });
    return info;
  }

  /** A snapshot's bytes (an SQLite file), to download; undefined when there is none of that name. */
  read(name: string): Uint8Array | undefined {
    return this.shelf.read(name);
  }

  delete(name: string): boolean {
    this.headers.delete(name);
    return this.shelf.remove(name);
  }

  /**
   * Replaces the state with the snapshot `bytes` hold, in one transaction that also runs
   * `alongside` (what must change with it: ending the flows that worked on the old state).
   * SnapshotFileError when they are no snapshot we can restore; StorageError when the disk refuses
   * (nothing changed then). Calls the `onRestored` listeners once it has landed.
   */
  async restore(bytes: Uint8Array, name: string, alongside: () => void = () => undefined): Promise<RestoredSnapshot> {
    const snapshot = await openSnapshot(bytes, name);
    let rows = 0;
    try {
      this.db.write((tx) => {
        // Rows go in table by table; their references hold again once all are in, at commit.
        tx.run('PRAGMA defer_foreign_keys = ON');
        const tables = tablesOf(tx).filter((table) => !NOT_STATE.has(table));
        const kept = keepFromCascades(tx);
        for (const table of tables) tx.run(`DELETE FROM ${quoted(table)}`);
        for (const table of tables) {
          if (!snapshot.tables.has(table)) continue;
          const columns = columnsOf(tx, table);
          const insert = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
          for (const row of snapshot.rows(table, columns)) {
            try {
              tx.run(insert, row);
            } catch (error) {
              throw new SnapshotFileError(`its ${table} do not fit this sandbox (${(error as Error).message})`);
            }
            rows += 1;
          }
        }
        kept.putBack();
        // Checked now, not left to the commit: a commit that failed would find the record already in the journal.
        const broken = tx.all<{ table: string; parent: string }>('PRAGMA foreign_key_check');
        if (broken.length > 0) throw new SnapshotFileError(`${broken.length} of its rows name what it does not hold (the first: ${broken[0]!.table} -> ${broken[0]!.parent})`);
        alongside();
      });
    } finally {
      snapshot.close();
    }
    for (const listener of this.restoredListeners) listener();
    return { header: snapshot.header, rows };
  }

  /** Called after a restore replaced the state: caches of what the store held must forget it. */
  onRestored(listener: () => void): void {
    this.restoredListeners.push(listener);
  }

  private remember(name: string, info: SnapshotInfo): void {
    const stamp = this.shelf.stamp(name);
    if (stamp) this.headers.set(name, { stamp: `${stamp.bytes}:${stamp.changed}`, info });
  }
}
