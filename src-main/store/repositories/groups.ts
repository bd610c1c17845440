import type { Db } from '../db.js';

export class GroupsRepository {
  constructor(private readonly db: Db) {}
}
