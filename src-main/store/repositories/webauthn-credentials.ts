import type { Db } from '../db.js';

/** A passkey as stored: its public key and what ListWebAuthnCredentials shows of it. */
export interface StoredWebAuthnCredential {
  poolId: string;
  /** The credential's id, base64url (as the authenticator's rawId). */
  credentialId: string;
  /** The user it belongs to. */
  sub: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter as last seen (0 for authenticators that keep none). */
  signCount: number;
  /** 'usb' | 'nfc' | 'ble' | 'hybrid' | 'internal' | ..., as the browser reported them. */
  transports: string[];
  friendlyName: string;
  relyingPartyId: string;
  /** 'platform' | 'cross-platform', when the browser said. */
  authenticatorAttachment?: string;
  /** Epoch milliseconds. */
  created: number;
}

/** Where the previous page of a user's credentials ended. */
export interface WebAuthnCredentialCursor {
  created: number;
  credentialId: string;
}

interface Row {
  pool_id: string;
  credential_id: string;
  sub: string;
  public_key: string;
  sign_count: number;
  transports: string;
  friendly_name: string;
  relying_party_id: string;
  authenticator_attachment: string | null;
  created: number;
}

const fromRow = (row: Row): StoredWebAuthnCredential => ({
  poolId: row.pool_id,
  credentialId: row.credential_id,
  sub: row.sub,
  publicKey: row.public_key,
  signCount: row.sign_count,
  transports: JSON.parse(row.transports),
  friendlyName: row.friendly_name,
  relyingPartyId: row.relying_party_id,
  ...(row.authenticator_attachment !== null && { authenticatorAttachment: row.authenticator_attachment }),
  created: row.created,
});

/** A user's passkeys; they go with the user (and the pool) by cascade. */
export class WebAuthnCredentialsRepository {
  constructor(private readonly db: Db) {}

  insert(credential: StoredWebAuthnCredential): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO webauthn_credentials (pool_id, credential_id, sub, public_key, sign_count, transports, friendly_name,
          relying_party_id, authenticator_attachment, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          credential.poolId,
          credential.credentialId,
          credential.sub,
          credential.publicKey,
          credential.signCount,
          JSON.stringify(credential.transports),
          credential.friendlyName,
          credential.relyingPartyId,
          credential.authenticatorAttachment ?? null,
          credential.created,
        ],
      ),
    );
  }

  /** The pool's credential with this id, whoever's it is. */
  find(poolId: string, credentialId: string): StoredWebAuthnCredential | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?', [poolId, credentialId]));
    return row && fromRow(row);
  }

  /** The user's credentials, oldest first: up to `limit` after `after`. */
  listOf(poolId: string, sub: string, limit: number, after?: WebAuthnCredentialCursor): StoredWebAuthnCredential[] {
    const bound = after ? ' AND (created, credential_id) > (?, ?)' : '';
    const params = after ? [poolId, sub, after.created, after.credentialId, limit] : [poolId, sub, limit];
    return this.db
      .read((tx) => tx.all<Row>(`SELECT * FROM webauthn_credentials WHERE pool_id = ? AND sub = ?${bound} ORDER BY created, credential_id LIMIT ?`, params))
      .map(fromRow);
  }

  countOf(poolId: string, sub: string): number {
    return this.db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM webauthn_credentials WHERE pool_id = ? AND sub = ?', [poolId, sub]))!.n;
  }

  /** Records the counter of the latest verified assertion. */
  updateSignCount(poolId: string, credentialId: string, signCount: number): void {
    this.db.write((tx) => tx.run('UPDATE webauthn_credentials SET sign_count = ? WHERE pool_id = ? AND credential_id = ?', [signCount, poolId, credentialId]));
  }

  /** Deletes the credential if it is this user's; false when the user has no such credential. */
  delete(poolId: string, sub: string, credentialId: string): boolean {
    return (
      this.db.write((tx) => tx.run('DELETE FROM webauthn_credentials WHERE pool_id = ? AND sub = ? AND credential_id = ?', [poolId, sub, credentialId])) > 0
    );
  }
}
