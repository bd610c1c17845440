/**
 * The pool as a SAML 2.0 service provider: its request-signing key (one per pool: what
 * GetSigningCertificate returns) and the encryption key Cognito gives each SAML provider
 * (EncryptedResponses), both RSA with a self-signed certificate; the metadata documents fetched
 * from providers' MetadataURL; the assertion IDs already accepted, kept until the assertion
 * expires so a replay is refused; the SAML identity a hosted session was opened with (single
 * logout names it by NameID and SessionIndex); and the logout requests sent to providers, whose
 * answers come back to /saml2/logout. `IF NOT EXISTS` keeps the migration harmless to run again
 * should its number move.
 */
export const m011 = `
CREATE TABLE IF NOT EXISTS saml_signing_keys (
  pool_id TEXT PRIMARY KEY REFERENCES user_pools(id) ON DELETE CASCADE,
  private_key TEXT NOT NULL,
  certificate TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS saml_encryption_keys (
  pool_id TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  private_key TEXT NOT NULL,
  certificate TEXT NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (pool_id, provider_name),
  FOREIGN KEY (pool_id, provider_name) REFERENCES identity_providers(pool_id, name) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS saml_metadata_documents (
  pool_id TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  url TEXT NOT NULL,
  document TEXT NOT NULL,
  fetched INTEGER NOT NULL,
  PRIMARY KEY (pool_id, provider_name),
  FOREIGN KEY (pool_id, provider_name) REFERENCES identity_providers(pool_id, name) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS saml_seen_assertions (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  assertion_id TEXT NOT NULL,
  expires INTEGER NOT NULL,
  PRIMARY KEY (pool_id, assertion_id)
);
CREATE INDEX IF NOT EXISTS saml_seen_assertions_by_expiry ON saml_seen_assertions (expires);
CREATE TABLE IF NOT EXISTS saml_hosted_sessions (
  id_hash TEXT PRIMARY KEY REFERENCES hosted_sessions(id_hash) ON DELETE CASCADE,
  pool_id TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  name_id TEXT NOT NULL,
  name_id_format TEXT,
  session_index TEXT
);
CREATE INDEX IF NOT EXISTS saml_hosted_sessions_by_name_id ON saml_hosted_sessions (pool_id, provider_name, name_id);
CREATE TABLE IF NOT EXISTS saml_logout_requests (
  request_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  provider_name TEXT NOT NULL,
  next TEXT NOT NULL,
  expires INTEGER NOT NULL
);
`;
