/**
 * The one gatekeeper for the preload's verbs: each verb has one handler here, answers only the
 * debugger window's own frames, and treats its arguments as untrusted input.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { desktopChannel, type DesktopApi, type DesktopVerb } from '../../shared/desktop.js';
import { debuggerUrl, DEBUGGER_PATH, navigationVerdict, safeFileName } from './policy.js';

/** What the verbs (and the app menu) act on. */
export interface ShellContext {
  /** `http://127.0.0.1:PORT`, the sandbox's origin. */
  origin: string;
  /** Undefined when the sandbox keeps nothing on disk. */
  dataDir: string | undefined;
  window(): BrowserWindow | undefined;
}

type Handler<V extends DesktopVerb> = (...args: unknown[]) => ReturnType<DesktopApi[V]>;

const MAX_SAVED_TEXT = 50 * 1024 * 1024;

export async function copyEndpoint(context: ShellContext): Promise<string> {
  clipboard.writeText(context.origin);
  return context.origin;
}

export async function openDataFolder(context: ShellContext): Promise<boolean> {
  if (!context.dataDir) return false;
  const failure = await shell.openPath(context.dataDir);
  return failure === '';
}

export async function openInBrowser(context: ShellContext, pagePath: unknown = DEBUGGER_PATH): Promise<void> {
  const url = debuggerUrl(context.origin, typeof pagePath === 'string' ? pagePath : undefined);
  if (!url) throw new Error(`Only pages under ${DEBUGGER_PATH} open in the browser.`);
  await shell.openExternal(url);
}

async function saveTextFile(context: ShellContext, suggestedName: unknown, text: unknown): Promise<string | null> {
  if (typeof text !== 'string' || text.length > MAX_SAVED_TEXT) throw new Error('saveTextFile takes text of at most 50 MB.');
  const defaultPath = path.join(app.getPath('downloads'), safeFileName(String(suggestedName ?? '')));
  const window = context.window();
  const options = { defaultPath, filters: [{ name: 'JSON', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  await fs.writeFile(choice.filePath, text, 'utf8');
  return choice.filePath;
}

/** Only the debugger window, showing a page of this sandbox, may call a verb. */
function fromDebuggerWindow(event: IpcMainInvokeEvent, context: ShellContext): boolean {
  const window = context.window();
  const frameUrl = event.senderFrame?.url;
  return (
    window !== undefined &&
    BrowserWindow.fromWebContents(event.sender) === window &&
    frameUrl !== undefined &&
    navigationVerdict(frameUrl, context.origin) === 'stay'
  );
}

export function registerDesktopVerbs(context: ShellContext): void {
  const handlers: { [V in DesktopVerb]: Handler<V> } = {
    copyEndpoint: () => copyEndpoint(context),
    openDataFolder: () => openDataFolder(context),
    openInBrowser: (pagePath) => openInBrowser(context, pagePath),
    saveTextFile: (suggestedName, text) => saveTextFile(context, suggestedName, text),
  };
  for (const verb of Object.keys(handlers) as DesktopVerb[]) {
    ipcMain.handle(desktopChannel(verb), (event, ...args: unknown[]) => {
      if (!fromDebuggerWindow(event, context)) throw new Error('This verb answers only the debugger window.');
      return handlers[verb](...args);
    });
  }
}
