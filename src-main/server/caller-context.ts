/** Runs every request as its caller (tokens/caller.ts): the sessions it begins or refreshes record the caller's IP address and device. */
import type { NextFunction, Request, Response } from 'express';
import { runAsCaller } from '../tokens/caller.js';

export function callerContext(req: Request, res: Response, next: NextFunction): void {
  const ip = req.socket.remoteAddress?.replace(/^::ffff:/, '');
  const amzUserAgent = typeof req.headers['x-amz-user-agent'] === 'string' ? req.headers['x-amz-user-agent'] : undefined;
  const userAgent = req.headers['user-agent'] ?? amzUserAgent;
  runAsCaller({ ...(ip && { ip }), ...(userAgent && { userAgent }) }, next, {
    headers: { userAgent: req.headers['user-agent'], amzUserAgent },
    arrived: Date.now(),
    disconnected: disconnectSignal(res),
  });
}

/** Aborted when the connection closes before the response is sent: the client gave up (a flow paused at a breakpoint ends then). */
function disconnectSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
