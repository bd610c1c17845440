/**
 * `/_sandbox/api/breakpoints` and `/_sandbox/api/paused`: the developer's breakpoints
 * (debug/breakpoints.ts) and the flows paused at them.
 *
 *  - `GET /breakpoints`, `POST /breakpoints` {poolId, point, trigger?, userName?, clientId?,
 *    respondWith?, failWith?, enabled?} (201; 200 with the one there when the same pausing breakpoint
 *    exists already, switched on), `PUT /breakpoints/{id}/enabled` {enabled},
 *    `DELETE /breakpoints/{id}`;
 *  - `GET /paused`, `POST /paused/{pauseId}` {action, event?, response?, message?, claims?}.
 *
 * Every body is checked: anything else is 400 with a sentence saying what is wrong, never a 500.
 */
import express, { type Request } from 'express';
import {
  BREAKPOINT_POINTS,
  BREAKPOINT_TRIGGERS,
  type BreakpointBody,
  type BreakpointPoint,
  type BreakpointTrigger,
  type PausedFlow,
  type ResumeAction,
} from '../../../shared/breakpoints.js';
import type { ErrorBody } from '../../../shared/debugger-api.js';
import type { Resolution } from '../../debug/breakpoints.js';
import type { Services } from '../../services.js';
import { notFound, type ApiHandler, type ApiResponse } from './route.js';

type BreakpointServices = Pick<Services, 'store' | 'breakpoints'>;

const BODY_LIMIT = '256kb';
const parseJson = express.json({ limit: BODY_LIMIT });
const MAX_NAME = 256;
const MAX_MESSAGE = 2_048;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A body that is wrong: the route answers 400 with its message. */
class BadBody extends Error {}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function badRequest(res: express.Response<ErrorBody>, message: string): void {
  res.status(400).json({ error: 'bad_request', message });
}

/** The request's JSON object body; BadBody when it is not one. */
async function objectBody(req: Request, res: express.Response): Promise<JsonObject> {
  if (!req.is('application/json')) throw new BadBody('The body must be JSON (Content-Type: application/json).');
  const body = await new Promise<unknown>((resolve) => parseJson(req, res, (error?: unknown) => resolve(error ? undefined : req.body)));
  if (body === undefined) throw new BadBody(`The body is not readable JSON of at most ${BODY_LIMIT.replace('kb', ' KB')}.`);
  if (!isObject(body)) throw new BadBody('The body must be a JSON object.');
  return body;
}

/** Runs a handler that reads a body, answering 400 for a BadBody. */
function withBody<R extends 'addBreakpoint' | 'switchBreakpoint' | 'resumePaused'>(
  handle: (req: Request<{ id: string; pauseId: string }>, res: ApiResponse<R>, body: JsonObject) => void,
): ApiHandler<R> {
  return (req, res) => {
    objectBody(req as Request, res as express.Response)
      .then((body) => handle(req as unknown as Request<{ id: string; pauseId: string }>, res, body))
      .catch((error: unknown) => {
        if (error instanceof BadBody) return badRequest(res as express.Response<ErrorBody>, error.message);
        throw error;
      })
      .catch(() => res.headersSent || res.status(500).json({ error: 'internal', message: 'The debugger API failed.' }));
  };
}

