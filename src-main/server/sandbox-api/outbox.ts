/**
 * `GET /_sandbox/api/outbox[?to=&pool=&limit=]`: the emails and SMS the sandbox "sent", as a
 * JSON array, newest last, codes included (this is where a test reads them), each with what its
 * code is for and what became of it (outbox-codes.ts).
 * `DELETE /_sandbox/api/outbox`: empties it; answers how many messages went (published as
 * `outbox.cleared`, so every window's outbox empties).
 */
import type { Services } from '../../services.js';
import { outboxEntries } from './outbox-codes.js';
import { integerQuery, textQuery, type ApiHandler } from './route.js';

const MAX_LIMIT = 1_000;

export function outbox({ store, clock }: Pick<Services, 'store' | 'clock'>): ApiHandler<'outbox'> {
  return (req, res) => {
    const limit = integerQuery(req.query, 'limit', { min: 1, max: MAX_LIMIT, fallback: 100 });
    const newestFirst = store.outbox.list({ destination: textQuery(req.query, 'to'), poolId: textQuery(req.query, 'pool'), limit });
    res.json(outboxEntries(store, newestFirst.reverse(), clock.now()));
  };
}

export function clearOutbox({ store, bus }: Pick<Services, 'store' | 'bus'>): ApiHandler<'clearOutbox'> {
  return (_req, res) => {
    const deleted = store.outbox.deleteAll();
    bus.publish('outbox.cleared', { deleted });
    res.json({ deleted });
  };
}
