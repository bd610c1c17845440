/**
 * Temporary AWS credentials the identity pools handed out (GetCredentialsForIdentity) and the STS
 * stand-in issued (AssumeRoleWithWebIdentity): who they were for and until when. The secret key
 * is never kept, the session token only as its hash.
 */
import type { Db } from '../db.js';

export type CredentialsVia = 'GetCredentialsForIdentity' | 'AssumeRoleWithWebIdentity';

export interface IssuedCredentialsRecord {
  accessKeyId: string;
  identityId: string;
  /** The identity pool; null when the token's pool is not known (a token of another issuer). */
  identityPoolId: string | null;
  roleArn: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE_NAME/SESSION_NAME`. */
  assumedRoleArn: string;
  /** `AROA…:SESSION_NAME`. */
  assumedRoleId: string;
  via: CredentialsVia;
  /** SHA-256 (hex) of the session token. */
  sessionTokenHash: string;
  principalTags: Record<string, string>;
  /** Epoch milliseconds. */
  expires: number;
  created: number;
}

interface Row {
  access_key_id: string;
  identity_id: string;
  pool_id: string | null;
  role_arn: string;
  assumed_role_arn: string;
  assumed_role_id: string;
  via: CredentialsVia;
  session_token_hash: string;
  principal_tags: string;
  expires: number;
  created: number;
}

const fromRow = (r: Row): IssuedCredentialsRecord => ({
  accessKeyId: r.access_key_id,
  identityId: r.identity_id,
  identityPoolId: r.pool_id,
  roleArn: r.role_arn,
  assumedRoleArn: r.assumed_role_arn,
  assumedRoleId: r.assumed_role_id,
  via: r.via,
  sessionTokenHash: r.session_token_hash,
  principalTags: JSON.parse(r.principal_tags) as Record<string, string>,
  expires: r.expires,
  created: r.created,
});

export class IssuedCredentialsRepository {
  constructor(private readonly db: Db) {}

  find(accessKeyId: string): IssuedCredentialsRecord | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM issued_credentials WHERE access_key_id = ?', [accessKeyId]));
    return row && fromRow(row);
  }

  /** An identity's credentials still valid at `now`, newest first. */
  forIdentity(identityId: string, now: number): IssuedCredentialsRecord[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM issued_credentials WHERE identity_id = ? AND expires > ? ORDER BY created DESC', [identityId, now]))
      .map(fromRow);
  }

  insert(record: IssuedCredentialsRecord): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO issued_credentials (access_key_id, identity_id, pool_id, role_arn, assumed_role_arn, assumed_role_id, via,
           session_token_hash, principal_tags, expires, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          record.accessKeyId,
          record.identityId,
          record.identityPoolId,
          record.roleArn,
          record.assumedRoleArn,
          record.assumedRoleId,
          record.via,
          record.sessionTokenHash,
          JSON.stringify(record.principalTags),
          record.expires,
          record.created,
        ],
      ),
    );
  }

  /** Forgets the credentials expired by `now`; returns how many. */
  pruneExpired(now: number): number {
    return this.db.write((tx) => tx.run('DELETE FROM issued_credentials WHERE expires <= ?', [now]));
  }
}
