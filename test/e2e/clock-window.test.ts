/**
 * Time travel from the window, in Chromium: the clock control in the top bar moves the sandbox's
 * clock a day forward, lists the sign-up code that expired in the jump, the outbox shows the code
 * expired, the AWS SDK's ConfirmSignUp then answers ExpiredCodeException; a typed-in amount moves
 * it further; "Back to real time" returns.
 */
import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { latestMessageTo } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('clock-window.test.ts');

it.skipIf(!hasChromium)('the clock advanced from the window expires a sign-up code: listed, shown in the outbox, refused by ConfirmSignUp; back to real time', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'clock-pool', AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app' });
  await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'cleo', Password: 'Passw0rd!Clock', UserAttributes: [{ Name: 'email', Value: 'cleo@example.com' }] }));
  const { code } = await latestMessageTo(sandbox.url, 'cleo@example.com');

  const { page, errors } = await ui.open('/_sandbox/#/outbox');
  const label = page.getByTestId('clock-label');
  const codeStates = () => page.locator('.message-row [data-testid="code-state"]').allTextContents();
  await expect.poll(() => label.textContent()).toBe('Real time');
  await expect.poll(codeStates).toEqual(['waiting']);

  await page.getByTestId('clock-control').click();
  const panel = page.getByRole('group', { name: 'Sandbox clock' });
  await panel.getByRole('button', { name: '+1 day' }).click();
  await expect.poll(() => label.textContent()).toMatch(/^\+1 d · (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d\d:\d\d$/);
  const expired = panel.getByTestId('clock-expired').locator('li');
  // The code, and the sign-up flow that waited for it, which ends expired (its row links to the flow).
  const rowsOf = () =>
    expired.evaluateAll((items) => items.map((item) => ['.kind', '.who', '.what', '.flow-link'].map((part) => item.querySelector(part)?.textContent?.trim() ?? '').join(' | ')).sort());
  await expect.poll(rowsOf).toEqual([
    'Code | cleo | sign-up confirmation code (ConfirmSignUp) | ',
    'Session | cleo | sign-up flow waiting for ConfirmSignUp | open the flow',
  ]);
  expect(await expired.first().getAttribute('title')).toBe(`User pool ${poolId}`);
  await expect.poll(codeStates).toEqual(['expired']);
  await screenshot(page, 'clock-panel-expired');

  await expect(sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'cleo', ConfirmationCode: code }))).rejects.toMatchObject({
    name: 'ExpiredCodeException',
    message: 'Invalid code provided, please request a code again.',
  });

  // A typed-in amount: two more hours; nothing else had a deadline in them.
  await panel.getByLabel('Amount to advance by').fill('2');
  await panel.getByLabel('Unit').selectOption('hours');
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect.poll(() => label.textContent()).toMatch(/^\+1 d 2 h · /);
  await expect.poll(() => panel.getByTestId('clock-expired').textContent()).toContain('Nothing expired.');
  // A refused amount says why, and the clock stays.
  await panel.getByLabel('Amount to advance by').fill('-5');
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/forward only/);
  expect(sandbox.app.services.clock.offsetMs).toBe(26 * 60 * 60 * 1000);

  await panel.getByRole('button', { name: 'Back to real time' }).click();
  await expect.poll(() => label.textContent()).toBe('Real time');
  expect(await fetch(`${sandbox.url}/_sandbox/api/clock`).then((r) => r.json())).toMatchObject({ offsetMs: 0, real: true });
  expect(await panel.getByRole('button', { name: 'Back to real time' }).isDisabled()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => panel.isVisible()).toBe(false);
  expect(errors).toEqual([]);
}, 15_000);
