import type { Db } from '../db.js';
import type { SandboxEvent } from '../../../shared/events.js';

interface EventRow {
  seq: number;
  body: string;
}

const FLUSH_AFTER_MS = 50;
const FLUSH_AT = 500;

/**
 * The debugger's event history. Events are written in batches, a few dozen milliseconds after
 * they happen, so that every API call does not pay for a transaction of its own; reads flush
 * first, and so does closing the store. (Events are history, not acknowledged data: a kill -9
 * may lose the last batch, never a user or a pool.) A batch is written outside the transaction
 * of the operation that published it, so events of a failed operation are kept too.
 */
export class EventsRepository {
  private pending: SandboxEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    /** History kept: older events are pruned as new batches are written. */
    private readonly maxEvents = 20_000,
  ) {}

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.db.write((tx) => {
      for (const event of batch) {
        tx.run('INSERT INTO events (seq, time, type, flow_id, pool_id, body) VALUES (?, ?, ?, ?, ?, ?)', [
          event.seq,
          event.time,
          event.type,
          event.flowId,
          event.poolId,
          JSON.stringify(event),
        ]);
      }
      tx.run('DELETE FROM events WHERE seq <= ?', [batch[batch.length - 1]!.seq - this.maxEvents]);
    });
  }

  /** The highest seq ever used, even when the history was emptied since (seqs never repeat). */
  lastSeq(): number {
    this.flush();
    return this.db.read((tx) => {
      const stored = tx.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events')?.seq ?? 0;
      const floor = Number(tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'events_seq_floor'")?.value ?? 0);
      return Math.max(stored, floor);
    });
  }

  append(event: SandboxEvent): void {
    this.pending.push(event);
    if (this.pending.length >= FLUSH_AT) {
      setImmediate(() => this.flush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.timer.unref();
    }
  }

  since(seq: number, limit: number): SandboxEvent[] {
    this.flush();
    return this.db.read((tx) =>
      tx.all<EventRow>('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?', [seq, limit]),
    ).map((row) => JSON.parse(row.body) as SandboxEvent);
  }

  forFlow(flowId: string): SandboxEvent[] {
    this.flush();
    return this.db.read((tx) =>
      tx.all<EventRow>('SELECT seq, body FROM events WHERE flow_id = ? ORDER BY seq', [flowId]),
    ).map((row) => JSON.parse(row.body) as SandboxEvent);
  }

  /** Forgets the whole history (a sandbox reset); returns how many events there were. */
  deleteAll(): number {
    const last = this.lastSeq();
    return this.db.write((tx) => {
      tx.run("INSERT INTO meta (key, value) VALUES ('events_seq_floor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(last)]);
      return tx.run('DELETE FROM events');
    });
  }
}
