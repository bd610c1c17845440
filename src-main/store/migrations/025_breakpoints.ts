/**
 * Breakpoints (issue 16): where the developer stops a pool's flows, kept like an IDE's across
 * restarts (a paused flow is not: its request went with the process). A pool's go with it.
 */
export const m025 = `
CREATE TABLE IF NOT EXISTS breakpoints (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  point TEXT NOT NULL,
  trigger_name TEXT,
  user_name TEXT,
  client_id TEXT,
  respond_with TEXT,
  fail_with TEXT,
  enabled INTEGER NOT NULL,
  created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS breakpoints_pool ON breakpoints (pool_id, point)
`;
