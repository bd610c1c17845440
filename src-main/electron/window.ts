/**
 * The debugger window: the page the sandbox serves at `/_sandbox/`, in a renderer with no
 * Node, isolated from its preload, sandboxed, under a strict CSP, unable to navigate away or
 * open windows of its own (links to other sites open in the system browser).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, nativeTheme, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, DEBUGGER_PATH, navigationVerdict, WEB_PREFERENCES } from './policy.js';

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../preload/preload.cjs');

/** The clipboard write behind the page's copy buttons is the one web permission it gets. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function lockDownSession(origin: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(GRANTED_PERMISSIONS.has(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => GRANTED_PERMISSIONS.has(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!details.url.startsWith(`${origin}${DEBUGGER_PATH}`)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

function followOrRefuse(target: string, origin: string): boolean {
  const verdict = navigationVerdict(target, origin);
  if (verdict === 'system-browser') void shell.openExternal(target);
  return verdict === 'stay';
}

function lockDownContents(contents: WebContents, origin: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationVerdict(url, origin) !== 'refuse') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, target) => {
    if (!followOrRefuse(target, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, target) => {
    if (navigationVerdict(target, origin) !== 'stay') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export async function openDebuggerWindow(origin: string): Promise<BrowserWindow> {
  lockDownSession(origin);
  const window = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 760,
    minHeight: 480,
    title: 'Cognito Sandbox',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15181d' : '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload: PRELOAD },
  });
  lockDownContents(window.webContents, origin);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${origin}${DEBUGGER_PATH}`);
  return window;
}
