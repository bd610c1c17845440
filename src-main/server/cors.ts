/**
 * CORS for the APIs browser apps call (the AWS JSON endpoint, the OAuth and OIDC endpoints): the
 * developer's own pages may call them, any other page may not. Allowed are loopback origins, on
 * any port (`http://localhost:5173`, `http://127.0.0.1:3000`, `http://app.localhost:8080`), and
 * the origins listed with `--cors-origin`. Another origin's preflight is refused, and so is its
 * request itself, before it runs, with the AWS-shaped error: a page on the web must not
 * administer the sandbox. Chrome's Private Network Access preflight is answered for allowed
 * origins only. Requests without an Origin (the SDKs, the CLI, curl) are not browsers' and pass.
 */
import type { NextFunction, Request, Response } from 'express';
import { isLoopbackAddress } from './host-check.js';

const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';

/** Whether `origin` is a loopback page (`scheme://loopback-host[:port]`). */
function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackAddress(url.hostname);
}

export function corsPolicy(listed: readonly string[]) {
  const allowed = new Set(listed.map((origin) => origin.toLowerCase()));
  const isAllowed = (origin: string) => allowed.has(origin.toLowerCase()) || isLoopbackOrigin(origin);

  return function cors(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    res.set('Vary', 'Origin');
    if (!isAllowed(origin)) {
      res
        .status(403)
        .set('x-amzn-ErrorType', 'AccessDeniedException')
        .type('application/x-amz-json-1.1')
        .send(
          JSON.stringify({
            __type: 'AccessDeniedException',
            message: `Origin ${origin} may not call Cognito Sandbox: only loopback pages and origins listed with --cors-origin may.`,
          }),
        );
      return;
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Expose-Headers', EXPOSED);
    if (req.method !== 'OPTIONS') return next();
    res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.set('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
    if (req.headers['access-control-request-private-network'] === 'true') res.set('Access-Control-Allow-Private-Network', 'true');
    res.set('Access-Control-Max-Age', '86400');
    res.status(204).end();
  };
}
