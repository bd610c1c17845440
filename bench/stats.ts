/**
 * `npx tsx bench/stats.ts [--events N] [--runs R]`: what the dashboard's `GET /_sandbox/api/stats`
 * costs at N (100,000) stored events. An in-process sandbox's bus is filled with sign-in flows as
 * the runner and router publish them (flow, trigger, token and api.called events with their HTTP
 * exchange, so bodies have their real size; a third of the sign-ins refused, some triggers failing),
 * then the first request (which reads the history into the dashboard's index) is timed, and the
 * route over the whole history, the last hour and the last 15 minutes, R (7) times each; median
 * and slowest printed. Asserts nothing.
 */
import type { SandboxEvent } from '../shared/events.js';
import type { DashboardStats } from '../shared/stats.js';
import { startSandbox } from '../test/support/sandbox.js';
import { option, percentile } from './support.js';

const TARGET_EVENTS = Number(option('--events', '100000'));
const RUNS = Number(option('--runs', '7'));
const POOL = 'us-east-1_BenchStats';
const CLIENT = 'benchstatsclient0000000000';

function apiCalled(operation: string, n: number, error?: { type: string; message: string }) {
  const requestId = `bench-${n}-${operation}`;
  return {
    service: 'AWSCognitoIdentityProviderService',
    operation,
    request: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: `person${n % 300}@example.com`, PASSWORD: '***' } },
    ...(error ? { error } : { response: { AuthenticationResult: { AccessToken: '***', IdToken: '***', RefreshToken: '***', ExpiresIn: 3600, TokenType: 'Bearer' } } }),
    status: error ? 400 : 200,
    ms: 5 + (n % 40),
    requestId,
    http: {
      method: 'POST',
      path: '/',
      requestHeaders: {
        host: '127.0.0.1:9229',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
        'user-agent': 'aws-sdk-js/3.900.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.19.0 api/cognito-identity-provider#3.900.0 m/E',
        'amz-sdk-invocation-id': requestId,
      },
      responseHeaders: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      client: { name: 'AWS SDK for JavaScript', version: '3.900.0' },
      requestBytes: 180,
      responseBytes: 420,
    },
  };
}

/** One sign-in's events: about 11 of them, 8 KB of JSON. */
function signIn(n: number, publish: (type: SandboxEvent['type'], data: unknown) => void): void {
  const username = `person${n % 300}@example.com`;
  const refused = n % 3 === 0;
  publish('flow.started', { kind: 'USER_PASSWORD_AUTH', clientId: CLIENT, username, machine: 'sign-in' });
  publish('flow.transitioned', { from: null, to: 'findingUser', event: 'xstate.init' });
  const lambdaEvent = { version: '1', region: 'us-east-1', userPoolId: POOL, userName: username, triggerSource: 'PreAuthentication_Authentication', request: { userAttributes: { email: username } }, response: {} };
  publish('trigger.invoked', { trigger: 'PreAuthentication', triggerSource: 'PreAuthentication_Authentication', functionName: 'preAuth', event: lambdaEvent });
  const triggerFailed = n % 17 === 0;
  publish('trigger.returned', {
    trigger: 'PreAuthentication',
    triggerSource: 'PreAuthentication_Authentication',
    functionName: 'preAuth',
    ms: 3,
    ...(triggerFailed ? { error: { type: 'UserLambdaValidationException', message: 'PreAuthentication failed with error no.' } } : { response: {} }),
  });
  publish('flow.transitioned', { from: 'findingUser', to: 'verifyingPassword', event: 'xstate.done.actor.0' });
  if (refused || triggerFailed) {
    publish('flow.ended', { outcome: 'failure', reason: 'Incorrect username or password.' });
    publish('api.called', apiCalled('InitiateAuth', n, { type: 'NotAuthorizedException', message: 'Incorrect username or password.' }));
    return;
  }
  const claims = { sub: `sub-${n}`, email: username, iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`, aud: CLIENT, token_use: 'id', exp: 1796003600, iat: 1796000000, jti: `jti-${n}` };
  publish('token.issued', { tokenUse: 'id', clientId: CLIENT, username, claims });
  publish('token.issued', { tokenUse: 'access', clientId: CLIENT, username, claims: { ...claims, token_use: 'access' } });
  publish('token.issued', { tokenUse: 'refresh', clientId: CLIENT, username });
  publish('flow.ended', { outcome: 'success' });
  publish('api.called', apiCalled('InitiateAuth', n));
}

async function timed(url: string): Promise<{ ms: number; stats: DashboardStats }> {
  const started = performance.now();
  const response = await fetch(url);
  const stats = (await response.json()) as DashboardStats;
  return { ms: performance.now() - started, stats };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ historyEvents: TARGET_EVENTS + 10_000 });
  try {
    const bus = sandbox.app.bus;
    let n = 0;
    while (bus.lastSeq() < TARGET_EVENTS) {
      const flowId = `bench-flow-${n}`;
      signIn(n++, (type, data) => bus.publish(type, data as never, { flowId, poolId: POOL }));
      if (n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    console.log(`history: ${bus.lastSeq().toLocaleString('en-US')} events, ${n.toLocaleString('en-US')} sign-ins; ${RUNS} runs each`);
    const base = `${sandbox.url}/_sandbox/api/stats`;
    // Another request every 20 ms while the first reads the history: how long the server keeps it waiting.
    let slowestOther = 0;
    const probe = setInterval(() => {
      const started = performance.now();
      void fetch(`${sandbox.url}/_sandbox/api/health`).then(() => (slowestOther = Math.max(slowestOther, performance.now() - started)));
    }, 20);
    const first = await timed(base);
    clearInterval(probe);
    console.log(`first request (reads the history into the index) ${first.ms.toFixed(0)} ms; another request meanwhile waited ${slowestOther.toFixed(0)} ms at most`);
    for (const [label, query] of [['all', ''], ['last hour', '?last=3600000'], ['last 15 minutes', '?last=900000']] as const) {
      const runs = [];
      for (let run = 0; run < RUNS; run++) runs.push(await timed(base + query));
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      const { totals } = runs[0]!.stats;
      console.log(
        `${label.padEnd(16)} median ${percentile(ms, 50).toFixed(0).padStart(4)} ms, slowest ${ms.at(-1)!.toFixed(0).padStart(4)} ms` +
          `  (${totals.signIns.succeeded} succeeded, ${totals.signIns.failed} failed, ${totals.calls} calls, ${totals.triggerErrors} trigger errors)`,
      );
    }
  } finally {
    await sandbox.close();
  }
}

main().then(() => process.exit(0)).catch((error) => {
  console.error(error);
  process.exit(1);
});
