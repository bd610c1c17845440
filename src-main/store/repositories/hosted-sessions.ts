import type { Db } from '../db.js';
import type { SessionActivity } from './refresh-tokens.js';

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
  /** A tracked SSO session: its id, `sso...` (opened while the pool tracked sessions). */
  sessionId?: string;
  /** The app client whose login opened the session. */
  clientId?: string;
  /** What the session shows, as of its last authentication or token grant (epoch milliseconds; the browser's IP and device). */
  lastActive?: number;
  lastIp?: string;
  deviceType?: string;
}

interface Row {
  id_hash: string;
  pool_id: string;
  sub: string;
  auth_time: number;
  created: number;
  expires: number;
  session_id: string | null;
  client_id: string | null;
  last_active: number | null;
  last_ip: string | null;
  device_type: string | null;
}

const fromRow = (row: Row): HostedSession => ({
  idHash: row.id_hash,
  poolId: row.pool_id,
  sub: row.sub,
  authTime: row.auth_time,
  created: row.created,
  expires: row.expires,
  ...(row.session_id !== null && { sessionId: row.session_id }),
  ...(row.client_id !== null && { clientId: row.client_id }),
  ...(row.last_active !== null && { lastActive: row.last_active }),
  ...(row.last_ip !== null && { lastIp: row.last_ip }),
  ...(row.device_type !== null && { deviceType: row.device_type }),
});

export class HostedSessionsRepository {
  constructor(private readonly db: Db) {}

  insert(session: HostedSession): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO hosted_sessions (id_hash, pool_id, sub, auth_time, created, expires, session_id, client_id, last_active, last_ip, device_type)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          session.idHash,
          session.poolId,
          session.sub,
          session.authTime,
          session.created,
          session.expires,
          session.sessionId ?? null,
          session.clientId ?? null,
          session.lastActive ?? null,
          session.lastIp ?? null,
          session.deviceType ?? null,
        ],
      ),
    );
  }

  find(idHash: string): HostedSession | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM hosted_sessions WHERE id_hash = ?', [idHash]));
    return row && fromRow(row);
  }

  findBySessionId(sessionId: string): HostedSession | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM hosted_sessions WHERE session_id = ?', [sessionId]));
    return row && fromRow(row);
  }

  /** The user's tracked SSO sessions that have not expired. */
  liveSessionsOf(poolId: string, sub: string, now: number): HostedSession[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM hosted_sessions WHERE pool_id = ? AND sub = ? AND session_id IS NOT NULL AND expires > ? ORDER BY created', [poolId, sub, now]))
      .map(fromRow);
  }

  /** Records an authentication or token grant on the session. */
  touch(idHash: string, activity: SessionActivity): void {
    this.db.write((tx) =>
      tx.run('UPDATE hosted_sessions SET last_active = ?, last_ip = COALESCE(?, last_ip), device_type = COALESCE(?, device_type) WHERE id_hash = ?', [
        activity.at,
        activity.ip ?? null,
        activity.deviceType ?? null,
        idHash,
      ]),
    );
  }

  delete(idHash: string): void {
    this.db.write((tx) => tx.run('DELETE FROM hosted_sessions WHERE id_hash = ?', [idHash]));
  }

  deleteExpired(now: number): void {
    this.db.write((tx) => tx.run('DELETE FROM hosted_sessions WHERE expires <= ?', [now]));
  }
}
