/**
 * The admin pages in Debian's Chromium against the real sandbox: pools, app clients, users and
 * groups created, edited and deleted through the window, each result checked through the real
 * AWS SDK; AWS errors shown inline; a user's recent flows linking to the flow view.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { controlsWithoutName } from './support/accessibility.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`admin.test.ts skipped: ${NO_CHROMIUM_REASON}`);

let browser: Browser;
let sandbox: TestSandbox;
let watched: WatchedPage;
let page: Page;
/**
 * Tests that provoke an AWS error answer on purpose: Chromium logs each 400 response as a
 * console error ("Failed to load resource"), which is then expected rather than a fault.
 */
let provokesAwsErrors = false;
const AWS_ERROR_LOG = /^Failed to load resource: the server responded with a status of 400/;

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
  provokesAwsErrors = false;
});
afterEach(async () => {
  if (!hasChromium) return;
  expect((watched?.errors ?? []).filter((error) => !(provokesAwsErrors && AWS_ERROR_LOG.test(error)))).toEqual([]);
  await watched?.context.close();
  await sandbox.close();
});

async function openAdmin(hash = '#/admin'): Promise<Page> {
  watched = await openPage(browser, `${sandbox.url}/_sandbox/${hash}`);
  page = watched.page;
  page.setDefaultTimeout(8_000); // a missing element fails its own step, not the whole test's clock
  return page;
}

async function createPool(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { UserPool } = await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: name, UsernameAttributes: ['email'], ...extra }));
  return UserPool!.Id!;
}

async function createConfirmedUser(poolId: string, email: string, password = 'Passw0rd!x'): Promise<void> {
  await sandbox.cognito.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }] }),
  );
  await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: password, Permanent: true }));
}

function dialog(name: string) {
  return page.getByRole('dialog', { name });
}

async function awsError(): Promise<string> {
  provokesAwsErrors = true;
  const note = page.getByTestId('aws-error').first();
  await note.waitFor();
  return (await note.textContent())!.replace(/\s+/g, ' ').trim();
}

