/**
 * The preload exposes native verbs only, each a named function over its own IPC channel; the
 * page never sees ipcRenderer. Debugger data travels over HTTP and SSE, not through here.
 * Built as CommonJS (preload.cjs): a sandboxed preload cannot be an ES module.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_GLOBAL, desktopChannel, type DesktopApi } from '../../shared/desktop.js';

const desktop: DesktopApi = {
  openDataFolder: () => ipcRenderer.invoke(desktopChannel('openDataFolder')),
  copyEndpoint: () => ipcRenderer.invoke(desktopChannel('copyEndpoint')),
  openInBrowser: (path) => ipcRenderer.invoke(desktopChannel('openInBrowser'), path),
  saveTextFile: (suggestedName, text) => ipcRenderer.invoke(desktopChannel('saveTextFile'), suggestedName, text),
};

contextBridge.exposeInMainWorld(DESKTOP_GLOBAL, desktop);
