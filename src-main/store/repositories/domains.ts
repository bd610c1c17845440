import type { Db } from '../db.js';

export class DomainsRepository {
  constructor(private readonly db: Db) {}
}
