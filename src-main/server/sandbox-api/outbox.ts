/**
 * `GET /_sandbox/api/outbox[?to=&pool=&limit=]`: the emails and SMS the sandbox "sent", as a
 * JSON array, newest last, codes included (this is where a test reads them).
 */
import type { Request, Response } from 'express';
import type { Services } from '../../services.js';

const MAX_LIMIT = 1_000;

export function outbox(services: Services) {
  return (req: Request, res: Response) => {
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), MAX_LIMIT);
    const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const messages = services.store.outbox.list({ destination: text('to'), poolId: text('pool'), limit });
    res.json(messages.reverse());
  };
}
