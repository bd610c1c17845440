/**
 * `GET /_sandbox/api/outbox[?to=&pool=&limit=]`: the emails and SMS the sandbox "sent", as a
 * JSON array, newest last, codes included (this is where a test reads them).
 */
import type { Services } from '../../services.js';
import { integerQuery, textQuery, type ApiHandler } from './route.js';

const MAX_LIMIT = 1_000;

export function outbox({ store }: Pick<Services, 'store'>): ApiHandler<'outbox'> {
  return (req, res) => {
    const limit = integerQuery(req.query, 'limit', { min: 1, max: MAX_LIMIT, fallback: 100 });
    const newestFirst = store.outbox.list({ destination: textQuery(req.query, 'to'), poolId: textQuery(req.query, 'pool'), limit });
    res.json(newestFirst.reverse());
  };
}
