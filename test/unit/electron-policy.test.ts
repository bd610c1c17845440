import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  debuggerUrl,
  flagValue,
  navigationVerdict,
  safeFileName,
  sandboxArgs,
  WEB_PREFERENCES,
} from '../../src-main/electron/policy.js';

const origin = 'http://127.0.0.1:9229';

describe('sandboxArgs', () => {
  it("keeps the sandbox's flags and drops Electron's and Chromium's words", () => {
    const argv = [
      '/opt/electron/electron',
      '--inspect=0',
      '--remote-debugging-port=0',
      'out/main/main.js',
      '--port',
      '0',
      '--in-memory',
      '--no-sandbox',
      '--region=eu-west-1',
      '--user-data-dir=/tmp/profile',
      '--aws-issuer',
    ];
    expect(sandboxArgs(argv)).toEqual(['--port', '0', '--in-memory', '--region=eu-west-1', '--aws-issuer']);
  });

  it('takes the next word as the value of a flag written without =', () => {
    expect(sandboxArgs(['.', '--data-dir', '/data', '--config', 'pools.json'])).toEqual(['--data-dir', '/data', '--config', 'pools.json']);
    expect(sandboxArgs(['.', '--snapshot', 'team-start.sqlite', '--no-sandbox'])).toEqual(['--snapshot', 'team-start.sqlite']);
  });
});

describe('flagValue', () => {
  it('reads --flag=value and --flag value', () => {
    expect(flagValue(['a', '--user-data-dir=/x'], '--user-data-dir')).toBe('/x');
    expect(flagValue(['a', '--user-data-dir', '/y'], '--user-data-dir')).toBe('/y');
    expect(flagValue(['a'], '--user-data-dir')).toBeUndefined();
  });
});

describe('navigationVerdict', () => {
  it('keeps the window on debugger pages of its own sandbox', () => {
    expect(navigationVerdict(`${origin}/_sandbox/`, origin)).toBe('stay');
    expect(navigationVerdict(`${origin}/_sandbox/flows/abc?x=1`, origin)).toBe('stay');
  });

  it('sends other web pages, including the sandbox hosted UI, to the system browser', () => {
    expect(navigationVerdict('https://docs.aws.amazon.com/cognito/', origin)).toBe('system-browser');
    expect(navigationVerdict(`${origin}/login?client_id=x`, origin)).toBe('system-browser');
    expect(navigationVerdict('http://127.0.0.1:9230/_sandbox/', origin)).toBe('system-browser');
  });

  it('refuses everything else', () => {
    expect(navigationVerdict('file:///etc/passwd', origin)).toBe('refuse');
    expect(navigationVerdict('javascript:alert(1)', origin)).toBe('refuse');
    expect(navigationVerdict('not a url', origin)).toBe('refuse');
  });
});

describe('debuggerUrl', () => {
  it('builds debugger URLs and nothing else', () => {
    expect(debuggerUrl(origin)).toBe(`${origin}/_sandbox/`);
    expect(debuggerUrl(origin, '/_sandbox/#/flows/1')).toBe(`${origin}/_sandbox/#/flows/1`);
    expect(debuggerUrl(origin, '/_sandbox/../oauth2/token')).toBeUndefined();
    expect(debuggerUrl(origin, '//evil.example/_sandbox/')).toBeUndefined();
    expect(debuggerUrl(origin, 'https://evil.example/_sandbox/')).toBeUndefined();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts and connections only from the sandbox, and no plugins or base', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('safeFileName', () => {
  it('keeps a plain name and strips folders and odd characters', () => {
    expect(safeFileName('pre-sign-up.event.json')).toBe('pre-sign-up.event.json');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a<b>:c?.json')).toBe('abc.json');
    expect(safeFileName('..')).toBe('cognito-sandbox.json');
    expect(safeFileName('')).toBe('cognito-sandbox.json');
  });
});

describe('WEB_PREFERENCES', () => {
  it('isolates and sandboxes the renderer, without Node', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });
});
