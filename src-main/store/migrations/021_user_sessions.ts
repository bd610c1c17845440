/**
 * User sessions (issue 14). A TOKEN session is a refresh-token family: its first row (the
 * sign-in's token) carries the session's id, the SSO session it came through, the flow that
 * issued it, and what the session shows (last activity, IP address, device). An SSO session is a hosted-UI session, with the
 * app client it was opened for and the same activity columns. Only sessions begun while the
 * pool tracked sessions have an id. The pool's and the app clients' session configurations go
 * with their pool and client.
 */
export const m021 = `
ALTER TABLE refresh_tokens ADD COLUMN session_id TEXT;
ALTER TABLE refresh_tokens ADD COLUMN origin_session_id TEXT;
ALTER TABLE refresh_tokens ADD COLUMN flow_id TEXT;
ALTER TABLE refresh_tokens ADD COLUMN last_active INTEGER;
ALTER TABLE refresh_tokens ADD COLUMN last_ip TEXT;
ALTER TABLE refresh_tokens ADD COLUMN device_type TEXT;
CREATE UNIQUE INDEX refresh_tokens_by_session ON refresh_tokens (session_id) WHERE session_id IS NOT NULL;

ALTER TABLE hosted_sessions ADD COLUMN session_id TEXT;
ALTER TABLE hosted_sessions ADD COLUMN client_id TEXT;
ALTER TABLE hosted_sessions ADD COLUMN last_active INTEGER;
ALTER TABLE hosted_sessions ADD COLUMN last_ip TEXT;
ALTER TABLE hosted_sessions ADD COLUMN device_type TEXT;
CREATE UNIQUE INDEX hosted_sessions_by_session ON hosted_sessions (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX hosted_sessions_by_user ON hosted_sessions (pool_id, sub);

CREATE TABLE user_pool_session_configurations (
  pool_id TEXT PRIMARY KEY REFERENCES user_pools(id) ON DELETE CASCADE,
  user_session_tracking TEXT NOT NULL,
  max_per_user INTEGER NOT NULL,
  modified INTEGER NOT NULL
);

CREATE TABLE client_session_configurations (
  client_id TEXT PRIMARY KEY REFERENCES app_clients(client_id) ON DELETE CASCADE,
  sso_max_validity_minutes INTEGER NOT NULL,
  modified INTEGER NOT NULL
);
`;
