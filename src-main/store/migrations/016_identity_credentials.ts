/**
 * The sandbox's Cognito Identity issuer's signing keys (its OpenID tokens survive a restart), and
 * the temporary credentials handed out, so a request signed with them can be traced back to the
 * identity and role they were issued for.
 */
export const m016 = `
CREATE TABLE IF NOT EXISTS cognito_identity_keys (
  kid TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS issued_credentials (
  access_key_id TEXT PRIMARY KEY,
  identity_id TEXT NOT NULL,
  pool_id TEXT,
  role_arn TEXT NOT NULL,
  assumed_role_arn TEXT NOT NULL,
  assumed_role_id TEXT NOT NULL,
  via TEXT NOT NULL,
  session_token_hash TEXT NOT NULL,
  principal_tags TEXT NOT NULL DEFAULT '{}',
  expires INTEGER NOT NULL,
  created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS issued_credentials_by_expiry ON issued_credentials (expires);
CREATE INDEX IF NOT EXISTS issued_credentials_by_identity ON issued_credentials (identity_id);
`;
