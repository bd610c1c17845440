import type { Db } from '../db.js';

/** The mock SAML IdP's RSA key (PKCS #8 PEM) and its self-signed certificate (PEM). */
export interface StoredMockSamlIdpKey {
  certificatePem: string;
  privateKeyPem: string;
  /** Epoch milliseconds. */
  created: number;
}

interface Row {
  certificate_pem: string;
  private_key_pem: string;
  created: number;
}

export class MockSamlIdpKeysRepository {
  constructor(private readonly db: Db) {}

  current(): StoredMockSamlIdpKey | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM mock_saml_idp_keys WHERE id = 1'));
    return row && { certificatePem: row.certificate_pem, privateKeyPem: row.private_key_pem, created: row.created };
  }

  /** Stores the key unless the mock has one already (two first requests racing); returns the one that is kept. */
  insertIfAbsent(key: StoredMockSamlIdpKey): StoredMockSamlIdpKey {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO mock_saml_idp_keys (id, certificate_pem, private_key_pem, created) VALUES (1, ?, ?, ?)', [
        key.certificatePem,
        key.privateKeyPem,
        key.created,
      ]),
    );
    return this.current()!;
  }
}
