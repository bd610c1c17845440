import type { Db } from '../db.js';

/** When each user last signed out globally: access tokens issued before then are refused. */
export class SignOutsRepository {
  constructor(private readonly db: Db) {}

  record(poolId: string, sub: string, at: number): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO sign_outs (pool_id, sub, at) VALUES (?, ?, ?) ON CONFLICT (pool_id, sub) DO UPDATE SET at = excluded.at', [
        poolId,
        sub,
        at,
      ]),
    );
  }

  /** Epoch milliseconds of the user's last global sign-out, if any. */
  lastSignOut(poolId: string, sub: string): number | undefined {
    return this.db.read((tx) => tx.get<{ at: number }>('SELECT at FROM sign_outs WHERE pool_id = ? AND sub = ?', [poolId, sub]))?.at;
  }
}
