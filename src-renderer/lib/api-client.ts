/**
 * The window's one client of the debugger API (`/_sandbox/api`): every call goes through here,
 * typed by the shared contract (shared/debugger-api.ts), so its answers need no casts elsewhere.
 * An error answer becomes a `DebuggerApiError` carrying the server's `{ error, message }`.
 */
import {
  DEBUGGER_API_BASE,
  DEBUGGER_ROUTES,
  type DebuggerBody,
  type DebuggerQuery,
  type DebuggerResponse,
  type DebuggerRoute,
  type ErrorBody,
  type PathParams,
} from '../../shared/debugger-api';
import type { SandboxEvent } from '../../shared/events';

export class DebuggerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorBody['error'] | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'DebuggerApiError';
  }
}

type RequestRoute = Exclude<DebuggerRoute, 'events'>;
type RequestOptions<R extends DebuggerRoute> = { query?: DebuggerQuery<R> } & (keyof PathParams<R> extends never
  ? { params?: undefined }
  : { params: PathParams<R> }) &
  ([DebuggerBody<R>] extends [never] ? { body?: undefined } : { body: DebuggerBody<R> });
/** The options argument, required only where the route has path parameters or a body. */
type OptionsArgument<R extends DebuggerRoute> = keyof PathParams<R> extends never
  ? [DebuggerBody<R>] extends [never]
    ? [options?: RequestOptions<R>]
    : [options: RequestOptions<R>]
  : [options: RequestOptions<R>];

/** `/_sandbox/api/flows/abc?limit=10` for `('flow', { params: { id: 'abc' }, query: { limit: 10 } })`. */
function urlOf<R extends DebuggerRoute>(route: R, options: RequestOptions<R> | undefined): string {
  const params: Record<string, string> = options?.params ?? {};
  const path = DEBUGGER_ROUTES[route].path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options?.query ?? {})) if (value !== undefined) query.set(name, String(value));
  const search = query.size ? `?${query}` : '';
  return `${DEBUGGER_API_BASE}${path}${search}`;
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).error === 'string' && typeof (body as ErrorBody).message === 'string';
}

/** Calls one route and answers its typed response; throws `DebuggerApiError` for an error answer. */
export async function callApi<R extends RequestRoute>(route: R, ...[options]: OptionsArgument<R>): Promise<DebuggerResponse<R>> {
  const body = options?.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = body === undefined ? undefined : { 'Content-Type': 'application/json' };
  const response = await fetch(urlOf(route, options), { method: DEBUGGER_ROUTES[route].method, headers, body });
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.ok && answer !== undefined) return answer as DebuggerResponse<R>;
  if (isErrorBody(answer)) throw new DebuggerApiError(response.status, answer.error, answer.message);
  throw new DebuggerApiError(response.status, 'unreadable', `the debugger API answered HTTP ${response.status} without a readable body`);
}

/** The live event stream, resuming after `since` when it is given. */
export function openEventStream(since?: number): EventSource {
  return new EventSource(urlOf('events', { query: { since } }));
}

/** One message of the event stream, as the server framed it. */
export function streamEvent(message: MessageEvent<string>): SandboxEvent {
  return JSON.parse(message.data) as DebuggerResponse<'events'>;
}

/** Uploads a snapshot file (`PUT /snapshots/{name}`, the SQLite file itself as the body): kept under `name`, replacing one of that name. */
export async function uploadSnapshotFile(name: string, file: Blob): Promise<DebuggerResponse<'uploadSnapshot'>> {
  const response = await fetch(urlOf('uploadSnapshot', { params: { name } }), { method: 'PUT', headers: { 'Content-Type': 'application/vnd.sqlite3' }, body: file });
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.ok && answer !== undefined) return answer as DebuggerResponse<'uploadSnapshot'>;
  if (isErrorBody(answer)) throw new DebuggerApiError(response.status, answer.error, answer.message);
  throw new DebuggerApiError(response.status, 'unreadable', `the debugger API answered HTTP ${response.status} without a readable body`);
}

/** A flow exported as a file (`GET /flows/{id}/export/{format}`): its text and the name the server gives it. */
export async function exportFlowFile(flowId: string, format: string): Promise<{ name: string; text: string; type: string }> {
  const response = await fetch(urlOf('flowExport', { params: { id: flowId, format } }));
  const text = await response.text();
  if (!response.ok) {
    const answer: unknown = (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })();
    if (isErrorBody(answer)) throw new DebuggerApiError(response.status, answer.error, answer.message);
    throw new DebuggerApiError(response.status, 'unreadable', `the debugger API answered HTTP ${response.status} without a readable body`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `flow-${flowId}.${format}`;
  return { name, text, type: (response.headers.get('content-type') ?? 'text/plain').split(';')[0]! };
}
