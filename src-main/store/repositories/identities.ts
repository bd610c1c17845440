import type { SqlValue } from 'sql.js';
import type { Db, Tx } from '../db.js';

/**
 * An identity pool's identities and the logins linked to them (a login, its provider key and
 * subject, belongs to at most one identity of a pool). Rows only: when a login may be linked,
 * what a merge may join and when an identity stops answering are cognito/identity/identities.ts.
 * cognito/identity/types.ts re-exports the records (the store cannot import that layer).
 */

/** A login linked to an identity: the provider's login key and who the user is there. */
export interface IdentityLogin {
  /** The login key: `cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12`, `accounts.google.com`, a developer provider name, an OIDC provider's issuer host, a SAML provider ARN. */
  provider: string;
  /** The user at that provider: the token's `sub`, a Facebook or Amazon user id, a developer user identifier. */
  subject: string;
  linked: number;
}

export interface StoredIdentity {
  /** `{region}:{uuid}`. */
  IdentityId: string;
  IdentityPoolId: string;
  logins: IdentityLogin[];
  created: number;
  updated: number;
  /** Set when this identity was merged into another (it no longer answers; the other does). */
  mergedInto?: string;
  /** Epoch ms it stopped answering: merged into another, or its last login unlinked (ListIdentities' HideDisabled hides it). */
  disabled?: number;
}

/** Where a page of a pool's identities ended: identities come in creation order, then id. */
export interface IdentityCursor {
  created: number;
  id: string;
}

interface IdentityRow {
  id: string;
  pool_id: string;
  created: number;
  updated: number;
  merged_into: string | null;
  disabled: number | null;
  [column: string]: SqlValue;
}

interface LoginRow {
  pool_id: string;
  provider: string;
  subject: string;
  identity_id: string;
  linked: number;
  [column: string]: SqlValue;
}

function toLogin(row: LoginRow): IdentityLogin {
  return { provider: row.provider, subject: row.subject, linked: row.linked };
}

function toIdentity(row: IdentityRow, logins: IdentityLogin[]): StoredIdentity {
  return {
    IdentityId: row.id,
    IdentityPoolId: row.pool_id,
    logins,
    created: row.created,
    updated: row.updated,
    ...(row.merged_into !== null && { mergedInto: row.merged_into }),
    ...(row.disabled !== null && { disabled: row.disabled }),
  };
}

const LOGIN_ORDER = 'ORDER BY linked, provider, subject';
/** SQLite's default limit on a statement's parameters is far above this; chunks keep IN lists small. */
const IN_CHUNK = 500;

