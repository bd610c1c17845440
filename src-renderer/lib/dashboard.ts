/**
 * What the dashboard draws from `GET /stats` (shared/stats.ts): each chart's series per bucket,
 * a round top for its scale, the time under a bar in words. Pure functions.
 */
import type { DashboardStats, StatsBucket } from '../../shared/stats';

export interface Series {
  name: string;
  /** A theme colour variable (`--success`). */
  color: string;
  value: (bucket: StatsBucket) => number;
}

export const SIGN_IN_SERIES: Series[] = [
  { name: 'succeeded', color: '--success', value: (b) => b.signIns.succeeded },
  { name: 'failed', color: '--danger', value: (b) => b.signIns.failed },
  { name: 'abandoned', color: '--warning', value: (b) => b.signIns.abandoned },
];

/** Stacked: a throttle is a failed call too, so the calls' bar is split into those and the others. */
export const ERROR_SERIES: Series[] = [
  { name: 'API errors', color: '--danger', value: (b) => b.failures - b.throttles },
  { name: 'throttled', color: '--token', value: (b) => b.throttles },
  { name: 'trigger errors', color: '--trigger', value: (b) => b.triggerErrors },
];

/** The scale's top: the tallest stack rounded up to 1, 2 or 5 times a power of ten (at least 1). */
export function niceTop(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= max)!;
}

export function stackTop(buckets: readonly StatsBucket[], series: readonly Series[]): number {
  return niceTop(Math.max(0, ...buckets.map((bucket) => series.reduce((sum, s) => sum + s.value(bucket), 0))));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A bucket's start as its axis says it: `14:05`, `14:05:30` for buckets under a minute, `Dec 6` for days. */
export function bucketLabel(start: number, bucketMs: number): string {
  const d = new Date(start);
  if (bucketMs >= 86_400_000) return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return bucketMs < 60_000 ? `${time}:${pad(d.getSeconds())}` : time;
}

/** What a bar's tooltip says: `14:05–14:06: 3 succeeded, 1 failed`. */
export function barTitle(bucket: StatsBucket, bucketMs: number, series: readonly Series[]): string {
  const parts = series.map((s) => `${s.value(bucket)} ${s.name}`);
  return `${bucketLabel(bucket.start, bucketMs)}–${bucketLabel(bucket.start + bucketMs, bucketMs)}: ${parts.join(', ')}`;
}

/** Nothing happened in the range: the dashboard shows how to make something happen instead of empty charts. */
export function isEmpty(stats: DashboardStats): boolean {
  return stats.totals.calls === 0 && stats.operations.length === 0 && Object.values(stats.totals.signIns).every((n) => n === 0) && stats.totals.triggerErrors === 0;
}

export interface RangeChoice {
  id: string;
  label: string;
  /** Milliseconds before now; undefined: the whole history. */
  last?: number;
}

export const RANGES: RangeChoice[] = [
  { id: '15m', label: 'Last 15 min', last: 15 * 60_000 },
  { id: '1h', label: 'Last hour', last: 3_600_000 },
  { id: '24h', label: 'Last 24 h', last: 86_400_000 },
  { id: 'all', label: 'All' },
];

/** The event types that change the numbers: a new one of these (not the window's own call) refreshes them. */
export const COUNTED_TYPES: ReadonlySet<string> = new Set(['api.called', 'flow.ended', 'trigger.returned']);
