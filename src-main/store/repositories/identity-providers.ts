import type { Db } from '../db.js';

export class IdentityProvidersRepository {
  constructor(private readonly db: Db) {}
}
