import type { Db } from '../db.js';

export class AppClientsRepository {
  constructor(private readonly db: Db) {}
}
