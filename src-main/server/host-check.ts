/**
 * DNS-rebinding defence: while the sandbox listens on a loopback address, only requests whose
 * Host header names a loopback host are answered.
 */
import type { NextFunction, Request, Response } from 'express';

const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

function hostname(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.replace(/:\d+$/, '');
}

export function hostCheck(boundHost: string) {
  const restricted = isLoopbackAddress(boundHost);
  return (req: Request, res: Response, next: NextFunction) => {
    const host = hostname(req.headers.host ?? '');
    if (!restricted || isLoopbackAddress(host)) return next();
    res
      .status(403)
      .set('x-amzn-ErrorType', 'ForbiddenException')
      .json({
        __type: 'ForbiddenException',
        message: `Host '${host}' is not allowed: the sandbox answers loopback names only. Start it with --host 0.0.0.0 to serve other hosts.`,
      });
  };
}
