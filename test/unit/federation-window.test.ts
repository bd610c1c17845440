/**
 * The window's reading of a federated login (src-renderer/lib/flow-model.ts, federation.ts,
 * xml.ts): its lanes (browser, app back end, sandbox, identity provider), the browser's trip to
 * the provider and back, the sandbox's calls to the provider placed inside the request that made
 * them, the federation.* steps; the SAML XML laid out and folded; the mapping's before → after.
 */
import { describe, expect, it } from 'vitest';
import type { EventData, SandboxEvent, SandboxEventType } from '../../shared/events.js';
import { buildSteps, emptySummary, foldEvent, lanesOf, matchesFilters, NO_FILTERS } from '../../src-renderer/lib/flow-model.js';
import {
  checksNote,
  federationOf,
  idpCallKind,
  idpResponseLabel,
  isMockIdpUrl,
  mappingRows,
  requestedDuring,
  timeCondition,
} from '../../src-renderer/lib/federation.js';
import { loginProgress } from '../../src-renderer/lib/oauth-exchange.js';
import { elementsNamed, parseXml, prettyXml, rawXmlLines, xmlLines } from '../../src-renderer/lib/xml.js';

let seq = 0;
function event<T extends SandboxEventType>(type: T, data: EventData<T>, flowId = 'login'): SandboxEvent {
  seq += 1;
  return { seq, time: 10_000 + seq * 10, flowId, poolId: 'us-east-1_AbCdEfGhI', type, data } as SandboxEvent;
}

const ORIGIN = 'http://localhost:9229';

/** A Google login through the mock: authorize, the provider, idpresponse with its back-channel calls, the code to the app, its redemption. */
function googleLogin(): SandboxEvent[] {
  seq = 0;
  return [
    event('flow.started', { kind: 'hosted-login', clientId: 'client' }),
    event('federation.requested', {
      provider: 'Google',
      providerType: 'Google',
      protocol: 'oidc',
      url: `${ORIGIN}/_mock-idp/google/o/oauth2/v2/auth?client_id=gid&state=S1`,
      parameters: { response_type: 'code', client_id: 'gid', redirect_uri: `${ORIGIN}/oauth2/idpresponse`, scope: 'openid email', state: 'S1', nonce: 'N1' },
    }),
    event('http.exchanged', {
      lane: 'browser',
      method: 'GET',
      path: '/oauth2/authorize',
      query: { response_type: 'code', client_id: 'client', identity_provider: 'Google', state: 'app-state' },
      status: 302,
      location: `${ORIGIN}/_mock-idp/google/o/oauth2/v2/auth?client_id=gid&state=S1`,
      redirectParams: { client_id: 'gid', state: 'S1' },
      ms: 25,
    }),
    event('http.exchanged', {
      lane: 'idp',
      method: 'POST',
      path: `${ORIGIN}/_mock-idp/google/token`,
      query: {},
      form: { grant_type: 'authorization_code', code: '***', client_id: 'gid', client_secret: '***' },
      status: 200,
      response: { access_token: 'ya29…', id_token: 'eyJ…', token_type: 'Bearer', expires_in: '3599' },
      ms: 6,
    }),
    event('http.exchanged', { lane: 'idp', method: 'GET', path: `${ORIGIN}/_mock-idp/google/oauth2/v3/certs`, query: {}, status: 200, response: { keys: [{ kid: 'k1' }] }, ms: 2 }),
    event('federation.responded', {
      provider: 'Google',
      providerType: 'Google',
      protocol: 'oidc',
      checks: [
        { check: 'signature', passed: true, detail: 'RS256, kid k1' },
        { check: 'nonce', passed: true },
      ],
      idToken: { header: { alg: 'RS256', kid: 'k1' }, claims: { iss: 'https://accounts.google.com', sub: '1098', email: 'jane@gmail.com' } },
      userId: '1098',
      claims: { sub: '1098', email: 'jane@gmail.com' },
    }),
    event('trigger.invoked', { trigger: 'PreSignUp', triggerSource: 'PreSignUp_ExternalProvider', functionName: 'pre', event: {} }),
    event('trigger.returned', { trigger: 'PreSignUp', triggerSource: 'PreSignUp_ExternalProvider', functionName: 'pre', response: {}, ms: 3 }),
    event('federation.mapped', {
      provider: 'Google',
      mapping: [
        { attribute: 'email', claim: 'email', after: 'jane@gmail.com' },
        { attribute: 'name', claim: 'name', before: 'Jane', after: 'Jane Doe' },
        { attribute: 'locale', claim: 'locale', before: 'en', after: 'en' },
        { attribute: 'custom:team', claim: 'hd', skipped: 'the claim is missing' },
      ],
      user: { username: 'Google_1098', sub: 'uuid-1', status: 'EXTERNAL_PROVIDER', created: true },
    }),
    event('http.exchanged', {
      lane: 'browser',
      method: 'GET',
      path: '/oauth2/idpresponse',
      query: { code: '***', state: 'S1' },
      status: 302,
      location: 'http://localhost:3000/callback?code=C&state=app-state',
      redirectParams: { code: 'C', state: 'app-state' },
      ms: 70,
    }),
    event('http.exchanged', {
      lane: 'backchannel',
      method: 'POST',
      path: '/oauth2/token',
      query: {},
      form: { grant_type: 'authorization_code', code: 'C' },
      status: 200,
      response: { access_token: 'eyJ…', token_type: 'Bearer', expires_in: 3600 },
      ms: 5,
    }),
  ];
}

