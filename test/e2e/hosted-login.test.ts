/**
 * The hosted UI in the debugger window, in Debian's Chromium against the real sandbox: a login
 * on the pool's domain (`{prefix}.localhost`) in a second page, filled as a user would, its code
 * redeemed by the test as an app's back end would; the window draws it in the browser lane (the
 * authorize request, the sign-in page, the form post with the password masked, the redirect with
 * its code, the token exchange), the sign-in flow it started marked among its steps and linking
 * back, its tokens decoded. "Try it" on an app client's page: the sandbox's callback URL added,
 * the login opened in a new window, the callback page redeeming the code with the PKCE verifier
 * (and the client's secret) and showing the tokens, the window following along; what stops it
 * (no domain, no OAuth, an unknown state, a reused code) said in words. The pool's hosted UI
 * addresses and its domain made in its settings. Each screen checked for unnamed controls and
 * console errors, and shot light and dark.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowListItem } from '../../shared/debugger-api.js';
import type { SandboxEvent } from '../../shared/events.js';
import { ensureBuilt } from '../support/build.js';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { controlsWithoutName } from './support/accessibility.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`hosted-login.test.ts skipped: ${NO_CHROMIUM_REASON}`);

const PASSWORD = 'Passw0rd!hosted';
/** The app the logins go back to: a page for any path, standing in for the user's own app. */
let app: http.Server;
let appOrigin: string;
let APP_CALLBACK: string;
/** Chromium logs every 4xx answer as a console error: expected where a test provokes an OAuth refusal. */
const REFUSAL_LOG = /^Failed to load resource: the server responded with a status of 40[04]/;

let browser: Browser;
let sandbox: TestSandbox;
let port: string;
let opened: WatchedPage[] = [];
let provokesRefusals = false;

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
  sandbox = await startSandbox();
  port = new URL(sandbox.url).port;
  app = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title><p>back in the app</p>'));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://localhost:${(app.address() as AddressInfo).port}`;
  APP_CALLBACK = `${appOrigin}/callback`;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => app?.close(resolve));
});
afterEach(async () => {
  for (const { context, errors } of opened) {
    expect(errors.filter((error) => !(provokesRefusals && REFUSAL_LOG.test(error)))).toEqual([]);
    await context.close();
  }
  opened = [];
  provokesRefusals = false;
});

async function open(url: string, colorScheme: 'light' | 'dark' = 'light', height?: number): Promise<Page> {
  const watched = await openPage(browser, url, { colorScheme, ...(height && { height }) });
  watched.page.setDefaultTimeout(10_000);
  opened.push(watched);
  return watched.page;
}

/** The user's own browser: a page of its own, nothing loaded yet. */
async function openUserBrowser(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  opened.push({ context, page, errors });
  return page;
}

const openWindow = (hash: string, colorScheme: 'light' | 'dark' = 'light', height?: number) => open(`${sandbox.url}/_sandbox/${hash}`, colorScheme, height);
/** Tall enough for a hosted login's whole sequence and a step's details. */
const TALL = 1500;

/** A pool with a prefix domain, a code-grant client calling back to the app, and a user who signs in with a password. */
async function hostedPool(name: string, client: { secret?: boolean; callbacks?: string[] } = {}): Promise<{ poolId: string; clientId: string; clientSecret?: string; domain: string }> {
  const poolId = await createPool(sandbox.cognito, { PoolName: name });
  const domain = `${name}-${randomBytes(3).toString('hex')}`;
  await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  const { clientId, clientSecret } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'web',
    GenerateSecret: client.secret ?? false,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: client.callbacks ?? [APP_CALLBACK],
    SupportedIdentityProviders: ['COGNITO'],
  });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true' } });
  return { poolId, clientId, ...(clientSecret && { clientSecret }), domain };
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The sign-in page's form, filled and sent as a user would. */
async function signInOnPage(page: Page, username = 'alice', password = PASSWORD): Promise<void> {
  await page.locator('input[name="username"]:visible').fill(username);
  await page.locator('input[name="password"]:visible').fill(password);
  await page.locator('input[type="submit"]:visible, button[type="submit"]:visible').first().click();
}

