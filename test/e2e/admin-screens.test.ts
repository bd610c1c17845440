/**
 * Screenshots of the admin pages (admin-*.png; see test/e2e/support/browser.ts for where), light and dark, over a pool
 * filled the way an app fills one: users in every state, groups, clients of each kind, and
 * sign-ins that made flows. Each screen is also checked for unnamed controls and console errors.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { controlsWithoutName } from './support/accessibility.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot } from './support/browser.js';

if (!hasChromium) console.warn(`admin-screens.test.ts skipped: ${NO_CHROMIUM_REASON}`);

let browser: Browser;
let sandbox: TestSandbox;
let poolId: string;
let annUsername: string;

async function seed(): Promise<void> {
  const send = sandbox.cognito.send.bind(sandbox.cognito);
  const { UserPool } = await send(
    new CreateUserPoolCommand({ PoolName: 'shop-customers', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }),
  );
  poolId = UserPool!.Id!;
  await send(new CreateUserPoolCommand({ PoolName: 'internal-tools' }));
  await send(new CreateUserPoolCommand({ PoolName: 'partner-portal', UsernameAttributes: ['email', 'phone_number'] }));

  const { UserPoolClient: web } = await send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web-app',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  await send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'backend-service',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  await send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'hosted-ui',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['http://localhost:3000/callback'],
      LogoutURLs: ['http://localhost:3000/'],
      SupportedIdentityProviders: ['COGNITO'],
    }),
  );

  for (const [name, description, precedence] of [
    ['admins', 'Can manage orders and refunds', 1],
    ['support', 'Customer support agents', 5],
    ['beta-testers', 'Early access to new checkout', 10],
  ] as const) {
    await send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name, Description: description, Precedence: precedence }));
  }

  const people = [
    { email: 'ann.lee@example.com', given: 'Ann', family: 'Lee', confirmed: true },
    { email: 'bruno.diaz@example.com', given: 'Bruno', family: 'Díaz', confirmed: true },
    { email: 'chen.wei@example.com', given: 'Wei', family: 'Chen', confirmed: false },
    { email: 'dana.kovac@example.com', given: 'Dana', family: 'Kovač', confirmed: true, disabled: true },
    { email: 'emeka.obi@example.com', given: 'Emeka', family: 'Obi', confirmed: true },
  ];
  for (const person of people) {
    await send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: person.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: person.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'given_name', Value: person.given },
          { Name: 'family_name', Value: person.family },
        ],
      }),
    );
    if (person.confirmed) {
      await send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: person.email, Password: 'Passw0rd!demo', Permanent: true }));
    }
    if (person.disabled) await send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: person.email }));
  }
  await send(
    new SignUpCommand({
      ClientId: web!.ClientId!,
      Username: 'fatima.rahman@example.com',
      Password: 'Passw0rd!demo',
      UserAttributes: [{ Name: 'email', Value: 'fatima.rahman@example.com' }],
    }),
  );
  await send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ann.lee@example.com', GroupName: 'admins' }));
  await send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ann.lee@example.com', GroupName: 'beta-testers' }));
  await send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'bruno.diaz@example.com', GroupName: 'support' }));

  const signIn = (password: string) =>
    send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: web!.ClientId!,
        AuthParameters: { USERNAME: 'ann.lee@example.com', PASSWORD: password },
      }),
    );
  await signIn('Passw0rd!demo');
  await signIn('wrong-password').catch(() => undefined);
  await signIn('Passw0rd!demo');
  annUsername = (await send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ann.lee@example.com' }))).Username!;
}

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
  sandbox = await startSandbox();
  await seed();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** Opens the page, waits for `ready`, checks names, shoots, and returns the console errors. */
async function shoot(hash: string, name: string, ready: (page: Page) => Promise<unknown>, colorScheme: 'light' | 'dark' = 'light') {
  const { page, context, errors } = await openPage(browser, `${sandbox.url}/_sandbox/${hash}`, { colorScheme });
  page.setDefaultTimeout(8_000);
  await ready(page);
  await page.waitForLoadState('networkidle');
  expect(await controlsWithoutName(page)).toEqual([]);
  await screenshot(page, name);
  await context.close();
  return errors;
}

describe('admin screenshots', () => {
  it('users', async (context) => {
    if (!hasChromium) context.skip(NO_CHROMIUM_REASON);
    const errors = await shoot(`#/admin/${poolId}/users`, 'admin-users', (page) => page.getByRole('link', { name: 'emeka.obi@example.com' }).waitFor());
    expect(errors).toEqual([]);
  });

  it("a user's page, light and dark", async (context) => {
    if (!hasChromium) context.skip(NO_CHROMIUM_REASON);
    const ready = (page: Page) => page.getByRole('region', { name: 'Recent flows' }).getByRole('link').first().waitFor();
    expect(await shoot(`#/admin/${poolId}/user:${annUsername}`, 'admin-user', ready)).toEqual([]);
    expect(await shoot(`#/admin/${poolId}/user:${annUsername}`, 'admin-user-dark', ready, 'dark')).toEqual([]);
  });

  it('app clients, and the edit dialog', async (context) => {
    if (!hasChromium) context.skip(NO_CHROMIUM_REASON);
    expect(await shoot(`#/admin/${poolId}/clients`, 'admin-clients', (page) => page.getByRole('cell', { name: 'hosted-ui', exact: true }).waitFor())).toEqual([]);
    const dialog = async (page: Page) => {
      await page.getByRole('button', { name: 'Edit hosted-ui' }).click();
      await page.getByRole('dialog', { name: 'Edit hosted-ui' }).waitFor();
    };
    expect(await shoot(`#/admin/${poolId}/clients`, 'admin-client-edit', dialog)).toEqual([]);
    expect(await shoot(`#/admin/${poolId}/clients`, 'admin-clients-dark', (page) => page.getByRole('cell', { name: 'hosted-ui', exact: true }).waitFor(), 'dark')).toEqual([]);
  });

  it('groups and settings', async (context) => {
    if (!hasChromium) context.skip(NO_CHROMIUM_REASON);
    const groups = async (page: Page) => {
      await page.getByRole('button', { name: 'Members of admins' }).click();
      await page.getByRole('link', { name: 'ann.lee@example.com' }).waitFor();
    };
    expect(await shoot(`#/admin/${poolId}/groups`, 'admin-groups', groups)).toEqual([]);
    expect(await shoot(`#/admin/${poolId}/settings`, 'admin-settings', (page) => page.getByRole('button', { name: 'Save settings' }).waitFor())).toEqual([]);
  });
});
