/**
 * CORS for the APIs browser apps call (the AWS JSON endpoint and the OAuth endpoints): any
 * origin may call them, as Cognito allows.
 */
import type { NextFunction, Request, Response } from 'express';

const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';

export function publicCors(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  res.set('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.set('Vary', 'Origin');
  res.set('Access-Control-Expose-Headers', EXPOSED);
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.set('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
    res.set('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
}
