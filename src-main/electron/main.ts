/**
 * The desktop shell: starts the same sandbox createApp builds for the headless entry, shows its
 * debugger in a locked-down window, and flushes the store before the process ends. One
 * instance at a time: a second launch focuses the first window.
 */
import net from 'node:net';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createApp, type SandboxApp } from '../app.js';
import { describeConfigSummary } from '../config/config-summary.js';
import { describeRestored } from '../server/sandbox-api/snapshots.js';
import { parseArgs, UsageError } from '../config/args.js';
import type { SandboxOptions } from '../config/options.js';
import { installMenu } from './menu.js';
import { flagValue, hasFlag, sandboxArgs } from './policy.js';
import { registerDesktopVerbs } from './verbs.js';
import { openDebuggerWindow } from './window.js';

let sandbox: SandboxApp | undefined;
let mainWindow: BrowserWindow | undefined;

/** Command-line flags as `npm run server` takes them; the data lives in the app's own folder unless told. */
function desktopOptions(): SandboxOptions {
  const args = sandboxArgs(process.argv);
  const options = parseArgs(args);
  if (!hasFlag(args, '--data-dir') && !hasFlag(args, '--in-memory')) options.dataDir = path.join(app.getPath('userData'), 'sandbox');
  return options;
}

function portIsFree(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Another sandbox often holds the usual port: offer a free one rather than fail. */
async function choosePort(options: SandboxOptions): Promise<SandboxOptions | undefined> {
  if (await portIsFree(options.host, options.port)) return options;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    buttons: ['Use a Free Port', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
    message: `Port ${options.port} on ${options.host} is already in use.`,
    detail: 'Another Cognito Sandbox, or another program, is listening there. Apps configured for that port will not reach this sandbox.',
  });
  return response === 0 ? { ...options, port: 0 } : undefined;
}

async function start(): Promise<void> {
  const options = await choosePort(desktopOptions());
  if (!options) return app.quit();
  sandbox = await createApp(options);
  console.log(`listening on ${sandbox.url}`);
  if (sandbox.snapshotLoaded) console.log(describeRestored(sandbox.snapshotLoaded));
  if (sandbox.configLoaded) console.log(describeConfigSummary(sandbox.configLoaded));
  const context = { origin: sandbox.url, dataDir: options.dataDir, window: () => mainWindow };
  registerDesktopVerbs(context);
  installMenu(context);
  mainWindow = await openDebuggerWindow(sandbox.url);
  mainWindow.on('closed', () => (mainWindow = undefined));
}

function failToStart(error: unknown): void {
  const message = error instanceof UsageError ? `${error.message}` : error instanceof Error ? error.message : String(error);
  console.error(message);
  dialog.showErrorBox('Cognito Sandbox could not start', message);
  app.exit(error instanceof UsageError ? 2 : 1);
}

/** Holds the quit until the store is flushed to disk (createApp's close checkpoints it). */
function flushBeforeQuit(): void {
  app.on('will-quit', (event) => {
    if (!sandbox) return;
    event.preventDefault();
    const closing = sandbox;
    sandbox = undefined;
    closing.close().then(
      () => app.exit(0),
      (error: unknown) => {
        console.error(error);
        app.exit(1);
      },
    );
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}

// Chromium's own switch, honoured for the single-instance lock and the default data folder
// too, so that a test or a second profile runs beside the everyday instance.
const userDataDir = flagValue(process.argv, '--user-data-dir');
if (userDataDir) app.setPath('userData', path.resolve(userDataDir));

if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  flushBeforeQuit();
  app.whenReady().then(start).catch(failToStart);
}
