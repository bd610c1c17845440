/**
 * The pool's keys as a SAML service provider, each an RSA private key (PKCS #8 PEM) with its
 * self-signed certificate (PEM): the pool's request-signing key, and the encryption key of each
 * of its SAML providers. Made on first need, then kept.
 */
import type { Db } from '../db.js';

export interface SamlSpKey {
  privateKey: string;
  certificate: string;
  /** Epoch milliseconds. */
  created: number;
}

interface Row {
  private_key: string;
  certificate: string;
  created: number;
}

const fromRow = (row: Row): SamlSpKey => ({ privateKey: row.private_key, certificate: row.certificate, created: row.created });

export class SamlSpKeysRepository {
  constructor(private readonly db: Db) {}

  signingKey(poolId: string): SamlSpKey | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM saml_signing_keys WHERE pool_id = ?', [poolId]));
    return row && fromRow(row);
  }

  /** Stores the key unless the pool has one already (two first requests racing): the kept one is returned. */
  keepSigningKey(poolId: string, key: SamlSpKey): SamlSpKey {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO saml_signing_keys (pool_id, private_key, certificate, created) VALUES (?, ?, ?, ?)', [
        poolId,
        key.privateKey,
        key.certificate,
        key.created,
      ]),
    );
    return this.signingKey(poolId)!;
  }

  encryptionKey(poolId: string, providerName: string): SamlSpKey | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM saml_encryption_keys WHERE pool_id = ? AND provider_name = ?', [poolId, providerName]),
    );
    return row && fromRow(row);
  }

  /** Stores the provider's key unless it has one already: the kept one is returned. */
  keepEncryptionKey(poolId: string, providerName: string, key: SamlSpKey): SamlSpKey {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO saml_encryption_keys (pool_id, provider_name, private_key, certificate, created) VALUES (?, ?, ?, ?, ?)', [
        poolId,
        providerName,
        key.privateKey,
        key.certificate,
        key.created,
      ]),
    );
    return this.encryptionKey(poolId, providerName)!;
  }
}
