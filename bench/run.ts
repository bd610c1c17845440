/**
 * `npx tsx bench/run.ts [--root DIR] [--users N]` (part of `npm run bench`): the sandbox's
 * speed, measured against the headless server running as its own process (so its RSS and CPU
 * are its own), driven over HTTP. Prints each figure beside its aim; asserts nothing.
 *
 *  - cold start: process spawn to the first answered request (empty data dir, and again with
 *    the full data dir);
 *  - AdminCreateUser throughput while filling a pool, and in batches at 10k and N users (raw
 *    AWS JSON over keep-alive HTTP, so the client is not the bottleneck);
 *  - ListUsers with an `email ^= "..."` filter at N users (p50, p95);
 *  - the server's RSS with N users.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { call, fmt, option, percentile, printFigures, root, rssMb, startServer, stopServer, type Figure } from './support.js';

const TOTAL_USERS = Number(option('--users', '100000'));
const CONCURRENCY = 16;
const BATCH = 2_000;

function client(url: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
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

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-bench-'));
  const figures: Figure[] = [];

  const server = await startServer(dataDir);
  figures.push({ what: 'cold start (empty data dir) to first answer', figure: `${fmt(server.startupMs)} ms`, aim: '< 400 ms', met: server.startupMs < 400 });
  const cognito = client(server.url);
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
  const poolId = UserPool!.Id!;

  const firstTarget = Math.min(10_000, TOTAL_USERS);
  const fillStarted = performance.now();
  await createUsers(server.url, poolId, 0, firstTarget);
  const at10k = await createUsers(server.url, poolId, firstTarget, firstTarget + BATCH);
  figures.push({ what: `AdminCreateUser at ${fmt(firstTarget)} users`, figure: `${fmt(at10k)} /s`, aim: '>= 2,000 /s', met: at10k >= 2_000 });
  if (TOTAL_USERS > firstTarget + BATCH) await createUsers(server.url, poolId, firstTarget + BATCH, TOTAL_USERS);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  figures.push({ what: `${fmt(TOTAL_USERS)} users created`, figure: `${fmt(fillSeconds, 1)} s (${fmt(TOTAL_USERS / fillSeconds)} /s)`, aim: '< 60 s', met: fillSeconds < 60 });
  const atTotal = await createUsers(server.url, poolId, TOTAL_USERS, TOTAL_USERS + BATCH);
  figures.push({ what: `AdminCreateUser at ${fmt(TOTAL_USERS)} users`, figure: `${fmt(atTotal)} /s` });

  const list = await listUsersLatency(cognito, poolId, TOTAL_USERS);
  figures.push({ what: `ListUsers email ^= at ${fmt(TOTAL_USERS)} users, p50`, figure: `${fmt(list.p50, 2)} ms` });
  figures.push({ what: `ListUsers email ^= at ${fmt(TOTAL_USERS)} users, p95`, figure: `${fmt(list.p95, 2)} ms`, aim: '< 20 ms', met: list.p95 < 20 });
  const rss = rssMb(server.child.pid!);
  figures.push({ what: `server RSS with ${fmt(TOTAL_USERS)} users`, figure: `${fmt(rss)} MB`, aim: '< 200 MB', met: rss < 200 });
  cognito.destroy();
  await stopServer(server);

  const restarted = await startServer(dataDir);
  figures.push({ what: `cold start with ${fmt(TOTAL_USERS)} users on disk`, figure: `${fmt(restarted.startupMs)} ms`, aim: '< 700 ms', met: restarted.startupMs < 700 });
  figures.push({ what: `server RSS after restart with ${fmt(TOTAL_USERS)} users`, figure: `${fmt(rssMb(restarted.child.pid!))} MB` });
  await stopServer(restarted);
  fs.rmSync(dataDir, { recursive: true, force: true });
  printFigures(`Cognito Sandbox benchmark (${root}): ${os.availableParallelism()} cores, Node ${process.version}, ${fmt(TOTAL_USERS)} users, ${CONCURRENCY} requests in flight`, figures);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
