import type { Db } from '../db.js';

/** The event types the dashboard reads: flow.started only for its flow's kind. */
export const STATS_EVENT_TYPES = ['api.called', 'flow.started', 'flow.ended', 'trigger.returned'] as const;
export type StatsEventType = (typeof STATS_EVENT_TYPES)[number];

/** What the dashboard reads of one stored event: a few fields, never its whole body. */
export interface StatsEventRow {
  seq: number;
  time: number;
  type: StatsEventType;
  flowId: string | null;
  /** api.called */
  operation: string | null;
  ms: number | null;
  origin: string | null;
  /** api.called and trigger.returned, when they failed. */
  errorType: string | null;
  /** flow.ended */
  outcome: string | null;
  /** trigger.returned */
  trigger: string | null;
  /** flow.started */
  kind: string | null;
}

interface Row {
  seq: number;
  time: number;
  type: StatsEventType;
  flowId: string | null;
  fields: string;
}

type Fields = [operation: string | null, ms: number | null, origin: string | null, errorType: string | null, outcome: string | null, trigger: string | null, kind: string | null];

/**
 * Reads for the dashboard. SQLite picks the few fields out of each body (one json_extract per
 * row, answering them as one small array), so a large history is never parsed whole in
 * JavaScript. Reads only; the caller flushes the history first.
 */
export class EventStatsRepository {
  constructor(private readonly db: Db) {}

  /** The stored events the dashboard reads with a seq after `after`, oldest first, `limit` at most. */
  rows(after: number, limit: number): StatsEventRow[] {
    const rows = this.db.read((tx) =>
      tx.all<Row>(
        `SELECT seq, time, type, flow_id AS flowId,
           json_extract(body, '$.data.operation', '$.data.ms', '$.data.origin', '$.data.error.type', '$.data.outcome', '$.data.trigger', '$.data.kind') AS fields
         FROM events WHERE seq > ? AND type IN (${STATS_EVENT_TYPES.map(() => '?').join(', ')}) ORDER BY seq LIMIT ?`,
        [after, ...STATS_EVENT_TYPES, limit],
      ),
    );
    return rows.map(({ fields, ...row }) => {
      const [operation, ms, origin, errorType, outcome, trigger, kind] = JSON.parse(fields) as Fields;
      return { ...row, operation, ms, origin, errorType, outcome, trigger, kind };
    });
  }

  /** The lowest and highest seq stored and the oldest's time (primary-key lookups); null when the history is empty. */
  seqBounds(): { min: number; max: number; oldestTime: number } | null {
    return this.db.read((tx) => {
      // Apart: SQLite answers MIN or MAX alone from the key, both at once by scanning.
      const oldest = tx.get<{ seq: number; time: number }>('SELECT seq, time FROM events ORDER BY seq LIMIT 1');
      const newest = tx.get<{ seq: number }>('SELECT seq FROM events ORDER BY seq DESC LIMIT 1');
      return oldest && newest ? { min: oldest.seq, max: newest.seq, oldestTime: oldest.time } : null;
    });
  }
}
