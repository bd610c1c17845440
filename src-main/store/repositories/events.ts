import type { Db } from '../db.js';
import type { SandboxEvent } from '../../../shared/events.js';

interface EventRow {
  seq: number;
  body: string;
}

export class EventsRepository {
  constructor(private readonly db: Db) {}

  lastSeq(): number {
    return this.db.read((tx) => tx.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events')?.seq ?? 0);
  }

  append(event: SandboxEvent): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO events (seq, time, type, flow_id, pool_id, body) VALUES (?, ?, ?, ?, ?, ?)', [
        event.seq,
        event.time,
        event.type,
        event.flowId,
        event.poolId,
        JSON.stringify(event),
      ]),
    );
  }

  since(seq: number, limit: number): SandboxEvent[] {
    return this.db.read((tx) =>
      tx.all<EventRow>('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?', [seq, limit]),
    ).map((row) => JSON.parse(row.body) as SandboxEvent);
  }

  forFlow(flowId: string): SandboxEvent[] {
    return this.db.read((tx) =>
      tx.all<EventRow>('SELECT seq, body FROM events WHERE flow_id = ? ORDER BY seq', [flowId]),
    ).map((row) => JSON.parse(row.body) as SandboxEvent);
  }

  pruneBefore(seq: number): void {
    if (seq <= 1) return;
    this.db.write((tx) => tx.run('DELETE FROM events WHERE seq < ?', [seq]));
  }

  /** Forgets the whole history (a sandbox reset); returns how many events there were. */
  deleteAll(): number {
    return this.db.write((tx) => tx.run('DELETE FROM events'));
  }
}
