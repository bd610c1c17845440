import type { Db } from '../db.js';

export class OutboxRepository {
  constructor(private readonly db: Db) {}
}
