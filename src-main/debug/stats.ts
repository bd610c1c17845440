/**
 * The dashboard's numbers from the stored events' facts (shared/stats.ts says what is counted):
 * pure functions, so the counting is tested without a server.
 */
import {
  BUCKET_SIZES_MS,
  MAX_BUCKETS_PICKED,
  SIGN_IN_FLOW_KINDS,
  THROTTLE_ERROR,
  type DashboardStats,
  type NamedCount,
  type OperationLatency,
  type StatsBucket,
} from '../../shared/stats.js';

const SIGN_IN_KINDS = new Set(SIGN_IN_FLOW_KINDS);

/** What the dashboard counts of one event. */
export interface EventFact {
  time: number;
  type: 'api.called' | 'flow.ended' | 'trigger.returned';
  /** flow.ended: its flow's kind (null when the history no longer holds its start) and outcome. */
  flowKind: string | null;
  outcome: string | null;
  /** api.called: the operation, its duration and whether the debugger window made it. */
  operation: string | null;
  ms: number | null;
  fromWindow: boolean;
  /** api.called and trigger.returned: the error's type, when it failed. */
  errorType: string | null;
  /** trigger.returned: which trigger. */
  trigger: string | null;
}

export interface StatsRange {
  from: number;
  to: number;
  bucketMs: number;
}

/** The smallest bucket size that cuts `spanMs` into at most MAX_BUCKETS_PICKED buckets (the largest size for longer spans). */
export function bucketFor(spanMs: number): number {
  return BUCKET_SIZES_MS.find((size) => Math.ceil(spanMs / size) <= MAX_BUCKETS_PICKED) ?? BUCKET_SIZES_MS.at(-1)!;
}

/** The start of the bucket holding `time`: buckets line up on multiples of their size, so a refreshed range keeps its bars. */
export function bucketStart(time: number, bucketMs: number): number {
  return Math.floor(time / bucketMs) * bucketMs;
}

/** Nearest-rank percentile of ascending `sorted` (not empty). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function emptyBucket(start: number): StatsBucket {
  return { start, signIns: { succeeded: 0, failed: 0, abandoned: 0 }, calls: 0, failures: 0, throttles: 0, triggerErrors: 0 };
}

/** Counts one fact into a bucket. */
function count(bucket: StatsBucket, fact: EventFact): void {
  switch (fact.type) {
    case 'flow.ended':
      if (!fact.flowKind || !SIGN_IN_KINDS.has(fact.flowKind)) return;
      if (fact.outcome === 'success') bucket.signIns.succeeded += 1;
      else if (fact.outcome === 'failure') bucket.signIns.failed += 1;
      else bucket.signIns.abandoned += 1;
      return;
    case 'api.called':
      bucket.calls += 1;
      if (!fact.errorType) return;
      bucket.failures += 1;
      if (fact.errorType === THROTTLE_ERROR) bucket.throttles += 1;
      return;
    case 'trigger.returned':
      if (fact.errorType) bucket.triggerErrors += 1;
      return;
  }
}

interface Tallies {
  failures: Map<string, number>;
  triggers: Map<string, number>;
}

/** Counts a failed call under its error's type, a failed trigger under the trigger's name. */
function tally(tallies: Tallies, fact: EventFact): void {
  if (!fact.errorType) return;
  const map = fact.type === 'api.called' ? tallies.failures : fact.type === 'trigger.returned' ? tallies.triggers : undefined;
  const name = fact.type === 'api.called' ? fact.errorType : (fact.trigger ?? 'unknown');
  map?.set(name, (map.get(name) ?? 0) + 1);
}

/** The buckets' sums. */
function sumOf(buckets: readonly StatsBucket[]): Omit<StatsBucket, 'start'> {
  const sum = emptyBucket(0);
  for (const b of buckets) {
    sum.signIns.succeeded += b.signIns.succeeded;
    sum.signIns.failed += b.signIns.failed;
    sum.signIns.abandoned += b.signIns.abandoned;
    sum.calls += b.calls;
    sum.failures += b.failures;
    sum.throttles += b.throttles;
    sum.triggerErrors += b.triggerErrors;
  }
  const { start: _start, ...totals } = sum;
  return totals;
}

function latencies(facts: readonly EventFact[]): OperationLatency[] {
  const byOperation = new Map<string, { ms: number[]; errors: number }>();
  for (const fact of facts) {
    if (fact.type !== 'api.called' || !fact.operation) continue;
    let entry = byOperation.get(fact.operation);
    if (!entry) byOperation.set(fact.operation, (entry = { ms: [], errors: 0 }));
    entry.ms.push(fact.ms ?? 0);
    if (fact.errorType) entry.errors += 1;
  }
  return [...byOperation]
    .map(([operation, { ms, errors }]) => {
      const sorted = ms.sort((a, b) => a - b);
      return { operation, count: sorted.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
    })
    .sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation));
}

const ranked = (tally: Map<string, number>): NamedCount[] =>
  [...tally].map(([name, n]) => ({ name, count: n })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

/**
 * The dashboard over `range`: a bucket for every slice of it (empty ones too), the totals, the
 * failures by type, the trigger errors by trigger and each operation's latency. Facts outside
 * the range, and the debugger window's own calls, are not counted.
 */
export function summarize(facts: readonly EventFact[], range: StatsRange, context: { now: number; oldestEvent: number | null }): DashboardStats {
  const { from, to, bucketMs } = range;
  const first = bucketStart(from, bucketMs);
  const buckets: StatsBucket[] = [];
  for (let start = first; start < to; start += bucketMs) buckets.push(emptyBucket(start));
  const tallies: Tallies = { failures: new Map(), triggers: new Map() };
  const counted = facts.filter((fact) => fact.time >= from && fact.time < to && !fact.fromWindow);
  for (const fact of counted) {
    count(buckets[Math.floor((fact.time - first) / bucketMs)]!, fact);
    tally(tallies, fact);
  }
  return {
    from,
    to,
    now: context.now,
    bucketMs,
    buckets,
    totals: sumOf(buckets),
    failuresByType: ranked(tallies.failures),
    triggerErrorsByTrigger: ranked(tallies.triggers),
    operations: latencies(counted),
    oldestEvent: context.oldestEvent,
  };
}
