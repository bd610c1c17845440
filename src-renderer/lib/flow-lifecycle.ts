/** How a flow's life reads in the window: the countdown while it waits, and the history's bound. */
import type { HistoryBounds } from '../../shared/debugger-api';
import { count } from './format';

/** `2:41`: minutes and seconds left until `at` (epoch ms); `0:00` once it passed. */
export function countdown(at: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((at - now) / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `waiting for the client · expires in 2:41`, what a waiting flow's row and header say. */
export function waitingText(sessionExpires: number, now: number): string {
  return sessionExpires > now ? `waiting for the client · expires in ${countdown(sessionExpires, now)}` : 'waiting for the client · Session expired';
}

/** `Keeping the last 20,000 events; older flows are pruned whole (pinned ones never)`. */
export function historyNote(bounds: Pick<HistoryBounds, 'maxEvents'>): string {
  return `Keeping the last ${count(bounds.maxEvents)} events; older flows are pruned whole (pinned ones never)`;
}
