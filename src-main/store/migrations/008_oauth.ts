/**
 * OAuth 2.0: the scopes a refresh token was granted through the hosted UI (null for a sign-in
 * through the user pools API, whose tokens carry aws.cognito.signin.user.admin), and the hosted
 * UI's sign-in sessions (the `cognito` cookie: one hour in which the pool's other clients sign the
 * browser in without a password), stored only as the hash of the cookie's value.
 */
export const m008 = `
ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT;
CREATE TABLE hosted_sessions (
  id_hash TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  created INTEGER NOT NULL,
  expires INTEGER NOT NULL
);
CREATE INDEX hosted_sessions_by_expiry ON hosted_sessions (expires);
`;
