/**
 * `npx tsx bench/federated-login.ts [--root DIR] [--count 300]` (part of `npm run bench`): whole
 * federated logins per second without a browser, against the headless server as its own process,
 * through the built-in mocks: GET /oauth2/authorize?identity_provider=…, the mock's sign-in page,
 * the person chosen, the provider's answer at /oauth2/idpresponse (Google: code exchange, ID token
 * checked against the mock's JWKS, userInfo) or /saml2/idpresponse (SAML: the signed response
 * checked), the attribute mapping, the code back to the app and its redemption. 8 in flight.
 */
import { createHash, randomBytes } from 'node:crypto';
import { loginForm, peopleOffered } from '../test/support/fetch-browser.js';
import { call, fmt, measure, option, printFigures, startServer, stopServer, type Figure } from './support.js';

const CONCURRENCY = 8;
const COUNT = Number(option('--count', '300'));
const WARMUP = 20;
const CALLBACK = 'http://localhost:3000/callback';

async function world(url: string) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-federated' });
  const poolId = UserPool.Id as string;
  await call(url, 'CreateUserPoolDomain', { UserPoolId: poolId, Domain: `bench-federated-${Date.now()}` });
  await call(url, 'CreateIdentityProvider', {
    UserPoolId: poolId,
    ProviderName: 'Google',
    ProviderType: 'Google',
    ProviderDetails: { client_id: 'bench-google', client_secret: 'bench-google-secret', authorize_scopes: 'openid email profile' },
    AttributeMapping: { email: 'email', name: 'name' },
  });
  const metadata = await (await fetch(`${url}/_mock-idp/saml/metadata`)).text();
  await call(url, 'CreateIdentityProvider', {
    UserPoolId: poolId,
    ProviderName: 'MockSAML',
    ProviderType: 'SAML',
    ProviderDetails: { MetadataFile: metadata },
    AttributeMapping: { email: 'email' },
  });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: [CALLBACK],
    SupportedIdentityProviders: ['Google', 'MockSAML'],
  });
  return UserPoolClient.ClientId as string;
}

/** The page's form, with the first person's button pressed when it lists people. */
function formOf(html: string, base: string): { action: string; fields: Record<string, string> } {
  const form = loginForm(html, base);
  const [person] = peopleOffered(html);
  return { action: form.action, fields: { ...form.fields, ...(person && { person }) } };
}

/** A whole federated login through the provider: follows redirects and posts the mock's forms until the browser is back at the app. */
async function login(url: string, clientId: string, provider: string): Promise<void> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email', identity_provider: provider, code_challenge: challenge, code_challenge_method: 'S256' });
  let response = await fetch(`${url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  let at = `${url}/oauth2/authorize`;
  for (let hop = 0; hop < 10; hop++) {
    const location = response.headers.get('location');
    if (location?.startsWith(CALLBACK)) {
      const code = new URL(location).searchParams.get('code') ?? '';
      const token = await fetch(`${url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK, code_verifier: verifier }),
      });
      if (token.status !== 200) throw new Error(`/oauth2/token answered ${token.status} ${await token.text()}`);
      await token.arrayBuffer();
      return;
    }
    if (location) {
      at = new URL(location, at).href;
      response = await fetch(at, { redirect: 'manual' });
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`${at} answered ${response.status}: ${html.slice(0, 300)}`);
    const form = formOf(html, at);
    at = form.action;
    response = await fetch(at, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form.fields) });
  }
  throw new Error('the login did not come back to the app in 10 hops');
}

const server = await startServer(undefined);
try {
  const { url } = server;
  const pid = server.child.pid!;
  const clientId = await world(url);
  for (let i = 0; i < WARMUP; i++) {
    await login(url, clientId, 'Google');
    await login(url, clientId, 'MockSAML');
  }
  const google = await measure(COUNT, pid, CONCURRENCY, () => login(url, clientId, 'Google'));
  const saml = await measure(COUNT, pid, CONCURRENCY, () => login(url, clientId, 'MockSAML'));
  const one = await measure(Math.min(COUNT, 100), pid, 1, () => login(url, clientId, 'Google'));
  const figures: Figure[] = [
    { what: `logins through mock Google (${CONCURRENCY} in flight)`, figure: `${fmt(google.perSecond)} per s, ${fmt(google.serverCpuMs, 1)} ms server CPU each`, aim: '≥ 20 per s', met: google.perSecond >= 20 },
    { what: '  latency p50 / p95', figure: `${fmt(google.p50, 1)} / ${fmt(google.p95, 1)} ms` },
    { what: '  one at a time, p50 / p95', figure: `${fmt(one.p50, 1)} / ${fmt(one.p95, 1)} ms`, aim: 'p95 < 100 ms', met: one.p95 < 100 },
    { what: `logins through the mock SAML IdP (${CONCURRENCY} in flight)`, figure: `${fmt(saml.perSecond)} per s, ${fmt(saml.serverCpuMs, 1)} ms server CPU each`, aim: '≥ 10 per s', met: saml.perSecond >= 10 },
    { what: '  latency p50 / p95', figure: `${fmt(saml.p50, 1)} / ${fmt(saml.p95, 1)} ms` },
  ];
  printFigures(`Federated logins: authorize, the mock IdP's page, its answer, mapping, code exchange (${COUNT} each)`, figures);
} finally {
  await stopServer(server);
}
