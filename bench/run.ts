/**
 * `npm run bench [-- --users N]`: the sandbox's speed, measured against the headless server
 * running as its own process (so its RSS and CPU are its own), driven over HTTP by the real
 * AWS SDK. Prints figures; asserts nothing.
 *
 *  - cold start: process spawn to the first answered request (empty data dir, and again with
 *    the full data dir);
 *  - AdminCreateUser throughput while filling a pool, and in batches at 10k and N users (raw
 *    AWS JSON over keep-alive HTTP, so the client is not the bottleneck);
 *  - ListUsers with an `email ^= "..."` filter at N users (p50, p95);
 *  - the server's RSS with N users.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const root = path.resolve(import.meta.dirname, '..');
const argUsers = process.argv.indexOf('--users');
const TOTAL_USERS = argUsers > 0 ? Number(process.argv[argUsers + 1]) : 100_000;
const CONCURRENCY = 16;
const BATCH = 2_000;

interface Server {
  child: ChildProcess;
  url: string;
  startupMs: number;
}

async function startServer(dataDir: string): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'scripts/server.mjs', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`server exited:\n${out}`)));
  });
  const health = await fetch(`${url}/_sandbox/api/health`);
  if (!health.ok) throw new Error('health check failed');
  return { child, url, startupMs: performance.now() - started };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+) kB/)![1]);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function client(url: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
}

/**
 * One AWS JSON 1.1 call over keep-alive HTTP, without the SDK's middleware stack: on two cores
 * the bench client shares the machine with the server, and the SDK's per-request work (signing,
 * serde) would otherwise be what the figures measure. Same wire, same headers an unsigned SDK
 * call sends.
 */
async function call(url: string, operation: string, body: object): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as any;
  if (!response.ok) throw new Error(`${operation}: ${json.__type}: ${json.message}`);
  return json;
}

/** Creates users [from, to) with CONCURRENCY requests in flight; returns users per second. */
async function createUsers(url: string, poolId: string, from: number, to: number): Promise<number> {
  let next = from;
  const started = performance.now();
  const worker = async () => {
    while (next < to) {
      const i = next++;
      const id = String(i).padStart(7, '0');
      await call(url, 'AdminCreateUser', {
        UserPoolId: poolId,
        Username: `user${id}`,
        TemporaryPassword: `Temp-${id}-Pw1`,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: `user${id}@example.com` },
          { Name: 'given_name', Value: `Given${id}` },
        ],
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (to - from) / ((performance.now() - started) / 1000);
}

async function listUsersLatency(cognito: CognitoIdentityProviderClient, poolId: string, population: number) {
  const samples: number[] = [];
  let matched = 0;
  for (let q = 0; q < 300; q++) {
    const prefix = `user${String(Math.floor(Math.random() * population)).padStart(7, '0').slice(0, 6)}`;
    // Through the real SDK: this is the latency an app sees.
    const started = performance.now();
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `email ^= "${prefix}"`, Limit: 60 }));
    samples.push(performance.now() - started);
    matched += page.Users?.length ?? 0;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), meanMatched: matched / samples.length };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-bench-'));
  const results: [string, string, string][] = [];
  console.log(`Cognito Sandbox benchmark: ${os.cpus().length} cores, Node ${process.version}, ${fmt(TOTAL_USERS)} users, ${CONCURRENCY} requests in flight`);

  const server = await startServer(dataDir);
  results.push(['cold start (empty data dir) to first answer', `${fmt(server.startupMs)} ms`, '< 1,000 ms']);
  const cognito = client(server.url);
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
  const poolId = UserPool!.Id!;

  const firstTarget = Math.min(10_000, TOTAL_USERS);
  if (firstTarget === TOTAL_USERS) console.log('(fewer than 10k users: the 10k and N figures coincide)');
  const fillStarted = performance.now();
  await createUsers(server.url, poolId, 0, firstTarget);
  const at10k = await createUsers(server.url, poolId, firstTarget, firstTarget + BATCH);
  results.push([`AdminCreateUser at ${fmt(firstTarget)} users`, `${fmt(at10k)} /s`, '']);
  if (TOTAL_USERS > firstTarget + BATCH) await createUsers(server.url, poolId, firstTarget + BATCH, TOTAL_USERS);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  results.push([`${fmt(TOTAL_USERS + BATCH)} users created`, `${fmt(fillSeconds, 1)} s (${fmt((TOTAL_USERS + BATCH) / fillSeconds)} /s)`, '100k in < 60 s']);
  const atTotal = await createUsers(server.url, poolId, TOTAL_USERS + BATCH, TOTAL_USERS + 2 * BATCH);
  results.push([`AdminCreateUser at ${fmt(TOTAL_USERS)} users`, `${fmt(atTotal)} /s`, '']);

  const list = await listUsersLatency(cognito, poolId, TOTAL_USERS);
  results.push([`ListUsers email ^= at ${fmt(TOTAL_USERS)} users, p50`, `${fmt(list.p50, 2)} ms`, '']);
  results.push([`ListUsers email ^= at ${fmt(TOTAL_USERS)} users, p95`, `${fmt(list.p95, 2)} ms`, '< 20 ms']);
  results.push([`server RSS with ${fmt(TOTAL_USERS)} users`, `${fmt(rssMb(server.child.pid!))} MB`, '< 300 MB']);
  cognito.destroy();
  await stopServer(server);

  const restarted = await startServer(dataDir);
  results.push([`cold start with ${fmt(TOTAL_USERS)} users on disk`, `${fmt(restarted.startupMs)} ms`, '']);
  results.push([`server RSS after restart with ${fmt(TOTAL_USERS)} users`, `${fmt(rssMb(restarted.child.pid!))} MB`, '']);
  await stopServer(restarted);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const width = Math.max(...results.map((r) => r[0].length));
  console.log('');
  for (const [what, figure, aim] of results) console.log(`${what.padEnd(width)}  ${figure.padStart(24)}  ${aim}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