function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export class IdentitiesRepository {
  constructor(private readonly db: Db) {}

  find(id: string): StoredIdentity | undefined {
    return this.db.read((tx) => {
      const row = tx.get<IdentityRow>('SELECT * FROM identities WHERE id = ?', [id]);
      return row && this.withLogins(tx, [row])[0];
    });
  }

  /** The identity of the pool a login (provider key and the user's id there) is linked to. */
  findByLogin(poolId: string, provider: string, subject: string): StoredIdentity | undefined {
    const login = this.db.read((tx) =>
      tx.get<LoginRow>('SELECT * FROM identity_logins WHERE pool_id = ? AND provider = ? AND subject = ?', [poolId, provider, subject]),
    );
    return login && this.find(login.identity_id);
  }

  /** A new identity with the logins it holds. */
  create(identity: StoredIdentity): void {
    this.db.write((tx) => {
      tx.run('INSERT INTO identities (id, pool_id, created, updated, merged_into, disabled) VALUES (?, ?, ?, ?, ?, ?)', [
        identity.IdentityId,
        identity.IdentityPoolId,
        identity.created,
        identity.updated,
        identity.mergedInto ?? null,
        identity.disabled ?? null,
      ]);
      for (const login of identity.logins) this.insertLogin(tx, identity.IdentityPoolId, identity.IdentityId, login);
    });
  }

  /** Links a login to the identity (its pool's); the identity counts as updated then. */
  link(identityId: string, login: IdentityLogin): void {
    this.db.write((tx) => {
      const row = tx.get<IdentityRow>('SELECT * FROM identities WHERE id = ?', [identityId]);
      if (!row) throw new Error(`no identity ${identityId}`);
      this.insertLogin(tx, row.pool_id, identityId, login);
      tx.run('UPDATE identities SET updated = ? WHERE id = ?', [Math.max(row.updated, login.linked), identityId]);
    });
  }

  /** Unlinks the identity's logins of `provider` (only the one of `subject` when given); answers how many went. */
  unlink(identityId: string, provider: string, subject?: string, at?: number): number {
    return this.db.write((tx) => {
      const removed =
        subject === undefined
          ? tx.run('DELETE FROM identity_logins WHERE identity_id = ? AND provider = ?', [identityId, provider])
          : tx.run('DELETE FROM identity_logins WHERE identity_id = ? AND provider = ? AND subject = ?', [identityId, provider, subject]);
      if (removed > 0 && at !== undefined) tx.run('UPDATE identities SET updated = ? WHERE id = ?', [at, identityId]);
      return removed;
    });
  }

  /**
   * Merges `from` into `into`: its logins move over, it points at `into` and stops answering, and
   * identities merged into it earlier point at `into` too.
   */
  merge(from: string, into: string, at: number): void {
    this.db.write((tx) => {
      tx.run('UPDATE identity_logins SET identity_id = ? WHERE identity_id = ?', [into, from]);
      tx.run('UPDATE identities SET merged_into = ?, updated = ? WHERE merged_into = ?', [into, at, from]);
      tx.run('UPDATE identities SET merged_into = ?, disabled = ?, updated = ? WHERE id = ?', [into, at, at, from]);
      tx.run('UPDATE identities SET updated = ? WHERE id = ?', [at, into]);
    });
  }

  /** Marks the identity as no longer answering (its last login unlinked). */
  disable(id: string, at: number): void {
    this.db.write((tx) => tx.run('UPDATE identities SET disabled = ?, updated = ? WHERE id = ?', [at, at, id]));
  }

  /** Up to `limit` of the pool's identities after the cursor, in creation order; disabled ones left out when asked. */
  page(poolId: string, after: IdentityCursor | undefined, limit: number, hideDisabled = false): StoredIdentity[] {
    return this.db.read((tx) => {
      const where = ['pool_id = ?'];
      const params: SqlValue[] = [poolId];
      if (after) {
        where.push('(created > ? OR (created = ? AND id > ?))');
        params.push(after.created, after.created, after.id);
      }
      if (hideDisabled) where.push('disabled IS NULL');
      const rows = tx.all<IdentityRow>(`SELECT * FROM identities WHERE ${where.join(' AND ')} ORDER BY created, id LIMIT ?`, [...params, limit]);
      return this.withLogins(tx, rows);
    });
  }

  /** The identity's subjects at `provider` (a developer provider's user identifiers), in order, after `after`. */
  subjectsAt(identityId: string, provider: string, after: string | undefined, limit: number): string[] {
    return this.db
      .read((tx) =>
        tx.all<{ subject: string }>(
          'SELECT subject FROM identity_logins WHERE identity_id = ? AND provider = ? AND subject > ? ORDER BY subject LIMIT ?',
          [identityId, provider, after ?? '', limit],
        ),
      )
      .map((row) => row.subject);
  }

  /** Deletes the identities and their logins (and the rows of identities merged into them); answers the ids that existed. */
  remove(ids: readonly string[]): string[] {
    const removed: string[] = [];
    this.db.write((tx) => {
      for (let start = 0; start < ids.length; start += IN_CHUNK) {
        const chunk = ids.slice(start, start + IN_CHUNK);
        const found = tx.all<{ id: string }>(`SELECT id FROM identities WHERE id IN (${marks(chunk.length)})`, [...chunk]).map((row) => row.id);
        if (found.length === 0) continue;
        const list = marks(found.length);
        tx.run(`DELETE FROM identity_logins WHERE identity_id IN (${list})`, found);
        tx.run(`DELETE FROM identities WHERE merged_into IN (${list})`, found);
        tx.run(`DELETE FROM identities WHERE id IN (${list})`, found);
        removed.push(...found);
      }
    });
    return removed;
  }

  /** DeleteIdentityPool: every identity of the pool and its logins; answers how many identities went. */
  removeAllInPool(poolId: string): number {
    return this.db.write((tx) => {
      tx.run('DELETE FROM identity_logins WHERE pool_id = ?', [poolId]);
      return tx.run('DELETE FROM identities WHERE pool_id = ?', [poolId]);
    });
  }

  private insertLogin(tx: Tx, poolId: string, identityId: string, login: IdentityLogin): void {
    tx.run('INSERT INTO identity_logins (pool_id, provider, subject, identity_id, linked) VALUES (?, ?, ?, ?, ?)', [
      poolId,
      login.provider,
      login.subject,
      identityId,
      login.linked,
    ]);
  }

  private withLogins(tx: Tx, rows: IdentityRow[]): StoredIdentity[] {
    if (rows.length === 0) return [];
    const byIdentity = new Map<string, IdentityLogin[]>(rows.map((row) => [row.id, []]));
    const ids = rows.map((row) => row.id);
    for (let start = 0; start < ids.length; start += IN_CHUNK) {
      const chunk = ids.slice(start, start + IN_CHUNK);
      for (const login of tx.all<LoginRow>(`SELECT * FROM identity_logins WHERE identity_id IN (${marks(chunk.length)}) ${LOGIN_ORDER}`, chunk)) {
        byIdentity.get(login.identity_id)!.push(toLogin(login));
      }
    }
    return rows.map((row) => toIdentity(row, byIdentity.get(row.id)!));
  }
}
