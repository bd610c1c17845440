import { describe, expect, it } from 'vitest';
import { codeStateView } from '../../src-renderer/lib/outbox-codes.js';

const NOW = Date.UTC(2025, 4, 6, 7, 8, 9);

describe('codeStateView', () => {
  it('counts a waiting code down, and reads it expired once its expiry passes without a reload', () => {
    const waiting = { status: 'waiting' as const, expires: NOW + 61_000, message: 'Waiting to be answered; expires in 1 min.' };
    expect(codeStateView(waiting, NOW)).toEqual({ status: 'waiting', badge: 'waiting', text: 'Waiting to be answered; expires in 1 min 1 s.' });
    expect(codeStateView(waiting, NOW + 3 * 60_000)).toEqual({ status: 'expired', badge: 'expired', text: 'Expired 1 min 59 s ago: never answered.' });
  });

  it("keeps the server's words for every other state", () => {
    expect(codeStateView({ status: 'used', message: 'Used: the user is confirmed.' }, NOW)).toEqual({ status: 'used', badge: 'used', text: 'Used: the user is confirmed.' });
    expect(codeStateView({ status: 'unused', message: 'Not used.' }, NOW).badge).toBe('not used');
    expect(codeStateView({ status: 'waiting', message: 'Waiting: the user has not signed in with it yet.' }, NOW).status).toBe('waiting');
  });
});