describe('a federated login in the sequence', () => {
  it('has the browser, the app’s back end, the sandbox and the identity provider for lanes, Lambda only when a trigger ran', () => {
    const events = googleLogin();
    expect(lanesOf(buildSteps(events)).map((lane) => lane.label)).toEqual(['Browser', 'App back end', 'Sandbox', 'Identity provider', 'Lambda']);
    const withoutTriggers = events.filter((e) => !e.type.startsWith('trigger.'));
    expect(lanesOf(buildSteps(withoutTriggers)).map((lane) => lane.id)).toEqual(['browser', 'backend', 'sandbox', 'idp']);
  });

  it('draws every hop in time order: to the provider, back, the back-channel calls inside idpresponse, then the code to the app', () => {
    const steps = buildSteps(googleLogin());
    expect(steps.map((step) => [step.from, step.to, step.label])).toEqual([
      ['browser', 'sandbox', 'GET /oauth2/authorize'],
      ['sandbox', 'sandbox', 'flow started: hosted-login'],
      ['sandbox', 'sandbox', 'OIDC authorize request for Google'],
      ['sandbox', 'browser', '302 → localhost:9229/_mock-idp/google/o/oauth2/v2/auth'],
      ['browser', 'idp', 'sign in at Google'],
      ['idp', 'browser', 'back with the code'],
      ['browser', 'sandbox', 'GET /oauth2/idpresponse'],
      ['sandbox', 'idp', 'token request'],
      ['idp', 'sandbox', '200 tokens'],
      ['sandbox', 'idp', 'JWKS (signing keys)'],
      ['idp', 'sandbox', '200 JWKS, 1 key'],
      ['sandbox', 'sandbox', 'ID token accepted'],
      ['sandbox', 'trigger', 'PreSignUp_ExternalProvider'],
      ['trigger', 'sandbox', 'PreSignUp returned'],
      ['sandbox', 'sandbox', 'attributes mapped'],
      ['sandbox', 'browser', '302 → localhost:3000/callback'],
      ['backend', 'sandbox', 'POST /oauth2/token'],
      ['sandbox', 'backend', '200 tokens'],
    ]);
    const times = steps.map((step) => step.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The trip to the provider is the request the sandbox made: selecting it shows the authorize parameters.
    const trip = steps.find((step) => step.to === 'idp' && step.from === 'browser')!;
    expect(trip.event.type).toBe('federation.requested');
    expect(steps.find((step) => step.label === 'ID token accepted')).toMatchObject({ note: '2 checks passed', tone: 'ok' });
    expect(steps.find((step) => step.label === 'attributes mapped')?.note).toBe('Google_1098 created');
    expect(steps.find((step) => step.label === 'token request')?.note).toBe('POST localhost:9229/_mock-idp/google/token · grant_type=authorization_code');
  });

  it('shows a refusal in red: the provider’s error coming back, the checks that failed', () => {
    seq = 0;
    const events = [
      event('http.exchanged', { lane: 'browser', method: 'GET', path: '/oauth2/idpresponse', query: { error: 'access_denied', state: 'S1' }, status: 302, location: 'http://localhost:3000/cb?error=access_denied', redirectParams: { error: 'access_denied' }, ms: 3 }),
    ];
    const back = buildSteps(events)[0]!;
    expect(back).toMatchObject({ from: 'idp', to: 'browser', label: 'back with an error', note: 'access_denied', tone: 'error' });

    const refused = event('federation.responded', {
      provider: 'MySAML',
      providerType: 'SAML',
      protocol: 'saml',
      checks: [
        { check: 'signature', passed: true },
        { check: 'audience', passed: false, detail: 'urn:amazon:cognito:sp:other' },
      ],
      error: { error: 'invalid_request', error_description: 'Invalid SAML response received: audience' },
    });
    const [step] = buildSteps([refused]);
    expect(step).toMatchObject({ label: 'SAML response refused', note: 'audience failed: invalid_request', tone: 'error' });
  });

  it('sends a browser to an unknown provider only where the request said so, and an unreachable provider fails its arrow', () => {
    seq = 0;
    const toApp = event('http.exchanged', { lane: 'browser', method: 'POST', path: '/login', query: {}, status: 302, location: 'https://idp.example.com/sso', ms: 2 });
    expect(buildSteps([toApp]).some((step) => step.to === 'idp')).toBe(false);
    const requested = event('federation.requested', { provider: 'Okta', providerType: 'OIDC', protocol: 'oidc', url: 'https://idp.example.com/sso', parameters: {} });
    const toIdp = event('http.exchanged', { lane: 'browser', method: 'POST', path: '/login', query: {}, status: 302, location: 'https://idp.example.com/sso', ms: 2 });
    expect(buildSteps([requested, toIdp]).at(-1)).toMatchObject({ from: 'browser', to: 'idp', label: 'sign in at Okta', note: 'idp.example.com/sso' });
    expect(requestedDuring([requested, toIdp], toIdp)).toBe(requested);
    expect(requestedDuring([requested, toApp, toIdp], toIdp)).toBeUndefined();

    const unreachable = { lane: 'idp' as const, method: 'GET', path: 'https://idp.example.com/.well-known/openid-configuration', query: {}, status: 0, error: { error: 'unreachable', error_description: 'no answer within 10 s' }, ms: 10_000 };
    expect(idpCallKind(unreachable)).toBe('discovery');
    expect(idpResponseLabel(unreachable)).toBe('unreachable');
  });

  it('names the provider’s calls by what they are for', () => {
    const call = (path: string, form?: Record<string, string>) => idpCallKind({ method: 'GET', path, ...(form && { form }) });
    expect(call(`${ORIGIN}/_mock-idp/oidc/.well-known/openid-configuration`)).toBe('discovery');
    expect(call(`${ORIGIN}/_mock-idp/apple/auth/keys`)).toBe('JWKS');
    expect(call(`${ORIGIN}/_mock-idp/oidc/jwks`)).toBe('JWKS');
    expect(call(`${ORIGIN}/_mock-idp/facebook/v17.0/oauth/access_token`)).toBe('token');
    expect(call(`${ORIGIN}/_mock-idp/oidc/token`, { grant_type: 'authorization_code' })).toBe('token');
    expect(call(`${ORIGIN}/_mock-idp/facebook/v17.0/me`)).toBe('userInfo');
    expect(call(`${ORIGIN}/_mock-idp/amazon/user/profile`)).toBe('userInfo');
    expect(call(`${ORIGIN}/_mock-idp/google/v1/userinfo`)).toBe('userInfo');
    expect(call(`${ORIGIN}/_mock-idp/saml/metadata`)).toBe('SAML metadata');
    expect(isMockIdpUrl(`${ORIGIN}/_mock-idp/saml/sso?SAMLRequest=x`)).toBe(true);
    expect(isMockIdpUrl('http://localhost:3000/callback')).toBe(false);
  });

  it('folds the provider and the federated user into the flow’s summary, and finds it by the provider', () => {
    const events = googleLogin();
    const summary = events.reduce(foldEvent, emptySummary({ ...events[0]!, flowId: 'login' }));
    expect(summary).toMatchObject({ provider: 'Google', username: 'Google_1098', clientId: 'client' });
    // The provider's client_id in the back channel is not the pool's client.
    expect(summary.operations).not.toContain(`${ORIGIN}/_mock-idp/google/token`);
    expect(matchesFilters(summary, { ...NO_FILTERS, search: 'google' })).toBe(true);
    expect(federationOf(events).mapped?.data.user.username).toBe('Google_1098');
  });
});

describe('“Try it” following a federated login', () => {
  it('tells where the browser signed in and whether the provider’s answer was taken, then the code', () => {
    const events = googleLogin();
    const requestedOnly = events.slice(0, events.findIndex((e) => e.type === 'federation.responded'));
    expect(loginProgress(requestedOnly).provider).toEqual({ name: 'Google' });
    const progress = loginProgress(events);
    expect(progress.provider).toEqual({ name: 'Google', accepted: true });
    expect(progress.redirect?.data.path).toBe('/oauth2/idpresponse');
    expect(progress.redemption?.data.path).toBe('/oauth2/token');
    const refused = events.map((e) =>
      e.type === 'federation.responded' ? ({ ...e, data: { ...e.data, error: { error: 'invalid_request', error_description: 'nonce' } } } as SandboxEvent) : e,
    );
    expect(loginProgress(refused).provider).toEqual({ name: 'Google', accepted: false, error: 'invalid_request' });
  });
});

describe('the mapping, before → after', () => {
  it('tells a new value, a changed one, an unchanged one and a skipped one with its reason', () => {
    const mapped = googleLogin().find((e) => e.type === 'federation.mapped')!;
    if (mapped.type !== 'federation.mapped') throw new Error('no mapping');
    expect(mappingRows(mapped.data).map((row) => [row.attribute, row.outcome, row.reason])).toEqual([
      ['email', 'set', undefined],
      ['name', 'changed', undefined],
      ['locale', 'same', undefined],
      ['custom:team', 'skipped', 'the claim is missing'],
    ]);
  });

  it('words the checks: passed, the first failure, or none reached', () => {
    const base = { provider: 'P', providerType: 'OIDC', protocol: 'oidc' as const };
    expect(checksNote({ ...base, checks: [{ check: 'a', passed: true }] })).toBe('1 check passed');
    expect(checksNote({ ...base, checks: [{ check: 'a', passed: true }, { check: 'iss', passed: false }] })).toBe('iss failed');
    expect(checksNote({ ...base, checks: [], error: { error: 'invalid_request', error_description: 'no code' } })).toBe('invalid_request: no code');
    expect(checksNote({ ...base, checks: [] })).toBeUndefined();
  });

  it('places a SAML time condition before or after the check', () => {
    const at = Date.parse('2026-01-01T12:00:00Z');
    expect(timeCondition('2026-01-01T11:59:30Z', at)).toEqual({ text: '2026-01-01T11:59:30Z', relative: '30 s before the check' });
    expect(timeCondition('2026-01-01T12:05:00Z', at)?.relative).toBe('5 min after the check');
    expect(timeCondition('2026-01-11T12:00:00Z', at)?.relative).toBe('10 days after the check');
    expect(timeCondition(undefined, at)).toBeUndefined();
    expect(timeCondition('soon', at)).toEqual({ text: 'soon', relative: '' });
  });
});

const RESPONSE = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" InResponseTo="_q1"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">http://localhost:9229/_mock-idp/saml</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="#_r1"/></ds:SignedInfo><ds:SignatureValue>abc==</ds:SignatureValue></ds:Signature><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">JSmith@Example.com</saml:NameID></saml:Subject><!-- attributes --><saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>john@example.com</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`;

describe('SAML XML', () => {
  it('lays a one-line document out one element per line, texts kept inline', () => {
    const nodes = parseXml(`<?xml version="1.0"?>${RESPONSE}`)!;
    expect(prettyXml(nodes).split('\n')).toEqual([
      '<?xml version="1.0"?>',
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" InResponseTo="_q1">',
      '  <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">http://localhost:9229/_mock-idp/saml</saml:Issuer>',
      '  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">',
      '    <ds:SignedInfo>',
      '      <ds:Reference URI="#_r1"/>',
      '    </ds:SignedInfo>',
      '    <ds:SignatureValue>abc==</ds:SignatureValue>',
      '  </ds:Signature>',
      '  <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">',
      '    <saml:Subject>',
      '      <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">JSmith@Example.com</saml:NameID>',
      '    </saml:Subject>',
      '    <!-- attributes -->',
      '    <saml:AttributeStatement>',
      '      <saml:Attribute Name="email">',
      '        <saml:AttributeValue>john@example.com</saml:AttributeValue>',
      '      </saml:Attribute>',
      '    </saml:AttributeStatement>',
      '  </saml:Assertion>',
      '</samlp:Response>',
    ]);
  });

  it('folds the signature by its local name, and each folded element reads as one line', () => {
    const nodes = parseXml(RESPONSE)!;
    const folded = elementsNamed(nodes, ['Signature']);
    expect(folded.size).toBe(1);
    const lines = xmlLines(nodes, folded);
    const signature = lines.find((line) => line.fold?.name === 'ds:Signature')!;
    expect(signature.fold?.folded).toBe(true);
    expect(signature.tokens.map((t) => t.text).join('')).toBe('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">…</ds:Signature>');
    expect(lines.length).toBe(xmlLines(nodes).length - 5);
    expect(signature.tokens.filter((t) => t.kind === 'attr').map((t) => t.text)).toEqual(['xmlns:ds']);
    // Only elements holding lines fold: a text-only element is one line already.
    expect(lines.filter((line) => line.fold).map((line) => line.fold!.name)).toEqual(['samlp:Response', 'ds:Signature', 'saml:Assertion', 'saml:Subject', 'saml:AttributeStatement', 'saml:Attribute']);
  });

  it('shows a document cut to the event’s size limit as it came, still coloured', () => {
    const cut = `${RESPONSE.slice(0, 300)}… [cut 1,200 of 1,500 characters]`;
    expect(parseXml(cut)).toBeUndefined();
    expect(parseXml('<a><b></a></b>')).toBeUndefined();
    expect(parseXml('just text')).toBeUndefined();
    const lines = rawXmlLines(cut);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.tokens.map((t) => t.text).join('')).toBe(cut);
    expect(lines[0]!.tokens.some((t) => t.kind === 'tag' && t.text === 'samlp:Response')).toBe(true);
  });
});
