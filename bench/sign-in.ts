/**
 * `npx tsx bench/sign-in.ts` (part of `npm run bench`): sign-ins per second against the headless
 * server running as its own process, over HTTP.
 *
 *  - USER_SRP_AUTH: InitiateAuth + RespondToAuthChallenge (PASSWORD_VERIFIER), with a client that
 *    does its SRP math through OpenSSL so that it is not the bottleneck;
 *  - USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH;
 *  - for each, sign-ins per second, p50/p95 latency, and the server's CPU milliseconds per
 *    sign-in (from /proc: user + system time of the server process).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { N, g, hexHash, k, modPowN, padHex, poolNameOf } from '../src-main/auth/srp.js';
import { formatTimestamp } from '../src-main/auth/srp-server.js';

const root = path.resolve(import.meta.dirname, '..');
const USERS = 50;
const CONCURRENCY = 8;
const PASSWORD = 'Bench-Passw0rd!';
const TICKS_PER_SECOND = 100;

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['scripts/server.mjs', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`server exited:\n${out}`)));
  });
  return { child, url };
}

/** User + system CPU time of a process, in milliseconds. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

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

/** The client half of Cognito's SRP, as amazon-cognito-identity-js computes it, on OpenSSL. */
function srpClient(poolId: string) {
  const a = BigInt(`0x${randomBytes(32).toString('hex')}`);
  const A = modPowN(g, a);
  return {
    A: A.toString(16),
    proof(challenge: Record<string, string>, password: string) {
      const B = BigInt(`0x${challenge.SRP_B}`);
      const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
      const inner = createHash('sha256').update(`${poolNameOf(poolId)}${challenge.USER_ID_FOR_SRP}:${password}`).digest('hex');
      const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${challenge.SALT}`)) + inner)}`);
      const base = (((B - k * modPowN(g, x)) % N) + N) % N;
      const S = modPowN(base, a + u * x);
      const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
      const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
      const timestamp = formatTimestamp(Date.now());
      const message = Buffer.concat([
        Buffer.from(poolNameOf(poolId)),
        Buffer.from(challenge.USER_ID_FOR_SRP!),
        Buffer.from(challenge.SECRET_BLOCK!, 'base64'),
        Buffer.from(timestamp),
      ]);
      return { signature: createHmac('sha256', key).update(message).digest('base64'), timestamp };
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Result {
  name: string;
  perSecond: number;
  p50: number;
  p95: number;
  serverCpuMs: number;
}

async function measure(name: string, count: number, pid: number, signIn: (i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await signIn(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, perSecond: count / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), serverCpuMs: (cpuMs(pid) - cpuBefore) / count };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-bench-'));
  const server = await startServer(dataDir);
  const { url } = server;
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-sign-in' });
  const poolId: string = UserPool.Id;
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const ClientId: string = UserPoolClient.ClientId;
  for (let i = 0; i < USERS; i++) {
    await call(url, 'AdminCreateUser', { UserPoolId: poolId, Username: `user${i}`, MessageAction: 'SUPPRESS' });
    await call(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: `user${i}`, Password: PASSWORD, Permanent: true });
  }
  const username = (i: number) => `user${i % USERS}`;

  // Warm up: keys, caches, JIT.
  for (let i = 0; i < 20; i++) await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username(i), PASSWORD } });

  const results: Result[] = [];
  results.push(
    await measure('USER_SRP_AUTH sign-in (2 calls)', 600, server.child.pid!, async (i) => {
      const client = srpClient(poolId);
      const challenge = await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username(i), SRP_A: client.A } });
      const { signature, timestamp } = client.proof(challenge.ChallengeParameters, PASSWORD);
      const answer = await call(url, 'RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: challenge.Session,
        ChallengeResponses: {
          USERNAME: challenge.ChallengeParameters.USER_ID_FOR_SRP,
          PASSWORD_CLAIM_SECRET_BLOCK: challenge.ChallengeParameters.SECRET_BLOCK,
          PASSWORD_CLAIM_SIGNATURE: signature,
          TIMESTAMP: timestamp,
        },
      });
      if (!answer.AuthenticationResult) throw new Error('SRP sign-in did not end in tokens');
    }),
  );
  results.push(
    await measure('USER_PASSWORD_AUTH sign-in', 1500, server.child.pid!, async (i) => {
      await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username(i), PASSWORD } });
    }),
  );
  const refreshTokens: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const signedIn = await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username(i), PASSWORD } });
    refreshTokens.push(signedIn.AuthenticationResult.RefreshToken);
  }
  results.push(
    await measure('REFRESH_TOKEN_AUTH', 1500, server.child.pid!, async (i) => {
      await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshTokens[i % USERS]! } });
    }),
  );

  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.on('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });

  console.log(`\nSign-in benchmark: ${os.cpus().length} cores, Node ${process.version}, ${CONCURRENCY} sign-ins in flight, client on the same machine`);
  const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log(`${'flow'.padEnd(34)} ${'per second'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'server CPU ms'.padStart(14)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(34)} ${fmt(r.perSecond).padStart(11)} ${fmt(r.p50, 1).padStart(8)} ${fmt(r.p95, 1).padStart(8)} ${fmt(r.serverCpuMs, 2).padStart(14)}`);
  }
  console.log('aims: 200 SRP sign-ins/s, 500 USER_PASSWORD_AUTH/s');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
