import type { Db } from '../db.js';

/** Flows the developer pinned in the debugger: pruning passes them by (events.ts PRUNABLE). */
export class FlowPinsRepository {
  constructor(private readonly db: Db) {}

  /** Pins the flow (again: the first pin's time stands); answers whether it was not pinned before. */
  pin(flowId: string, at: number): boolean {
    return this.db.write((tx) => tx.run('INSERT INTO flow_pins (flow_id, pinned) VALUES (?, ?) ON CONFLICT (flow_id) DO NOTHING', [flowId, at])) > 0;
  }

  /** Unpins the flow; answers whether it was pinned. */
  unpin(flowId: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM flow_pins WHERE flow_id = ?', [flowId])) > 0;
  }

  /** Every pinned flow's id: a list of flows asks once, not once per flow. */
  pinnedIds(): Set<string> {
    return new Set(this.db.read((tx) => tx.all<{ flowId: string }>('SELECT flow_id AS flowId FROM flow_pins')).map((row) => row.flowId));
  }

  isPinned(flowId: string): boolean {
    return this.db.read((tx) => tx.get<{ one: number }>('SELECT 1 AS one FROM flow_pins WHERE flow_id = ?', [flowId])) !== undefined;
  }

  /** Forgets every pin (a sandbox reset). */
  deleteAll(): number {
    return this.db.write((tx) => tx.run('DELETE FROM flow_pins'));
  }
}
