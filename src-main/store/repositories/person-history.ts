import type { SqlValue } from 'sql.js';
import type { SandboxEvent } from '../../../shared/events.js';
import type { Db } from '../db.js';

/** A flow as a person's page lists it. */
export interface PersonFlowRow {
  id: string;
  kind: string;
  clientId: string | null;
  username: string | null;
  state: string;
  created: number;
  ended: number | null;
  outcome: string | null;
}

/**
 * Reads that gather what happened to one person across the flows, the event history and the
 * outbox (the debugger's person page, the flow list's labels). Reads only; names are matched
 * ignoring case, as the window shows them.
 */
export class PersonHistoryRepository {
  constructor(private readonly db: Db) {}

  /** Every distinct (pool, name) flows were started under: what the flow list needs labels for. */
  flowNames(): { poolId: string; name: string }[] {
    return this.db.read((tx) =>
      tx.all<{ poolId: string; name: string }>('SELECT DISTINCT pool_id AS poolId, username AS name FROM flows WHERE pool_id IS NOT NULL AND username IS NOT NULL'),
    );
  }

  /** The pool's flows started under any of `names`, oldest first. */
  flowsNaming(poolId: string, names: readonly string[]): PersonFlowRow[] {
    if (names.length === 0) return [];
    return this.db.read((tx) =>
      tx.all<PersonFlowRow>(
        `SELECT id, kind, client_id AS clientId, username, state, created, ended, outcome FROM flows
         WHERE pool_id = ? AND lower(username) IN (${placeholders(names)}) ORDER BY created, id`,
        [poolId, ...names.map((name) => name.toLowerCase())],
      ),
    );
  }

  /** The pool's stored events of these types, oldest first (the caller flushes the history first). */
  poolEvents(poolId: string, types: readonly SandboxEvent['type'][]): SandboxEvent[] {
    return this.db
      .read((tx) => tx.all<{ body: string }>(`SELECT body FROM events WHERE pool_id = ? AND type IN (${placeholders(types)}) ORDER BY seq`, [poolId, ...types]))
      .map((row) => JSON.parse(row.body) as SandboxEvent);
  }

  /** The ids of the pool's outbox messages sent to any of `names` (username or destination), oldest first. */
  messageIds(poolId: string, names: readonly string[]): number[] {
    if (names.length === 0) return [];
    const lowered = names.map((name) => name.toLowerCase());
    const params: SqlValue[] = [poolId, ...lowered, ...lowered];
    return this.db
      .read((tx) =>
        tx.all<{ id: number }>(
          `SELECT id FROM outbox WHERE pool_id = ? AND (lower(username) IN (${placeholders(names)}) OR lower(destination) IN (${placeholders(names)})) ORDER BY id`,
          params,
        ),
      )
      .map((row) => row.id);
  }
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
