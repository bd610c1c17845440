/**
 * The desktop shell's decisions that need no Electron: which command-line words are the
 * sandbox's, where the window may go, and the page's Content-Security-Policy. Kept apart from
 * the Electron calls so plain Node tests can prove them.
 */

/** The debugger's home inside the sandbox's origin. */
export const DEBUGGER_PATH = '/_sandbox/';

/** Sandbox flags that take a value (`--port 9229` or `--port=9229`), and those that do not. */
const FLAGS_WITH_VALUE = new Set(['--port', '--host', '--data-dir', '--region', '--lambda-endpoint', '--config', '--snapshot', '--fixed-code']);
const SWITCHES = new Set(['--in-memory', '--aws-issuer']);

/**
 * The sandbox's own flags out of Electron's argv, which also holds the executable, the app
 * path and Chromium switches (`--inspect=0`, `--remote-debugging-port=0`, `--no-sandbox`...)
 * that parseArgs would refuse.
 */
export function sandboxArgs(argv: readonly string[]): string[] {
  const picked: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const flag = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    if (SWITCHES.has(flag)) picked.push(word);
    if (!FLAGS_WITH_VALUE.has(flag)) continue;
    picked.push(word);
    if (flag === word && i + 1 < argv.length) picked.push(argv[++i]!);
  }
  return picked;
}

export function hasFlag(args: readonly string[], flag: string): boolean {
  return args.some((word) => word === flag || word.startsWith(`${flag}=`));
}

/** The value of `--flag=value` or `--flag value`, if present. */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i]!.startsWith(`${flag}=`)) return argv[i]!.slice(flag.length + 1);
    if (argv[i] === flag) return argv[i + 1];
  }
  return undefined;
}

export type NavigationVerdict = 'stay' | 'system-browser' | 'refuse';

/**
 * The window shows the debugger and nothing else: pages of the debugger stay, other web
 * pages (a docs link, the hosted UI) open in the system browser, anything else is refused.
 */
export function navigationVerdict(target: string, origin: string): NavigationVerdict {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'refuse';
  }
  if (url.origin === origin && url.pathname.startsWith(DEBUGGER_PATH)) return 'stay';
  return url.protocol === 'https:' || url.protocol === 'http:' ? 'system-browser' : 'refuse';
}

/** The URL of a debugger page, or undefined when `path` would leave the debugger. */
export function debuggerUrl(origin: string, path = DEBUGGER_PATH): string | undefined {
  if (typeof path !== 'string' || !path.startsWith(DEBUGGER_PATH)) return undefined;
  const url = new URL(path, origin);
  return url.origin === origin && url.pathname.startsWith(DEBUGGER_PATH) ? url.href : undefined;
}

/**
 * The debugger window's renderer: no Node, isolated from its preload, inside Chromium's
 * sandbox, no webviews, no insecure content, nothing dropped on it loads.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/**
 * Sent as a header with every debugger page the window loads, on top of the page's own meta
 * policy: scripts, styles and connections only from the sandbox itself, no plugins, no `<base>`
 * tricks, forms post nowhere else. (The outbox shows HTML emails in sandboxed srcdoc frames,
 * which inherit this policy.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** A file name safe to suggest in a save dialog: no folders, no control characters. */
export function safeFileName(name: string, fallback = 'cognito-sandbox.json'): string {
  const base = String(name).split(/[\\/]/).pop()!.replace(/[\u0000-\u001f<>:"|?*]/g, '').trim();
  return base && base !== '.' && base !== '..' ? base.slice(0, 200) : fallback;
}