describe('user pools', () => {
  it('creates, edits and deletes a pool through the window', async () => {
    await openAdmin();
    await page.getByRole('button', { name: 'New user pool' }).click();
    const create = dialog('New user pool');
    await create.getByLabel('Pool name').fill('shop-users');
    await create.getByRole('button', { name: 'Create pool' }).click();
    await page.getByRole('heading', { level: 1, name: 'shop-users' }).waitFor();
    const poolId = (await page.getByTestId('pool-id').textContent())!;

    const described = (await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(described).toMatchObject({ Name: 'shop-users', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Pool name').fill('shop-customers');
    await page.getByLabel('Minimum length').fill('12');
    await page.getByLabel('Symbols').uncheck();
    await page.getByLabel(/Deletion protection/).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const edited = (await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(edited).toMatchObject({
      Name: 'shop-customers',
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false, RequireUppercase: true } },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    });

    // Deletion protection: Cognito's refusal shows in the dialog.
    await page.getByRole('button', { name: 'Delete pool…' }).click();
    await dialog('Delete shop-customers?').getByRole('button', { name: 'Delete pool' }).click();
    expect(await awsError()).toContain('InvalidParameterException');
    expect(await awsError()).toContain('deletion protection is activated');
    await dialog('Delete shop-customers?').getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel(/Deletion protection/).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByRole('button', { name: 'Delete pool…' }).click();
    await dialog('Delete shop-customers?').getByRole('button', { name: 'Delete pool' }).click();
    await page.getByRole('heading', { name: 'Create your first user pool' }).waitFor();
    const { UserPools } = await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(UserPools).toEqual([]);
  });

  it('lists pools made elsewhere and opens each', async () => {
    const first = await createPool('alpha');
    const second = await createPool('beta');
    await openAdmin();
    const pools = page.getByRole('navigation', { name: 'User pools' });
    await pools.getByRole('link', { name: /alpha/ }).waitFor();
    expect(await pools.getByRole('link').allTextContents()).toEqual([expect.stringContaining(first), expect.stringContaining(second)]);
    await pools.getByRole('link', { name: /beta/ }).click();
    await page.getByRole('heading', { level: 1, name: 'beta' }).waitFor();
    expect(page.url()).toContain(`#/admin/${second}`);
  });
});

describe('app clients', () => {
  it('creates, edits and deletes a client through the window', async () => {
    const poolId = await createPool('apps');
    await openAdmin(`#/admin/${poolId}/clients`);
    await page.getByRole('button', { name: 'New app client' }).click();
    const create = dialog('New app client');
    await create.getByLabel('App client name').fill('web');
    await create.getByLabel(/^USER_PASSWORD_AUTH/).check();
    await create.getByRole('button', { name: 'Create client' }).click();
    const row = page.getByRole('row').filter({ hasText: 'web' });
    await row.waitFor();
    const clientId = (await row.getAttribute('data-client-id'))!;

    const created = (await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;
    expect(created.ClientName).toBe('web');
    expect(created.ClientSecret).toBeUndefined();
    expect([...created.ExplicitAuthFlows!].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);

    await page.getByRole('button', { name: 'Edit web' }).click();
    const edit = dialog('Edit web');
    await edit.getByLabel('App client name').fill('web-app');
    await edit.getByLabel(/Allow OAuth flows/).check();
    await edit.getByLabel('code', { exact: true }).check();
    await edit.getByLabel('openid', { exact: true }).check();
    await edit.getByLabel('email', { exact: true }).check();
    await edit.getByLabel('Callback URLs').fill('http://localhost:3000/callback');
    await edit.getByLabel('Access token', { exact: true }).fill('30');
    await edit.getByRole('button', { name: 'Save client' }).click();
    await page.getByRole('button', { name: 'Edit web-app' }).waitFor();

    const edited = (await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;
    expect(edited).toMatchObject({
      ClientName: 'web-app',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['http://localhost:3000/callback'],
      AccessTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect([...edited.AllowedOAuthScopes!].sort()).toEqual(['email', 'openid']);
    // What the form does not show survives the update.
    expect([...edited.ExplicitAuthFlows!].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);

    await page.getByRole('button', { name: 'Delete web-app' }).click();
    await dialog('Delete web-app?').getByRole('button', { name: 'Delete client' }).click();
    await page.getByText('No app clients yet').waitFor();
    await expect(sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it("shows Cognito's validation error inline", async () => {
    const poolId = await createPool('apps');
    await openAdmin(`#/admin/${poolId}/clients`);
    await page.getByRole('button', { name: 'New app client' }).click();
    const create = dialog('New app client');
    await create.getByLabel('App client name').fill('bad');
    await create.getByLabel(/Allow OAuth flows/).check();
    await create.getByLabel('code', { exact: true }).check();
    await create.getByLabel('openid', { exact: true }).check();
    await create.getByLabel('Callback URLs').fill('http://example.com/callback');
    await create.getByRole('button', { name: 'Create client' }).click();
    const error = await awsError();
    expect(error).toBe('InvalidParameterException: http://example.com/callback cannot use the HTTP protocol.');
    expect(await create.isVisible()).toBe(true);
  });
});

describe('users', () => {
  it('creates a user, edits attributes, disables, sets the password, manages groups and deletes', async () => {
    const poolId = await createPool('people');
    await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    await openAdmin(`#/admin/${poolId}/users`);

    await page.getByRole('button', { name: 'New user' }).click();
    const create = dialog('New user');
    await create.getByLabel('Email address (username)').fill('ann@example.com');
    await create.getByLabel('Password', { exact: true }).fill('short');
    await create.getByRole('button', { name: 'Create user' }).click();
    expect(await awsError()).toMatch(/^InvalidPasswordException: Password did not conform with policy: /);
    await create.getByLabel('Password', { exact: true }).fill('Passw0rd!ann');
    await create.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { name: 'Attributes' }).waitFor();

    const target = { UserPoolId: poolId, Username: 'ann@example.com' };
    const created = await sandbox.cognito.send(new AdminGetUserCommand(target));
    expect(created.UserStatus).toBe('CONFIRMED');
    expect(created.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'ann@example.com' }, { Name: 'email_verified', Value: 'true' }]));
    expect(await page.getByTestId('user-status').textContent()).toBe('CONFIRMED');

    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Name', { exact: true }).fill('given_name');
    await page.getByLabel('Value', { exact: true }).fill('Ann');
    await page.getByRole('button', { name: 'Save attribute' }).click();
    await page.getByRole('rowheader', { name: 'given_name' }).waitFor();
    await page.getByRole('button', { name: 'Edit given_name' }).click();
    await page.getByLabel('Value', { exact: true }).fill('Annie');
    await page.getByRole('button', { name: 'Save attribute' }).click();
    await page.getByRole('cell', { name: 'Annie', exact: true }).waitFor();
    expect((await sandbox.cognito.send(new AdminGetUserCommand(target))).UserAttributes).toContainEqual({ Name: 'given_name', Value: 'Annie' });
    await page.getByRole('button', { name: 'Delete given_name' }).click();
    await page.getByRole('rowheader', { name: 'given_name' }).waitFor({ state: 'detached' });
    expect((await sandbox.cognito.send(new AdminGetUserCommand(target))).UserAttributes!.map((a) => a.Name)).not.toContain('given_name');

    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('button', { name: 'Enable user' }).waitFor();
    expect((await sandbox.cognito.send(new AdminGetUserCommand(target))).Enabled).toBe(false);
    expect(await page.getByTestId('user-enabled').textContent()).toBe('disabled');
    await page.getByRole('button', { name: 'Enable user' }).click();
    await page.getByRole('button', { name: 'Disable user' }).waitFor();
    expect((await sandbox.cognito.send(new AdminGetUserCommand(target))).Enabled).toBe(true);

    await page.getByLabel('Group to add the user to').selectOption('editors');
    await page.getByRole('button', { name: 'Add to group' }).click();
    await page.getByRole('button', { name: 'Remove from editors' }).waitFor();
    const groupsOf = async () =>
      (await sandbox.cognito.send(new AdminListGroupsForUserCommand(target))).Groups!.map((g) => g.GroupName);
    expect(await groupsOf()).toEqual(['editors']);
    await page.getByRole('button', { name: 'Remove from editors' }).click();
    await page.getByText('In no group.').waitFor();
    expect(await groupsOf()).toEqual([]);

    await page.getByRole('button', { name: 'Set password…' }).click();
    const password = dialog('Set password');
    await password.getByLabel('New password').fill('Temp0rary!pw');
    await password.getByLabel(/Permanent/).uncheck();
    await password.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('user-status').filter({ hasText: 'FORCE_CHANGE_PASSWORD' }).waitFor();
    expect((await sandbox.cognito.send(new AdminGetUserCommand(target))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');

    expect(await page.getByRole('heading', { level: 2 }).last().textContent()).toBe('ann@example.com');
    await page.getByRole('button', { name: 'Delete user…' }).click();
    await dialog('Delete ann@example.com?').getByRole('button', { name: 'Delete user' }).click();
    await page.getByText('No users yet.').waitFor();
    await expect(sandbox.cognito.send(new AdminGetUserCommand(target))).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('searches users by prefix with ListUsers', async () => {
    const poolId = await createPool('people');
    for (const email of ['amy@example.com', 'bob@example.com', 'amos@example.com']) await createConfirmedUser(poolId, email);
    await openAdmin(`#/admin/${poolId}/users`);
    const table = page.getByRole('table', { name: 'Users of people' });
    await table.getByRole('link', { name: 'bob@example.com' }).waitFor();
    await page.getByLabel('Search by').selectOption('email');
    await page.getByLabel('Search text').fill('am');
    await table.getByRole('link', { name: 'bob@example.com' }).waitFor({ state: 'detached' });
    const emails = await table.getByRole('link').allTextContents();
    expect(emails.map((e) => e.trim()).sort()).toEqual(['amos@example.com', 'amy@example.com']);
  });

  it("lists the user's recent flows, each linking to the flow view", async () => {
    const poolId = await createPool('signins');
    const { UserPoolClient } = await sandbox.cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    await createConfirmedUser(poolId, 'sam@example.com');
    await createConfirmedUser(poolId, 'other@example.com');
    const signIn = (username: string) =>
      sandbox.cognito.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: UserPoolClient!.ClientId!, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!x' } }),
      );
    await signIn('sam@example.com');
    await signIn('other@example.com');
    const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as { id: string; username: string }[];
    const samsFlow = flows.find((flow) => flow.username === 'sam@example.com')!;

    await openAdmin(`#/admin/${poolId}/user:${encodeURIComponent('sam@example.com')}`);
    const recent = page.getByRole('region', { name: 'Recent flows' });
    await recent.getByRole('link').first().waitFor();
    expect(await recent.getByRole('link').count()).toBe(1);
    expect(await recent.getByRole('link').getAttribute('href')).toBe(`#/flows/${samsFlow.id}`);
    await recent.getByRole('link').click();
    await page.waitForURL(new RegExp(`#/flows/${samsFlow.id}$`));
  });
});

describe('groups', () => {
  it('creates, edits and deletes a group and lists its members', async () => {
    const poolId = await createPool('teams');
    await createConfirmedUser(poolId, 'lee@example.com');
    await openAdmin(`#/admin/${poolId}/groups`);

    await page.getByRole('button', { name: 'New group' }).click();
    const create = dialog('New group');
    await create.getByLabel('Group name').fill('admins');
    await create.getByLabel('Description').fill('People who run things');
    await create.getByLabel('Precedence').fill('1');
    await create.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('cell', { name: 'admins', exact: true }).waitFor();
    const getGroup = async () => (await sandbox.cognito.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }))).Group!;
    expect(await getGroup()).toMatchObject({ GroupName: 'admins', Description: 'People who run things', Precedence: 1 });

    await page.getByRole('button', { name: 'Edit admins' }).click();
    const edit = dialog('Edit admins');
    await edit.getByLabel('Description').fill('Run the shop');
    await edit.getByLabel('Precedence').fill('5');
    await edit.getByLabel('IAM role ARN').fill('arn:aws:iam::000000000000:role/admins');
    await edit.getByRole('button', { name: 'Save group' }).click();
    await page.getByRole('cell', { name: 'Run the shop', exact: true }).waitFor();
    expect(await getGroup()).toMatchObject({ Description: 'Run the shop', Precedence: 5, RoleArn: 'arn:aws:iam::000000000000:role/admins' });

    await sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'lee@example.com', GroupName: 'admins' }));
    await page.getByRole('button', { name: 'Members of admins' }).click();
    await page.getByRole('link', { name: 'lee@example.com' }).click();
    await page.getByRole('heading', { level: 2, name: 'lee@example.com' }).waitFor();
    const lee = (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'lee@example.com' }))).Username!;
    expect(await page.getByTestId('username').textContent()).toBe(lee);
    await page.getByRole('tab', { name: 'Groups' }).click();

    await page.getByRole('button', { name: 'Delete admins' }).click();
    await dialog('Delete admins?').getByRole('button', { name: 'Delete group' }).click();
    await page.getByText('No groups yet.').waitFor();
    await expect(getGroup()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('keyboard and accessible names', () => {
  it('gives every control in the admin pages an accessible name', async () => {
    const poolId = await createPool('names');
    await sandbox.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', GenerateSecret: true }));
    await createConfirmedUser(poolId, 'kim@example.com');
    await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'g' }));
    const unnamed = () => controlsWithoutName(page);
    await openAdmin(`#/admin/${poolId}/users`);
    for (const section of ['Users', 'Groups', 'App clients', 'Settings']) {
      await page.getByRole('tab', { name: section }).click();
      await page.waitForLoadState('networkidle');
      expect(await unnamed()).toEqual([]);
    }
    await page.getByRole('tab', { name: 'App clients' }).click();
    await page.getByRole('button', { name: 'New app client' }).click();
    await dialog('New app client').waitFor();
    expect(await unnamed()).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog('New app client').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'kim@example.com' }).click();
    await page.getByRole('heading', { name: 'Attributes' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await unnamed()).toEqual([]);
  });

  it('moves between sections with the arrow keys and opens dialogs from the keyboard', async () => {
    const poolId = await createPool('keys');
    await openAdmin(`#/admin/${poolId}/users`);
    await page.getByRole('tab', { name: 'Users' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\/groups$/);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent?.trim())).toBe('Groups');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\/clients$/);
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.textContent?.trim() === 'App clients');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog('New app client').waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('client-name');
    await page.keyboard.type('typed-client');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'typed-client', exact: true }).waitFor();
  });
});
