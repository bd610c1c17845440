/** The SAML metadata fetched from a provider's MetadataURL, kept until it is due for a refresh. */
import type { Db } from '../db.js';

export interface SamlMetadataDocument {
  poolId: string;
  providerName: string;
  /** The MetadataURL it came from: a provider whose URL changed has none. */
  url: string;
  document: string;
  /** Epoch milliseconds. */
  fetched: number;
}

interface Row {
  pool_id: string;
  provider_name: string;
  url: string;
  document: string;
  fetched: number;
}

export class SamlMetadataDocumentsRepository {
  constructor(private readonly db: Db) {}

  find(poolId: string, providerName: string): SamlMetadataDocument | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM saml_metadata_documents WHERE pool_id = ? AND provider_name = ?', [poolId, providerName]),
    );
    return row && { poolId: row.pool_id, providerName: row.provider_name, url: row.url, document: row.document, fetched: row.fetched };
  }

  save(metadata: SamlMetadataDocument): void {
    this.db.write((tx) =>
      tx.run('INSERT OR REPLACE INTO saml_metadata_documents (pool_id, provider_name, url, document, fetched) VALUES (?, ?, ?, ?, ?)', [
        metadata.poolId,
        metadata.providerName,
        metadata.url,
        metadata.document,
        metadata.fetched,
      ]),
    );
  }
}
