import type { Db } from '../db.js';

/** What revoked a family: the operation, or `MaxPerUser` (a new token session evicted the least recently used one). */
export type RevocationCause = 'RevokeToken' | 'RevokeUserSession' | 'AdminRevokeUserSession' | 'GlobalSignOut' | 'MaxPerUser';

/** A refresh token as stored: only its hash, never the token itself. */
export interface StoredRefreshToken {
  tokenHash: string;
  /** This token's own id; the first token of a sign-in's family gives the family its `origin_jti`. */
  jti: string;
  /** A rotated token: the `jti` of the family's first token (the sign-in's). Absent on that first token. */
  originJti?: string;
  poolId: string;
  clientId: string;
  sub: string;
  /** Epoch seconds of the original authentication, kept across refreshes. */
  authTime: number;
  /** Epoch milliseconds. */
  created: number;
  expires: number;
  revoked?: number;
  /** What revoked it; absent for tokens revoked before the cause was recorded. */
  revokedBy?: RevocationCause;
  /** When a rotating client first replaced this token with a new one (its retry grace period starts then). */
  rotated?: number;
  /** The device the sign-in used or was handed; the tokens this one refreshes carry it. */
  deviceKey?: string;
  /** The OAuth scopes granted at the hosted UI's sign-in; the tokens it refreshes carry them. Absent for the user pools API's sign-ins. */
  scopes?: string[];
  /** A tracked TOKEN session (on the family's first token only): its id, `tkn...`. */
  sessionId?: string;
  /** The SSO session (`sso...`) the token session came through. */
  originSessionId?: string;
  /** The flow that issued the family's first token. */
  flowId?: string;
  /** What the session shows, as of its last sign-in or refresh (epoch milliseconds; the caller's IP and device). */
  lastActive?: number;
  lastIp?: string;
  deviceType?: string;
}

/** What a session's latest activity leaves on it. */
export interface SessionActivity {
  at: number;
  ip?: string;
  deviceType?: string;
}

interface Row {
  token_hash: string;
  jti: string;
  pool_id: string;
  client_id: string;
  sub: string;
  auth_time: number;
  created: number;
  expires: number;
  revoked: number | null;
  revoked_by: string | null;
  origin_jti: string | null;
  rotated: number | null;
  device_key: string | null;
  scopes: string | null;
  session_id: string | null;
  origin_session_id: string | null;
  flow_id: string | null;
  last_active: number | null;
  last_ip: string | null;
  device_type: string | null;
}

const fromRow = (r: Row): StoredRefreshToken => ({
  tokenHash: r.token_hash,
  jti: r.jti,
  ...(r.origin_jti !== null && { originJti: r.origin_jti }),
  poolId: r.pool_id,
  clientId: r.client_id,
  sub: r.sub,
  authTime: r.auth_time,
  created: r.created,
  expires: r.expires,
  ...(r.revoked !== null && { revoked: r.revoked }),
  ...(r.revoked_by !== null && { revokedBy: r.revoked_by as RevocationCause }),
  ...(r.rotated !== null && { rotated: r.rotated }),
  ...(r.device_key !== null && { deviceKey: r.device_key }),
  ...(r.scopes !== null && { scopes: r.scopes.split(' ').filter(Boolean) }),
  ...(r.session_id !== null && { sessionId: r.session_id }),
  ...(r.origin_session_id !== null && { originSessionId: r.origin_session_id }),
  ...(r.flow_id !== null && { flowId: r.flow_id }),
  ...(r.last_active !== null && { lastActive: r.last_active }),
  ...(r.last_ip !== null && { lastIp: r.last_ip }),
  ...(r.device_type !== null && { deviceType: r.device_type }),
});

export class RefreshTokensRepository {
  constructor(private readonly db: Db) {}