function optionalName(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_NAME || CONTROL.test(value)) throw new BadBody(`${key} must be text of at most ${MAX_NAME} characters.`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new BadBody(`${what} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** The breakpoint a POST body asks for. */
function breakpointBody({ store }: BreakpointServices, body: JsonObject): BreakpointBody {
  if (typeof body.poolId !== 'string' || body.poolId === '') throw new BadBody('poolId must name a user pool.');
  if (body.poolId.length > MAX_NAME || !store.pools.findById(body.poolId)) throw new BadBody(`User pool ${body.poolId.slice(0, MAX_NAME)} does not exist.`);
  const point: BreakpointPoint = oneOf(body.point, BREAKPOINT_POINTS, 'point');
  let trigger: BreakpointTrigger | undefined;
  if (point === 'trigger') trigger = oneOf(body.trigger, BREAKPOINT_TRIGGERS, 'trigger');
  else if (body.trigger !== undefined && body.trigger !== null) throw new BadBody(`trigger is for point 'trigger' only, not '${point}'.`);
  const canned = body.respondWith !== undefined || body.failWith !== undefined;
  if (canned && point !== 'trigger') throw new BadBody("respondWith and failWith answer a trigger: they need point 'trigger'.");
  if (body.respondWith !== undefined && body.failWith !== undefined) throw new BadBody('Give respondWith or failWith, not both.');
  if (body.failWith !== undefined && (typeof body.failWith !== 'string' || body.failWith.length > MAX_MESSAGE)) {
    throw new BadBody(`failWith must be the error message, text of at most ${MAX_MESSAGE} characters.`);
  }
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') throw new BadBody('enabled must be true or false.');
  const userName = optionalName(body, 'userName');
  const clientId = optionalName(body, 'clientId');
  return {
    poolId: body.poolId,
    point,
    ...(trigger && { trigger }),
    ...(userName && { userName }),
    ...(clientId && { clientId }),
    ...(body.respondWith !== undefined && { respondWith: body.respondWith }),
    ...(typeof body.failWith === 'string' && { failWith: body.failWith }),
    ...(typeof body.enabled === 'boolean' && { enabled: body.enabled }),
  };
}

const ACTIONS: Record<BreakpointPoint, readonly ResumeAction[]> = {
  trigger: ['continue', 'edit', 'answer', 'fail'],
  tokens: ['continue', 'edit'],
  message: ['continue', 'edit', 'drop'],
};

function claimsOf(value: unknown, paused: PausedFlow): Extract<Resolution, { action: 'edit' }>['claims'] {
  if (!isObject(value)) throw new BadBody('claims must be an object: {"idToken": {...}, "accessToken": {...}}.');
  const unknownKey = Object.keys(value).find((key) => key !== 'idToken' && key !== 'accessToken');
  if (unknownKey) throw new BadBody(`claims holds idToken and accessToken only, not ${unknownKey.slice(0, MAX_NAME)}.`);
  for (const key of ['idToken', 'accessToken'] as const) {
    if (value[key] !== undefined && !isObject(value[key])) throw new BadBody(`claims.${key} must be an object of claims.`);
  }
  const shown = paused.event as { idToken?: unknown };
  if (value.idToken !== undefined && shown.idToken === undefined) throw new BadBody('These tokens have no ID token (an OAuth grant without openid): edit accessToken only.');
  return {
    accessToken: (value.accessToken as Record<string, unknown> | undefined) ?? (paused.event as { accessToken: Record<string, unknown> }).accessToken,
    ...(value.idToken !== undefined && { idToken: value.idToken as Record<string, unknown> }),
  };
}

function messageOf(value: unknown): { subject?: string; body: string } {
  if (!isObject(value)) throw new BadBody('message must be an object: {"subject"?, "body"}.');
  const { subject, body } = value;
  if (typeof body !== 'string' || body === '') throw new BadBody('message.body must be the text to send.');
  if (subject !== undefined && typeof subject !== 'string') throw new BadBody('message.subject must be text.');
  return { ...(subject !== undefined && { subject }), body };
}

/** The developer's answer, checked against where the flow is paused. */
function resolutionOf(body: JsonObject, paused: PausedFlow): Resolution {
  const allowed = ACTIONS[paused.point];
  const action = oneOf(body.action, allowed, `At a ${paused.point} breakpoint, action`);
  switch (action) {
    case 'continue':
    case 'drop':
      return { action };
    case 'answer':
      if (body.response === undefined) throw new BadBody('answer needs response: the event the function would have returned.');
      return { action, response: body.response };
    case 'fail':
      if (typeof body.message !== 'string' || body.message === '' || body.message.length > MAX_MESSAGE) {
        throw new BadBody(`fail needs message: the error the function throws, text of at most ${MAX_MESSAGE} characters.`);
      }
      return { action, message: body.message };
    case 'edit':
      if (paused.point === 'trigger') {
        if (!isObject(body.event)) throw new BadBody('edit needs event: the event, a JSON object, the function runs with.');
        return { action, event: body.event };
      }
      if (paused.point === 'tokens') return { action, claims: claimsOf(body.claims, paused) };
      return { action, message: messageOf(body.message) };
  }
}

export function listBreakpoints({ breakpoints }: BreakpointServices): ApiHandler<'breakpoints'> {
  return (_req, res) => res.json({ breakpoints: breakpoints.list() });
}

export function addBreakpoint(services: BreakpointServices): ApiHandler<'addBreakpoint'> {
  return withBody<'addBreakpoint'>((_req, res, body) => {
    const { breakpoint, created } = services.breakpoints.add(breakpointBody(services, body));
    res.status(created ? 201 : 200).json({ breakpoint });
  });
}

export function switchBreakpoint({ breakpoints }: BreakpointServices): ApiHandler<'switchBreakpoint'> {
  return withBody<'switchBreakpoint'>((req, res, body) => {
    if (typeof body.enabled !== 'boolean') throw new BadBody('enabled must be true or false.');
    const breakpoint = breakpoints.setEnabled(req.params.id, body.enabled);
    if (!breakpoint) return notFound(res, `No breakpoint ${req.params.id}.`);
    res.json({ breakpoint });
  });
}

export function removeBreakpoint({ breakpoints }: BreakpointServices): ApiHandler<'removeBreakpoint'> {
  return (req, res) => {
    if (!breakpoints.remove(req.params.id)) return notFound(res, `No breakpoint ${req.params.id}.`);
    res.json({ removed: true });
  };
}

export function listPaused({ breakpoints }: BreakpointServices): ApiHandler<'paused'> {
  return (_req, res) => res.json({ paused: breakpoints.paused() });
}

export function resumePaused({ breakpoints }: BreakpointServices): ApiHandler<'resumePaused'> {
  return withBody<'resumePaused'>((req, res, body) => {
    const paused = breakpoints.pausedOne(req.params.pauseId);
    if (!paused) return notFound(res, `No flow is paused as ${req.params.pauseId}: it was resumed, its client disconnected, or the sandbox was reset.`);
    const resolution = resolutionOf(body, paused);
    breakpoints.resume(paused.pauseId, resolution);
    res.json({ pauseId: paused.pauseId, action: resolution.action });
  });
}
