import type { Db } from '../db.js';

/** A hosted UI sign-in session (the browser's `cognito` cookie), stored by the hash of the cookie's value. */
export interface HostedSession {
  idHash: string;
  poolId: string;
  sub: string;
  /** Epoch seconds of the password sign-in that opened the session: the tokens' auth_time. */
  authTime: number;
  /** Epoch milliseconds. */
  created: number;
  expires: number;
}

interface Row {
  id_hash: string;
  pool_id: string;
  sub: string;
  auth_time: number;
  created: number;
  expires: number;
}

const fromRow = (row: Row): HostedSession => ({
  idHash: row.id_hash,
  poolId: row.pool_id,
  sub: row.sub,
  authTime: row.auth_time,
  created: row.created,
  expires: row.expires,
});

export class HostedSessionsRepository {
  constructor(private readonly db: Db) {}

  insert(session: HostedSession): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO hosted_sessions (id_hash, pool_id, sub, auth_time, created, expires) VALUES (?, ?, ?, ?, ?, ?)', [
        session.idHash,
        session.poolId,
        session.sub,
        session.authTime,
        session.created,
        session.expires,
      ]),
    );
  }

  find(idHash: string): HostedSession | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM hosted_sessions WHERE id_hash = ?', [idHash]));
    return row && fromRow(row);
  }

  delete(idHash: string): void {
    this.db.write((tx) => tx.run('DELETE FROM hosted_sessions WHERE id_hash = ?', [idHash]));
  }

  deleteExpired(now: number): void {
    this.db.write((tx) => tx.run('DELETE FROM hosted_sessions WHERE expires <= ?', [now]));
  }
}
