/**
 * A user pool's log delivery configuration (issue 14): one row per pool holding its list of
 * log configurations (event source, level, destination ARN) as Cognito answers them. It goes
 * with its pool.
 */
export const m018 = `
CREATE TABLE IF NOT EXISTS log_delivery_configurations (
  pool_id TEXT PRIMARY KEY REFERENCES user_pools(id) ON DELETE CASCADE,
  configurations TEXT NOT NULL,
  modified INTEGER NOT NULL
);
`;
