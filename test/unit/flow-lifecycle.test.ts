/** What the window folds of a flow's life (issue 15): pins, the Session's countdown, the sign-in a refresh continues. */
import { describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { countdown, historyNote, waitingText } from '../../src-renderer/lib/flow-lifecycle.js';
import { emptySummary, foldEvent, matchesFilters, NO_FILTERS, PINNED } from '../../src-renderer/lib/flow-model.js';

let seq = 0;
const event = (type: string, data: unknown, time = 1_000): SandboxEvent => ({ seq: ++seq, time, flowId: 'f1', poolId: 'us-east-1_a', type, data }) as SandboxEvent;
const fold = (events: SandboxEvent[]) => events.reduce(foldEvent, emptySummary({ ...events[0]!, flowId: 'f1' }));

describe('folding a flow’s life', () => {
  it('keeps the sign-in a refresh continues', () => {
    expect(fold([event('flow.started', { kind: 'REFRESH_TOKEN_AUTH', continuesFlowId: 'sign-in-1' })]).continuesFlowId).toBe('sign-in-1');
    expect(fold([event('flow.started', { kind: 'USER_SRP_AUTH' })]).continuesFlowId).toBeNull();
  });

  it('counts down while it waits, and stops when it ends', () => {
    const waiting = fold([event('flow.started', { kind: 'USER_SRP_AUTH' }), event('flow.waiting', { state: 'challenge.passwordVerifier', sessionExpires: 181_000 })]);
    expect(waiting.sessionExpires).toBe(181_000);
    expect(foldEvent(waiting, event('flow.ended', { outcome: 'expired', reason: 'late' }, 181_020)).sessionExpires).toBeNull();
  });

  it('follows pins and unpins; the Pinned filter shows pinned flows whatever their outcome', () => {
    const started = fold([event('flow.started', { kind: 'USER_SRP_AUTH' })]);
    const pinned = foldEvent(started, event('flow.pinned', { pinned: true }));
    expect(pinned.pinned).toBe(true);
    expect(foldEvent(pinned, event('flow.pinned', { pinned: false })).pinned).toBe(false);
    expect(matchesFilters(pinned, { ...NO_FILTERS, status: PINNED })).toBe(true);
    expect(matchesFilters(started, { ...NO_FILTERS, status: PINNED })).toBe(false);
    const ended = foldEvent(pinned, event('flow.ended', { outcome: 'abandoned', reason: 'gone' }));
    expect(matchesFilters(ended, { ...NO_FILTERS, status: PINNED })).toBe(true);
    expect(matchesFilters(ended, { ...NO_FILTERS, status: 'abandoned' })).toBe(true);
    expect(matchesFilters(ended, { ...NO_FILTERS, status: 'expired' })).toBe(false);
  });
});

describe('how it reads', () => {
  it('counts minutes and seconds down, never below zero', () => {
    expect(countdown(161_000, 0)).toBe('2:41');
    expect(countdown(1_500, 1_000)).toBe('0:01');
    expect(countdown(5_000, 9_000)).toBe('0:00');
    expect(waitingText(161_000, 0)).toBe('waiting for the client · expires in 2:41');
    expect(waitingText(1_000, 1_000)).toBe('waiting for the client · Session expired');
  });

  it('says the history’s bound', () => {
    expect(historyNote({ maxEvents: 20_000 })).toBe('Keeping the last 20,000 events; older flows are pruned whole (pinned ones never)');
  });
});
