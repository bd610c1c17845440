/**
 * Breakpoints in Debian's Chromium, as a new user meets them: a breakpoint set on PreSignUp from
 * the Breakpoints tab pauses a sign-up the AWS SDK started; the tab's badge counts it; the exact
 * event is edited in the window (a JSON error shown inline first) and the function runs with it,
 * so the user is created as the edited event says; from the flow's own detail, an answer given
 * instead of the function, and its trigger step offers "Break here next time"; and a forced failure
 * reaches the SDK as UserLambdaValidationException.
 */
import { AdminGetUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { fixture, startSandboxWithHandlers } from '../support/triggers.js';
import { arn } from '../support/triggers.js';
import { createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('breakpoints-window.test.ts', () => startSandboxWithHandlers({ 'returns-event': fixture('returns-event.cjs') }));
const PASSWORD = 'Passw0rd!Break';

/** The paused flow's editor, once the flow has stopped. */
async function pausedEditor(page: Page) {
  const editor = page.getByTestId('paused-flow').getByTestId('paused-editor');
  await expect.poll(() => editor.inputValue(), { timeout: 10_000 }).toContain('PreSignUp_SignUp');
  return editor;
}

it.skipIf(!hasChromium)('a PreSignUp breakpoint set in the window pauses an SDK sign-up; edited, answered by hand, or failed from the window', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'breakpoint-pool', AutoVerifiedAttributes: ['email'], LambdaConfig: { PreSignUp: arn('returns-event') } });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web-app' });
  const signUp = (username: string) =>
    sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  const statusOf = async (username: string) => (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus;

  const { page, errors } = await ui.open('/_sandbox/#/breakpoints');
  const tab = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Breakpoints/ });

  // Set the breakpoint: the pool is the only one, the trigger PreSignUp is the first offered.
  const form = page.getByRole('form', { name: 'Add a breakpoint' });
  await expect.poll(() => form.locator('select[name="pool"]').inputValue()).toBe(poolId);
  await form.locator('select[name="trigger"]').selectOption('PreSignUp');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await expect.poll(() => page.getByTestId('breakpoint-list').locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/before PreSignUp.*breakpoint-pool.*every user and client.*pauses/)]);

  // 1. The SDK signs up; the flow pauses before the function; the event is edited and the function runs with it.
  const first = signUp('ada');
  let editor = await pausedEditor(page);
  await expect.poll(() => tab.textContent()).toMatch(/Breakpoints\s*1/);
  await expect.poll(() => page.getByTestId('client-countdown').textContent()).toMatch(/AWS SDK for JavaScript v3\s+waits as long as the flow is paused/);
  const event = await editor.inputValue();
  await editor.fill(event.replace('"autoConfirmUser": false', '"autoConfirmUser": tru'));
  await expect.poll(() => page.getByTestId('json-error').textContent()).toMatch(/Not valid JSON/);
  expect(await page.locator('[data-action="edit"]').isDisabled()).toBe(true);
  await editor.fill(event.replace('"autoConfirmUser": false', '"autoConfirmUser": true').replace('"autoVerifyEmail": false', '"autoVerifyEmail": true'));
  await expect.poll(() => page.getByTestId('json-error').textContent()).toMatch(/Edited/);
  await screenshot(page, 'breakpoints-paused-sign-up');
  await page.locator('[data-action="edit"]').click();
  expect((await first).UserConfirmed).toBe(true);
  expect(await statusOf('ada')).toBe('CONFIRMED');
  await expect.poll(() => page.getByTestId('no-paused').isVisible()).toBe(true);
  await expect.poll(async () => (await tab.textContent())?.trim()).toBe('Breakpoints');

  // 2. From the flow's own detail: the banner says where it stopped; an answer replaces the function's.
  const second = signUp('bob');
  await pausedEditor(page);
  await page.getByRole('link', { name: 'open the flow' }).click();
  const banner = page.getByTestId('paused-banner');
  await expect.poll(() => banner.getByRole('heading').textContent()).toBe('Paused at PreSignUp');
  editor = banner.getByTestId('paused-editor');
  await editor.fill((await editor.inputValue()).replace('"autoConfirmUser": false', '"autoConfirmUser": true'));
  await screenshot(page, 'breakpoints-flow-banner');
  await banner.locator('[data-action="answer"]').click();
  expect((await second).UserConfirmed).toBe(true);
  expect(await statusOf('bob')).toBe('CONFIRMED');
  await expect.poll(() => banner.isVisible()).toBe(false);
  // The trigger's step says the answer was given at the breakpoint, and offers to break there again.
  await page.locator('.flow-detail button.step').filter({ hasText: 'PreSignUp_SignUp' }).last().click();
  const details = page.locator('.step-details');
  await expect.poll(() => details.getByTestId('answered-at-breakpoint').textContent()).toMatch(/answered at a breakpoint\s+by hand: no function ran/);
  await details.getByTestId('break-here').click();
  await expect.poll(() => details.getByRole('status').first().textContent()).toMatch(/Set: the next PreSignUp of this pool pauses/);

  // 3. A forced failure reaches the SDK as the function's own would.
  await tab.click();
  const third = signUp('cyd').catch((error: unknown) => error);
  await pausedEditor(page);
  await page.getByTestId('fail-message').fill('No sign-ups today');
  await page.locator('[data-action="fail"]').click();
  expect(await third).toMatchObject({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error No sign-ups today.' });
  await expect(statusOf('cyd')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  // "Break here next time" on a trigger that has its breakpoint already: still one.
  await expect.poll(() => page.getByTestId('breakpoint-list').locator('tbody tr').count()).toBe(1);
  await screenshot(page, 'breakpoints-view');
  expect(errors).toEqual([]);
});
