/**
 * The desktop shell's native verbs, as the preload exposes them on `window.cognitoSandbox` in
 * the Electron window (absent in a plain browser tab). Debugger data never travels this way:
 * it comes over HTTP and SSE at `/_sandbox/api` in both shells. Pure types and names only.
 */

export interface DesktopApi {
  /** Reveals the folder that holds the sandbox's database; false when it keeps nothing on disk. */
  openDataFolder(): Promise<boolean>;
  /** Copies the endpoint URL (what `endpoint:` in an AWS SDK config wants) and returns it. */
  copyEndpoint(): Promise<string>;
  /** Opens the debugger, or another `/_sandbox/...` path of it, in the system browser. */
  openInBrowser(path?: string): Promise<void>;
  /** Asks where to save `text` (a native save dialog); the chosen path, or null if cancelled. */
  saveTextFile(suggestedName: string, text: string): Promise<string | null>;
}

export type DesktopVerb = keyof DesktopApi;

/** The name the preload exposes the verbs under, on `window`. */
export const DESKTOP_GLOBAL = 'cognitoSandbox';

/** The IPC channel that carries one verb from the preload to the main process. */
export function desktopChannel<V extends DesktopVerb>(verb: V): `desktop:${V}` {
  return `desktop:${verb}`;
}
