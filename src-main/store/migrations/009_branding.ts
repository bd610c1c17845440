/**
 * What the hosted pages are dressed in: the classic hosted UI's customization (CSS and logo) of
 * a client, or of the whole pool (`client_id` null: Cognito's `ALL`); a client's managed login
 * branding style; a client's terms documents. Each goes with its client and with its pool.
 * `IF NOT EXISTS` keeps the migration harmless to run again should its number move.
 */
export const m009 = `
CREATE TABLE IF NOT EXISTS ui_customizations (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT REFERENCES app_clients(client_id) ON DELETE CASCADE,
  css TEXT,
  image TEXT,
  image_type TEXT,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ui_customizations_by_scope ON ui_customizations (pool_id, IFNULL(client_id, ''));

CREATE TABLE IF NOT EXISTS managed_login_brandings (
  branding_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL UNIQUE REFERENCES app_clients(client_id) ON DELETE CASCADE,
  use_cognito_provided_values INTEGER NOT NULL,
  settings TEXT,
  assets TEXT NOT NULL DEFAULT '[]',
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS terms (
  terms_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES app_clients(client_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  enforcement TEXT NOT NULL,
  links TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  UNIQUE (client_id, name)
);
CREATE INDEX IF NOT EXISTS terms_by_pool ON terms (pool_id, client_id, name);
`;
