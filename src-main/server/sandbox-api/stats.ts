/**
 * `GET /_sandbox/api/stats?from=&to=&last=&bucket=`: the dashboard's numbers (shared/stats.ts),
 * counted from the stored events over `[from, to)` in buckets of `bucket` ms.
 *
 * Every parameter is optional: `to` is now by the sandbox's clock (which time travel moves);
 * `last` (ms) counts the span before `to` instead of naming `from`; without either, `from` is the
 * oldest event the history holds. `bucket` is picked to cut the range into at most 60 slices,
 * lined up on multiples of its size. Reads only.
 */
import { MAX_BUCKETS } from '../../../shared/stats.js';
import { StatsIndex } from '../../debug/stats-index.js';
import { bucketFor, summarize, type StatsRange } from '../../debug/stats.js';
import type { Services } from '../../services.js';
import { BadQuery, integerQuery, type ApiHandler } from './route.js';

const EPOCH_MS = { min: 0, max: 8_640_000_000_000 };
/** The range shown while the history is empty. */
const EMPTY_SPAN_MS = 15 * 60_000;

type StatsServices = Pick<Services, 'store' | 'clock' | 'bus'>;

function rangeOf(query: Parameters<typeof integerQuery>[0], now: number, oldestEvent: number | null): StatsRange {
  const to = integerQuery(query, 'to', { ...EPOCH_MS, fallback: now + 1 });
  if (query.from !== undefined && query.last !== undefined) throw new BadQuery('Give from or last, not both.');
  const last = integerQuery(query, 'last', { min: 1_000, max: EPOCH_MS.max, fallback: 0 });
  const from = last ? to - last : integerQuery(query, 'from', { ...EPOCH_MS, fallback: Math.min(oldestEvent ?? to - EMPTY_SPAN_MS, to - 1_000) });
  if (from >= to) throw new BadQuery('from must be before to.');
  const bucketMs = integerQuery(query, 'bucket', { min: 1_000, max: EPOCH_MS.max, fallback: bucketFor(to - from) });
  if (Math.ceil((to - from) / bucketMs) + 1 > MAX_BUCKETS) throw new BadQuery(`bucket cuts the range into more than ${MAX_BUCKETS} slices.`);
  return { from, to, bucketMs };
}

export function stats(services: StatsServices): ApiHandler<'stats'> {
  const { store, clock, bus } = services;
  const index = new StatsIndex(store.eventStats, () => store.events.flush(), bus);
  return async (req, res) => {
    store.events.flush();
    const now = clock.now();
    const oldestEvent = index.oldestTime();
    const range = rangeOf(req.query, now, oldestEvent);
    res.json(summarize(await index.current(), range, { now, oldestEvent }));
  };
}
