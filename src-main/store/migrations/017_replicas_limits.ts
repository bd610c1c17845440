/**
 * User pool replicas (a pool's secondary regions; gone with their pool) and the account's
 * provisioned API rate limits (per limit class and category; account-wide, not a pool's).
 */
export const m017 = `
CREATE TABLE IF NOT EXISTS user_pool_replicas (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  status TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '{}',
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, region)
);
CREATE TABLE IF NOT EXISTS provisioned_limits (
  limit_class TEXT NOT NULL,
  category TEXT NOT NULL,
  value INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (limit_class, category)
);
`;
