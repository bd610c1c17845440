/**
 * Provider links (AdminLinkProviderForUser): an identity at a pool's identity provider, named
 * by a provider attribute and its value, that signs in as an existing user of the pool (the
 * user's sub). A value links once per provider. `subject` is the provider's user id of the
 * identity that signed in through a link made on another attribute, so that it can be unlinked
 * by Cognito_Subject afterwards. A link goes with its user and with its provider; `IF NOT EXISTS`
 * keeps the migration harmless to run again should its number move.
 */
export const m010 = `
CREATE TABLE IF NOT EXISTS provider_links (
  pool_id TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  attribute_name TEXT NOT NULL,
  attribute_value TEXT NOT NULL,
  user_sub TEXT NOT NULL,
  subject TEXT,
  created INTEGER NOT NULL,
  PRIMARY KEY (pool_id, provider_name, attribute_value),
  FOREIGN KEY (pool_id, provider_name) REFERENCES identity_providers (pool_id, name) ON DELETE CASCADE,
  FOREIGN KEY (pool_id, user_sub) REFERENCES users (pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS provider_links_by_user ON provider_links (pool_id, user_sub);
CREATE INDEX IF NOT EXISTS provider_links_by_subject ON provider_links (pool_id, provider_name, subject) WHERE subject IS NOT NULL;
`;
