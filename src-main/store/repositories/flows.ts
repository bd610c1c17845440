import type { Db } from '../db.js';

/** A flow run as stored: what the debugger lists, and the snapshot a Session resumes. */
export interface StoredFlow {
  id: string;
  poolId: string | null;
  clientId: string | null;
  kind: string;
  username: string | null;
  /** The machine's current state value, as text. */
  state: string;
  /** The persisted XState snapshot, while the flow awaits the client. */
  snapshot: string | null;
  sessionHash: string | null;
  /** Epoch milliseconds. */
  sessionExpires: number | null;
  created: number;
  updated: number;
  ended: number | null;
  outcome: string | null;
}

interface Row {
  id: string;
  pool_id: string | null;
  client_id: string | null;
  kind: string;
  username: string | null;
  state: string;
  snapshot: string | null;
  session_hash: string | null;
  session_expires: number | null;
  created: number;
  updated: number;
  ended: number | null;
  outcome: string | null;
}

const fromRow = (r: Row): StoredFlow => ({
  id: r.id,
  poolId: r.pool_id,
  clientId: r.client_id,
  kind: r.kind,
  username: r.username,
  state: r.state,
  snapshot: r.snapshot,
  sessionHash: r.session_hash,
  sessionExpires: r.session_expires,
  created: r.created,
  updated: r.updated,
  ended: r.ended,
  outcome: r.outcome,
});

export class FlowsRepository {
  constructor(private readonly db: Db) {}

  save(flow: StoredFlow): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO flows (id, pool_id, client_id, kind, username, state, snapshot, session_hash, session_expires, created, updated, ended, outcome)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET pool_id = excluded.pool_id, client_id = excluded.client_id, username = excluded.username,
           state = excluded.state, snapshot = excluded.snapshot, session_hash = excluded.session_hash,
           session_expires = excluded.session_expires, updated = excluded.updated, ended = excluded.ended, outcome = excluded.outcome`,
        [
          flow.id,
          flow.poolId,
          flow.clientId,
          flow.kind,
          flow.username,
          flow.state,
          flow.snapshot,
          flow.sessionHash,
          flow.sessionExpires,
          flow.created,
          flow.updated,
          flow.ended,
          flow.outcome,
        ],
      ),
    );
  }

  findById(id: string): StoredFlow | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM flows WHERE id = ?', [id]));
    return row && fromRow(row);
  }

  findBySession(sessionHash: string): StoredFlow | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM flows WHERE session_hash = ?', [sessionHash]));
    return row && fromRow(row);
  }

  /** Flows still waiting for the client whose Session expired by `now`, soonest expired first. */
  waitingPast(now: number): StoredFlow[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM flows WHERE ended IS NULL AND session_expires <= ? ORDER BY session_expires', [now]))
      .map(fromRow);
  }

  /** Flows neither ended nor waiting with a snapshot: a step was running when they were last saved. */
  midStep(): StoredFlow[] {
    return this.db.read((tx) => tx.all<Row>('SELECT * FROM flows WHERE ended IS NULL AND snapshot IS NULL')).map(fromRow);
  }

  /** When the next waiting flow's Session expires, if any flow waits. */
  nextExpiry(): number | undefined {
    return this.db.read((tx) => tx.get<{ at: number | null }>('SELECT MIN(session_expires) AS at FROM flows WHERE ended IS NULL')?.at ?? undefined);
  }

  /** Newest first. */
  recent(limit: number, beforeCreated = Number.MAX_SAFE_INTEGER): StoredFlow[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM flows WHERE created < ? ORDER BY created DESC, id LIMIT ?', [beforeCreated, limit]))
      .map(fromRow);
  }

  /** Forgets every flow (a sandbox reset); returns how many there were. */
  deleteAll(): number {
    return this.db.write((tx) => tx.run('DELETE FROM flows'));
  }
}
