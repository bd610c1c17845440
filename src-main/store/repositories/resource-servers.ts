import type { Db } from '../db.js';

export interface ResourceServerScope {
  name: string;
  description: string;
}

/** An OAuth 2.0 resource server of a pool and the custom scopes it defines. */
export interface ResourceServer {
  poolId: string;
  /** Unique in its pool; scopes are requested as `identifier/scopeName`. */
  identifier: string;
  name: string;
  scopes: ResourceServerScope[];
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface Row {
  pool_id: string;
  identifier: string;
  name: string;
  scopes: string;
  created: number;
  modified: number;
}

const fromRow = (row: Row): ResourceServer => ({
  poolId: row.pool_id,
  identifier: row.identifier,
  name: row.name,
  scopes: JSON.parse(row.scopes),
  created: row.created,
  modified: row.modified,
});

export class ResourceServersRepository {
  constructor(private readonly db: Db) {}

  insert(server: ResourceServer): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO resource_servers (pool_id, identifier, name, scopes, created, modified) VALUES (?, ?, ?, ?, ?, ?)', [
        server.poolId,
        server.identifier,
        server.name,
        JSON.stringify(server.scopes),
        server.created,
        server.modified,
      ]),
    );
  }

  /** Writes the server's name, scopes and modification time. */
  save(server: ResourceServer): void {
    this.db.write((tx) =>
      tx.run('UPDATE resource_servers SET name = ?, scopes = ?, modified = ? WHERE pool_id = ? AND identifier = ?', [
        server.name,
        JSON.stringify(server.scopes),
        server.modified,
        server.poolId,
        server.identifier,
      ]),
    );
  }

  find(poolId: string, identifier: string): ResourceServer | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM resource_servers WHERE pool_id = ? AND identifier = ?', [poolId, identifier]),
    );
    return row && fromRow(row);
  }

  delete(poolId: string, identifier: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM resource_servers WHERE pool_id = ? AND identifier = ?', [poolId, identifier])) > 0;
  }

  /** The pool's servers in identifier order, after the server `afterIdentifier` (exclusive). */
  listPage(poolId: string, limit: number, afterIdentifier = ''): ResourceServer[] {
    return this.db
      .read((tx) =>
        tx.all<Row>('SELECT * FROM resource_servers WHERE pool_id = ? AND identifier > ? ORDER BY identifier LIMIT ?', [
          poolId,
          afterIdentifier,
          limit,
        ]),
      )
      .map(fromRow);
  }

  /** Every custom scope of the pool, as `identifier/scopeName`. */
  scopeNames(poolId: string): string[] {
    return this.db
      .read((tx) => tx.all<Row>('SELECT * FROM resource_servers WHERE pool_id = ? ORDER BY identifier', [poolId]))
      .map(fromRow)
      .flatMap((server) => server.scopes.map((scope) => `${server.identifier}/${scope.name}`));
  }
}
