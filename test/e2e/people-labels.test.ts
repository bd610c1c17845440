/**
 * People, not UUIDs, in Debian's Chromium: in a pool whose username is the email, every flow of
 * one person (sign-up with its UUID username, sign-in, a refused sign-in, forgot password) is
 * labelled by the email, found by searching the email or the UUID, and the user filter lists the
 * person once.
 */
import { AdminGetUserCommand, ConfirmSignUpCommand, ForgotPasswordCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { latestMessageTo } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('people-labels.test.ts');

it.skipIf(!hasChromium)('labels, finds and filters a person\'s flows by their email, the UUID secondary', async () => {
  const { sandbox } = ui;
  const EMAIL = 'grace@example.com';
  const PASSWORD = 'Passw0rd!Grace';
  const poolId = await createPool(sandbox.cognito, { PoolName: 'email-pool', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  const { UserSub } = await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: EMAIL, Password: PASSWORD }));
  const { code } = await latestMessageTo(sandbox.url, EMAIL);
  await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: EMAIL, ConfirmationCode: code }));
  const signIn = (password: string) =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD: password } }));
  await expect(signIn('Wrong!Passw0rd')).rejects.toThrow();
  await signIn(PASSWORD);
  await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: EMAIL }));

  const { page, errors } = await ui.open('/_sandbox/#/flows');
  const rows = page.locator('.flow-row');
  await expect.poll(() => rows.count()).toBe(4);
  await expect.poll(() => rows.locator('.user').allTextContents()).toEqual([EMAIL, EMAIL, EMAIL, EMAIL]);
  expect(await rows.locator('.user').first().getAttribute('title')).toMatch(new RegExp(`^${EMAIL} · [0-9a-f-]{36}$`));

  const users = page.getByLabel('Filter by user');
  await expect.poll(() => users.locator('option').allTextContents()).toEqual(['All users', expect.stringMatching(new RegExp(`^${EMAIL} \\([0-9a-f-]{36}\\)$`))]);
  await users.selectOption({ index: 1 });
  await expect.poll(() => rows.count()).toBe(4);
  await page.getByRole('button', { name: 'Clear all flow filters' }).click();

  const search = page.getByLabel('Search flows');
  await search.fill(EMAIL.toUpperCase());
  await expect.poll(() => rows.count()).toBe(4);
  await search.fill(UserSub!);
  await expect.poll(() => rows.count()).toBe(4);
  await search.fill('someone-else@example.com');
  await expect.poll(() => rows.count()).toBe(0);
  await search.fill('');
  await screenshot(page.getByRole('region', { name: 'Flows timeline' }), 'flows-labelled-by-email');
  expect(errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)("opens a person's page from the flow header: flows, messages and the admin call, in order, with the failed sign-in counted", async () => {
  const { sandbox } = ui;
  const EMAIL = 'linus@example.com';
  const PASSWORD = 'Passw0rd!Linus';
  const poolId = await createPool(sandbox.cognito, { PoolName: 'person-pool', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  const { UserSub } = await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: EMAIL, Password: PASSWORD }));
  const { code } = await latestMessageTo(sandbox.url, EMAIL);
  await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: EMAIL, ConfirmationCode: code }));
  await expect(
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD: 'Wrong!Passw0rd' } })),
  ).rejects.toThrow();
  await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: EMAIL }));

  const { page, errors } = await ui.open('/_sandbox/#/flows');
  await page.locator('.flow-row').first().click();
  await page.getByTestId('person-link').click();
  await page.waitForURL(new RegExp(`#/people/${poolId}/${UserSub}$`));
  const person = page.getByRole('region', { name: 'Person' });
  await person.getByRole('heading', { name: EMAIL }).waitFor();
  await expect.poll(() => person.locator('.entry').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')))).toEqual(['flow', 'message', 'flow', 'api-call']);
  await expect(person.getByTestId('lockout').textContent()).resolves.toMatch(/1 failed sign-in, .*not locked out/);
  await screenshot(person, 'person-page');
  expect(errors).toEqual([]);
}, 20_000);
