/**
 * The sandbox clock's offset from real time (issue 16, time travel): one row, kept so that a
 * restart goes on at the same sandbox time and what was issued then (tokens, codes, Sessions)
 * does not find itself issued "in the future". Written with IF NOT EXISTS: the migrations of
 * issue 16 landed side by side, so its place in the list may move.
 */
export const m026 = `
CREATE TABLE IF NOT EXISTS sandbox_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  offset_ms INTEGER NOT NULL
)
`;
