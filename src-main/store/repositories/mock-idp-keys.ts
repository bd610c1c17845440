/**
 * The keys the built-in mock identity providers sign with (the OIDC mock, Google, Apple), by the
 * mock's name: generated on first use and kept, so their ID tokens and JWKS outlive a restart.
 */
import type { Db } from '../db.js';

export interface MockIdpKey {
  name: string;
  kid: string;
  /** The private key as a JWK (JSON). */
  privateJwk: string;
  created: number;
}

interface Row {
  name: string;
  kid: string;
  private_jwk: string;
  created: number;
}

export class MockIdpKeysRepository {
  constructor(private readonly db: Db) {}

  find(name: string): MockIdpKey | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM mock_idp_keys WHERE name = ?', [name]));
    return row && { name: row.name, kid: row.kid, privateJwk: row.private_jwk, created: row.created };
  }

  /** Stores the key unless the mock has one already (two first requests racing): the kept one is returned. */
  keep(key: MockIdpKey): MockIdpKey {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO mock_idp_keys (name, kid, private_jwk, created) VALUES (?, ?, ?, ?)', [key.name, key.kid, key.privateJwk, key.created]),
    );
    return this.find(key.name)!;
  }
}