async function flows(): Promise<FlowListItem[]> {
  return (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
}

async function eventsOf(flowId: string): Promise<SandboxEvent[]> {
  return ((await (await fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}`)).json()) as { events: SandboxEvent[] }).events;
}

/** The flow the hosted login started (its flow.started names the login as its parent). */
async function childOf(loginId: string): Promise<FlowListItem> {
  for (const flow of await flows()) {
    const started = (await eventsOf(flow.id)).find((event) => event.type === 'flow.started');
    if (started?.type === 'flow.started' && started.data.parentFlowId === loginId) return flow;
  }
  throw new Error(`no flow names ${loginId} as its parent`);
}

/** The sequence's arrows, as the window labels them. */
async function arrows(page: Page): Promise<string[]> {
  return (await page.locator('.sequence button.step').evaluateAll((steps) => steps.map((step) => step.getAttribute('aria-label') ?? ''))).map((label) =>
    label.replace(/^\+[^,]+, /, ''),
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await controlsWithoutName(page), name).toEqual([]);
  await screenshot(page, name);
}

describe.skipIf(!hasChromium)('the hosted UI in the debugger window', () => {
  it('draws a hosted login in the browser lane: authorize, the sign-in page, the form with the password masked, the code and its redemption', async () => {
    const { poolId, clientId, domain } = await hostedPool('shop');
    const debuggerWindow = await openWindow('#/flows', 'light', TALL);

    // The user's browser: a second page, on the pool's domain, the app's callback stubbed.
    const browserPage = await openUserBrowser();
    const { verifier, challenge } = pkce();
    const authorize = new URL(`http://${domain}.localhost:${port}/oauth2/authorize`);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: APP_CALLBACK,
      scope: 'openid email',
      state: 'state-from-the-app',
      nonce: 'nonce-from-the-app',
      code_challenge_method: 'S256',
      code_challenge: challenge,
    })) {
      authorize.searchParams.set(name, value);
    }
    await browserPage.goto(authorize.href);
    await signInOnPage(browserPage);
    await browserPage.waitForURL(`${APP_CALLBACK}**`);
    const back = new URL(browserPage.url());
    expect(back.searchParams.get('state')).toBe('state-from-the-app');
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();

    // The app's back end redeems the code.
    const tokenAnswer = await fetch(`http://localhost:${port}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: APP_CALLBACK, code_verifier: verifier }),
    });
    expect(tokenAnswer.status).toBe(200);
    const tokens = (await tokenAnswer.json()) as { id_token: string };
    expect(tokens.id_token).toBeTruthy();

    const login = (await flows()).find((flow) => flow.kind === 'hosted-login' && flow.poolId === poolId)!;
    expect(login).toBeDefined();
    // The password sign-in ran as a flow of its own, started by the login.
    const child = await childOf(login.id);
    expect(child.username).toBe('alice');

    await debuggerWindow.locator(`.flow-row[data-flow-id="${login.id}"]`).click();
    await debuggerWindow.locator('.lane-name', { hasText: 'App back end' }).waitFor();
    await debuggerWindow.locator('.sequence button.step', { hasText: '200 tokens' }).waitFor();
    const drawn = await arrows(debuggerWindow);
    const order = [
      /^Browser to Sandbox, GET \/oauth2\/authorize, response_type=code · scope=openid email · PKCE S256/,
      /^Sandbox to Browser, 302 → \/login/,
      /^Browser to Sandbox, GET \/login/,
      /^Sandbox to Browser, 200 login page/,
      /^Browser to Sandbox, POST \/login, username=alice · password=\*\*\*/,
      new RegExp(`^${child.kind} flow, Sandbox, flow started: ${child.kind}`),
      new RegExp(`^Sandbox to Browser, 302 → ${new URL(APP_CALLBACK).host}/callback, code issued `),
      /^App back end to Sandbox, POST \/oauth2\/token, grant_type=authorization_code/,
      /^Sandbox to App back end, 200 tokens, access_token, id_token, refresh_token/,
    ];
    let at = -1;
    for (const pattern of order) {
      const found = drawn.findIndex((label, i) => i > at && pattern.test(label));
      expect(found, `${pattern} after ${drawn[at]}\n${drawn.join('\n')}`).toBeGreaterThan(at);
      at = found;
    }
    // The password the user typed is nowhere in the debuggerWindow.
    expect(await debuggerWindow.locator('body').innerText()).not.toContain(PASSWORD);

    // The form post: its fields, the password as recorded, masked.
    await debuggerWindow.locator('.sequence button.step', { hasText: 'POST /login' }).click();
    const details = debuggerWindow.locator('.details-pane');
    await details.getByRole('table', { name: 'Form posted' }).waitFor();
    await expect(details.locator('tr[data-param="username"] td.value').innerText()).resolves.toBe('alice');
    await expect(details.locator('tr[data-param="password"] td.value').innerText()).resolves.toMatch(/^\*+ masked$/);

    // The redirect: the code issued, its redemption, the state echoed.
    await debuggerWindow.locator('.sequence button.step', { hasText: `302 → ${new URL(APP_CALLBACK).host}/callback` }).click();
    await details.getByTestId('code-issued').filter({ hasText: 'Redeemed at /oauth2/token' }).filter({ hasText: 'accepted' }).waitFor();
    await details.getByText('The redirect echoes the state the authorize request sent.').waitFor();
    await expect(details.locator('tr[data-param="code"] td.value').innerText()).resolves.toBe(code);
    await debuggerWindow.locator('.sequence').scrollIntoViewIfNeeded();
    await shoot(debuggerWindow, 'hosted-login-light');
    await details.getByRole('button', { name: 'Show the redemption' }).click();
    await details.getByTestId('code-redeemed').waitFor();
    await expect(details.locator('tr[data-param="code_verifier"] td.value').innerText()).resolves.toMatch(/^\*+ masked$/);

    // The child sign-in, marked in the parent's sequence and linking back.
    await debuggerWindow.locator('[data-testid="child-flows"] a', { hasText: `a ${child.kind} flow` }).waitFor();
    await debuggerWindow.locator(`.sequence button.step[data-flow-kind="${child.kind}"]`).first().click();
    await details.getByRole('link', { name: `open the ${child.kind} flow` }).click();
    await debuggerWindow.getByTestId('parent-flow').waitFor();
    await expect(debuggerWindow.locator('.lane-name').allInnerTexts()).resolves.toEqual(['Hosted UI pages', 'Sandbox', 'Lambda triggers', 'Outbox']);
    await debuggerWindow.getByTestId('parent-flow').getByRole('link', { name: 'hosted-login flow' }).click();
    await debuggerWindow.locator(`.flow-detail[data-flow-id="${login.id}"]`).waitFor();

    // Its tokens, decoded and checked, with the nonce the app sent.
    await debuggerWindow.getByRole('tab', { name: /Tokens/ }).click();
    await debuggerWindow.locator('article.token[data-token-use="id"] [data-testid="signature"]', { hasText: 'Signature valid' }).waitFor();
    await expect(debuggerWindow.locator('article.token[data-token-use="id"] tr[data-claim="nonce"] td.value').innerText()).resolves.toContain('nonce-from-the-app');

    const dark = await openWindow(`#/flows/${login.id}`, 'dark', TALL);
    await dark.locator('.sequence button.step', { hasText: `302 → ${new URL(APP_CALLBACK).host}/callback` }).click();
    await dark.getByTestId('code-issued').waitFor();
    await shoot(dark, 'hosted-login-dark');
  }, 90_000);

  it('shows a sign-up on the hosted UI inside its login: the sign-up flow’s code message and confirmation among the browser’s requests', async () => {
    const poolId = await createPool(sandbox.cognito, {
      PoolName: 'join',
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    const domain = `join-${randomBytes(3).toString('hex')}`;
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    const { clientId } = await createClient(sandbox.cognito, poolId, {
      ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [APP_CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const userBrowser = await openUserBrowser();
    const { challenge } = pkce();
    await userBrowser.goto(
      `http://${domain}.localhost:${port}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: APP_CALLBACK, scope: 'openid email', state: 'joining', code_challenge_method: 'S256', code_challenge: challenge })}`,
    );
    await userBrowser.getByRole('link', { name: 'Sign up' }).click();
    await userBrowser.getByLabel('Username').fill('bob');
    await userBrowser.getByLabel('Email').fill('bob@example.com');
    await userBrowser.getByLabel('Password').fill(PASSWORD);
    await userBrowser.getByRole('button', { name: 'Sign up' }).click();
    await userBrowser.getByLabel('Verification Code').fill((await latestMessageTo(sandbox.url, 'bob@example.com')).code);
    await userBrowser.getByRole('button', { name: 'Confirm Account' }).click();
    await userBrowser.waitForURL(`${APP_CALLBACK}?**`);

    const login = (await flows()).find((flow) => flow.kind === 'hosted-login' && flow.poolId === poolId)!;
    const signUp = (await flows()).find((flow) => flow.kind === 'sign-up' && flow.poolId === poolId)!;
    expect(signUp).toBeDefined();
    const debuggerWindow = await openWindow(`#/flows/${login.id}`, 'light', TALL);
    await debuggerWindow.locator('[data-testid="child-flows"] a', { hasText: 'a sign-up flow' }).waitFor();
    const message = debuggerWindow.locator('.sequence button.step[data-flow-kind="sign-up"][data-type="message.sent"]').first();
    await message.waitFor();
    expect(await message.getAttribute('aria-label')).toMatch(/^\+[^,]+, sign-up flow, Sandbox to Outbox, email to bob@example.com/);
    const drawn = await arrows(debuggerWindow);
    const at = (pattern: RegExp) => drawn.findIndex((label) => pattern.test(label));
    expect(at(/Browser to Sandbox, POST \/signup/)).toBeGreaterThanOrEqual(0);
    expect(at(/Browser to Sandbox, POST \/signup/)).toBeLessThan(at(/sign-up flow, Sandbox to Outbox, email to bob@example.com/));
    expect(at(/sign-up flow, Sandbox to Outbox, email to bob@example.com/)).toBeLessThan(at(/Browser to Sandbox, POST \/confirmUser/));
    expect(at(/Browser to Sandbox, POST \/confirmUser/)).toBeLessThan(at(/Sandbox to Browser, 302 → .*\/callback, code issued/));
    await message.click();
    await debuggerWindow.locator('.details-pane').getByRole('link', { name: 'open the sign-up flow' }).waitFor();
    await debuggerWindow.getByRole('tab', { name: /Messages/ }).click();
    await debuggerWindow.getByRole('article', { name: 'Message to bob@example.com' }).waitFor();
    await debuggerWindow.getByRole('tab', { name: /Overview/ }).click();
    await message.click();
    await shoot(debuggerWindow, 'hosted-login-sign-up-light');
  }, 90_000);

  it('draws the back channel’s flows: a client_credentials grant, a refresh at /oauth2/token, and a sign-out', async () => {
    const { poolId, clientId, domain } = await hostedPool('channels');
    await sandbox.cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ClientName: 'web',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [APP_CALLBACK],
        LogoutURLs: [`${appOrigin}/signed-out`],
        SupportedIdentityProviders: ['COGNITO'],
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      }),
    );
    await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }));
    const machine = await createClient(sandbox.cognito, poolId, {
      ClientName: 'worker',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['https://api.example.com/read'],
    });
    const tokenAt = (form: Record<string, string>, secret?: { id: string; secret: string }) =>
      fetch(`http://localhost:${port}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(secret && { authorization: `Basic ${Buffer.from(`${secret.id}:${secret.secret}`).toString('base64')}` }),
        },
        body: new URLSearchParams(form),
      });
    const granted = await tokenAt({ grant_type: 'client_credentials', scope: 'https://api.example.com/read' }, { id: machine.clientId, secret: machine.clientSecret! });
    expect(granted.status).toBe(200);

    // A login, its refresh token redeemed at /oauth2/token, then the sign-out.
    const userBrowser = await openUserBrowser();
    const { verifier, challenge } = pkce();
    await userBrowser.goto(
      `http://${domain}.localhost:${port}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: APP_CALLBACK, scope: 'openid', code_challenge_method: 'S256', code_challenge: challenge })}`,
    );
    await signInOnPage(userBrowser);
    await userBrowser.waitForURL(`${APP_CALLBACK}**`);
    const code = new URL(userBrowser.url()).searchParams.get('code')!;
    const first = (await (await tokenAt({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: APP_CALLBACK, code_verifier: verifier })).json()) as { refresh_token: string };
    expect((await tokenAt({ grant_type: 'refresh_token', client_id: clientId, refresh_token: first.refresh_token })).status).toBe(200);
    await userBrowser.goto(`http://${domain}.localhost:${port}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: `${appOrigin}/signed-out` })}`);
    await userBrowser.waitForURL(`${appOrigin}/signed-out`);

    const kinds = new Map((await flows()).filter((flow) => flow.poolId === poolId).map((flow) => [flow.kind, flow.id]));
    const debuggerWindow = await openWindow(`#/flows/${kinds.get('client-credentials')}`);
    await debuggerWindow.locator('.sequence button.step', { hasText: '200 tokens' }).waitFor();
    await expect(debuggerWindow.locator('.lane-name').allInnerTexts()).resolves.toEqual(['App back end', 'Sandbox', 'Lambda triggers', 'Outbox']);
    const granting = await arrows(debuggerWindow);
    expect(granting.some((label) => /^App back end to Sandbox, POST \/oauth2\/token, grant_type=client_credentials · scope=https:\/\/api.example.com\/read/.test(label)), granting.join('\n')).toBe(true);
    await debuggerWindow.locator('.sequence button.step', { hasText: 'POST /oauth2/token' }).click();
    await debuggerWindow.locator('.details-pane').getByText('App back end (server to server)').waitFor();
    await shoot(debuggerWindow, 'oauth-client-credentials-light');

    await debuggerWindow.goto(`${sandbox.url}/_sandbox/#/flows/${kinds.get('oauth-refresh')}`);
    await debuggerWindow.locator('.sequence button.step', { hasText: '200 tokens' }).waitFor();
    expect((await arrows(debuggerWindow)).some((label) => /^App back end to Sandbox, POST \/oauth2\/token, grant_type=refresh_token/.test(label))).toBe(true);

    await debuggerWindow.goto(`${sandbox.url}/_sandbox/#/flows/${kinds.get('logout')}`);
    await debuggerWindow.locator('.sequence button.step', { hasText: `302 → ${new URL(appOrigin).host}/signed-out` }).waitFor();
    expect((await arrows(debuggerWindow)).some((label) => /^Browser to Sandbox, GET \/logout, client_id=/.test(label))).toBe(true);
    await shoot(debuggerWindow, 'oauth-logout-light');
  }, 90_000);

  it('“Try it”: adds the sandbox’s callback URL, opens the hosted login, and the callback page redeems the code with the verifier and the secret', async () => {
    const { poolId, clientId } = await hostedPool('try', { secret: true });
    const debuggerWindow = await openWindow(`#/admin/${poolId}/clients`);
    const row = debuggerWindow.locator(`tr[data-client-id="${clientId}"]`);
    await row.getByRole('button', { name: 'Try the hosted login of web' }).click();
    const tryIt = debuggerWindow.getByTestId('try-it');
    await tryIt.waitFor();

    const callback = `http://localhost:${port}/_sandbox/oauth-callback`;
    await tryIt.getByText(`Add the sandbox’s callback page ${callback}`).waitFor();
    await tryIt.getByRole('button', { name: 'Add the sandbox’s callback URL' }).click();
    await expect.poll(async () => (await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!.CallbackURLs).toEqual([
      APP_CALLBACK,
      callback,
    ]);
    await expect.poll(() => tryIt.getByLabel('redirect_uri').inputValue()).toBe(callback);

    const url = new URL(await tryIt.getByTestId('authorize-url').innerText());
    expect(url.origin + url.pathname).toBe(`http://localhost:${port}/oauth2/authorize`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ response_type: 'code', client_id: clientId, redirect_uri: callback, scope: 'openid email profile', code_challenge_method: 'S256' });
    expect(params.state).toMatch(/^[\w-]{22}$/);
    expect(params.nonce).toMatch(/^[\w-]{22}$/);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    // The sandbox keeps the verifier behind that challenge for the callback page.
    const kept = (await (await fetch(`${sandbox.url}/_sandbox/api/oauth-tries/${params.state}`)).json()) as { codeVerifier: string };
    expect(createHash('sha256').update(kept.codeVerifier).digest('base64url')).toBe(params.code_challenge);
    await shoot(debuggerWindow, 'hosted-login-try-it-light');
    const dark = await openWindow(`#/admin/${poolId}/client:${clientId}`, 'dark');
    await dark.getByTestId('authorize-url').waitFor();
    await shoot(dark, 'hosted-login-try-it-dark');

    const [popup] = await Promise.all([debuggerWindow.context().waitForEvent('page'), tryIt.getByRole('button', { name: 'Open the hosted login' }).click()]);
    await popup.waitForLoadState();
    await signInOnPage(popup);
    await popup.waitForURL(`${callback}?**`);
    await popup.getByTestId('tokens-received').filter({ hasText: 'The ID token’s nonce is the one the login sent.' }).waitFor();
    await expect(popup.locator('article.token').count()).resolves.toBe(3);
    for (const use of ['id', 'access']) await popup.locator(`article.token[data-token-use="${use}"] [data-testid="signature"]`, { hasText: 'Signature valid' }).waitFor();
    await popup.getByRole('link', { name: 'Open this login in the debugger' }).waitFor();
    expect(await controlsWithoutName(popup)).toEqual([]);
    await screenshot(popup, 'hosted-login-callback-light');

    // The window followed the login: every step done, the tokens a click away.
    const progress = tryIt.getByRole('status', { name: 'The login’s progress' });
    await progress.locator('li.done', { hasText: 'Code redeemed at /oauth2/token (200)' }).waitFor();
    await expect(progress.locator('li.done').count()).resolves.toBe(5);
    await tryIt.getByRole('button', { name: 'Show the tokens' }).click();
    await debuggerWindow.locator('article.token[data-token-use="access"] [data-testid="signature"]', { hasText: 'Signature valid' }).waitFor();

    // The secret went as Basic authorization, masked nowhere because never in the form.
    const login = (await flows()).find((flow) => flow.kind === 'hosted-login' && flow.poolId === poolId)!;
    const redemption = (await eventsOf(login.id)).find((event) => event.type === 'http.exchanged' && event.data.path === '/oauth2/token');
    expect(redemption?.type === 'http.exchanged' && redemption.data.status).toBe(200);

    // The same callback again: the code is single use.
    provokesRefusals = true;
    const again = await open(popup.url(), 'dark');
    await again.getByTestId('token-error').filter({ hasText: 'invalid_grant' }).waitFor();
    await screenshot(again, 'hosted-login-callback-refused-dark');

    // Back to the app's own callback: the hosted session signs the user in at once, and the
    // address the browser landed on, pasted in the window, has its code redeemed there.
    await debuggerWindow.goto(`${sandbox.url}/_sandbox/#/admin/${poolId}/client:${clientId}`);
    await tryIt.getByLabel('redirect_uri').selectOption(APP_CALLBACK);
    await expect.poll(async () => new URL(await tryIt.getByTestId('authorize-url').innerText()).searchParams.get('redirect_uri')).toBe(APP_CALLBACK);
    const [appPage] = await Promise.all([debuggerWindow.context().waitForEvent('page'), tryIt.getByRole('button', { name: 'Open the hosted login' }).click()]);
    await appPage.waitForURL(`${APP_CALLBACK}?**`);
    const landed = tryIt.getByLabel('The address your app’s callback was sent to');
    await landed.fill(`${APP_CALLBACK}?code=abc&state=not-this-one`);
    await tryIt.getByText('That address’s state is not this attempt’s').waitFor();
    await landed.fill(appPage.url());
    await tryIt.getByRole('button', { name: 'Redeem the code here' }).click();
    await tryIt.locator('article.token[data-token-use="id"] [data-testid="signature"]', { hasText: 'Signature valid' }).waitFor();
    await expect(tryIt.locator('article.token').count()).resolves.toBe(3);
  }, 90_000);

  it('says what stops a hosted login: no domain, no OAuth on the client, a state no “Try it” sent, an error sent back', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'plain' });
    await createClient(sandbox.cognito, poolId, { ClientName: 'api', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const debuggerWindow = await openWindow(`#/admin/${poolId}/clients`);
    const tryButton = debuggerWindow.getByRole('button', { name: 'Try the hosted login of api' });
    await tryButton.waitFor();
    expect(await tryButton.isDisabled()).toBe(true);
    expect(await tryButton.getAttribute('title')).toContain('The pool has no domain');

    await debuggerWindow.getByRole('link', { name: 'api', exact: true }).click();
    const tryIt = debuggerWindow.getByTestId('try-it');
    await expect(tryIt.getByRole('list', { name: 'What the hosted login needs first' }).locator('li').allInnerTexts()).resolves.toEqual([
      'The pool has no domain: add one on its Settings page (CreateUserPoolDomain).',
      'The client does not allow OAuth flows (AllowedOAuthFlowsUserPoolClient).',
      'The client has no callback URL (CallbackURLs).',
    ]);
    expect(await tryIt.getByRole('button', { name: 'Open the hosted login' }).count()).toBe(0);

    const stranger = await open(`http://localhost:${port}/_sandbox/oauth-callback?code=abc&state=never-sent`);
    await stranger.getByRole('alert').filter({ hasText: 'No “Try it” login started in the debugger sent this state' }).waitFor();
    provokesRefusals = true;
    const refused = await open(`http://localhost:${port}/_sandbox/oauth-callback?error=access_denied&error_description=User+cancelled&state=s`);
    await refused.getByRole('alert').filter({ hasText: 'The hosted login answered access_denied: User cancelled.' }).waitFor();
  }, 60_000);

  it('shows a pool’s hosted UI addresses and discovery document, and makes its domain in its settings', async () => {
    const { poolId, domain } = await hostedPool('addresses');
    const debuggerWindow = await openWindow(`#/admin/${poolId}/users`);
    const hostedUi = debuggerWindow.getByTestId('hosted-ui');
    await hostedUi.getByTestId('domain-url').waitFor();
    await expect(hostedUi.locator('a').allInnerTexts()).resolves.toEqual([
      `http://${domain}.localhost:${port}`,
      `http://localhost:${port}`,
      `${sandbox.url}/${poolId}/.well-known/openid-configuration`,
    ]);
    const discovery = (await (await fetch(`${sandbox.url}/${poolId}/.well-known/openid-configuration`)).json()) as { issuer: string; authorization_endpoint: string };
    expect(discovery.issuer).toBe(`${sandbox.url}/${poolId}`);
    await screenshot(debuggerWindow.locator('.adm-page-head'), 'hosted-login-pool-addresses-light');

    // A sandbox that also serves HTTPS lists the same addresses over TLS, as Amplify's signInWithRedirect needs them.
    const secure = await startSandbox({ httpsPort: 0 });
    let onTheWayOut = async () => {};
    try {
      const securePool = await createPool(secure.cognito, { PoolName: 'tls' });
      await secure.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: securePool, Domain: 'tls-shop' }));
      const httpsPort = new URL(secure.app.httpsUrl!).port;
      // Its own page, closed before its sandbox (whose event stream it holds).
      const { context, page: securePage, errors } = await openPage(browser, `${secure.url}/_sandbox/#/admin/${securePool}/users`);
      onTheWayOut = () => context.close();
      await securePage.getByTestId('domain-url').waitFor();
      await expect
        .poll(() => securePage.getByTestId('hosted-ui').locator('a').allInnerTexts())
        .toEqual([
          `http://tls-shop.localhost:${new URL(secure.url).port}`,
          `http://localhost:${new URL(secure.url).port}`,
          `https://tls-shop.localhost:${httpsPort}`,
          `https://localhost:${httpsPort}`,
          `${secure.url}/${securePool}/.well-known/openid-configuration`,
        ]);
      expect(errors).toEqual([]);
    } finally {
      await onTheWayOut();
      await secure.close();
    }

    const bare = await createPool(sandbox.cognito, { PoolName: 'no-domain-yet' });
    await debuggerWindow.goto(`${sandbox.url}/_sandbox/#/admin/${bare}/users`);
    await debuggerWindow.getByTestId('hosted-ui').getByText('no domain yet').waitFor();
    await debuggerWindow.getByRole('button', { name: 'Add a domain…' }).click();
    await debuggerWindow.getByLabel('Domain prefix').fill('brand-new');
    await debuggerWindow.getByRole('button', { name: 'Create domain' }).click();
    await debuggerWindow.getByTestId('domain-url').filter({ hasText: `http://brand-new.localhost:${port}` }).waitFor();
    expect((await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: bare }))).UserPool!.Domain).toBe('brand-new');

    // Cognito's refusal of a reserved word, in its words.
    provokesRefusals = true;
    await debuggerWindow.getByRole('button', { name: 'Delete domain' }).click();
    await debuggerWindow.getByLabel('Domain prefix').fill('my-cognito-app');
    await debuggerWindow.getByRole('button', { name: 'Create domain' }).click();
    await debuggerWindow.getByTestId('aws-error').filter({ hasText: 'Domain cannot contain reserved word: cognito' }).waitFor();
  }, 60_000);
});
