/**
 * The debugger API's "Try it" logins (`POST /_sandbox/api/oauth-tries`, `GET .../oauth-tries/{state}`):
 * what the window keeps for the sandbox's callback page, found again by the login's state, for
 * 30 minutes; a bad body, a body that is not JSON and another origin refused with a JSON error;
 * reading changes nothing. And the callback page itself (`/_sandbox/oauth-callback`) is the window's page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, OAuthTry, OAuthTryStart } from '../../shared/debugger-api.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { testClock, type TestClock } from '../support/clock.js';

let sandbox: TestSandbox;
let clock: TestClock;
beforeAll(async () => {
  clock = testClock(Date.UTC(2025, 0, 1));
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

const START: OAuthTryStart = {
  state: 'aW5zdGF0ZQ',
  poolId: 'us-east-1_AbCdEfGhI',
  clientId: 'abcdefghijklmnopqrstuvwxyz',
  redirectUri: 'http://localhost:9229/_sandbox/oauth-callback',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  nonce: 'bm9uY2U',
  scope: 'openid email',
};

async function start(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; body: OAuthTry & ErrorBody }> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/oauth-tries`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as OAuthTry & ErrorBody };
}

async function find(state: string): Promise<{ status: number; body: OAuthTry & ErrorBody }> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/oauth-tries/${encodeURIComponent(state)}`);
  return { status: response.status, body: (await response.json()) as OAuthTry & ErrorBody };
}

describe('the debugger API keeps the window’s “Try it” logins for the callback page', () => {
  it('keeps one by its state and answers it, unchanged, as often as it is read, for 30 minutes', async () => {
    const kept = await start({ ...START, unknownMember: 'dropped' });
    expect(kept.status).toBe(201);
    expect(kept.body).toEqual({ ...START, created: clock.now(), expires: clock.now() + 30 * 60_000 });

    expect(await find(START.state)).toEqual({ status: 200, body: kept.body });
    expect(await find(START.state)).toEqual({ status: 200, body: kept.body });

    clock.time += 30 * 60_000 - 1;
    expect((await find(START.state)).status).toBe(200);
    clock.time += 1;
    const gone = await find(START.state);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toBe('not_found');
  });

  it('refuses a missing, empty or oversized member, a verifier PKCE would refuse, and a body that is not JSON', async () => {
    for (const body of [
      { ...START, state: '' },
      { ...START, clientId: undefined },
      { ...START, nonce: 42 },
      { ...START, redirectUri: 'x'.repeat(1025) },
      { ...START, codeVerifier: 'too-short' },
      { ...START, codeVerifier: `${'a'.repeat(43)}!` },
      [START],
      null,
    ]) {
      const refused = await start(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error).toBe('bad_request');
    }
    expect((await start('{"state":', { 'content-type': 'application/json' })).body).toEqual({ error: 'bad_request', message: 'The body is not readable JSON of at most 16 KB.' });
    expect((await start(START, { 'content-type': 'text/plain' })).body.error).toBe('bad_request');
    expect((await start({ ...START, scope: 'x'.repeat(20_000) })).status).toBe(400);
    expect((await find('never-started')).status).toBe(404);
  });

  it('answers only the sandbox’s own pages', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/api/oauth-tries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ ...START, state: 'from-elsewhere' }),
    });
    expect(response.status).toBe(403);
    expect((await find('from-elsewhere')).status).toBe(404);
  });

  it('serves the window’s page at /_sandbox/oauth-callback, query and all', async () => {
    const page = await fetch(`${sandbox.url}/_sandbox/oauth-callback?code=abc&state=${START.state}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const index = await (await fetch(`${sandbox.url}/_sandbox/`)).text();
    expect(await page.text()).toBe(index);
  });
});
