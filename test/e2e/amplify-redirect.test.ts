/**
 * Amplify v6's signInWithRedirect and signOut in Debian's Chromium, from an app page the test
 * builds with esbuild (test/fixtures/amplify-redirect/app.mjs), against the sandbox's HTTPS port:
 * Amplify builds `https://{domain}/oauth2/authorize`, `/oauth2/token` and `/logout` itself, so the
 * pool's domain is `{prefix}.localhost:HTTPS_PORT`. Chromium trusts the sandbox's CA by its key's
 * hash (no ignoreHTTPSErrors). The user signs in on the hosted page, Amplify redeems the code with
 * its PKCE verifier from the app's origin (CORS), reads the tokens and the username; signOut ends
 * the hosted session at /logout and comes back, and the next signInWithRedirect shows the sign-in
 * page again. The debugger saw each step: the hosted login, the back-channel token exchange, the
 * logout.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CreateUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { MASK } from '../../src-main/debug/mask.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON } from './support/browser.js';

if (!hasChromium) console.warn(`amplify-redirect.test.ts skipped: ${NO_CHROMIUM_REASON}`);

const PASSWORD = 'Passw0rd!amplify';
const APP_ENTRY = path.resolve(import.meta.dirname, '../fixtures/amplify-redirect/app.mjs');
const SCOPES = ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'];

/** The app page, bundled for the browser: Amplify and the page's own script in one file. */
async function bundleApp(): Promise<string> {
  const result = await build({ entryPoints: [APP_ENTRY], bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

interface AppSettings {
  userPoolId: string;
  userPoolClientId: string;
  userPoolEndpoint: string;
  domain: string;
}

/** The user's app: the same page for `/` and `/callback`, its script at /app.js. */
function appServer(script: string, settings: () => AppSettings): http.Server {
  return http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://app');
    if (pathname === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (pathname !== '/' && pathname !== '/callback') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Amplify app</title><link rel="icon" href="data:,">
<script>window.SANDBOX = ${JSON.stringify(settings())};</script>
<script type="module" src="/app.js"></script></head>
<body><button id="sign-in">Sign in</button> <button id="sign-out">Sign out</button></body></html>`);
  });
}

function spkiSha256(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

interface AppSession {
  idToken?: Record<string, unknown>;
  accessToken?: Record<string, unknown>;
  error?: string;
}

describe.skipIf(!hasChromium)('Amplify v6 signInWithRedirect against the HTTPS port', () => {
  let sandbox: TestSandbox;
  let browser: Browser;
  let app: http.Server;
  let settings: AppSettings;
  const events: SandboxEvent[] = [];

  beforeAll(async () => {
    const [script, started] = await Promise.all([bundleApp(), startSandbox({ httpsPort: 0 })]);
    sandbox = started;
    sandbox.app.bus.subscribe((event) => events.push(event));
    browser = await launchChromium([`--ignore-certificate-errors-spki-list=${spkiSha256(sandbox.app.https!.authority.certificatePem)}`]);
    app = appServer(script, () => settings);
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  it('signs in on the hosted page, redeems the code with PKCE, reads the user, and signs out at /logout', async () => {
    const appOrigin = `http://localhost:${(app.address() as AddressInfo).port}`;
    const httpsPort = sandbox.app.httpsPort!;
    const poolId = await createPool(sandbox.cognito, { PoolName: 'amplify' });
    const prefix = `amplify-${randomBytes(3).toString('hex')}`;
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix }));
    const { clientId } = await createClient(sandbox.cognito, poolId, {
      ClientName: 'amplify-web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: SCOPES,
      CallbackURLs: [`${appOrigin}/callback`],
      LogoutURLs: [`${appOrigin}/`],
      SupportedIdentityProviders: ['COGNITO'],
    });
    await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true' } });
    const domain = `${prefix}.localhost:${httpsPort}`;
    settings = { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.app.httpsUrl!, domain };

    const context = await browser.newContext({ ignoreHTTPSErrors: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const visited: string[] = [];
    page.on('request', (request) => request.isNavigationRequest() && request.frame() === page.mainFrame() && visited.push(request.url()));
    // The page's `window.app` (app.mjs), asked in the page's own words: tsconfig has no DOM types.
    const hubEvents = () => page.evaluate('window.app.hubEvents') as Promise<{ event: string; message?: string }[]>;
    const session = () => page.evaluate('window.app.session()') as Promise<AppSession>;
    const appReady = () => page.waitForFunction("'app' in window");
    const hostedCookie = async () => (await context.cookies(`https://${domain}/`)).find((cookie) => cookie.name === `cognito-${poolId}`);

    await page.goto(`${appOrigin}/`);
    await appReady();
    expect(await session()).toEqual({});

    // signInWithRedirect: to the hosted sign-in page, over TLS on the pool's domain.
    await page.click('#sign-in');
    await page.waitForURL(`https://${domain}/login?**`);
    const authorize = new URL(visited.find((url) => url.includes('/oauth2/authorize'))!);
    expect(authorize.origin).toBe(`https://${domain}`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: clientId,
      redirect_uri: `${appOrigin}/callback`,
      response_type: 'code',
      scope: SCOPES.join(' '),
      code_challenge_method: 'S256',
      identity_provider: 'COGNITO',
    });
    const signIn = async (password: string) => {
      await page.fill('#signInFormUsername', 'alice');
      await page.fill('#signInFormPassword', password);
      await page.click('input[name=signInSubmitButton]');
    };
    // A wrong password keeps the browser on the page, with Cognito's words; the app waits.
    await signIn('not-the-password');
    await expect.poll(() => page.locator('.errorMessage-customizable').textContent()).toBe('Incorrect username or password.');
    expect(page.url().startsWith(`https://${domain}/login`)).toBe(true);
    await signIn(PASSWORD);

    // Back at the callback, Amplify redeems the code and forgets it from the address.
    await page.waitForURL(`${appOrigin}/callback**`);
    const callback = new URL(visited.find((url) => url.startsWith(`${appOrigin}/callback?`))!);
    expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    await page.waitForFunction("window.app?.hubEvents.some((e) => e.event === 'signedIn' || e.event.endsWith('failure'))");
    expect(await hubEvents()).toEqual([{ event: 'signInWithRedirect' }, { event: 'signedIn' }]);
    expect(page.url()).toBe(`${appOrigin}/callback`);

    const tokens = await session();
    expect(tokens.error).toBeUndefined();
    expect(tokens.idToken).toMatchObject({ email: 'alice@example.com', 'cognito:username': 'alice', aud: clientId, token_use: 'id' });
    expect(tokens.accessToken).toMatchObject({ username: 'alice', client_id: clientId, token_use: 'access', scope: SCOPES.join(' ') });
    const user = await page.evaluate('window.app.currentUser()');
    expect(user).toMatchObject({ username: 'alice', userId: tokens.idToken!.sub });
    const signedInCookie = await hostedCookie();
    expect(signedInCookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });

    // signOut: to /logout on the domain, the hosted session ended, back at the sign-out URL.
    await page.click('#sign-out');
    await page.waitForURL(`${appOrigin}/`);
    const logout = new URL(visited.find((url) => url.includes('/logout?'))!);
    expect(logout.origin).toBe(`https://${domain}`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: clientId, logout_uri: `${appOrigin}/` });
    await appReady();
    expect(await session()).toEqual({});
    expect(await hostedCookie()).toBeUndefined();

    // The next sign-in asks for the password again.
    await page.click('#sign-in');
    await page.waitForURL(`https://${domain}/login?**`);
    await page.locator('#signInFormUsername').waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    await context.close();

    // The debugger saw the login, the exchange Amplify made from the page, and the logout.
    const started = (kind: string) => events.filter((event) => event.type === 'flow.started' && event.data.kind === kind && event.poolId === poolId);
    const [login] = started('hosted-login');
    expect(login).toBeDefined();
    expect(events.find((event) => event.type === 'flow.ended' && event.flowId === login!.flowId)).toMatchObject({ data: { outcome: 'success' } });
    const tokenRequests = events.filter((event) => event.type === 'http.exchanged' && event.data.path === '/oauth2/token');
    // The page's fetch is cross-origin: Chromium's CORS preflight came first, and the lanes leave it out.
    expect(tokenRequests.map((event) => event.type === 'http.exchanged' && `${event.data.method} ${event.data.status}`)).toEqual(['POST 200']);
    const exchange = tokenRequests[0];
    expect(exchange).toMatchObject({
      flowId: login!.flowId,
      data: { lane: 'backchannel', method: 'POST', status: 200, form: { grant_type: 'authorization_code', client_id: clientId, code_verifier: MASK, redirect_uri: `${appOrigin}/callback` } },
    });
    expect(started('logout')).toHaveLength(1);
    expect(events.find((event) => event.type === 'http.exchanged' && event.data.path === '/logout')).toMatchObject({ data: { lane: 'browser', status: 302, location: `${appOrigin}/` } });
  });
});
