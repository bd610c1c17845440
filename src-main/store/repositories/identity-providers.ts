import type { Db } from '../db.js';

/** STUB: the identity-providers work fills this in; the method below is a contract app clients use. */
export class IdentityProvidersRepository {
  constructor(private readonly db: Db) {}

  /** Names of the pool's identity providers (SAML, OIDC and social). */
  providerNames(_poolId: string): string[] {
    void this.db;
    throw new Error('not implemented');
  }
}
