import type { Db } from '../db.js';

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
  /** When a rotating client first replaced this token with a new one (its retry grace period starts then). */
  rotated?: number;
  /** The device the sign-in used or was handed; the tokens this one refreshes carry it. */
  deviceKey?: string;
  /** The OAuth scopes granted at the hosted UI's sign-in; the tokens it refreshes carry them. Absent for the user pools API's sign-ins. */
  scopes?: string[];
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
  origin_jti: string | null;
  rotated: number | null;
  device_key: string | null;
  scopes: string | null;
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
  ...(r.rotated !== null && { rotated: r.rotated }),
  ...(r.device_key !== null && { deviceKey: r.device_key }),
  ...(r.scopes !== null && { scopes: r.scopes.split(' ').filter(Boolean) }),
});

export class RefreshTokensRepository {
  constructor(private readonly db: Db) {}

  insert(token: StoredRefreshToken): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO refresh_tokens (token_hash, jti, origin_jti, pool_id, client_id, sub, auth_time, created, expires, device_key, scopes)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  revokeFamily(originJti: string, at: number): void {
    this.db.write((tx) =>
      tx.run('UPDATE refresh_tokens SET revoked = ? WHERE (jti = ? OR origin_jti = ?) AND revoked IS NULL', [at, originJti, originJti]),
    );
  }

  /** Records that the token was replaced by a rotated one; only its first replacement counts. */
  markRotated(tokenHash: string, at: number): void {
    this.db.write((tx) => tx.run('UPDATE refresh_tokens SET rotated = ? WHERE token_hash = ? AND rotated IS NULL', [at, tokenHash]));
  }

  /** Revokes every refresh token of the user (GlobalSignOut). */
  revokeAllOf(poolId: string, sub: string, at: number): number {
    return this.db.write((tx) =>
      tx.run('UPDATE refresh_tokens SET revoked = ? WHERE pool_id = ? AND sub = ? AND revoked IS NULL', [at, poolId, sub]),
    );
  }
}
