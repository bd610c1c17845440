import type { Db } from '../db.js';
import type { UserPool } from './user-pools.js';

/**
 * A user as stored. STUB: the users work fills in the implementation; the shape and the
 * method signatures below are the contract other repositories and operations code against.
 */
export interface StoredUser {
  poolId: string;
  /** The username as created (case preserved). */
  username: string;
  /** The lookup key: the username, lower-cased when the pool is case-insensitive. */
  usernameKey: string;
  sub: string;
  /** UNCONFIRMED | CONFIRMED | EXTERNAL_PROVIDER | RESET_REQUIRED | FORCE_CHANGE_PASSWORD | ... */
  status: string;
  enabled: boolean;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  /** Attributes in the order Cognito returns them, `sub` included. */
  attributes: { Name: string; Value: string }[];
}

export class UsersRepository {
  constructor(private readonly db: Db) {}

  /**
   * Finds a user the way admin operations accept one: by username, by an alias attribute
   * (verified email / phone / preferred_username where the pool allows it), by an email or phone
   * used as the username attribute, or by `sub`.
   */
  resolve(_pool: UserPool, _username: string): StoredUser | undefined {
    void this.db;
    throw new Error('not implemented');
  }
}
