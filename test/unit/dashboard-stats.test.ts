/**
 * The dashboard's counting (src-main/debug/stats.ts) over hand-made event facts: sign-ins by
 * outcome and kind, failures by type, throttles, trigger errors, buckets (empty ones kept, lined
 * up on their size), nearest-rank latency percentiles, the range's edges and the window's own calls;
 * the in-memory index (src-main/debug/stats-index.ts) read in pages, fed by the bus, following a
 * pruned, emptied or replaced history.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { StatsIndex } from '../../src-main/debug/stats-index.js';
import { bucketFor, bucketStart, percentile, summarize, type EventFact } from '../../src-main/debug/stats.js';
import type { EventStatsRepository, StatsEventRow } from '../../src-main/store/repositories/event-stats.js';

const MINUTE = 60_000;
const T0 = 1_796_000_040_000; // a whole minute

const blank: Omit<EventFact, 'time' | 'type'> = { flowKind: null, outcome: null, operation: null, ms: null, fromWindow: false, errorType: null, trigger: null };
const ended = (time: number, flowKind: string, outcome: string): EventFact => ({ ...blank, time, type: 'flow.ended', flowKind, outcome });
const call = (time: number, operation: string, ms: number, errorType: string | null = null, fromWindow = false): EventFact => ({
  ...blank,
  time,
  type: 'api.called',
  operation,
  ms,
  errorType,
  fromWindow,
});
const trigger = (time: number, name: string, errorType: string | null): EventFact => ({ ...blank, time, type: 'trigger.returned', trigger: name, errorType });

const context = { now: T0 + 10 * MINUTE, oldestEvent: T0 };

describe('dashboard stats', () => {
  it('counts sign-ins by outcome, only of sign-in kinds, in the bucket of their time', () => {
    const facts = [
      ended(T0 + 1_000, 'USER_PASSWORD_AUTH', 'success'),
      ended(T0 + 2_000, 'USER_SRP_AUTH', 'failure'),
      ended(T0 + MINUTE + 5, 'hosted-sign-in', 'success'),
      ended(T0 + MINUTE + 6, 'ADMIN_USER_PASSWORD_AUTH', 'expired'),
      ended(T0 + MINUTE + 7, 'USER_AUTH', 'abandoned'),
      // Not sign-ins: a refresh, a sign-up, a flow whose kind the store no longer knows.
      ended(T0 + 3_000, 'REFRESH_TOKEN_AUTH', 'success'),
      ended(T0 + 3_000, 'sign-up', 'failure'),
      { ...ended(T0 + 3_000, 'x', 'success'), flowKind: null },
    ];
    const stats = summarize(facts, { from: T0, to: T0 + 3 * MINUTE, bucketMs: MINUTE }, context);
    expect(stats.buckets.map((b) => b.start)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(stats.buckets.map((b) => b.signIns)).toEqual([
      { succeeded: 1, failed: 1, abandoned: 0 },
      { succeeded: 1, failed: 0, abandoned: 2 },
      { succeeded: 0, failed: 0, abandoned: 0 },
    ]);
    expect(stats.totals.signIns).toEqual({ succeeded: 2, failed: 1, abandoned: 2 });
  });

  it('counts failures by type, throttles and trigger errors; leaves out the window’s own calls', () => {
    const facts = [
      call(T0 + 1, 'InitiateAuth', 10, 'NotAuthorizedException'),
      call(T0 + 2, 'InitiateAuth', 12, 'NotAuthorizedException'),
      call(T0 + 3, 'SignUp', 30, 'TooManyRequestsException'),
      call(T0 + 4, 'SignUp', 20),
      call(T0 + 5, 'ListUsers', 5, 'ResourceNotFoundException', true),
      trigger(T0 + 6, 'PreSignUp', 'UserLambdaValidationException'),
      trigger(T0 + 7, 'PreSignUp', null),
      trigger(T0 + MINUTE, 'PreTokenGeneration', 'UnexpectedLambdaException'),
    ];
    const stats = summarize(facts, { from: T0, to: T0 + 2 * MINUTE, bucketMs: MINUTE }, context);
    expect(stats.totals).toEqual({ signIns: { succeeded: 0, failed: 0, abandoned: 0 }, calls: 4, failures: 3, throttles: 1, triggerErrors: 2 });
    expect(stats.failuresByType).toEqual([
      { name: 'NotAuthorizedException', count: 2 },
      { name: 'TooManyRequestsException', count: 1 },
    ]);
    expect(stats.triggerErrorsByTrigger).toEqual([
      { name: 'PreSignUp', count: 1 },
      { name: 'PreTokenGeneration', count: 1 },
    ]);
    expect(stats.buckets.map((b) => [b.calls, b.failures, b.throttles, b.triggerErrors])).toEqual([
      [4, 3, 1, 1],
      [0, 0, 0, 1],
    ]);
    expect(stats.operations.map((op) => op.operation)).toEqual(['InitiateAuth', 'SignUp']);
  });

  it('gives each operation its count, errors and nearest-rank p50, p95 and max, busiest first', () => {
    const ms = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 200];
    const facts = [...ms.map((m, i) => call(T0 + i, 'InitiateAuth', m, i === 19 ? 'InternalErrorException' : null)), call(T0 + 50, 'GetUser', 7)];
    const [initiate, getUser] = summarize(facts, { from: T0, to: T0 + MINUTE, bucketMs: MINUTE }, context).operations;
    expect(initiate).toEqual({ operation: 'InitiateAuth', count: 20, errors: 1, p50: 10, p95: 19, max: 200 });
    expect(getUser).toEqual({ operation: 'GetUser', count: 1, errors: 0, p50: 7, p95: 7, max: 7 });
  });

  it('counts [from, to) only, keeps a bucket for each slice, and lines buckets up on their size', () => {
    const from = T0 + 30_000;
    const facts = [call(from - 1, 'A', 1), call(from, 'B', 1), call(T0 + 2 * MINUTE - 1, 'C', 1), call(T0 + 2 * MINUTE, 'D', 1)];
    const stats = summarize(facts, { from, to: T0 + 2 * MINUTE, bucketMs: MINUTE }, context);
    expect(stats.buckets.map((b) => b.start)).toEqual([T0, T0 + MINUTE]);
    expect(stats.buckets.map((b) => b.calls)).toEqual([1, 1]);
    expect(stats.operations.map((op) => op.operation).sort()).toEqual(['B', 'C']);
    expect(stats).toMatchObject({ from, to: T0 + 2 * MINUTE, bucketMs: MINUTE, now: context.now, oldestEvent: T0 });
  });

  it('answers zeros and empty lists for no events', () => {
    const stats = summarize([], { from: T0, to: T0 + 15 * MINUTE, bucketMs: MINUTE }, { now: T0, oldestEvent: null });
    expect(stats.buckets).toHaveLength(15);
    expect(stats.totals).toEqual({ signIns: { succeeded: 0, failed: 0, abandoned: 0 }, calls: 0, failures: 0, throttles: 0, triggerErrors: 0 });
    expect([stats.failuresByType, stats.triggerErrorsByTrigger, stats.operations]).toEqual([[], [], []]);
  });

  it('picks the smallest bucket that makes at most 60 of the span', () => {
    expect(bucketFor(15 * MINUTE)).toBe(15_000);
    expect(bucketFor(60 * MINUTE)).toBe(MINUTE);
    expect(bucketFor(24 * 60 * MINUTE)).toBe(30 * MINUTE);
    expect(bucketFor(30_000)).toBe(1_000);
    expect(bucketFor(10 * 365 * 86_400_000)).toBe(30 * 86_400_000);
    expect(bucketStart(T0 + 59_999, MINUTE)).toBe(T0);
  });

  it('takes the nearest rank', () => {
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});

describe('the stats index', () => {
  const row = (seq: number, type: StatsEventRow['type'], more: Partial<StatsEventRow> = {}): StatsEventRow => ({
    seq,
    time: T0 + seq,
    type,
    flowId: `flow-${seq}`,
    operation: null,
    ms: null,
    origin: null,
    errorType: null,
    outcome: null,
    trigger: null,
    kind: null,
    ...more,
  });

  /** A history in memory standing in for the repository, and a bus whose listener the test calls. */
  function world(stored: StatsEventRow[]) {
    const history = { stored };
    const repository = {
      rows: (after: number, limit: number) => history.stored.filter((r) => r.seq > after).slice(0, limit),
      seqBounds: () => (history.stored.length ? { min: history.stored[0]!.seq, max: history.stored.at(-1)!.seq, oldestTime: history.stored[0]!.time } : null),
    } as unknown as EventStatsRepository;
    let listener: (event: SandboxEvent) => void = () => undefined;
    const index = new StatsIndex(repository, () => undefined, { subscribe: (l) => ((listener = l), () => undefined) });
    const publish = (event: SandboxEvent) => {
      history.stored.push({ ...row(event.seq, event.type as StatsEventRow['type']), flowId: event.flowId });
      listener(event);
    };
    return { history, index, publish };
  }

  const calls = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i, 'api.called', { operation: 'GetUser', ms: 3 }));

  it('reads the history a page at a time, then adds what the bus publishes', async () => {
    const { index, publish } = world([row(1, 'flow.started', { flowId: 'f', kind: 'USER_SRP_AUTH' }), ...calls(2, 12_000), row(12_002, 'flow.ended', { flowId: 'f', outcome: 'success' })]);
    const facts = await index.current();
    expect(facts).toHaveLength(12_001);
    expect(facts.at(-1)).toMatchObject({ type: 'flow.ended', flowKind: 'USER_SRP_AUTH', outcome: 'success' });
    publish({ seq: 12_003, time: T0, flowId: null, poolId: null, type: 'api.called', data: { service: 's', operation: 'SignUp', request: {}, status: 200, ms: 9, requestId: 'r', origin: 'window' } });
    const after = await index.current();
    expect(after.at(-1)).toMatchObject({ type: 'api.called', operation: 'SignUp', ms: 9, fromWindow: true });
    expect(after).toHaveLength(12_002);
  });

  it('lets go of pruned events, empties with the history, and reads a replaced one again', async () => {
    const { history, index } = world(calls(1, 10));
    expect(await index.current()).toHaveLength(10);
    history.stored = history.stored.slice(4); // pruned: the oldest gone
    expect((await index.current()).map((f) => (f as EventFact & { seq: number }).seq)).toEqual([5, 6, 7, 8, 9, 10]);
    history.stored = []; // reset
    expect(await index.current()).toEqual([]);
    history.stored = calls(1, 3); // a snapshot restored: older seqs than it had seen
    expect(await index.current()).toHaveLength(3);
  });
});
