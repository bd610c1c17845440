/**
 * `npx tsx bench/triggers.ts`: the latency a Lambda trigger adds to a Cognito call, with
 * functions that answer at once: a warm local module, and a function behind a Lambda Invoke API
 * server on loopback. Measured through `services.triggers.invoke` (building the event, the
 * trigger.invoked / trigger.returned debugger events, reading the answer), and, for the local
 * module, the worker round trip alone. Prints p50 and p95; asserts nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../src-main/app.js';
import { preSignUpEvent, readPreSignUpResponse } from '../src-main/triggers/events/preSignUp.js';
import { LocalHandlers } from '../src-main/triggers/local/local-handlers.js';
import { Triggers } from '../src-main/triggers/runtime.js';

const ROUNDS = 2_000;
const WARMUP = 100;
const fixture = path.resolve(import.meta.dirname, '../test/fixtures/triggers/auto-confirm.cjs');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, invoke: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await invoke();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await invoke();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(28)} p50 ${percentile(times, 50).toFixed(3)} ms   p95 ${percentile(times, 95).toFixed(3)} ms   (${ROUNDS} invocations)`);
}

async function lambdaApiServer(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString());
      event.response.autoConfirmUser = true;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(event));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const api = await lambdaApiServer();
const app = await createApp({ port: 0, dataDir: undefined, lambdaEndpoint: api.url });
const triggers = new Triggers(app.services, { handlers: { 'local-fn': fixture } });
const poolFor = (name: string) => ({ id: 'us-east-1_Bench0001', config: { LambdaConfig: { PreSignUp: `arn:aws:lambda:us-east-1:123456789012:function:${name}` } } });
const event = () => preSignUpEvent({ triggerSource: 'PreSignUp_SignUp', userPoolId: 'us-east-1_Bench0001', clientId: 'client', userName: 'bench', userAttributes: { email: 'bench@example.com' } });
const run = (name: string) => () => {
  const built = event();
  return triggers.invoke({ pool: poolFor(name), trigger: 'PreSignUp', event: built, read: (output) => readPreSignUpResponse(output, built) });
};

const coldStarted = performance.now();
await run('local-fn')();
console.log(`local module, cold start      ${(performance.now() - coldStarted).toFixed(1)} ms`);
await measure('local module, warm', run('local-fn'));

const instances = new LocalHandlers({ 'local-fn': fixture });
const roundTrip = () =>
  instances.invoke({ functionName: 'local-fn', arn: poolFor('local-fn').config.LambdaConfig.PreSignUp, region: 'us-east-1', event: event(), requestId: 'bench', timeoutMs: 5_000 });
await measure('  worker round trip alone', roundTrip);
await instances.close();
await measure('Lambda Invoke API (loopback)', run('api-fn'));

await triggers.close();
await app.close();
api.close();
