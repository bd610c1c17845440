/**
 * Threat protection (issue 14): risk configurations (a pool's, and an app client's overriding
 * it: client_id '' is the pool's own), the developer's risk marks (the next sign-in of a user, an
 * IP address or a device rated LOW / MEDIUM / HIGH, consumed by that sign-in; compromised
 * passwords, kept until removed, as a hash and a masked hint only), and the auth events
 * AdminListUserAuthEvents answers. Everything goes with its pool.
 */
export const m020 = `
CREATE TABLE IF NOT EXISTS risk_configurations (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  configuration TEXT NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, client_id)
);
CREATE TABLE IF NOT EXISTS risk_marks (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  level TEXT,
  hint TEXT,
  created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS risk_marks_by_pool ON risk_marks (pool_id, kind, target);
CREATE TABLE IF NOT EXISTS auth_events (
  event_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  sub TEXT NOT NULL,
  username TEXT NOT NULL,
  client_id TEXT,
  flow_id TEXT,
  event_type TEXT NOT NULL,
  created INTEGER NOT NULL,
  event_response TEXT NOT NULL,
  risk TEXT NOT NULL,
  challenges TEXT NOT NULL,
  context_data TEXT NOT NULL,
  feedback_token TEXT NOT NULL,
  feedback TEXT
);
CREATE INDEX IF NOT EXISTS auth_events_by_user ON auth_events (pool_id, sub, created);
`;
