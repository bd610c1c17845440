import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { Db } from '../db.js';

/**
 * A federated identity provider of a pool (SAML, OIDC or social). Details are kept as the
 * caller gave them, secrets included; what Cognito adds when it describes a provider (endpoint
 * URLs, defaults) is derived from them, not stored.
 */
export interface IdentityProvider {
  poolId: string;
  /** Unique in its pool; social providers are named for their type (`Google`). */
  name: string;
  type: IdentityProviderTypeType;
  details: Record<string, string>;
  /** User pool attribute to IdP claim or SAML attribute. */
  attributeMapping: Record<string, string>;
  /** Alternative names (often email domains); unique across the pool's providers. */
  idpIdentifiers: string[];
  /** OIDC only: user pool ACR level (`Level1`..`Level4`) to the IdP's ACR value. */
  acrMapping?: Record<string, string>;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface Config {
  details: Record<string, string>;
  attributeMapping: Record<string, string>;
  idpIdentifiers: string[];
  acrMapping?: Record<string, string>;
}

interface Row {
  pool_id: string;
  name: string;
  type: IdentityProviderTypeType;
  created: number;
  modified: number;
  config: string;
}

function fromRow(row: Row): IdentityProvider {
  const config: Config = JSON.parse(row.config);
  return { poolId: row.pool_id, name: row.name, type: row.type, ...config, created: row.created, modified: row.modified };
}

function configOf(provider: IdentityProvider): string {
  const config: Config = {
    details: provider.details,
    attributeMapping: provider.attributeMapping,
    idpIdentifiers: provider.idpIdentifiers,
    ...(provider.acrMapping && { acrMapping: provider.acrMapping }),
  };
  return JSON.stringify(config);
}

export class IdentityProvidersRepository {
  constructor(private readonly db: Db) {}

  insert(provider: IdentityProvider): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO identity_providers (pool_id, name, type, created, modified, config) VALUES (?, ?, ?, ?, ?, ?)', [
        provider.poolId,
        provider.name,
        provider.type,
        provider.created,
        provider.modified,
        configOf(provider),
      ]),
    );
  }

  /** Writes the provider's details, mappings, identifiers and modification time. */
  save(provider: IdentityProvider): void {
    this.db.write((tx) =>
      tx.run('UPDATE identity_providers SET config = ?, modified = ? WHERE pool_id = ? AND name = ?', [
        configOf(provider),
        provider.modified,
        provider.poolId,
        provider.name,
      ]),
    );
  }

  find(poolId: string, name: string): IdentityProvider | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM identity_providers WHERE pool_id = ? AND name = ?', [poolId, name]));
    return row && fromRow(row);
  }

  /** The provider that lists `identifier` among its IdpIdentifiers. */
  findByIdentifier(poolId: string, identifier: string): IdentityProvider | undefined {
    return this.all(poolId).find((provider) => provider.idpIdentifiers.includes(identifier));
  }

  delete(poolId: string, name: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM identity_providers WHERE pool_id = ? AND name = ?', [poolId, name])) > 0;
  }

  /** The pool's providers in name order, after the provider `afterName` (exclusive). */
  listPage(poolId: string, limit: number, afterName = ''): IdentityProvider[] {
    return this.db
      .read((tx) =>
        tx.all<Row>('SELECT * FROM identity_providers WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?', [poolId, afterName, limit]),
      )
      .map(fromRow);
  }

  /** Every provider of the pool, in name order. */
  all(poolId: string): IdentityProvider[] {
    return this.db.read((tx) => tx.all<Row>('SELECT * FROM identity_providers WHERE pool_id = ? ORDER BY name', [poolId])).map(fromRow);
  }

  /** Names of the pool's identity providers (SAML, OIDC and social). */
  providerNames(poolId: string): string[] {
    return this.db
      .read((tx) => tx.all<{ name: string }>('SELECT name FROM identity_providers WHERE pool_id = ? ORDER BY name', [poolId]))
      .map((row) => row.name);
  }
}
