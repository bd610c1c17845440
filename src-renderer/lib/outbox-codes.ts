/**
 * An outbox code's state as a row and the message pane show it: a short badge ("waiting",
 * "used", "expired", ...) and a sentence. The server judged it when the list was loaded; a code
 * still waiting whose expiry has passed since reads expired at once, without another load.
 */
import type { OutboxCodeState } from '../../shared/debugger-api';
import { untilDeadline } from './format';

export interface CodeStateView {
  status: OutboxCodeState['status'];
  badge: string;
  text: string;
}

const BADGES: Record<OutboxCodeState['status'], string> = {
  waiting: 'waiting',
  used: 'used',
  expired: 'expired',
  replaced: 'replaced',
  unused: 'not used',
  unknown: 'unknown',
};

export function codeStateView(state: OutboxCodeState, now: number): CodeStateView {
  if (state.status === 'waiting' && state.expires !== undefined) {
    const left = untilDeadline(state.expires / 1_000, now);
    if (left.passed) return { status: 'expired', badge: BADGES.expired, text: `Expired ${left.text} ago: never answered.` };
    return { status: 'waiting', badge: BADGES.waiting, text: `Waiting to be answered; expires in ${left.text}.` };
  }
  return { status: state.status, badge: BADGES[state.status], text: state.message };
}
