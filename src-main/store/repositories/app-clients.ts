import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Db } from '../db.js';

/** An app client's settings as DescribeUserPoolClient shows them, minus identity, secret and dates. */
export type ClientSettings = Omit<
  UserPoolClientType,
  'UserPoolId' | 'ClientName' | 'ClientId' | 'ClientSecret' | 'CreationDate' | 'LastModifiedDate'
>;

/** A user pool app client as stored: its settings as given, without Cognito's defaults (cognito/app-clients.ts adds them). */
export interface StoredAppClient {
  clientId: string;
  poolId: string;
  name: string;
  /** Absent for a public client. */
  secret?: string;
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

function fromRow(row: Row): StoredAppClient {
  return {
    clientId: row.client_id,
    poolId: row.pool_id,
    name: row.name,
    ...(row.secret !== null && { secret: row.secret }),
    created: row.created,
    modified: row.modified,
    settings: JSON.parse(row.config) as ClientSettings,
  };
}

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
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO app_clients (client_id, pool_id, name, secret, created, modified, config) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [client.clientId, client.poolId, client.name, client.secret ?? null, client.created, client.modified, JSON.stringify(client.settings)],
      ),
    );
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
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM app_clients WHERE client_id = ?', [clientId]));
    return row && fromRow(row);
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
    const rows = this.db.read((tx) =>
      after
        ? tx.all<Row>(
            'SELECT * FROM app_clients WHERE pool_id = ? AND (created > ? OR (created = ? AND client_id > ?)) ORDER BY created, client_id LIMIT ?',
            [poolId, after.created, after.created, after.clientId, limit + 1],
          )
        : tx.all<Row>('SELECT * FROM app_clients WHERE pool_id = ? ORDER BY created, client_id LIMIT ?', [poolId, limit + 1]),
    );
    const clients = rows.slice(0, limit).map(fromRow);
    if (rows.length <= limit) return { clients };
    return { clients, nextToken: positionToken(poolId, clients[clients.length - 1]!) };
  }
}
