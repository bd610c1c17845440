/**
 * The desktop shell, driven through Playwright's Electron support. It needs Electron's binary,
 * which machines without a route to its release host do not have: there every test here skips
 * and says why. Native dialogs cannot be clicked, so the reset test answers the confirm dialog
 * from the main process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/policy.js';
import { ensureBuilt, OUT } from '../support/build.js';
import { cognitoClient, startSandbox, tempDir } from '../support/sandbox.js';

function electronBinary(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron'); // the package exports its binary's path
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? "Electron's binary is not installed (node_modules/electron/dist is missing): run `node scripts/install-electron.mjs` where its release host is reachable"
  : noDisplay
    ? 'no display: run under xvfb-run to test the Electron window on Linux'
    : undefined;
if (skipReason) console.warn(`electron.test.ts skipped: ${skipReason}`);

const MAIN = path.join(OUT, 'main', 'main.js');
/** Chromium refuses to start as root without its own OS sandbox switched off. */
const rootSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

let running: ElectronApplication | undefined;

async function launch(args: string[], profile = tempDir('sandbox-electron-profile-')): Promise<{ app: ElectronApplication; page: Page; origin: string }> {
  const app = await _electron.launch({
    executablePath: binary!,
    args: [...rootSwitches, MAIN, '--port=0', `--user-data-dir=${profile}`, ...args],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
    timeout: 60_000,
  });
  running = app;
  const page = await app.firstWindow();
  await page.waitForURL(/\/_sandbox\/$/);
  return { app, page, origin: new URL(page.url()).origin };
}

function needsElectron(context: TestContext): void {
  if (skipReason) context.skip(skipReason);
}

beforeAll(async () => {
  if (!skipReason) await ensureBuilt(['main', 'preload', 'renderer']);
}, 180_000);

afterEach(async () => {
  await running?.close().catch(() => undefined);
  running = undefined;
});

describe('the desktop window', () => {
  it('shows the debugger with no Node in the page, isolated from its preload', async (context) => {
    needsElectron(context);
    const { page } = await launch(['--in-memory']);
    expect(await page.title()).toBe('Cognito Sandbox');
    expect(await page.evaluate(() => [typeof (globalThis as any).require, typeof (globalThis as any).process])).toEqual(['undefined', 'undefined']);
    // contextBridge refuses to work without context isolation: the verbs being there proves it on.
    expect(await page.evaluate(() => typeof (globalThis as any).cognitoSandbox?.copyEndpoint)).toBe('function');
  });

  it('exposes the native verbs and nothing else', async (context) => {
    needsElectron(context);
    const { app, page, origin } = await launch(['--in-memory']);
    const verbs = await page.evaluate(() => Object.keys((globalThis as any).cognitoSandbox).sort());
    expect(verbs).toEqual(['copyEndpoint', 'openDataFolder', 'openInBrowser', 'saveTextFile']);
    expect(await page.evaluate(() => (globalThis as any).cognitoSandbox.copyEndpoint())).toBe(origin);
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(origin);
    expect(await page.evaluate(() => (globalThis as any).cognitoSandbox.openDataFolder())).toBe(false); // in memory
    await expect(page.evaluate(() => (globalThis as any).cognitoSandbox.openInBrowser('/oauth2/token'))).rejects.toThrow(/_sandbox/);
  });

  it('refuses navigation away and new windows, and sends the strict CSP', async (context) => {
    needsElectron(context);
    const { app, page } = await launch(['--in-memory']);
    const home = page.url();
    await page.evaluate(() => (globalThis as any).location.assign('file:///etc/hostname'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe(home);
    expect(await page.evaluate(() => (globalThis as any).open('file:///etc/hostname') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.url() === home), page.reload()]);
    expect(await response.headerValue('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // An injected inline script does not run.
    const injected = await page.evaluate(async () => {
      const win = globalThis as any;
      const script = win.document.createElement('script');
      script.textContent = 'window.__injected = true';
      win.document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return win.__injected === true;
    });
    expect(injected).toBe(false);
  });

  it('has the Sandbox menu', async (context) => {
    needsElectron(context);
    const { app } = await launch(['--in-memory']);
    const labels = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()!.items.find((item) => item.label === 'Sandbox')!.submenu!.items.map((item) => item.label).filter(Boolean),
    );
    expect(labels).toEqual(expect.arrayContaining(['Copy Endpoint', 'Open in Browser', 'Open Data Folder', 'Reset Sandbox…']));
  });

  it('resets the sandbox from the menu once confirmed', async (context) => {
    needsElectron(context);
    const { app, origin } = await launch(['--in-memory']);
    const cognito = cognitoClient(origin);
    await cognito.send(new CreateUserPoolCommand({ PoolName: 'doomed' }));
    await app.evaluate(({ dialog, Menu }) => {
      dialog.showMessageBox = (async () => ({ response: 1, checkboxChecked: false })) as typeof dialog.showMessageBox;
      const sandboxMenu = Menu.getApplicationMenu()!.items.find((item) => item.label === 'Sandbox')!;
      sandboxMenu.submenu!.items.find((item) => item.label === 'Reset Sandbox…')!.click();
    });
    await expect.poll(async () => (await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools, { timeout: 10_000 }).toEqual([]);
    cognito.destroy();
  });

  it('flushes the store on quit: a headless sandbox on the same folder has the pool', async (context) => {
    needsElectron(context);
    const dataDir = tempDir();
    const { app, origin } = await launch([`--data-dir=${dataDir}`]);
    const cognito = cognitoClient(origin);
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'kept' }));
    cognito.destroy();
    const exited = new Promise((resolve) => app.process().once('exit', resolve));
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined); // the connection may close first
    await exited;
    running = undefined;
    expect(fs.statSync(path.join(dataDir, 'journal.ndjson')).size).toBe(0); // checkpointed into sandbox.db
    const headless = await startSandbox({ dataDir });
    const { UserPools } = await headless.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(UserPools!.map((pool) => pool.Id)).toEqual([UserPool!.Id]);
    await headless.close();
  });

  it('runs one instance: a second launch on the same profile exits at once', async (context) => {
    needsElectron(context);
    const profile = tempDir('sandbox-electron-profile-');
    const { app } = await launch(['--in-memory'], profile);
    const second = spawn(binary!, [...rootSwitches, MAIN, '--port=0', '--in-memory', `--user-data-dir=${profile}`], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
