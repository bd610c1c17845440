/** A hosted page on the wire: never cached, never framed, no script. */
import type { Response } from 'express';
import { noteExchange } from '../oauth2/exchange.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

export function sendPage(res: Response, name: string, body: string, status = 200): void {
  noteExchange(res, { page: name });
  res
    .status(status)
    .set('Content-Type', 'text/html; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', CSP)
    .set('X-Frame-Options', 'DENY')
    .set('Referrer-Policy', 'no-referrer')
    .send(body);
}
