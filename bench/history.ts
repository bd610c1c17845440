/**
 * `npx tsx bench/history.ts [--root DIR] [--requests N] [--bytes B]`: what refused large
 * requests cost the debugger history. Against the headless server as its own process (in DIR,
 * default this checkout), sends N (300) CreateUserPool calls whose B-character (1,000,000)
 * PoolName fails validation, while a
 * small call (ListUserPools) goes every 20 ms; then stops it with SIGTERM and starts it again.
 * Prints: the slowest small call, the server's peak RSS, the data folder's size, the restart
 * time (spawn to `listening`). Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const root = path.resolve(arg('--root', path.resolve(import.meta.dirname, '..')));
const REQUESTS = Number(arg('--requests', '300'));
const BYTES = Number(arg('--bytes', '1000000'));

async function start(dataDir: string): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/server.mjs', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, url, ms: performance.now() - started };
}

function call(url: string, target: string, body: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body,
  });
}

const peakRss = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)![1]) * 1024;
const dirSize = (dir: string) => fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const stop = (child: ChildProcess) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-bench-history-'));
const server = await start(dataDir);
let slowest = 0;
let probing = true;
const probe = (async () => {
  while (probing) {
    const t = performance.now();
    await (await call(server.url, 'ListUserPools', '{"MaxResults":10}')).text();
    slowest = Math.max(slowest, performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
})();
const body = JSON.stringify({ PoolName: 'n'.repeat(BYTES) });
const began = performance.now();
for (let i = 0; i < REQUESTS; i++) {
  const response = await call(server.url, 'CreateUserPool', body);
  await response.text();
  if (response.status !== 400) throw new Error(`expected 400, got ${response.status}`);
}
const sending = performance.now() - began;
await new Promise((resolve) => setTimeout(resolve, 500));
probing = false;
await probe;
const rss = peakRss(server.child.pid!);
const beforeStop = dirSize(dataDir);
await stop(server.child);
const afterStop = dirSize(dataDir);
const again = await start(dataDir);
await stop(again.child);
const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-bench-history-'));
const empty = await start(emptyDir);
await stop(empty.child);

console.log(`root: ${root}`);
console.log(`${REQUESTS} refused requests of ${BYTES.toLocaleString('en-US')} characters: ${(sending / 1000).toFixed(1)} s`);
console.log(`slowest small call meanwhile: ${slowest.toFixed(0)} ms`);
console.log(`server peak RSS: ${mb(rss)}`);
console.log(`data folder: ${mb(beforeStop)} running, ${mb(afterStop)} after SIGTERM`);
console.log(`restart (spawn to listening): ${again.ms.toFixed(0)} ms; with an empty data folder: ${empty.ms.toFixed(0)} ms`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(emptyDir, { recursive: true, force: true });
