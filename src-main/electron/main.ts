/**
 * The desktop shell: starts the same sandbox createApp builds for the headless entry and shows
 * its debugger at `http://127.0.0.1:PORT/_sandbox/` in a locked-down window.
 */
import path from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { createApp, type SandboxApp } from '../app.js';
import { parseArgs } from '../config/args.js';

let sandbox: SandboxApp | undefined;

async function openWindow(url: string): Promise<void> {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Cognito Sandbox',
    webPreferences: {
      preload: path.join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:\/\//.test(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, target) => {
    if (!target.startsWith(url)) event.preventDefault();
  });
  await window.loadURL(`${url}/_sandbox/`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(async () => {
    const options = parseArgs(process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => a.startsWith('--')));
    options.dataDir = options.dataDir === '.sandbox' ? path.join(app.getPath('userData'), 'sandbox') : options.dataDir;
    sandbox = await createApp(options);
    console.log(`listening on ${sandbox.url}`);
    await openWindow(sandbox.url);
  });
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!sandbox) return;
    event.preventDefault();
    const closing = sandbox;
    sandbox = undefined;
    void closing.close().finally(() => app.exit(0));
  });
}
