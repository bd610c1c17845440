/**
 * What the benchmarks share: the headless server as its own process (so its CPU and RSS are its
 * own), started from this checkout or from another one (`--root DIR`, to measure an older
 * version on the same machine), raw AWS JSON calls over keep-alive HTTP, and the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The value of `--name VALUE` on the command line. */
export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

/** The checkout whose server is measured. */
export const root = path.resolve(option('--root', path.resolve(import.meta.dirname, '..')));

export interface Server {
  child: ChildProcess;
  url: string;
  /** Spawn to the first answered request. */
  startupMs: number;
}

export async function startServer(dataDir: string | undefined, extraArgs: string[] = []): Promise<Server> {
  const started = performance.now();
  const where = dataDir === undefined ? ['--in-memory'] : ['--data-dir', dataDir];
  const child = spawn(process.execPath, ['scripts/server.mjs', '--port', '0', ...where, ...extraArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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

export async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/**
 * One AWS JSON 1.1 call over keep-alive HTTP, without the SDK's middleware stack: on two cores
 * the bench client shares the machine with the server, and the SDK's per-request work would
 * otherwise be what the figures measure. Same wire, same headers an unsigned SDK call sends.
 */
export async function call(url: string, operation: string, body: object, service = 'AWSCognitoIdentityProviderService'): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${service}.${operation}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as any;
  if (!response.ok) throw new Error(`${operation}: ${json.__type}: ${json.message}`);
  return json;
}

const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process (all its threads), in milliseconds. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export function rssMb(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)![1]) / 1024;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A figure beside the aim it answers to. */
export interface Figure {
  what: string;
  figure: string;
  aim?: string;
  /** Whether the aim is met (absent when there is none). */
  met?: boolean;
}

export function printFigures(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.what.length));
  const figureWidth = Math.max(...figures.map((f) => f.figure.length));
  for (const { what, figure, aim, met } of figures) {
    const verdict = met === undefined ? '' : met ? 'met' : 'NOT met';
    console.log(`${what.padEnd(width)}  ${figure.padStart(figureWidth)}  ${(aim ?? '').padEnd(22)} ${verdict}`);
  }
}

/** Throughput of a closed loop, latency percentiles in ms, and the server's CPU ms per operation. */
export interface Result {
  perSecond: number;
  p50: number;
  p95: number;
  serverCpuMs: number;
}

/** Runs `operation` `count` times with `concurrency` in flight against the server process `pid`. */
export async function measure(count: number, pid: number, concurrency: number, operation: (i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await operation(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), serverCpuMs: (cpuMs(pid) - cpuBefore) / count };
}
