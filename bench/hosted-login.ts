/**
 * `npx tsx bench/hosted-login.ts [--root DIR] [--count 600]` (part of `npm run bench`): whole
 * authorization-code logins per second without a browser, against the headless server as its own
 * process: GET /oauth2/authorize (PKCE S256), GET /login, POST /login with the password, POST
 * /oauth2/token with the code and verifier; 8 logins in flight. Then a login that rides the hosted
 * session cookie (authorize straight to the code, then the token exchange), and the token
 * exchange alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { call, fmt, measure, option, printFigures, startServer, stopServer, type Figure } from './support.js';

const CONCURRENCY = 8;
const COUNT = Number(option('--count', '600'));
const WARMUP = 40;
const CALLBACK = 'http://localhost:3000/callback';
const PASSWORD = 'Bench-Passw0rd!';

async function world(url: string) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-hosted' });
  await call(url, 'CreateUserPoolDomain', { UserPoolId: UserPool.Id, Domain: `bench-hosted-${Date.now()}` });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: [CALLBACK],
    SupportedIdentityProviders: ['COGNITO'],
  });
  await call(url, 'AdminCreateUser', { UserPoolId: UserPool.Id, Username: 'bench', MessageAction: 'SUPPRESS' });
  await call(url, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'bench', Password: PASSWORD, Permanent: true });
  return UserPoolClient.ClientId as string;
}

const get = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (url: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(url: string, clientId: string, challenge: string): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email', state: 's', code_challenge: challenge, code_challenge_method: 'S256' });
  return `${url}/oauth2/authorize?${query}`;
}

async function redeem(url: string, clientId: string, location: string, verifier: string): Promise<void> {
  const code = new URL(location).searchParams.get('code');
  const response = await post(`${url}/oauth2/token`, { grant_type: 'authorization_code', client_id: clientId, code: code ?? '', redirect_uri: CALLBACK, code_verifier: verifier });
  if (response.status !== 200) throw new Error(`/oauth2/token answered ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/** A whole password login; answers the hosted session cookie. */
async function login(url: string, clientId: string): Promise<string> {
  const { verifier, challenge } = pkce();
  const authorize = await get(authorizeUrl(url, clientId, challenge));
  const page = await get(new URL(authorize.headers.get('location')!, url).href);
  const session = /name="session" value="([^"]+)"/.exec(await page.text())![1]!;
  const signedIn = await post(`${url}/login`, { session, username: 'bench', password: PASSWORD });
  const location = signedIn.headers.get('location');
  if (signedIn.status !== 302 || !location) throw new Error(`/login answered ${signedIn.status}`);
  await redeem(url, clientId, location, verifier);
  return signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** A login on the hosted session: authorize answers the code at once. */
async function sessionLogin(url: string, clientId: string, cookie: string): Promise<void> {
  const { verifier, challenge } = pkce();
  const authorize = await get(authorizeUrl(url, clientId, challenge), cookie);
  const location = authorize.headers.get('location');
  if (!location?.startsWith(CALLBACK)) throw new Error(`authorize answered ${authorize.status} ${location}`);
  await redeem(url, clientId, location, verifier);
}

const server = await startServer(undefined);
try {
  const { url } = server;
  const pid = server.child.pid!;
  const clientId = await world(url);
  let cookie = '';
  for (let i = 0; i < WARMUP; i++) cookie = await login(url, clientId);
  const full = await measure(COUNT, pid, CONCURRENCY, async () => void (await login(url, clientId)));
  const viaSession = await measure(COUNT, pid, CONCURRENCY, () => sessionLogin(url, clientId, cookie));
  const one = await measure(Math.min(COUNT, 200), pid, 1, async () => void (await login(url, clientId)));
  const figures: Figure[] = [
    { what: `code-flow logins with a password (${CONCURRENCY} in flight)`, figure: `${fmt(full.perSecond)} per s, ${fmt(full.serverCpuMs, 1)} ms server CPU each`, aim: '≥ 100 per s', met: full.perSecond >= 100 },
    { what: '  latency p50 / p95', figure: `${fmt(full.p50, 1)} / ${fmt(full.p95, 1)} ms` },
    { what: '  one at a time, p50 / p95', figure: `${fmt(one.p50, 1)} / ${fmt(one.p95, 1)} ms`, aim: 'p95 < 50 ms', met: one.p95 < 50 },
    { what: `code-flow logins on the hosted session`, figure: `${fmt(viaSession.perSecond)} per s, ${fmt(viaSession.serverCpuMs, 1)} ms server CPU each` },
    { what: '  latency p50 / p95', figure: `${fmt(viaSession.p50, 1)} / ${fmt(viaSession.p95, 1)} ms` },
  ];
  printFigures(`Hosted UI: authorize, sign-in page, password, code exchange (${COUNT} each)`, figures);
} finally {
  await stopServer(server);
}
