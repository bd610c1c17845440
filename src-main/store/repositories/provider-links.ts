import type { SqlValue } from 'sql.js';
import type { Db } from '../db.js';

/**
 * An identity at one of a pool's identity providers that signs in as an existing user of the
 * pool (AdminLinkProviderForUser): the provider attribute that names it and its value, and the
 * user's sub. Deleting the user or the provider deletes the link.
 */
export interface ProviderLink {
  poolId: string;
  providerName: string;
  /** `Cognito_Subject` (the provider's user id), or the attribute or claim the link was made on. */
  attributeName: string;
  attributeValue: string;
  /** The destination user's sub. */
  userSub: string;
  /** Epoch milliseconds. */
  created: number;
  /** The provider's user id of the identity that signed in through a link made on another attribute. */
  subject?: string;
}

interface Row {
  pool_id: string;
  provider_name: string;
  attribute_name: string;
  attribute_value: string;
  user_sub: string;
  subject: string | null;
  created: number;
  [column: string]: SqlValue;
}

function fromRow(row: Row): ProviderLink {
  return {
    poolId: row.pool_id,
    providerName: row.provider_name,
    attributeName: row.attribute_name,
    attributeValue: row.attribute_value,
    userSub: row.user_sub,
    created: row.created,
    ...(row.subject !== null && { subject: row.subject }),
  };
}

export class ProviderLinksRepository {
  constructor(private readonly db: Db) {}

  insert(link: ProviderLink): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO provider_links (pool_id, provider_name, attribute_name, attribute_value, user_sub, subject, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [link.poolId, link.providerName, link.attributeName, link.attributeValue, link.userSub, link.subject ?? null, link.created],
      ),
    );
  }

  /** The provider's link on `value`. */
  find(poolId: string, providerName: string, value: string): ProviderLink | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM provider_links WHERE pool_id = ? AND provider_name = ? AND attribute_value = ?', [poolId, providerName, value]),
    );
    return row && fromRow(row);
  }

  /** The provider's links on any of `values`, in value order. */
  findAny(poolId: string, providerName: string, values: readonly string[]): ProviderLink[] {
    if (values.length === 0) return [];
    const marks = values.map(() => '?').join(', ');
    return this.db
      .read((tx) =>
        tx.all<Row>(
          `SELECT * FROM provider_links WHERE pool_id = ? AND provider_name = ? AND attribute_value IN (${marks}) ORDER BY attribute_value`,
          [poolId, providerName, ...values],
        ),
      )
      .map(fromRow);
  }

  /** The provider's link an identity with this user id has signed in through. */
  findBySubject(poolId: string, providerName: string, subject: string): ProviderLink | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM provider_links WHERE pool_id = ? AND provider_name = ? AND subject = ?', [poolId, providerName, subject]),
    );
    return row && fromRow(row);
  }

  /** The links whose destination is the user, oldest first. */
  forUser(poolId: string, userSub: string): ProviderLink[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM provider_links WHERE pool_id = ? AND user_sub = ? ORDER BY created, provider_name', [poolId, userSub]))
      .map(fromRow);
  }

  /** Records the provider's user id of the identity that signed in through the link on `value`. */
  recordSubject(poolId: string, providerName: string, value: string, subject: string): void {
    this.db.write((tx) =>
      tx.run('UPDATE provider_links SET subject = ? WHERE pool_id = ? AND provider_name = ? AND attribute_value = ?', [subject, poolId, providerName, value]),
    );
  }

  delete(poolId: string, providerName: string, value: string): boolean {
    return (
      this.db.write((tx) =>
        tx.run('DELETE FROM provider_links WHERE pool_id = ? AND provider_name = ? AND attribute_value = ?', [poolId, providerName, value]),
      ) > 0
    );
  }
}
