/** The first schema: pools and everything that hangs off them, the outbox and debugger events. */
export const m001 = `
CREATE TABLE user_pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  config TEXT NOT NULL,
  mfa_factors TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE app_clients (
  client_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  secret TEXT,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  config TEXT NOT NULL
);
CREATE INDEX app_clients_by_pool ON app_clients (pool_id, created, client_id);

CREATE TABLE users (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  username_key TEXT NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  attributes TEXT NOT NULL,
  email TEXT,
  phone_number TEXT,
  name TEXT,
  given_name TEXT,
  family_name TEXT,
  preferred_username TEXT,
  email_verified INTEGER NOT NULL DEFAULT 0,
  phone_number_verified INTEGER NOT NULL DEFAULT 0,
  password TEXT,
  password_changed INTEGER,
  mfa TEXT,
  extra TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (pool_id, username_key)
);
CREATE UNIQUE INDEX users_by_sub ON users (pool_id, sub);
CREATE INDEX users_by_email ON users (pool_id, email, username_key) WHERE email IS NOT NULL;
CREATE INDEX users_by_phone_number ON users (pool_id, phone_number, username_key) WHERE phone_number IS NOT NULL;
CREATE INDEX users_by_name ON users (pool_id, name, username_key) WHERE name IS NOT NULL;
CREATE INDEX users_by_given_name ON users (pool_id, given_name, username_key) WHERE given_name IS NOT NULL;
CREATE INDEX users_by_family_name ON users (pool_id, family_name, username_key) WHERE family_name IS NOT NULL;
CREATE INDEX users_by_preferred_username ON users (pool_id, preferred_username, username_key) WHERE preferred_username IS NOT NULL;
CREATE INDEX users_by_status ON users (pool_id, status, username_key);
CREATE INDEX users_by_enabled ON users (pool_id, enabled, username_key);

CREATE TABLE groups (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  role_arn TEXT,
  precedence INTEGER,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, name)
);

CREATE TABLE group_members (
  pool_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  username_key TEXT NOT NULL,
  added INTEGER NOT NULL,
  PRIMARY KEY (pool_id, group_name, username_key),
  FOREIGN KEY (pool_id, group_name) REFERENCES groups(pool_id, name) ON DELETE CASCADE,
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX group_members_by_user ON group_members (pool_id, username_key);

CREATE TABLE domains (
  domain TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  config TEXT NOT NULL
);
CREATE UNIQUE INDEX domains_by_pool ON domains (pool_id, kind);

CREATE TABLE resource_servers (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  identifier TEXT NOT NULL,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, identifier)
);

CREATE TABLE identity_providers (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  config TEXT NOT NULL,
  PRIMARY KEY (pool_id, name)
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  pool_id TEXT,
  flow_id TEXT,
  channel TEXT NOT NULL,
  destination TEXT NOT NULL,
  username TEXT,
  purpose TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  code TEXT
);
CREATE INDEX outbox_by_destination ON outbox (destination, id);
CREATE INDEX outbox_by_pool ON outbox (pool_id, id);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  type TEXT NOT NULL,
  flow_id TEXT,
  pool_id TEXT,
  body TEXT NOT NULL
);
CREATE INDEX events_by_flow ON events (flow_id, seq);
`;
