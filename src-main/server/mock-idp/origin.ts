import type { Request } from 'express';

/** `http://HOST:PORT` as the request reached the sandbox: the mocks' URLs and issuers are under it. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.headers.host}`;
}
