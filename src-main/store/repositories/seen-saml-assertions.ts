/** The IDs of the SAML assertions a pool accepted, each kept until its assertion expires: a second sight is a replay. */
import type { Db } from '../db.js';

export class SeenSamlAssertionsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Remembers the assertion until `expires` (epoch milliseconds); answers false when the pool had
   * seen it already. Assertions expired by `now` are forgotten first.
   */
  remember(poolId: string, assertionId: string, expires: number, now: number): boolean {
    return this.db.write((tx) => {
      tx.run('DELETE FROM saml_seen_assertions WHERE expires <= ?', [now]);
      return tx.run('INSERT OR IGNORE INTO saml_seen_assertions (pool_id, assertion_id, expires) VALUES (?, ?, ?)', [poolId, assertionId, expires]) > 0;
    });
  }
}
