import type { Breakpoint, BreakpointPoint, BreakpointTrigger } from '../../../shared/breakpoints.js';
import type { Db } from '../db.js';

interface Row {
  id: string;
  poolId: string;
  point: string;
  trigger: string | null;
  userName: string | null;
  clientId: string | null;
  respondWith: string | null;
  failWith: string | null;
  enabled: number;
  created: number;
}

const COLUMNS = `id, pool_id AS poolId, point, trigger_name AS "trigger", user_name AS userName, client_id AS clientId,
  respond_with AS respondWith, fail_with AS failWith, enabled, created`;

function fromRow(row: Row): Breakpoint {
  return {
    id: row.id,
    poolId: row.poolId,
    point: row.point as BreakpointPoint,
    ...(row.trigger !== null && { trigger: row.trigger as BreakpointTrigger }),
    ...(row.userName !== null && { userName: row.userName }),
    ...(row.clientId !== null && { clientId: row.clientId }),
    ...(row.respondWith !== null && { respondWith: JSON.parse(row.respondWith) }),
    ...(row.failWith !== null && { failWith: row.failWith }),
    enabled: row.enabled === 1,
    created: row.created,
  };
}

/** The developer's breakpoints, oldest first (the first that matches a stop is the one that acts). */
export class BreakpointsRepository {
  constructor(private readonly db: Db) {}

  all(): Breakpoint[] {
    return this.db.read((tx) => tx.all<Row>(`SELECT ${COLUMNS} FROM breakpoints ORDER BY created, rowid`)).map(fromRow);
  }

  find(id: string): Breakpoint | undefined {
    const row = this.db.read((tx) => tx.get<Row>(`SELECT ${COLUMNS} FROM breakpoints WHERE id = ?`, [id]));
    return row && fromRow(row);
  }

  insert(breakpoint: Breakpoint): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO breakpoints (id, pool_id, point, trigger_name, user_name, client_id, respond_with, fail_with, enabled, created)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          breakpoint.id,
          breakpoint.poolId,
          breakpoint.point,
          breakpoint.trigger ?? null,
          breakpoint.userName ?? null,
          breakpoint.clientId ?? null,
          breakpoint.respondWith === undefined ? null : JSON.stringify(breakpoint.respondWith),
          breakpoint.failWith ?? null,
          breakpoint.enabled ? 1 : 0,
          breakpoint.created,
        ],
      ),
    );
  }

  /** Answers whether there was such a breakpoint. */
  setEnabled(id: string, enabled: boolean): boolean {
    return this.db.write((tx) => tx.run('UPDATE breakpoints SET enabled = ? WHERE id = ?', [enabled ? 1 : 0, id])) > 0;
  }

  delete(id: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM breakpoints WHERE id = ?', [id])) > 0;
  }
}
