/**
 * The hosted UI's pages in Debian's Chromium, filled as a user fills them: an app (openid-client
 * v6 from the pool's discovery document, PKCE S256, state and nonce) sends the browser to the
 * authorize URL, the browser goes through the real pages and comes back to the app's callback (a
 * local page standing in for the app), and the app redeems the code with openid-client. Sign-in;
 * sign-up and confirm with the code from the outbox; forgot password and reset; a
 * FORCE_CHANGE_PASSWORD user's new password; an SMS MFA code; an authenticator app set up from the
 * secret the page shows. Each page checked for unnamed controls; the sign-in and sign-up pages
 * shot (light).
 */
import { CreateUserPoolDomainCommand, SetUserPoolMfaConfigCommand, type CreateUserPoolClientCommandInput, type CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';
import { controlsWithoutName } from './support/accessibility.js';
import { startAppBrowser, type AppBrowser } from './support/app-browser.js';
import { hasChromium, NO_CHROMIUM_REASON, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`hosted-pages.test.ts skipped: ${NO_CHROMIUM_REASON}`);

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';

let started: AppBrowser;
let sandbox: TestSandbox;
let callbackUrl: string;
/** One page for the whole file; its cookies are cleared between tests. */
let watched: WatchedPage;
let page: Page;
let domains = 0;

beforeAll(async () => {
  if (!hasChromium) return;
  started = await startAppBrowser();
  ({ sandbox, callbackUrl, watched, page } = started);
}, 120_000);

afterAll(async () => {
  await started?.close();
});

afterEach(async () => {
  if (!hasChromium) return;
  expect(watched.errors).toEqual([]);
  watched.errors.length = 0;
  await watched.context.clearCookies();
});

interface World {
  poolId: string;
  config: oidc.Configuration;
}

async function world(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}): Promise<World> {
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: `Hosted pages ${++domains}`, AutoVerifiedAttributes: ['email'], ...pool });
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `pages-e2e-${domains}-${process.pid}` }));
  const { clientId, clientSecret } = await createClient(cognito, poolId, {
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: [callbackUrl],
    SupportedIdentityProviders: ['COGNITO'],
    ...client,
  });
  const config = await oidc.discovery(new URL(`${sandbox.url}/${poolId}`), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  return { poolId, config };
}

/**
 * The app's side of a login: opens the authorize URL in the browser, lets `userSteps` go through
 * the pages, waits for the browser back at the callback and redeems the code there.
 */
