/**
 * The hosted session cookie. Cognito's is `cognito` on the pool's own domain; the sandbox serves
 * every pool on one host, so each pool's cookie carries the pool's id in its name.
 */
import type { Request, Response } from 'express';
import { HOSTED_SESSION_SECONDS } from '../../cognito/hosted-sessions.js';

const cookieName = (poolId: string) => `cognito-${poolId}`;

/** The request's cookies (the Cookie header, RFC 6265 §4.2), by name. */
function cookiesOf(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const index = pair.indexOf('=');
    if (index <= 0) continue;
    cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  return cookies;
}

export function hostedSessionCookie(req: Request, poolId: string): string | undefined {
  return cookiesOf(req).get(cookieName(poolId));
}

export function setHostedSessionCookie(req: Request, res: Response, poolId: string, value: string, maxAgeSeconds = HOSTED_SESSION_SECONDS): void {
  res.cookie(cookieName(poolId), value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeSeconds * 1000 });
}

export function clearHostedSessionCookie(req: Request, res: Response, poolId: string): void {
  res.clearCookie(cookieName(poolId), { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
