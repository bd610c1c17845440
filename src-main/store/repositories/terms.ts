import type { Db } from '../db.js';

/** A terms document of an app client: its kind (`terms-of-use`, `privacy-policy`) and a URL per language. */
export interface TermsDocument {
  termsId: string;
  poolId: string;
  clientId: string;
  /** Unique in its client. */
  name: string;
  source: string;
  enforcement: string;
  /** `cognito:default`, `cognito:french`, ... to a URL. */
  links: Record<string, string>;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface Row {
  terms_id: string;
  pool_id: string;
  client_id: string;
  name: string;
  source: string;
  enforcement: string;
  links: string;
  created: number;
  modified: number;
}

const fromRow = (row: Row): TermsDocument => ({
  termsId: row.terms_id,
  poolId: row.pool_id,
  clientId: row.client_id,
  name: row.name,
  source: row.source,
  enforcement: row.enforcement,
  links: JSON.parse(row.links),
  created: row.created,
  modified: row.modified,
});

/** A document's place in its pool's listing: client, then name (unique together). */
export const termsListingKey = (terms: TermsDocument): string => `${terms.clientId}/${terms.name}`;

export class TermsRepository {
  constructor(private readonly db: Db) {}

  insert(terms: TermsDocument): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO terms (terms_id, pool_id, client_id, name, source, enforcement, links, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        terms.termsId,
        terms.poolId,
        terms.clientId,
        terms.name,
        terms.source,
        terms.enforcement,
        JSON.stringify(terms.links),
        terms.created,
        terms.modified,
      ]),
    );
  }

  /** Writes the document's name, source, enforcement, links and modification time. */
  save(terms: TermsDocument): void {
    this.db.write((tx) =>
      tx.run('UPDATE terms SET name = ?, source = ?, enforcement = ?, links = ?, modified = ? WHERE terms_id = ?', [
        terms.name,
        terms.source,
        terms.enforcement,
        JSON.stringify(terms.links),
        terms.modified,
        terms.termsId,
      ]),
    );
  }

  find(poolId: string, termsId: string): TermsDocument | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM terms WHERE pool_id = ? AND terms_id = ?', [poolId, termsId]));
    return row && fromRow(row);
  }

  findByName(poolId: string, clientId: string, name: string): TermsDocument | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM terms WHERE pool_id = ? AND client_id = ? AND name = ?', [poolId, clientId, name]),
    );
    return row && fromRow(row);
  }

  /** The client's documents, by name. */
  ofClient(poolId: string, clientId: string): TermsDocument[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM terms WHERE pool_id = ? AND client_id = ? ORDER BY name', [poolId, clientId]))
      .map(fromRow);
  }

  /** The pool's documents in listing order (termsListingKey), after the key `after` (exclusive). */
  listPage(poolId: string, limit: number, after = ''): TermsDocument[] {
    return this.db
      .read((tx) =>
        tx.all<Row>("SELECT * FROM terms WHERE pool_id = ? AND client_id || '/' || name > ? ORDER BY client_id || '/' || name LIMIT ?", [poolId, after, limit]),
      )
      .map(fromRow);
  }

  delete(termsId: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM terms WHERE terms_id = ?', [termsId])) > 0;
  }
}
