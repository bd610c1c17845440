/**
 * The window's reading of a hosted login (src-renderer/lib/flow-model.ts, oauth-exchange.ts,
 * try-it.ts): its sequence's lanes and arrows from `http.exchanged` events, its child sign-in's
 * steps mixed in and marked, the code issued and its redemption matched, and "Try it"'s
 * authorize URL and PKCE.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventData, SandboxEvent, SandboxEventType } from '../../shared/events.js';
import { buildSteps, lanesOf, LANES, withChildEvents } from '../../src-renderer/lib/flow-model.js';
import { issuanceOf, loginProgress, redemptionOf, startedWithState } from '../../src-renderer/lib/oauth-exchange.js';
import { authorizeUrl, callbackParameters, codeChallenge, randomText, sandboxCallbackUrl, tryItBlockers } from '../../src-renderer/lib/try-it.js';

let seq = 0;
function event<T extends SandboxEventType>(type: T, data: EventData<T>, flowId = 'login'): SandboxEvent {
  seq += 1;
  return { seq, time: 1_000 + seq, flowId, poolId: 'us-east-1_AbCdEfGhI', type, data } as SandboxEvent;
}

const CODE = '9f3c2a71-1b9e-4c1d-8a53-0d7d6b1e2f44';

function hostedLogin(): { parent: SandboxEvent[]; child: SandboxEvent[] } {
  seq = 0;
  const parent: SandboxEvent[] = [];
  const child: SandboxEvent[] = [];
  parent.push(event('flow.started', { kind: 'hosted-login', clientId: 'client' }));
  parent.push(
    event('http.exchanged', {
      lane: 'browser',
      method: 'GET',
      path: '/oauth2/authorize',
      query: { response_type: 'code', client_id: 'client', scope: 'openid', state: 'xyz', code_challenge_method: 'S256', code_challenge: 'abc' },
      status: 302,
      location: '/login?client_id=client',
      redirectParams: { client_id: 'client' },
      ms: 2,
    }),
  );
  parent.push(event('http.exchanged', { lane: 'browser', method: 'GET', path: '/login', query: { client_id: 'client' }, status: 200, page: 'login', ms: 1 }));
  child.push(event('flow.started', { kind: 'sign-in', clientId: 'client', username: 'alice', parentFlowId: 'login' }, 'child'));
  child.push(event('flow.transitioned', { from: null, to: 'password', event: 'xstate.init' }, 'child'));
  child.push(event('challenge.issued', { challengeName: 'SMS_MFA', parameters: {} }, 'child'));
  parent.push(
    event('http.exchanged', {
      lane: 'browser',
      method: 'POST',
      path: '/login',
      query: {},
      form: { username: 'alice', password: '***' },
      status: 200,
      page: 'mfa',
      ms: 30,
    }),
  );
  parent.push(
    event('http.exchanged', {
      lane: 'browser',
      method: 'POST',
      path: '/mfa',
      query: {},
      form: { code: '123456' },
      status: 302,
      location: `http://localhost:3000/callback?code=${CODE}&state=xyz`,
      redirectParams: { code: CODE, state: 'xyz' },
      ms: 5,
    }),
  );
  parent.push(event('token.issued', { tokenUse: 'access', clientId: 'client', username: 'alice' }));
  parent.push(
    event('http.exchanged', {
      lane: 'backchannel',
      method: 'POST',
      path: '/oauth2/token',
      query: {},
      form: { grant_type: 'authorization_code', code: CODE, code_verifier: '***' },
      status: 200,
      response: { access_token: 'eyJ…', token_type: 'Bearer', expires_in: 3600 },
      ms: 8,
    }),
  );
  return { parent, child };
}

describe('a hosted login in the sequence', () => {
  it('draws the browser’s and the back end’s requests as arrows to the sandbox and back, with what they carried', () => {
    const { parent } = hostedLogin();
    const steps = buildSteps(parent);
    expect(lanesOf(steps).map((lane) => lane.label)).toEqual(['Browser', 'App back end', 'Sandbox', 'Lambda', 'Outbox']);
    const arrows = steps.filter((step) => step.from !== step.to).map((step) => [step.from, step.to, step.label, step.note ?? '']);
    expect(arrows).toEqual([
      ['browser', 'sandbox', 'GET /oauth2/authorize', 'response_type=code · scope=openid · PKCE S256'],
      ['sandbox', 'browser', '302 → /login', ''],
      ['browser', 'sandbox', 'GET /login', 'client_id=client'],
      ['sandbox', 'browser', '200 login page', ''],
      ['browser', 'sandbox', 'POST /login', 'username=alice · password=***'],
      ['sandbox', 'browser', '200 mfa page', ''],
      ['browser', 'sandbox', 'POST /mfa', 'code=123456'],
      ['sandbox', 'browser', '302 → localhost:3000/callback', `code issued ${CODE.slice(0, 10)}… · state=xyz`],
      ['backend', 'sandbox', 'POST /oauth2/token', 'grant_type=authorization_code'],
      // Issued while the back end's request ran: drawn to the back end, between its request and its answer.
      ['sandbox', 'backend', 'access token issued', ''],
      ['sandbox', 'backend', '200 tokens', 'access_token'],
    ]);
    const redirect = steps.find((step) => step.label.startsWith('302 → localhost'))!;
    expect(redirect.tone).toBe('token');
  });

  it('keeps the AWS API’s four lanes for a flow without hosted-UI requests', () => {
    const steps = buildSteps([event('api.called', { service: 'AWSCognitoIdentityProviderService', operation: 'InitiateAuth', request: {}, response: {}, status: 200, ms: 3, requestId: 'r' })]);
    expect(lanesOf(steps)).toBe(LANES);
    expect(lanesOf(steps, { hostedUi: true }).map((lane) => lane.label)).toEqual(['Hosted UI pages', 'Sandbox', 'Lambda triggers', 'Outbox']);
  });

  it('mixes in the child sign-in’s steps (not its state changes), marked with its kind, drawn to the browser', () => {
    const { parent, child } = hostedLogin();
    const events = withChildEvents(parent, [child]);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(events.some((e) => e.type === 'flow.transitioned')).toBe(false);
    const steps = buildSteps(events, new Map([['child', 'sign-in']]));
    const challenge = steps.find((step) => step.event.type === 'challenge.issued')!;
    expect(challenge).toMatchObject({ from: 'sandbox', to: 'browser', flow: { id: 'child', kind: 'sign-in' } });
    // Inside the POST /login that ran it: after its request arrow, before its answer.
    const keys = steps.map((step) => step.label);
    expect(keys.indexOf('POST /login')).toBeLessThan(keys.indexOf('challenge SMS_MFA'));
    expect(keys.indexOf('challenge SMS_MFA')).toBeLessThan(keys.indexOf('200 mfa page'));
    expect(steps.filter((step) => step.flow).map((step) => step.label)).toEqual(['flow started: sign-in', 'challenge SMS_MFA']);
    expect(withChildEvents(parent, [])).toBe(parent);
  });

  it('matches the code a redirect issued with the token request that redeemed it, both ways', () => {
    const { parent } = hostedLogin();
    const redirect = parent.find((e) => e.type === 'http.exchanged' && e.data.redirectParams?.code)!;
    const redemption = parent.find((e) => e.type === 'http.exchanged' && e.data.path === '/oauth2/token')!;
    expect(redemptionOf(parent, redirect)).toBe(redemption);
    expect(issuanceOf(parent, redemption)).toBe(redirect);
    expect(redemptionOf(parent.slice(0, -1), redirect)).toBeUndefined();
    const progress = loginProgress(parent);
    expect(progress).toMatchObject({ pages: ['login', 'mfa'], redirect, redemption });
    expect(progress.posts.map((post) => post.data.path)).toEqual(['/login', '/mfa']);
    expect(startedWithState(parent, 'xyz')).toBe(true);
    expect(startedWithState(parent, 'other')).toBe(false);
  });
});

describe('“Try it”', () => {
  it('builds the authorize URL of a code grant with PKCE S256, and reads the redirect it comes back with', async () => {
    const verifier = randomText(32);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const challenge = await codeChallenge(verifier);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    const url = new URL(
      authorizeUrl({ origin: 'http://localhost:9229', clientId: 'client', redirectUri: 'http://localhost:9229/_sandbox/oauth-callback', scopes: ['openid', 'email'], state: 's', nonce: 'n', codeChallenge: challenge, forceLogin: true }),
    );
    expect(url.origin + url.pathname).toBe('http://localhost:9229/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client',
      redirect_uri: 'http://localhost:9229/_sandbox/oauth-callback',
      scope: 'openid email',
      state: 's',
      nonce: 'n',
      code_challenge_method: 'S256',
      code_challenge: challenge,
      prompt: 'login',
    });
    expect(callbackParameters('http://localhost:3000/cb?code=c&state=s&other=1')).toEqual({ code: 'c', state: 's' });
    expect(callbackParameters('not a url')).toEqual({});
    expect(sandboxCallbackUrl({ protocol: 'http:', hostname: '127.0.0.1', port: '9229' })).toBe('http://localhost:9229/_sandbox/oauth-callback');
  });

  it('says what a pool and client lack before a hosted login can start', () => {
    const ready = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], CallbackURLs: ['http://localhost:3000/cb'] };
    expect(tryItBlockers({ Domain: 'shop' }, ready)).toEqual([]);
    expect(tryItBlockers({}, ready)).toEqual(['The pool has no domain: add one on its Settings page (CreateUserPoolDomain).']);
    expect(tryItBlockers({ Domain: 'shop' }, { ...ready, AllowedOAuthFlows: ['client_credentials'] })).toHaveLength(1);
    expect(tryItBlockers({ Domain: 'shop' }, { ...ready, AllowedOAuthFlowsUserPoolClient: false, CallbackURLs: [] })).toHaveLength(2);
  });
});
