/**
 * `npx tsx bench/client-credentials.ts [--root DIR] [--count 3000]` (part of `npm run bench`):
 * machine-to-machine tokens per second from /oauth2/token (grant_type=client_credentials,
 * client_secret_basic, custom scopes), against the headless server running as its own process,
 * over keep-alive HTTP with 8 in flight: throughput, p50/p95 latency and the server's CPU
 * milliseconds per token; then the same with a V3_0 pre token generation function (a warm local
 * module) customizing every token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, fmt, measure, option, printFigures, startServer, stopServer, type Figure, type Result } from './support.js';

const CONCURRENCY = 8;
const COUNT = Number(option('--count', '3000'));
const WARMUP = 200;
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:machine-v3';

/** A pool with a domain, a resource server and a machine client; its token request. */
async function machineClient(url: string, LambdaConfig?: object) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-m2m', ...(LambdaConfig && { LambdaConfig }) });
  const poolId: string = UserPool.Id;
  await call(url, 'CreateUserPoolDomain', { UserPoolId: poolId, Domain: `bench-m2m-${Date.now()}` });
  await call(url, 'CreateResourceServer', { UserPoolId: poolId, Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }, { ScopeName: 'write', ScopeDescription: 'write' }] });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'machine',
    GenerateSecret: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['api/read', 'api/write'],
  });
  const authorization = `Basic ${Buffer.from(`${UserPoolClient.ClientId}:${UserPoolClient.ClientSecret}`).toString('base64')}`;
  return async () => {
    const response = await fetch(`${url}/oauth2/token`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=api%2Fread',
    });
    const json = (await response.json()) as { access_token?: string; error?: string };
    if (!response.ok || !json.access_token) throw new Error(`/oauth2/token answered ${response.status} ${JSON.stringify(json)}`);
  };
}

async function tokensPerSecond(url: string, pid: number, LambdaConfig?: object): Promise<Result> {
  const token = await machineClient(url, LambdaConfig);
  for (let i = 0; i < WARMUP; i++) await token();
  return measure(COUNT, pid, CONCURRENCY, token);
}

const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-m2m-')), 'sandbox.json');
fs.writeFileSync(
  configFile,
  JSON.stringify({ lambdaHandlers: { 'machine-v3': path.resolve(import.meta.dirname, '../test/fixtures/triggers/machine-pre-token-v3.cjs') } }),
);
const server = await startServer(undefined, ['--config', configFile]);
try {
  const plain = await tokensPerSecond(server.url, server.child.pid!);
  const customized = await tokensPerSecond(server.url, server.child.pid!, {
    PreTokenGeneration: FUNCTION_ARN,
    PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: FUNCTION_ARN },
  });
  const figures: Figure[] = [
    { what: `client_credentials tokens (${CONCURRENCY} in flight)`, figure: `${fmt(plain.perSecond)} per s, ${fmt(plain.serverCpuMs, 1)} ms server CPU each` },
    { what: '  latency p50 / p95', figure: `${fmt(plain.p50, 1)} / ${fmt(plain.p95, 1)} ms` },
    { what: '  with a V3_0 pre token generation module', figure: `${fmt(customized.perSecond)} per s, ${fmt(customized.serverCpuMs, 1)} ms server CPU each` },
    { what: '  latency p50 / p95', figure: `${fmt(customized.p50, 1)} / ${fmt(customized.p95, 1)} ms` },
  ];
  printFigures(`Machine-to-machine tokens from /oauth2/token (${COUNT} each)`, figures);
} finally {
  await stopServer(server);
}
