/**
 * Pinned flows (issue 15): a flow the developer pinned in the debugger keeps all of its events
 * however far the history is pruned. Only the flow id and when it was pinned. The index of flows
 * still running lets pruning pass them by (a flow is pruned whole, once it has ended).
 */
export const m023 = `
CREATE TABLE IF NOT EXISTS flow_pins (
  flow_id TEXT PRIMARY KEY,
  pinned INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS flows_running ON flows (id) WHERE ended IS NULL
`;
