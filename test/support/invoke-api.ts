/**
 * A stand-in AWS Lambda Invoke API (POST /2015-03-31/functions/NAME/invocations), as SAM local,
 * serverless-offline and LocalStack serve it, whose functions answer as the test says.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Invocation {
  functionName: string;
  qualifier: string | null;
  headers: http.IncomingHttpHeaders;
  event: any;
}

export interface FakeInvokeApi {
  /** Every invocation, oldest first. */
  received: Invocation[];
  /** Listens on a free port; answers the endpoint to give the sandbox (`lambdaEndpoint`). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The Invoke API, not yet listening: records each invocation, then lets `answer` reply. */
export function fakeInvokeApi(answer: (functionName: string, event: any, response: http.ServerResponse) => void): FakeInvokeApi {
  const received: Invocation[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !match) return void response.writeHead(404).end();
      const functionName = decodeURIComponent(match[1]!);
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push({ functionName, qualifier: url.searchParams.get('Qualifier'), headers: request.headers, event });
      answer(functionName, event, response);
    });
  });
  return {
    received,
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
