/**
 * The first run's demo button and the sandbox reset, in Debian's Chromium against the real
 * sandbox; what they made or removed is checked through the AWS SDK and the AWS CLI.
 */
import {
  AdminGetUserCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsCli, awsCliPath } from '../support/aws-cli.js';
import { ensureBuilt } from '../support/build.js';
import { eventsDuring } from '../support/events.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`admin-demo.test.ts skipped: ${NO_CHROMIUM_REASON}`);

const DEMO_BUTTON = 'Create a demo pool, client and user';

let browser: Browser;
let sandbox: TestSandbox;
let watched: WatchedPage | undefined;
let page: Page;

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

beforeEach(async (context) => {
  if (!hasChromium) context.skip(NO_CHROMIUM_REASON);
  sandbox = await startSandbox();
});
afterEach(async () => {
  if (!hasChromium) return;
  expect(watched?.errors ?? []).toEqual([]);
  await watched?.context.close();
  watched = undefined;
  await sandbox.close();
});

async function open(hash: string): Promise<Page> {
  watched = await openPage(browser, `${sandbox.url}/_sandbox/${hash}`);
  page = watched.page;
  page.setDefaultTimeout(8_000);
  return page;
}

async function shown(testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())!.trim();
}

async function pressDemoButton(): Promise<{ poolId: string; clientId: string; username: string; password: string }> {
  await page.getByRole('button', { name: DEMO_BUTTON }).click();
  await page.getByTestId('demo-snippet').waitFor();
  return {
    poolId: await shown('demo-pool-id'),
    clientId: await shown('demo-client-id'),
    username: await shown('demo-username'),
    password: await shown('demo-password'),
  };
}

describe('the demo button', () => {
  it('makes a pool, a client and a confirmed user one can sign in with, and shows how', async () => {
    await open('#/admin');
    const demo = await pressDemoButton();
    expect(demo.username).toBe('demo@example.com');
    await screenshot(page, 'admin-demo');

    const pool = (await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: demo.poolId }))).UserPool!;
    expect(pool).toMatchObject({ Name: 'demo', UsernameAttributes: ['email'] });
    const client = (await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: demo.poolId, ClientId: demo.clientId }))).UserPoolClient!;
    expect(client.ClientSecret).toBeUndefined();
    expect([...client.ExplicitAuthFlows!].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: demo.poolId, Username: demo.username }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });

    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: demo.clientId, AuthParameters: { USERNAME: demo.username, PASSWORD: demo.password } }),
    );
    expect(AuthenticationResult?.IdToken).toBeTruthy();

    const snippet = await shown('demo-snippet');
    for (const piece of [sandbox.url, demo.clientId, demo.username, demo.password, "AuthFlow: 'USER_PASSWORD_AUTH'"]) expect(snippet).toContain(piece);
    // The admin pages list the demo pool and open it on request.
    await page.getByRole('navigation', { name: 'User pools' }).getByRole('link', { name: /demo/ }).waitFor();
    await page.getByRole('button', { name: 'Open the demo pool' }).click();
    await page.getByRole('heading', { level: 1, name: 'demo' }).waitFor();
    await page.getByRole('link', { name: demo.username }).waitFor();
  });

  it('gives an AWS CLI command that signs the demo user in', async (context) => {
    if (!awsCliPath) context.skip('the AWS CLI is not installed (apt-get install -y awscli)');
    await open('#/admin');
    const demo = await pressDemoButton();
    await page.getByText('AWS CLI', { exact: true }).click();
    const command = await shown('demo-snippet');
    expect(command).toContain(`--client-id ${demo.clientId}`);
    // The snippet's words, as a shell would split them (it quotes nothing).
    const words = command.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
    expect(words.slice(0, 3)).toEqual(['aws', 'cognito-idp', 'initiate-auth']);
    const args = words.slice(1).filter((_word, index, all) => all[index - 1] !== '--endpoint-url' && all[index] !== '--endpoint-url');
    const result = await awsCli(sandbox.url, args);
    expect(result.stderr).toBe('');
    expect(result.json.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('reuses the demo when pressed again instead of making a second one', async () => {
    await open('#/admin');
    const first = await pressDemoButton();
    await watched!.context.close();
    await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'other' }));
    await open('#/flows');
    // The first-run guide is still up (no flows yet), with the same button.
    const second = await pressDemoButton();
    expect(second).toEqual(first);
    const pools = (await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!;
    expect(pools.filter((pool) => pool.Name === 'demo')).toHaveLength(1);
    const clients = (await sandbox.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: first.poolId, MaxResults: 60 }))).UserPoolClients!;
    expect(clients).toHaveLength(1);
  });

  it('is on the first-run guide of the flows view, keyboard reachable, and screenshots well', async () => {
    await open('#/flows');
    const button = page.getByRole('button', { name: DEMO_BUTTON });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('demo-snippet').waitFor();
    await screenshot(page, 'admin-demo-first-run');
  });
});

describe('the sandbox reset', () => {
  it('empties the sandbox when the page posts to the admin endpoint, and the page loads afresh on hearing it', async () => {
    await open('#/admin');
    await pressDemoButton();
    const events = await eventsDuring(sandbox.app, async () => {
      const reloaded = page.waitForEvent('load');
      // Every open window hears sandbox.reset and loads afresh, this one too: its fetch may not live to see the answer.
      void page.evaluate(() => fetch('/_sandbox/api/admin/reset', { method: 'POST' })).catch(() => undefined);
      await reloaded;
    });
    expect(events.find((event) => event.type === 'sandbox.reset')?.data).toMatchObject({ deleted: { userPools: 1 } });
    expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
    await page.getByRole('heading', { name: 'Create your first user pool' }).waitFor();
  });
});