  insert(token: StoredRefreshToken): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO refresh_tokens (token_hash, jti, origin_jti, pool_id, client_id, sub, auth_time, created, expires, device_key, scopes,
            session_id, origin_session_id, flow_id, last_active, last_ip, device_type)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          token.tokenHash,
          token.jti,
          token.originJti ?? null,
          token.poolId,
          token.clientId,
          token.sub,
          token.authTime,
          token.created,
          token.expires,
          token.deviceKey ?? null,
          token.scopes?.join(' ') ?? null,
          token.sessionId ?? null,
          token.originSessionId ?? null,
          token.flowId ?? null,
          token.lastActive ?? null,
          token.lastIp ?? null,
          token.deviceType ?? null,
        ],
      ),
    );
  }

  findByHash(tokenHash: string): StoredRefreshToken | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM refresh_tokens WHERE token_hash = ?', [tokenHash]));
    return row && fromRow(row);
  }

  findByJti(jti: string): StoredRefreshToken | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM refresh_tokens WHERE jti = ?', [jti]));
    return row && fromRow(row);
  }

  /** Revokes a sign-in's family: its first token (`originJti` is that token's jti) and every token rotated from it. */
  revokeFamily(originJti: string, at: number, by: RevocationCause): void {
    this.db.write((tx) =>
      tx.run('UPDATE refresh_tokens SET revoked = ?, revoked_by = ? WHERE (jti = ? OR origin_jti = ?) AND revoked IS NULL', [at, by, originJti, originJti]),
    );
  }

  /** Records that the token was replaced by a rotated one; only its first replacement counts. */
  markRotated(tokenHash: string, at: number): void {
    this.db.write((tx) => tx.run('UPDATE refresh_tokens SET rotated = ? WHERE token_hash = ? AND rotated IS NULL', [at, tokenHash]));
  }

  /** Revokes every refresh token of the user (GlobalSignOut). */
  revokeAllOf(poolId: string, sub: string, at: number): number {
    return this.db.write((tx) =>
      tx.run("UPDATE refresh_tokens SET revoked = ?, revoked_by = 'GlobalSignOut' WHERE pool_id = ? AND sub = ? AND revoked IS NULL", [at, poolId, sub]),
    );
  }

  /** The user's tracked token sessions that are neither revoked nor expired (their families' first tokens), least recently active first. */
  liveSessionsOf(poolId: string, sub: string, now: number): StoredRefreshToken[] {
    return this.db.read((tx) =>
      tx.all<Row>(
        'SELECT * FROM refresh_tokens WHERE pool_id = ? AND sub = ? AND session_id IS NOT NULL AND revoked IS NULL AND expires > ? ORDER BY last_active, created',
        [poolId, sub, now],
      ),
    ).map(fromRow);
  }

  /** The first token of the family the session id names. */
  findSession(sessionId: string): StoredRefreshToken | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM refresh_tokens WHERE session_id = ?', [sessionId]));
    return row && fromRow(row);
  }

  /** Records a refresh's activity on its family's session (kept on the family's first token). */
  touchSession(originJti: string, activity: SessionActivity): void {
    this.db.write((tx) =>
      tx.run('UPDATE refresh_tokens SET last_active = ?, last_ip = COALESCE(?, last_ip), device_type = COALESCE(?, device_type) WHERE jti = ? AND session_id IS NOT NULL', [
        activity.at,
        activity.ip ?? null,
        activity.deviceType ?? null,
        originJti,
      ]),
    );
  }

  /** These token sessions came through this SSO session. */
  linkToSsoSession(sessionIds: readonly string[], ssoSessionId: string): void {
    this.db.write((tx) => {
      for (const sessionId of sessionIds) tx.run('UPDATE refresh_tokens SET origin_session_id = ? WHERE session_id = ?', [ssoSessionId, sessionId]);
    });
  }

  /** The token sessions (families' first tokens) that came through the SSO session. */
  sessionsFromSso(ssoSessionId: string): StoredRefreshToken[] {
    return this.db.read((tx) => tx.all<Row>('SELECT * FROM refresh_tokens WHERE origin_session_id = ?', [ssoSessionId])).map(fromRow);
  }
}
