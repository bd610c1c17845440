import type { Db } from '../db.js';

/** STUB: the resource-servers work fills this in; the method below is a contract app clients use. */
export class ResourceServersRepository {
  constructor(private readonly db: Db) {}

  /** Every custom scope of the pool, as `identifier/scopeName`. */
  scopeNames(_poolId: string): string[] {
    void this.db;
    throw new Error('not implemented');
  }
}
