import { StorageError, type Db } from '../db.js';
import type { Tx } from '../tx.js';
import type { SandboxEvent } from '../../../shared/events.js';

interface EventRow {
  seq: number;
  body: string;
}

interface Totals {
  count: number;
  bytes: number;
}

interface Pending {
  event: SandboxEvent;
  body: string;
  bytes: number;
}

export interface HistoryLimits {
  /** Events kept: older ones are pruned as new batches are written. */
  maxEvents: number;
  /** Bytes of event JSON kept, likewise. Every checkpoint exports the whole database, history included: about 15 ms per MB here. */
  maxBytes: number;
  /** Bytes of events held in memory while the disk refuses them; the oldest go beyond it. */
  maxPendingBytes: number;
}

const DEFAULT_LIMITS: HistoryLimits = { maxEvents: 20_000, maxBytes: 16 * 1024 * 1024, maxPendingBytes: 8 * 1024 * 1024 };
/** Room per event when the event bound is raised: a sign-in's events average about 530 bytes of JSON. */
const BYTES_PER_EVENT = 840;

/** The bounds for keeping `maxEvents` events: the byte bound grows with it, so the event bound is the one that binds. */
export function historyLimitsFor(maxEvents: number): Pick<HistoryLimits, 'maxEvents' | 'maxBytes'> {
  return { maxEvents, maxBytes: Math.max(DEFAULT_LIMITS.maxBytes, maxEvents * BYTES_PER_EVENT) };
}
const FLUSH_AFTER_MS = 50;
const FLUSH_AT = 500;
const RETRY_AFTER_MS = 1_000;
const BYTES = 'length(CAST(body AS BLOB))';
/** Events pruning may take: those of no flow, and those of a flow neither pinned nor still running. */
const PRUNABLE =
  '(flow_id IS NULL OR (flow_id NOT IN (SELECT flow_id FROM flow_pins) AND flow_id NOT IN (SELECT id FROM flows WHERE ended IS NULL)))';

function report(message: string): void {
  console.error(`[events] ${message}`);
}

/**
 * The debugger's event history. Events are written in batches, a few dozen milliseconds after
 * they happen, so that every API call does not pay for a transaction of its own; reads flush
 * first, and so does closing the store. (Events are history, not acknowledged data: a kill -9
 * may lose the last batch, never a user or a pool.) A batch is written outside the transaction
 * of the operation that published it, so events of a failed operation are kept too.
 *
 * Each batch prunes the oldest events past the bounds, whole flows at a time (pinned flows and
 * flows still running are kept), looking at a few rows per new row at most, so a write never
 * pays for a large backlog; a history over the bounds from before them is brought within at
 * opening. While the disk refuses batches, events wait in memory (and reads see them).
 */
export class EventsRepository {
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly limits: HistoryLimits;
  /** What the table holds, kept here so pruning never has to sum it. */
  private stored: Totals;
  private failure: StorageError | undefined;
  private dropped = 0;

  constructor(
    private readonly db: Db,
    limits: Partial<HistoryLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.stored = db.read((tx) => tx.get<Totals>(`SELECT COUNT(*) AS count, COALESCE(SUM(${BYTES}), 0) AS bytes FROM events`)!);
    if (this.overBounds(this.stored)) {
      try {
        this.stored = db.write((tx) => this.prune(tx, this.stored, Infinity));
        db.compactIfSparse();
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        report(`could not prune the debugger history: ${error.message}`);
      }
    }
  }

  /** The bounds the history is kept within (the window shows them). */
  bounds(): Pick<HistoryLimits, 'maxEvents' | 'maxBytes'> {
    return { maxEvents: this.limits.maxEvents, maxBytes: this.limits.maxBytes };
  }

