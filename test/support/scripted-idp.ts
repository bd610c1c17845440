/**
 * A tiny identity provider a test scripts route by route (its own http server on port 0): what
 * each path answers, or that it hangs. It records every request, so a test sees exactly what the
 * sandbox sent (method, query, form, headers). For the hostile answers an honest provider never gives.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export type ScriptedAnswer = { status?: number; json?: unknown; text?: string; contentType?: string } | 'hang';
export type ScriptedRoute = (request: ScriptedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface ScriptedIdp {
  url: string;
  /** Path (no query) → its answer; a path not here answers 404. */
  routes: Map<string, ScriptedRoute>;
  requests: ScriptedRequest[];
  /** The requests made to `path`. */
  requestsTo(path: string): ScriptedRequest[];
  close(): Promise<void>;
}

async function bodyOf(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startScriptedIdp(): Promise<ScriptedIdp> {
  const routes = new Map<string, ScriptedRoute>();
  const requests: ScriptedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://idp');
    const body = await bodyOf(req);
    const request: ScriptedRequest = {
      method: req.method!,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: req.headers['content-type']?.includes('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {},
      headers: req.headers,
    };
    requests.push(request);
    const route = routes.get(url.pathname);
    const answer: ScriptedAnswer = route ? await route(request) : { status: 404, text: 'Not Found' };
    if (answer === 'hang') {
      hanging.add(res);
      return;
    }
    const text = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
    res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? (answer.json !== undefined ? 'application/json' : 'text/html') });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    routes,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
