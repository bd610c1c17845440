/**
 * Passkeys: the WebAuthn credentials users register (StartWebAuthnRegistration,
 * CompleteWebAuthnRegistration) and sign in with (the WEB_AUTHN challenge). A credential belongs
 * to one user and goes with it, and with its pool.
 */
export const m004 = `
CREATE TABLE webauthn_credentials (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  public_key TEXT NOT NULL,
  sign_count INTEGER NOT NULL,
  transports TEXT NOT NULL DEFAULT '[]',
  friendly_name TEXT NOT NULL,
  relying_party_id TEXT NOT NULL,
  authenticator_attachment TEXT,
  created INTEGER NOT NULL,
  PRIMARY KEY (pool_id, credential_id),
  FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials (pool_id, sub, created, credential_id);
`;
