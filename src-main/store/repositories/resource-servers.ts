import type { Db } from '../db.js';

export class ResourceServersRepository {
  constructor(private readonly db: Db) {}
}
