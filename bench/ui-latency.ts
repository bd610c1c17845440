/**
 * `npx tsx bench/ui-latency.ts [-- --history FLOWS --seconds S --rate FLOWS_PER_SECOND]`: how fast
 * the debugger window shows what happens, measured in the browser (Debian's Chromium) against
 * the headless server running as its own process.
 *
 * First `--history` sign-in flows (default 1,000: about 10,000 events) are run before the page
 * opens, so the window starts with a large history; then sign-ins run at `--rate` flows per
 * second (default 50) for `--seconds` (default 20) while the page records, for every flow row
 * that appears or changes, the time from the newest event's server timestamp to the animation
 * frame that paints it. Both run on one machine, so their clocks agree.
 *
 * Prints: history load time, event-to-screen latency p50/p95/max (new flows, and every row
 * update), the achieved rate, and the main thread's long tasks. Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON } from '../test/e2e/support/browser.js';
import { ensureBuilt } from '../test/support/build.js';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const HISTORY_FLOWS = arg('history', 1_000);
const SECONDS = arg('seconds', 20);
const RATE = arg('rate', 50);
const USERS = 20;
const PASSWORD = 'Bench-Passw0rd!';

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/headless.ts', '--port', '0', '--data-dir', dataDir], {
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
  return { child, url };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function setUp(cognito: CognitoIdentityProviderClient): Promise<{ clientId: string; usernames: string[] }> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'ui-latency' }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  const usernames = Array.from({ length: USERS }, (_, i) => `user${i}`);
  for (const Username of usernames) {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username, Password: PASSWORD, Permanent: true }));
  }
  return { clientId: UserPoolClient!.ClientId!, usernames };
}

function signIn(cognito: CognitoIdentityProviderClient, clientId: string, username: string) {
  return cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
}

/**
 * Runs in the page: records row appearances and updates, and long tasks. A string, not a
 * function, because tsx's transform adds helpers the page does not have.
 */
const RECORDER = `(() => {
  const latency = { newFlows: [], updates: [], longTasks: [] };
  window.latency = latency;
  const seen = new Map();
  const now = () => performance.timeOrigin + performance.now();
  const look = (row) => {
    const id = row.getAttribute('data-flow-id');
    const seq = Number(row.getAttribute('data-seq'));
    const time = Number(row.getAttribute('data-time'));
    const started = Number(row.getAttribute('data-started'));
    const known = seen.get(id);
    if (known !== undefined && known >= seq) return;
    seen.set(id, seq);
    requestAnimationFrame(() => {
      const painted = now();
      if (known === undefined) latency.newFlows.push(painted - started);
      latency.updates.push(painted - time);
    });
  };
  document.querySelectorAll('.flow-row').forEach((row) => seen.set(row.getAttribute('data-flow-id'), Number(row.getAttribute('data-seq'))));
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'attributes' && mutation.target.classList.contains('flow-row')) look(mutation.target);
      mutation.addedNodes.forEach((node) => {
        if (node instanceof Element) node.querySelectorAll('.flow-row').forEach(look);
      });
    }
  }).observe(document.querySelector('[aria-label="Flows, newest first"]'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq'] });
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => latency.longTasks.push(entry.duration))).observe({ type: 'longtask' });
})()`;

interface Recorded {
  newFlows: number[];
  updates: number[];
  longTasks: number[];
}

/** How many events the stored history holds: the last id the stream replays before it goes quiet. */
async function countEvents(url: string): Promise<number> {
  const response = await fetch(`${url}/_sandbox/api/events`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let last = 0;
  const quiet = () => new Promise<'quiet'>((resolve) => setTimeout(() => resolve('quiet'), 500));
  for (;;) {
    // The history comes first, as one burst; the first quiet half-second after it ends it.
    const chunk = last === 0 ? await reader.read() : await Promise.race([reader.read(), quiet()]);
    if (chunk === 'quiet' || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
    const ids = text.match(/^id: (\d+)$/gm);
    if (ids) last = Number(ids.at(-1)!.slice(4));
    text = text.slice(text.lastIndexOf('\n\n') + 2);
  }
  await reader.cancel();
  return last;
}

async function main(): Promise<void> {
  if (!hasChromium) {
    console.log(NO_CHROMIUM_REASON);
    return;
  }
  await ensureBuilt(['renderer']);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-ui-bench-'));
  const server = await startServer(dataDir);
  const cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  const browser = await launchChromium();
  try {
    const { clientId, usernames } = await setUp(cognito);
    const pick = (i: number) => usernames[i % usernames.length]!;

    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < HISTORY_FLOWS) await signIn(cognito, clientId, pick(next++));
      }),
    );

    const historyEvents = await countEvents(server.url);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const opened = performance.now();
    await page.goto(`${server.url}/_sandbox/`);
    // The timeline's "N of M" counter reaches the history's size once it is all listed.
    const counter = page.locator('.shown');
    while (((await counter.textContent({ timeout: 60_000 })) ?? '').replace(/[^0-9 ]/g, '').trim().split(/ +/)[1] !== String(HISTORY_FLOWS)) {
      await page.waitForTimeout(20);
    }
    const historyMs = performance.now() - opened;
    await page.evaluate(RECORDER);

    const total = Math.round(RATE * SECONDS);
    const started = performance.now();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1_000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      calls.push(signIn(cognito, clientId, pick(i)));
    }
    await Promise.all(calls);
    const achieved = total / ((performance.now() - started) / 1_000);
    await page.waitForTimeout(500);
    const recorded = (await page.evaluate('window.latency')) as Recorded;

    const newFlows = [...recorded.newFlows].sort((a, b) => a - b);
    const updates = [...recorded.updates].sort((a, b) => a - b);
    const fmt = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`Debugger window latency: ${os.cpus().length} cores, Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}`);
    console.log(`history before opening          ${HISTORY_FLOWS} flows (${historyEvents} events), listed in ${fmt(historyMs)}`);
    console.log(`load                            ${total} sign-ins at ${achieved.toFixed(1)} flows/s (asked ${RATE}/s)`);
    console.log(`new flow to screen              p50 ${fmt(percentile(newFlows, 50))}  p95 ${fmt(percentile(newFlows, 95))}  max ${fmt(newFlows.at(-1) ?? NaN)}  (${newFlows.length} flows seen)`);
    console.log(`event to screen (row updates)   p50 ${fmt(percentile(updates, 50))}  p95 ${fmt(percentile(updates, 95))}  max ${fmt(updates.at(-1) ?? NaN)}  (${updates.length} updates)`);
    console.log(`main-thread long tasks          ${recorded.longTasks.length} (longest ${fmt(Math.max(0, ...recorded.longTasks))})`);
    if (errors.length) console.log(`console errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    cognito.destroy();
    const exited = new Promise((resolve) => server.child.on('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