async function login(w: World, userSteps: () => Promise<void>): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers> {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(w.config, {
    redirect_uri: callbackUrl,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  await page.goto(url.href);
  await userSteps();
  await page.waitForURL(`${callbackUrl}?**`);
  expect(await page.textContent('body')).toContain('back in the app');
  const tokens = await oidc.authorizationCodeGrant(w.config, new URL(page.url()), { pkceCodeVerifier, expectedState: state, expectedNonce: nonce });
  expect(tokens.claims()?.nonce).toBe(nonce);
  return tokens;
}

/** A page the login shows: its heading, and no control without a name. */
async function expectPage(heading: string): Promise<void> {
  await expect.poll(() => page.locator('.heading').first().textContent()).toBe(heading);
  expect(await controlsWithoutName(page)).toEqual([]);
}

async function signIn(username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const usernameOf = (tokens: { access_token: string }) => decodeJwt(tokens.access_token).username;

describe.skipIf(!hasChromium)('the hosted pages in Chromium', () => {
  it('signs in on the sign-in page', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true' } });
    const tokens = await login(w, async () => {
      await expectPage('Sign in with your username and password');
      await screenshot(page, 'hosted-sign-in-page-light');
      await signIn('alice', 'wrong-password');
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
      await signIn('alice', PASSWORD);
    });
    expect(tokens.claims()).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com' });
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('signs up with the required attributes and confirms with the code from the outbox', async () => {
    const w = await world({ Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }, { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }] });
    const tokens = await login(w, async () => {
      await page.getByRole('link', { name: 'Sign up' }).click();
      await expectPage('Sign up with a new account');
      await page.getByLabel('Username').fill('bob');
      await page.getByLabel('Email').fill('bob@example.com');
      await page.getByLabel('Name', { exact: true }).fill('Bob Builder');
      await page.getByLabel('Password').fill('weak');
      await screenshot(page, 'hosted-sign-up-page-light');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Password did not conform with policy/);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expectPage('Confirm your account');
      expect(await page.textContent('body')).toContain('We have sent a code by email to b***@e***. Enter it below to confirm your account.');
      await page.getByRole('button', { name: 'Send a new code' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('A new code has been sent.');
      await page.getByLabel('Verification Code').fill((await latestMessageTo(sandbox.url, 'bob@example.com')).code);
      await page.getByRole('button', { name: 'Confirm Account' }).click();
    });
    expect(tokens.claims()).toMatchObject({ 'cognito:username': 'bob', email: 'bob@example.com', name: 'Bob Builder', email_verified: true });
  });

  it('resets a forgotten password and signs in with the new one', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'carol', { password: PASSWORD, attributes: { email: 'carol@example.com', email_verified: 'true' } });
    const tokens = await login(w, async () => {
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expectPage('Forgot your password?');
      await page.getByLabel('Username').fill('carol');
      await page.getByRole('button', { name: 'Reset my password' }).click();
      await expectPage('Reset your password');
      expect(await page.textContent('body')).toContain('We have sent a password reset code by email to c***@e***');
      await page.getByLabel('Code').fill((await latestMessageTo(sandbox.url, 'carol@example.com')).code);
      await page.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Enter New Password Again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change Password' }).click();
      await expectPage('Sign in with your username and password');
      expect(await page.getByRole('status').textContent()).toBe('Your password has been reset. Sign in with your new password.');
      await signIn('carol', NEW_PASSWORD);
    });
    expect(usernameOf(tokens)).toBe('carol');
  });

  it('asks a user with a temporary password for a new one', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'dave', { password: PASSWORD, permanent: false, attributes: { email: 'dave@example.com', email_verified: 'true' } });
    const tokens = await login(w, async () => {
      await signIn('dave', PASSWORD);
      await expectPage('Change Password');
      await page.getByLabel('New Password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Enter New Password Again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Send' }).click();
    });
    expect(usernameOf(tokens)).toBe('dave');
  });

  it('asks for the SMS MFA code sent to the user\'s phone', async () => {
    const w = await world();
    await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }));
    await createAdminUser(sandbox.cognito, w.poolId, 'erin', { password: PASSWORD, attributes: { phone_number: '+12125550199', phone_number_verified: 'true' } });
    const tokens = await login(w, async () => {
      await signIn('erin', PASSWORD);
      await expectPage('Multi-factor authentication');
      expect(await page.textContent('body')).toContain('We have delivered the authentication code by SMS to +*******0199');
      await page.getByLabel('Code').fill((await latestMessageTo(sandbox.url, '+12125550199')).code);
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
    expect(usernameOf(tokens)).toBe('erin');
  });

  it('sets up an authenticator app from the secret the page shows', async () => {
    const w = await world();
    await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await createAdminUser(sandbox.cognito, w.poolId, 'fay', { password: PASSWORD, attributes: { email: 'fay@example.com', email_verified: 'true' } });
    const tokens = await login(w, async () => {
      await signIn('fay', PASSWORD);
      await expectPage('Set up authenticator app MFA');
      const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
      const loaded = await qr.evaluate((element) => {
        const image = element as unknown as { complete: boolean; naturalWidth: number };
        return image.complete && image.naturalWidth > 0;
      });
      expect(loaded).toBe(true);
      await page.locator("summary", { hasText: "Show secret key" }).click();
      const secret = (await page.locator('.secret').textContent())!.trim();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await page.getByLabel('Code').fill(new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate());
      await page.getByLabel('Device name (optional)').fill('my phone');
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
    expect(usernameOf(tokens)).toBe('fay');
  });
});
