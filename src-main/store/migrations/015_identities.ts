/**
 * An identity pool's identities and the logins linked to them: a login (provider key and the
 * user's id there) belongs to one identity of a pool. A merged identity keeps its row, pointing at
 * the identity it was merged into, so a client still holding its id is told what became of it.
 * `disabled` is set when an identity stops answering: merged into another, or its last login
 * unlinked (an authenticated identity never becomes a guest again).
 */
export const m015 = `
CREATE TABLE IF NOT EXISTS identities (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  merged_into TEXT,
  disabled INTEGER
);
CREATE INDEX IF NOT EXISTS identities_by_pool ON identities (pool_id, created, id);
CREATE TABLE IF NOT EXISTS identity_logins (
  pool_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  linked INTEGER NOT NULL,
  PRIMARY KEY (pool_id, provider, subject)
);
CREATE INDEX IF NOT EXISTS identity_logins_by_identity ON identity_logins (identity_id);
`;
