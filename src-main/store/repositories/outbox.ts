import type { SqlValue } from 'sql.js';
import type { MessageChannel, OutboxMessage } from '../../../shared/debugger-api.js';
import type { Db } from '../db.js';

export type NewOutboxMessage = Omit<OutboxMessage, 'id'>;

interface Row {
  id: number;
  time: number;
  pool_id: string | null;
  flow_id: string | null;
  channel: MessageChannel;
  destination: string;
  username: string | null;
  purpose: string;
  subject: string | null;
  body: string;
  code: string | null;
}

const fromRow = (row: Row): OutboxMessage => ({
  id: row.id,
  time: row.time,
  poolId: row.pool_id,
  flowId: row.flow_id,
  channel: row.channel,
  destination: row.destination,
  username: row.username,
  purpose: row.purpose,
  subject: row.subject,
  body: row.body,
  code: row.code,
});

export interface OutboxQuery {
  poolId?: string;
  destination?: string;
  /** Only messages with a smaller id (the next page, newest first). */
  beforeId?: number;
  limit: number;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  append(message: NewOutboxMessage): OutboxMessage {
    const id = this.db.write((tx) => {
      tx.run(
        'INSERT INTO outbox (time, pool_id, flow_id, channel, destination, username, purpose, subject, body, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          message.time,
          message.poolId,
          message.flowId,
          message.channel,
          message.destination,
          message.username,
          message.purpose,
          message.subject,
          message.body,
          message.code,
        ],
      );
      return tx.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
    });
    return { id, ...message };
  }

  find(id: number): OutboxMessage | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM outbox WHERE id = ?', [id]));
    return row && fromRow(row);
  }

  /** Messages newest first, optionally for one pool or one destination. */
  list(query: OutboxQuery): OutboxMessage[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.poolId !== undefined) {
      where.push('pool_id = ?');
      params.push(query.poolId);
    }
    if (query.destination !== undefined) {
      where.push('destination = ?');
      params.push(query.destination);
    }
    if (query.beforeId !== undefined) {
      where.push('id < ?');
      params.push(query.beforeId);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db
      .read((tx) => tx.all<Row>(`SELECT * FROM outbox ${clause} ORDER BY id DESC LIMIT ?`, [...params, query.limit]))
      .map(fromRow);
  }

  /** Empties the outbox (a sandbox reset); returns how many messages there were. */
  deleteAll(): number {
    return this.db.write((tx) => tx.run('DELETE FROM outbox'));
  }
}
