/**
 * Identity pools (Cognito Identity): each pool's configuration as DescribeIdentityPool answers it,
 * with its tags, roles, role mappings and principal tag maps kept beside it as JSON.
 */
export const m014 = `
CREATE TABLE IF NOT EXISTS identity_pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  config TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '{}',
  roles TEXT NOT NULL DEFAULT '{}',
  role_mappings TEXT NOT NULL DEFAULT '{}',
  principal_tag_maps TEXT NOT NULL DEFAULT '{}',
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_pools_by_created ON identity_pools (created, id);
`;
