/**
 * The keys the sandbox's Cognito Identity issuer signs OpenID tokens with (GetOpenIdToken,
 * GetOpenIdTokenForDeveloperIdentity): one per region, generated on first use and kept, so tokens
 * and the JWKS outlive a restart.
 */
import type { Db } from '../db.js';

export interface CognitoIdentityKey {
  /** `{region}1`, as Cognito Identity names its keys (`us-east-11`). */
  kid: string;
  /** The private key as a JWK (JSON). */
  privateJwk: string;
  created: number;
}

interface Row {
  kid: string;
  private_jwk: string;
  created: number;
}

const fromRow = (r: Row): CognitoIdentityKey => ({ kid: r.kid, privateJwk: r.private_jwk, created: r.created });

export class CognitoIdentityKeysRepository {
  constructor(private readonly db: Db) {}

  find(kid: string): CognitoIdentityKey | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM cognito_identity_keys WHERE kid = ?', [kid]));
    return row && fromRow(row);
  }

  all(): CognitoIdentityKey[] {
    return this.db.read((tx) => tx.all<Row>('SELECT * FROM cognito_identity_keys ORDER BY created, kid')).map(fromRow);
  }

  /** Stores the key unless one with its kid is kept already (two first requests racing): the kept one is returned. */
  keep(key: CognitoIdentityKey): CognitoIdentityKey {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO cognito_identity_keys (kid, private_jwk, created) VALUES (?, ?, ?)', [key.kid, key.privateJwk, key.created]),
    );
    return this.find(key.kid)!;
  }
}
