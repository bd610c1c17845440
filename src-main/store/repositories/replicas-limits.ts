import type { Db } from '../db.js';

/** A secondary region of a user pool. */
export interface UserPoolReplica {
  poolId: string;
  region: string;
  /** `INACTIVE` or `ACTIVE` once created (`CREATING` and `DELETING` are never stored). */
  status: string;
  tags: Record<string, string>;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface ReplicaRow {
  pool_id: string;
  region: string;
  status: string;
  tags: string;
  created: number;
  modified: number;
}

const replicaFromRow = (row: ReplicaRow): UserPoolReplica => ({
  poolId: row.pool_id,
  region: row.region,
  status: row.status,
  tags: JSON.parse(row.tags),
  created: row.created,
  modified: row.modified,
});

export class UserPoolReplicasRepository {
  constructor(private readonly db: Db) {}

  insert(replica: UserPoolReplica): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO user_pool_replicas (pool_id, region, status, tags, created, modified) VALUES (?, ?, ?, ?, ?, ?)', [
        replica.poolId,
        replica.region,
        replica.status,
        JSON.stringify(replica.tags),
        replica.created,
        replica.modified,
      ]),
    );
  }

  saveStatus(poolId: string, region: string, status: string, modified: number): void {
    this.db.write((tx) =>
      tx.run('UPDATE user_pool_replicas SET status = ?, modified = ? WHERE pool_id = ? AND region = ?', [status, modified, poolId, region]),
    );
  }

  find(poolId: string, region: string): UserPoolReplica | undefined {
    const row = this.db.read((tx) => tx.get<ReplicaRow>('SELECT * FROM user_pool_replicas WHERE pool_id = ? AND region = ?', [poolId, region]));
    return row && replicaFromRow(row);
  }

  /** The pool's replicas by region, after the region `after` (exclusive). */
  listPage(poolId: string, limit: number, after = ''): UserPoolReplica[] {
    return this.db
      .read((tx) =>
        tx.all<ReplicaRow>('SELECT * FROM user_pool_replicas WHERE pool_id = ? AND region > ? ORDER BY region LIMIT ?', [poolId, after, limit]),
      )
      .map(replicaFromRow);
  }

  delete(poolId: string, region: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM user_pool_replicas WHERE pool_id = ? AND region = ?', [poolId, region])) > 0;
  }
}

/** The account's provisioned rate limits set through UpdateProvisionedLimit, by class and category. */
export class ProvisionedLimitsRepository {
  constructor(private readonly db: Db) {}

  /** The provisioned value, or undefined when it was never changed from the default. */
  find(limitClass: string, category: string): number | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ value: number }>('SELECT value FROM provisioned_limits WHERE limit_class = ? AND category = ?', [limitClass, category]),
    );
    return row?.value;
  }

  /** Every limit changed from its default, by class and category. */
  all(): { limitClass: string; category: string; value: number }[] {
    return this.db.read((tx) =>
      tx.all<{ limitClass: string; category: string; value: number }>(
        'SELECT limit_class AS limitClass, category, value FROM provisioned_limits ORDER BY limit_class, category',
      ),
    );
  }

  save(limitClass: string, category: string, value: number, modified: number): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO provisioned_limits (limit_class, category, value, modified) VALUES (?, ?, ?, ?) ON CONFLICT (limit_class, category) DO UPDATE SET value = excluded.value, modified = excluded.modified',
        [limitClass, category, value, modified],
      ),
    );
  }
}
