/** Runs every request as its caller (tokens/caller.ts): the sessions it begins or refreshes record the caller's IP address and device. */
import type { NextFunction, Request, Response } from 'express';
import { runAsCaller } from '../tokens/caller.js';

export function callerContext(req: Request, _res: Response, next: NextFunction): void {
  const ip = req.socket.remoteAddress?.replace(/^::ffff:/, '');
  const userAgent = req.headers['user-agent'] ?? (typeof req.headers['x-amz-user-agent'] === 'string' ? req.headers['x-amz-user-agent'] : undefined);
  runAsCaller({ ...(ip && { ip }), ...(userAgent && { userAgent }) }, next);
}
