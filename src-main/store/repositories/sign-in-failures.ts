import type { Db } from '../db.js';

/** A user's recent failed sign-ins: how many, until when they are locked out, when the last one was. */
export interface SignInFailures {
  failures: number;
  /** Epoch milliseconds; 0 when no lockout is running. */
  lockedUntil: number;
  /** Epoch milliseconds. */
  lastFailure: number;
}

interface Row {
  failures: number;
  locked_until: number;
  last_failure: number;
}

/** Failed-password bookkeeping per user, for the sign-in lockout (auth/lockout.ts). */
export class SignInFailuresRepository {
  constructor(private readonly db: Db) {}

  find(poolId: string, sub: string): SignInFailures | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT failures, locked_until, last_failure FROM sign_in_failures WHERE pool_id = ? AND sub = ?', [poolId, sub]),
    );
    return row && { failures: row.failures, lockedUntil: row.locked_until, lastFailure: row.last_failure };
  }

  save(poolId: string, sub: string, record: SignInFailures): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO sign_in_failures (pool_id, sub, failures, locked_until, last_failure) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (pool_id, sub) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
           last_failure = excluded.last_failure`,
        [poolId, sub, record.failures, record.lockedUntil, record.lastFailure],
      ),
    );
  }

  clear(poolId: string, sub: string): void {
    this.db.write((tx) => tx.run('DELETE FROM sign_in_failures WHERE pool_id = ? AND sub = ?', [poolId, sub]));
  }
}
