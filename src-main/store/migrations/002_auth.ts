/**
 * Sign-in: signing keys, flows and their sessions, refresh tokens, sign-outs, lockout.
 * (One-time codes live on the user, in `users.extra`, next to what they confirm.)
 */
export const m002 = `
CREATE TABLE signing_keys (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  token_use TEXT NOT NULL,
  kid TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (pool_id, token_use)
);

CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  pool_id TEXT,
  client_id TEXT,
  kind TEXT NOT NULL,
  username TEXT,
  state TEXT NOT NULL,
  snapshot TEXT,
  session_hash TEXT,
  session_expires INTEGER,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  ended INTEGER,
  outcome TEXT
);
CREATE UNIQUE INDEX flows_by_session ON flows (session_hash);
CREATE INDEX flows_by_pool ON flows (pool_id, created);

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  jti TEXT NOT NULL,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  created INTEGER NOT NULL,
  expires INTEGER NOT NULL,
  revoked INTEGER
);
CREATE UNIQUE INDEX refresh_tokens_by_jti ON refresh_tokens (jti);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (pool_id, sub);

CREATE TABLE sign_outs (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  sub TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (pool_id, sub)
);

CREATE TABLE sign_in_failures (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  sub TEXT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  last_failure INTEGER NOT NULL,
  PRIMARY KEY (pool_id, sub)
);
`;
