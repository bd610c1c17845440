/**
 * A debugger API handler, typed by the shared contract (shared/debugger-api.ts): its request
 * carries its route's path parameters, and it answers its route's response or an `ErrorBody`.
 */
import express, { type Request, type Response, type Router } from 'express';
import { DEBUGGER_ROUTES, type DebuggerResponse, type DebuggerRoute, type ErrorBody, type PathParams } from '../../../shared/debugger-api.js';

export type ApiRequest<R extends DebuggerRoute> = Request<PathParams<R>>;
export type ApiResponse<R extends DebuggerRoute> = Response<DebuggerResponse<R> | ErrorBody>;
export type ApiHandler<R extends DebuggerRoute> = (req: ApiRequest<R>, res: ApiResponse<R>) => void;

/** Mounts the handler at its route's method and path. */
export function mount<R extends DebuggerRoute>(router: Router, route: R, handler: ApiHandler<R>): void {
  const { method, path } = DEBUGGER_ROUTES[route];
  if (method === 'POST') router.post(path, handler);
  else if (method === 'PUT') router.put(path, handler);
  else if (method === 'DELETE') router.delete(path, handler);
  else router.get(path, handler);
}

export function notFound(res: Response<ErrorBody>, message: string): void {
  res.status(404).json({ error: 'not_found', message });
}

/** A query parameter that is not what its route takes. */
export class BadQuery extends Error {
  readonly status = 400;
}

/** The integer query parameter `name`, `fallback` when absent; BadQuery when it is not a whole number in [min, max]. */
export function integerQuery(query: Request['query'], name: string, range: { min: number; max: number; fallback: number }): number {
  const raw = query[name];
  if (raw === undefined) return range.fallback;
  const value = typeof raw === 'string' && /^-?\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new BadQuery(`${name} must be a whole number from ${range.min} to ${range.max}.`);
  }
  return value;
}

/** The text query parameter `name` (undefined when absent); BadQuery when it is given more than once. */
export function textQuery(query: Request['query'], name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined || typeof raw === 'string') return raw;
  throw new BadQuery(`${name} must be given once, as text.`);
}

/**
 * Reads a request's JSON body of at most `limit` (express.json's notation: `16kb`): answers the
 * parsed value, or undefined when the body is not readable JSON within the limit.
 */
export function jsonBodyReader(limit: string): (req: Request, res: Response) => Promise<unknown> {
  const parse = express.json({ limit });
  return (req, res) => new Promise((resolve) => parse(req, res, (error?: unknown) => resolve(error ? undefined : req.body)));
}
