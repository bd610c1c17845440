import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Db } from '../db.js';
import type { Tx } from '../tx.js';

/** An app client's settings as DescribeUserPoolClient shows them, minus identity, secret and dates. */
export type ClientSettings = Omit<
  UserPoolClientType,
  'UserPoolId' | 'ClientName' | 'ClientId' | 'ClientSecret' | 'CreationDate' | 'LastModifiedDate'
>;

/** One of a confidential client's secrets. */
export interface StoredClientSecret {
  /** Cognito's ClientSecretId: `<client id>--<creation time>` (see clientSecretId). */
  secretId: string;
  value: string;
  /** Epoch milliseconds. */
  created: number;
}

/** The id of the client's secret created at `created` (epoch milliseconds), as migration 022 names existing ones. */
export function clientSecretId(clientId: string, created: number): string {
  return `${clientId}--${created}`;
}

/** A user pool app client as stored: its settings as given, without Cognito's defaults (cognito/app-clients.ts adds them). */
export interface StoredAppClient {
  clientId: string;
  poolId: string;
  name: string;
  /** What DescribeUserPoolClient shows: the oldest of `secrets`. Absent for a public client. */
  secret?: string;
  /**
   * Every secret the client holds, oldest first, as read from the store (empty for a public
   * client). `insert` writes `secret` as the first one, created with the client.
   */
  secrets?: StoredClientSecret[];
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  /** What DescribeUserPoolClient shows. */
  settings: ClientSettings;
}

interface Row {
  client_id: string;
  pool_id: string;
  name: string;
  secret: string | null;
  created: number;
  modified: number;
  config: string;
}

interface SecretRow {
  secret_id: string;
  client_id: string;
  value: string;
  created: number;
}

function fromRow(row: Row, secrets: StoredClientSecret[]): StoredAppClient {
  return {
    clientId: row.client_id,
    poolId: row.pool_id,
    name: row.name,
    ...(row.secret !== null && { secret: row.secret }),
    secrets,
    created: row.created,
    modified: row.modified,
    settings: JSON.parse(row.config) as ClientSettings,
  };
}

/** Each client's secrets, oldest first. */
function secretsOf(tx: Tx, clientIds: readonly string[]): Map<string, StoredClientSecret[]> {
  const secrets = new Map<string, StoredClientSecret[]>(clientIds.map((id) => [id, []]));
  if (clientIds.length === 0) return secrets;
  const rows = tx.all<SecretRow>(
    `SELECT * FROM client_secrets WHERE client_id IN (${clientIds.map(() => '?').join(', ')}) ORDER BY created, secret_id`,
    [...clientIds],
  );
  for (const row of rows) secrets.get(row.client_id)?.push({ secretId: row.secret_id, value: row.value, created: row.created });
  return secrets;
}

/** The client's `secret` column follows its oldest secret (none left: none). */
const FOLLOW_OLDEST_SECRET =
  'UPDATE app_clients SET secret = (SELECT value FROM client_secrets WHERE client_id = ? ORDER BY created, secret_id LIMIT 1) WHERE client_id = ?';

export interface AppClientPage {
  clients: StoredAppClient[];
  /** Present when more clients follow. */
  nextToken?: string;
}

/** Where a page starts: after this client, in creation order. */
interface PagePosition {
  created: number;
  clientId: string;
}

function positionToken(poolId: string, client: StoredAppClient): string {
  return Buffer.from(JSON.stringify([poolId, client.created, client.clientId]), 'utf8').toString('base64url');
}

function positionFromToken(poolId: string, token: string): PagePosition | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
  const [tokenPool, created, clientId] = decoded;
  if (tokenPool !== poolId || typeof created !== 'number' || typeof clientId !== 'string') return undefined;
  return { created, clientId };
}

export class AppClientsRepository {
  constructor(private readonly db: Db) {}