  /** Writes what is waiting. Never throws for a disk that refuses: the events wait and are retried. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    let totals: Totals = { count: this.stored.count + batch.length, bytes: this.stored.bytes + this.pendingBytes };
    try {
      this.db.write((tx) => {
        for (const { event, body } of batch) {
          tx.run('INSERT INTO events (seq, time, type, flow_id, pool_id, body) VALUES (?, ?, ?, ?, ?, ?)', [
            event.seq,
            event.time,
            event.type,
            event.flowId,
            event.poolId,
            body,
          ]);
        }
        totals = this.prune(tx, totals, 2 * batch.length + 64);
      });
    } catch (error) {
      if (error instanceof StorageError) return this.waitForRoom(error);
      // Not the disk: these events would fail again.
      report(`could not save ${batch.length} debugger events, dropped: ${(error as Error).message}`);
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.stored = totals;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.failure) {
      report(`the debugger history is saved again${this.dropped > 0 ? `; ${this.dropped} debugger events were dropped while it could not be` : ''}.`);
      this.failure = undefined;
      this.dropped = 0;
    }
  }

  /** A last flush before the database closes; what the disk still refuses is lost, and said so. */
  close(): void {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) report(`${this.pending.length + this.dropped} debugger events could not be saved before closing.`);
  }

  /** The highest seq ever used, even when the history was emptied since (seqs never repeat). */
  lastSeq(): number {
    this.flush();
    const stored = this.db.read((tx) => {
      const max = tx.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events')?.seq ?? 0;
      const floor = Number(tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'events_seq_floor'")?.value ?? 0);
      return Math.max(max, floor);
    });
    return Math.max(stored, this.pending.at(-1)?.event.seq ?? 0);
  }

  append(event: SandboxEvent): void {
    const body = JSON.stringify(event);
    const bytes = Buffer.byteLength(body);
    this.pending.push({ event, body, bytes });
    this.pendingBytes += bytes;
    if (this.failure) {
      this.dropOldestPastBound();
      return; // the retry is scheduled
    }
    if (this.pending.length >= FLUSH_AT) {
      setImmediate(() => this.flush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.timer.unref();
    }
  }

  since(seq: number, limit: number): SandboxEvent[] {
    this.flush();
    const stored = this.db
      .read((tx) => tx.all<EventRow>('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?', [seq, limit]))
      .map((row) => JSON.parse(row.body) as SandboxEvent);
    // Waiting events are all newer than stored ones.
    return [...stored, ...this.pending.filter((p) => p.event.seq > seq).map((p) => p.event)].slice(0, limit);
  }

  forFlow(flowId: string): SandboxEvent[] {
    this.flush();
    const stored = this.db
      .read((tx) => tx.all<EventRow>('SELECT seq, body FROM events WHERE flow_id = ? ORDER BY seq', [flowId]))
      .map((row) => JSON.parse(row.body) as SandboxEvent);
    return [...stored, ...this.pending.filter((p) => p.event.flowId === flowId).map((p) => p.event)];
  }

  /** The flows the history holds a `flow.started` of and no `flow.ended`. */
  unfinishedFlowIds(): string[] {
    this.flush();
    return this.db
      .read((tx) =>
        tx.all<{ flowId: string }>(
          `SELECT flow_id AS flowId FROM events WHERE type = 'flow.started' AND flow_id IS NOT NULL
             AND flow_id NOT IN (SELECT flow_id FROM events WHERE type = 'flow.ended' AND flow_id IS NOT NULL)`,
        ),
      )
      .map((row) => row.flowId);
  }

  /** Forgets the whole history (a sandbox reset); returns how many events there were. */
  deleteAll(): number {
    const last = this.lastSeq();
    const waiting = this.pending.length;
    const deleted = this.db.write((tx) => {
      tx.run("INSERT INTO meta (key, value) VALUES ('events_seq_floor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(last)]);
      return tx.run('DELETE FROM events');
    });
    this.stored = { count: 0, bytes: 0 };
    this.pending = [];
    this.pendingBytes = 0;
    return deleted + waiting;
  }

  private overBounds(totals: Totals): boolean {
    return totals.count > this.limits.maxEvents || totals.bytes > this.limits.maxBytes;
  }

  /**
   * Deletes the oldest events past the bounds, looking at `most` rows at most; the totals after.
   * A flow goes whole, with its stored row, never in part: the window would show what is left of
   * it as a flow that never started. Pinned flows and flows still running are passed by.
   */
  private prune(tx: Tx, totals: Totals, most: number): Totals {
    if (!this.overBounds(totals)) return totals;
    const oldest = tx.all<{ seq: number; flowId: string | null; bytes: number }>(
      `SELECT seq, flow_id AS flowId, ${BYTES} AS bytes FROM events WHERE ${PRUNABLE} ORDER BY seq${Number.isFinite(most) ? ` LIMIT ${most}` : ''}`,
    );
    let { count, bytes } = totals;
    let lastLoose: number | undefined;
    const flows = new Set<string>();
    for (const row of oldest) {
      if (!this.overBounds({ count, bytes })) break;
      if (row.flowId === null) {
        count -= 1;
        bytes -= row.bytes;
        lastLoose = row.seq;
      } else if (!flows.has(row.flowId)) {
        const whole = tx.get<Totals>(`SELECT COUNT(*) AS count, COALESCE(SUM(${BYTES}), 0) AS bytes FROM events WHERE flow_id = ?`, [row.flowId])!;
        count -= whole.count;
        bytes -= whole.bytes;
        flows.add(row.flowId);
      }
    }
    // Every event without a flow up to the last one counted was counted.
    if (lastLoose !== undefined) tx.run('DELETE FROM events WHERE flow_id IS NULL AND seq <= ?', [lastLoose]);
    const ids = [...flows];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const marks = chunk.map(() => '?').join(', ');
      tx.run(`DELETE FROM events WHERE flow_id IN (${marks})`, chunk);
      tx.run(`DELETE FROM flows WHERE id IN (${marks}) AND ended IS NOT NULL`, chunk);
    }
    return { count, bytes };
  }

  private dropOldestPastBound(): void {
    while (this.pendingBytes > this.limits.maxPendingBytes && this.pending.length > 1) {
      this.pendingBytes -= this.pending.shift()!.bytes;
      this.dropped += 1;
    }
  }

  private waitForRoom(error: StorageError): void {
    this.dropOldestPastBound();
    if (!this.failure) {
      const mb = Math.round(this.limits.maxPendingBytes / (1024 * 1024));
      report(`could not save the debugger history: ${error.message} Keeping up to ${mb} MB of events in memory until there is room.`);
    }
    this.failure = error;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), RETRY_AFTER_MS);
    this.timer.unref();
  }
}
