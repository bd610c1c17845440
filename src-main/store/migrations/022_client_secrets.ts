/**
 * An app client's secrets (issue 14): a confidential client may hold several at once (Cognito:
 * up to two, for rotation), each accepted wherever the client authenticates. `app_clients.secret`
 * stays what DescribeUserPoolClient shows, the oldest of them. A secret's id is Cognito's
 * ClientSecretId, `<client id>--<creation time>` (epoch milliseconds here). Existing clients'
 * secrets become their first, created with the client. Secrets go with their client.
 */
export const m022 = `
CREATE TABLE IF NOT EXISTS client_secrets (
  secret_id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES app_clients(client_id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS client_secrets_by_client ON client_secrets (client_id, created, secret_id);
INSERT OR IGNORE INTO client_secrets (secret_id, client_id, value, created)
  SELECT client_id || '--' || created, client_id, secret, created FROM app_clients WHERE secret IS NOT NULL
`;
