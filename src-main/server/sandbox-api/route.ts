/**
 * A debugger API handler, typed by the shared contract (shared/debugger-api.ts): its request
 * carries its route's path parameters, and it answers its route's response or an `ErrorBody`.
 */
import type { Request, Response, Router } from 'express';
import { DEBUGGER_ROUTES, type DebuggerResponse, type DebuggerRoute, type ErrorBody, type PathParams } from '../../../shared/debugger-api.js';

export type ApiRequest<R extends DebuggerRoute> = Request<PathParams<R>>;
export type ApiResponse<R extends DebuggerRoute> = Response<DebuggerResponse<R> | ErrorBody>;
export type ApiHandler<R extends DebuggerRoute> = (req: ApiRequest<R>, res: ApiResponse<R>) => void;

/** Mounts the handler at its route's method and path. */
export function mount<R extends DebuggerRoute>(router: Router, route: R, handler: ApiHandler<R>): void {
  const { method, path } = DEBUGGER_ROUTES[route];
  if (method === 'POST') router.post(path, handler);
  else router.get(path, handler);
}

export function notFound(res: Response<ErrorBody>, message: string): void {
  res.status(404).json({ error: 'not_found', message });
}