  insert(client: StoredAppClient): void {
    this.db.write((tx) => {
      tx.run(
        'INSERT INTO app_clients (client_id, pool_id, name, secret, created, modified, config) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [client.clientId, client.poolId, client.name, client.secret ?? null, client.created, client.modified, JSON.stringify(client.settings)],
      );
      if (client.secret === undefined) return;
      tx.run('INSERT INTO client_secrets (secret_id, client_id, value, created) VALUES (?, ?, ?, ?)', [
        clientSecretId(client.clientId, client.created),
        client.clientId,
        client.secret,
        client.created,
      ]);
    });
  }

  /** Gives the client one more secret; its `secret` stays the oldest. */
  addSecret(clientId: string, secret: StoredClientSecret): void {
    this.db.write((tx) => {
      tx.run('INSERT INTO client_secrets (secret_id, client_id, value, created) VALUES (?, ?, ?, ?)', [secret.secretId, clientId, secret.value, secret.created]);
      tx.run(FOLLOW_OLDEST_SECRET, [clientId, clientId]);
    });
  }

  /** Takes one of the client's secrets away; its `secret` becomes the oldest left. False when the client has no such secret. */
  deleteSecret(clientId: string, secretId: string): boolean {
    return this.db.write((tx) => {
      const deleted = tx.run('DELETE FROM client_secrets WHERE client_id = ? AND secret_id = ?', [clientId, secretId]) > 0;
      if (deleted) tx.run(FOLLOW_OLDEST_SECRET, [clientId, clientId]);
      return deleted;
    });
  }

  /** Replaces every secret of the client with these (a restored client's); its `secret` becomes the oldest. */
  replaceSecrets(clientId: string, secrets: readonly StoredClientSecret[]): void {
    this.db.write((tx) => {
      tx.run('DELETE FROM client_secrets WHERE client_id = ?', [clientId]);
      for (const secret of secrets) {
        tx.run('INSERT INTO client_secrets (secret_id, client_id, value, created) VALUES (?, ?, ?, ?)', [secret.secretId, clientId, secret.value, secret.created]);
      }
      tx.run(FOLLOW_OLDEST_SECRET, [clientId, clientId]);
    });
  }

  /** Writes the client's name, settings and modification time; the secret never changes. */
  save(client: StoredAppClient): void {
    this.db.write((tx) =>
      tx.run('UPDATE app_clients SET name = ?, modified = ?, config = ? WHERE client_id = ?', [
        client.name,
        client.modified,
        JSON.stringify(client.settings),
        client.clientId,
      ]),
    );
  }

  /** The client, whichever pool it belongs to. */
  findById(clientId: string): StoredAppClient | undefined {
    return this.db.read((tx) => {
      const row = tx.get<Row>('SELECT * FROM app_clients WHERE client_id = ?', [clientId]);
      return row && fromRow(row, secretsOf(tx, [clientId]).get(clientId)!);
    });
  }

  delete(clientId: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM app_clients WHERE client_id = ?', [clientId])) > 0;
  }

  /**
   * The pool's clients in creation order. `afterToken` is a `nextToken` this method returned for
   * the same pool; any other token gives `undefined`.
   */
  listPage(poolId: string, limit: number, afterToken?: string): AppClientPage | undefined {
    const after = afterToken === undefined ? undefined : positionFromToken(poolId, afterToken);
    if (afterToken !== undefined && !after) return undefined;
    const { rows, secrets } = this.db.read((tx) => {
      const rows = after
        ? tx.all<Row>(
            'SELECT * FROM app_clients WHERE pool_id = ? AND (created > ? OR (created = ? AND client_id > ?)) ORDER BY created, client_id LIMIT ?',
            [poolId, after.created, after.created, after.clientId, limit + 1],
          )
        : tx.all<Row>('SELECT * FROM app_clients WHERE pool_id = ? ORDER BY created, client_id LIMIT ?', [poolId, limit + 1]);
      return { rows, secrets: secretsOf(tx, rows.slice(0, limit).map((row) => row.client_id)) };
    });
    const clients = rows.slice(0, limit).map((row) => fromRow(row, secrets.get(row.client_id)!));
    if (rows.length <= limit) return { clients };
    return { clients, nextToken: positionToken(poolId, clients[clients.length - 1]!) };
  }
}
