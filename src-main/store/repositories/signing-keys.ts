import type { Db } from '../db.js';

export type TokenUse = 'id' | 'access';

export interface StoredSigningKey {
  poolId: string;
  tokenUse: TokenUse;
  kid: string;
  /** The private key as a JWK (JSON). */
  privateJwk: string;
  created: number;
}

interface Row {
  pool_id: string;
  token_use: TokenUse;
  kid: string;
  private_jwk: string;
  created: number;
}

export class SigningKeysRepository {
  constructor(private readonly db: Db) {}

  forPool(poolId: string): StoredSigningKey[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM signing_keys WHERE pool_id = ? ORDER BY token_use', [poolId]))
      .map((r) => ({ poolId: r.pool_id, tokenUse: r.token_use, kid: r.kid, privateJwk: r.private_jwk, created: r.created }));
  }

  /** Stores the key unless the pool already has one for that use (two requests racing). */
  insertIfAbsent(key: StoredSigningKey): void {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO signing_keys (pool_id, token_use, kid, private_jwk, created) VALUES (?, ?, ?, ?, ?)', [
        key.poolId,
        key.tokenUse,
        key.kid,
        key.privateJwk,
        key.created,
      ]),
    );
  }
}
