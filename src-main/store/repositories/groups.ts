import type { Db } from '../db.js';

/** A user pool group as stored. Optional fields are absent, never empty, when not set. */
export interface Group {
  poolId: string;
  /** Case-sensitive, unique in its pool. */
  name: string;
  description?: string;
  roleArn?: string;
  precedence?: number;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface Row {
  pool_id: string;
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created: number;
  modified: number;
}

function fromRow(row: Row): Group {
  return {
    poolId: row.pool_id,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    ...(row.role_arn !== null && { roleArn: row.role_arn }),
    ...(row.precedence !== null && { precedence: row.precedence }),
    created: row.created,
    modified: row.modified,
  };
}

/** Precedence decides a user's preferred role: lowest first, unset last, then by name. */
const BY_PRECEDENCE = 'ORDER BY g.precedence IS NULL, g.precedence, g.name';

export class GroupsRepository {
  constructor(private readonly db: Db) {}

  insert(group: Group): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO groups (pool_id, name, description, role_arn, precedence, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          group.poolId,
          group.name,
          group.description ?? null,
          group.roleArn ?? null,
          group.precedence ?? null,
          group.created,
          group.modified,
        ],
      ),
    );
  }

  /** Writes the group's description, role, precedence and modification time. */
  save(group: Group): void {
    this.db.write((tx) =>
      tx.run('UPDATE groups SET description = ?, role_arn = ?, precedence = ?, modified = ? WHERE pool_id = ? AND name = ?', [
        group.description ?? null,
        group.roleArn ?? null,
        group.precedence ?? null,
        group.modified,
        group.poolId,
        group.name,
      ]),
    );
  }

  find(poolId: string, name: string): Group | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM groups WHERE pool_id = ? AND name = ?', [poolId, name]));
    return row && fromRow(row);
  }

  /** Deletes the group and, by cascade, its memberships. */
  delete(poolId: string, name: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM groups WHERE pool_id = ? AND name = ?', [poolId, name])) > 0;
  }

  /** The pool's groups in name order, after the group named `afterName` (exclusive). */
  listPage(poolId: string, limit: number, afterName = ''): Group[] {
    return this.db
      .read((tx) =>
        tx.all<Row>('SELECT * FROM groups WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?', [poolId, afterName, limit]),
      )
      .map(fromRow);
  }

  /** Adds the membership; adding a member twice changes nothing. */
  addMember(poolId: string, groupName: string, usernameKey: string, added: number): void {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO group_members (pool_id, group_name, username_key, added) VALUES (?, ?, ?, ?)', [
        poolId,
        groupName,
        usernameKey,
        added,
      ]),
    );
  }

  /** Removes the membership; removing a non-member changes nothing. */
  removeMember(poolId: string, groupName: string, usernameKey: string): boolean {
    return (
      this.db.write((tx) =>
        tx.run('DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND username_key = ?', [
          poolId,
          groupName,
          usernameKey,
        ]),
      ) > 0
    );
  }

  /**
   * Every group the user belongs to, lowest precedence first, groups without precedence last,
   * ties by name: the order the token claims cognito:groups, cognito:roles and
   * cognito:preferred_role are built from.
   */
  groupsForUser(poolId: string, usernameKey: string): Group[] {
    return this.db
      .read((tx) =>
        tx.all<Row>(
          `SELECT g.* FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
           WHERE m.pool_id = ? AND m.username_key = ? ${BY_PRECEDENCE}`,
          [poolId, usernameKey],
        ),
      )
      .map(fromRow);
  }

  /** The user's groups in name order, after the group named `afterName` (exclusive). */
  groupsForUserPage(poolId: string, usernameKey: string, limit: number, afterName = ''): Group[] {
    return this.db
      .read((tx) =>
        tx.all<Row>(
          `SELECT g.* FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
           WHERE m.pool_id = ? AND m.username_key = ? AND g.name > ? ORDER BY g.name LIMIT ?`,
          [poolId, usernameKey, afterName, limit],
        ),
      )
      .map(fromRow);
  }

  /** Username keys of the group's members in key order, after `afterKey` (exclusive). */
  memberKeysPage(poolId: string, groupName: string, limit: number, afterKey = ''): string[] {
    return this.db
      .read((tx) =>
        tx.all<{ username_key: string }>(
          `SELECT username_key FROM group_members WHERE pool_id = ? AND group_name = ? AND username_key > ?
           ORDER BY username_key LIMIT ?`,
          [poolId, groupName, afterKey, limit],
        ),
      )
      .map((row) => row.username_key);
  }
}
