import type {
  EmailMfaConfigType,
  UserPoolType,
  WebAuthnConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Db } from '../db.js';

/** Everything a pool is configured with, as DescribeUserPool shows it, minus the derived fields. */
export type UserPoolConfig = Omit<
  UserPoolType,
  'Id' | 'Name' | 'CreationDate' | 'LastModifiedDate' | 'EstimatedNumberOfUsers' | 'Arn'
>;

/**
 * The MFA factors SetUserPoolMfaConfig turns on, which DescribeUserPool does not show. The SMS
 * factor's message and SNS settings live in the config (SmsAuthenticationMessage, SmsConfiguration).
 */
export interface PoolMfaFactors {
  sms?: boolean;
  softwareToken?: boolean;
  email?: EmailMfaConfigType;
  webAuthn?: WebAuthnConfigurationType;
}

export interface UserPool {
  id: string;
  name: string;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  config: UserPoolConfig;
  /** Absent means no factor has been configured. */
  mfaFactors?: PoolMfaFactors;
}

interface Row {
  id: string;
  name: string;
  created: number;
  modified: number;
  config: string;
  mfa_factors: string;
}

const fromRow = ({ mfa_factors, config, ...row }: Row): UserPool => ({
  ...row,
  config: JSON.parse(config),
  mfaFactors: JSON.parse(mfa_factors),
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Pools are read on nearly every call, so they are cached, parsed and deep-frozen (a caller
 * that wants a change builds a new object and saves it). Any write drops the entry; a rolled
 * back transaction drops them all.
 */
export class UserPoolsRepository {
  private cache = new Map<string, UserPool>();

  constructor(private readonly db: Db) {
    db.onRollback(() => this.cache.clear());
  }

  insert(pool: UserPool): void {
    this.cache.delete(pool.id);
    this.db.write((tx) =>
      tx.run('INSERT INTO user_pools (id, name, created, modified, config, mfa_factors) VALUES (?, ?, ?, ?, ?, ?)', [
        pool.id,
        pool.name,
        pool.created,
        pool.modified,
        JSON.stringify(pool.config),
        JSON.stringify(pool.mfaFactors ?? {}),
      ]),
    );
  }

  save(pool: UserPool): void {
    this.cache.delete(pool.id);
    this.db.write((tx) =>
      tx.run('UPDATE user_pools SET name = ?, modified = ?, config = ?, mfa_factors = ? WHERE id = ?', [
        pool.name,
        pool.modified,
        JSON.stringify(pool.config),
        JSON.stringify(pool.mfaFactors ?? {}),
        pool.id,
      ]),
    );
  }

  findById(id: string): UserPool | undefined {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM user_pools WHERE id = ?', [id]));
    if (!row) return undefined;
    const pool = deepFreeze(fromRow(row));
    this.cache.set(id, pool);
    return pool;
  }

  /** Deletes the pool and, by cascade, its clients, users, groups, domains and providers. */
  delete(id: string): boolean {
    this.cache.delete(id);
    return this.db.write((tx) => tx.run('DELETE FROM user_pools WHERE id = ?', [id])) > 0;
  }

  /** Pools in creation order after the pool `afterId` (exclusive). */
  listPage(limit: number, afterId?: string): UserPool[] {
    return this.db.read((tx) => {
      if (!afterId) return tx.all<Row>('SELECT * FROM user_pools ORDER BY created, id LIMIT ?', [limit]);
      const after = tx.get<Row>('SELECT * FROM user_pools WHERE id = ?', [afterId]);
      if (!after) return [];
      return tx.all<Row>(
        'SELECT * FROM user_pools WHERE created > ? OR (created = ? AND id > ?) ORDER BY created, id LIMIT ?',
        [after.created, after.created, after.id, limit],
      );
    }).map(fromRow);
  }

  all(): UserPool[] {
    return this.db.read((tx) => tx.all<Row>('SELECT * FROM user_pools ORDER BY created, id')).map(fromRow);
  }

  countUsers(id: string): number {
    return this.db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?', [id])!.n);
  }
}
