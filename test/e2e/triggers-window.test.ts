/**
 * A Lambda trigger's step in Debian's Chromium: its answer shown as what the function changed in
 * the event it received (response members set, the request untouched), full width, with the raw
 * event and answer a click away and stacked at the pane's width; a function that threw shows the
 * error the caller got, what it threw with its stack, and its logs.
 */
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import type { FlowListItem } from '../../shared/debugger-api.js';
import { arn, fixture, startSandboxWithHandlers } from '../support/triggers.js';
import { createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('triggers-window.test.ts', () => startSandboxWithHandlers({ 'auto-confirm': fixture('auto-confirm.cjs'), throws: fixture('throws.cjs') }));

const PASSWORD = 'Passw0rd!Trig';

/** Signs `username` up in a new pool whose PreSignUp is `functionName`; the sign-up flow's id. */
async function signUpWith(functionName: string, username: string): Promise<{ flowId: string; error?: unknown }> {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: `${functionName}-pool`, LambdaConfig: { PreSignUp: arn(functionName) } });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app' });
  const error = await sandbox.cognito
    .send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }))
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
  const flow = flows.find((f) => f.poolId === poolId && f.kind === 'sign-up');
  if (!flow) throw new Error(`no sign-up flow in ${poolId}`);
  return { flowId: flow.id, error };
}

it.skipIf(!hasChromium)('shows what the function changed, full width, and the raw event and answer stacked at the pane’s width', async () => {
  const { flowId } = await signUpWith('auto-confirm', 'trudy');
  const watched = await ui.open(`/_sandbox/#/flows/${flowId}`);
  const { page } = watched;
  await page.locator('.flow-detail button.step').filter({ hasText: 'PreSignUp_SignUp' }).first().click();
  const details = page.locator('.step-details');
  const changes = details.getByTestId('trigger-changes');
  await changes.waitFor();

  await expect(changes.locator('tr[data-path="response.autoConfirmUser"]').getAttribute('data-change')).resolves.toBe('changed');
  await expect(changes.locator('tr[data-path="response.autoConfirmUser"] .after').textContent()).resolves.toBe('true');
  await expect(changes.locator('tr[data-path="response.autoVerifyEmail"]').getAttribute('data-change')).resolves.toBe('changed');
  expect(await changes.locator('tr[data-path^="request."]').count()).toBe(0);
  await expect(details.getByTestId('trigger-diff-summary').textContent()).resolves.toBe('response: 2 changed · request untouched');
  await expect(details.getByTestId('trigger-logs').textContent()).resolves.toContain('auto-confirming trudy');
  const pane = (await details.boundingBox())!;
  expect((await changes.boundingBox())!.width).toBeGreaterThan(pane.width * 0.9);
  await screenshot(details, 'trigger-changes');

  await details.getByRole('button', { name: 'Raw event and answer' }).click();
  const received = details.getByRole('figure', { name: 'Event received' });
  const answer = details.getByRole('figure', { name: 'Function answer' });
  await expect(answer.textContent()).resolves.toContain('"autoConfirmUser": true');
  const [receivedBox, answerBox] = [(await received.boundingBox())!, (await answer.boundingBox())!];
  // Stacked at the pane's width, not side by side in narrow boxes; long lines wrap rather than run off the right.
  expect(receivedBox.width).toBeGreaterThan(pane.width * 0.9);
  expect(answerBox.y).toBeGreaterThan(receivedBox.y + receivedBox.height - 1);
  for (const body of await details.locator('.json-body').all()) {
    expect(await body.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  }
  expect(watched.errors).toEqual([]);
}, 15_000);

it.skipIf(!hasChromium)('shows the error the caller got, what the function threw with its stack, and its logs', async () => {
  const { flowId, error } = await signUpWith('throws', 'tobias');
  expect(error).toMatchObject({ name: 'UserLambdaValidationException' });
  const watched = await ui.open(`/_sandbox/#/flows/${flowId}`);
  const { page } = watched;
  await page.locator('.flow-detail button.step').filter({ hasText: 'PreSignUp_SignUp' }).first().click();
  const failure = page.getByTestId('trigger-error');
  await failure.waitFor();

  await expect(failure.textContent()).resolves.toContain('UserLambdaValidationException: PreSignUp failed with error Cannot register users');
  await expect(failure.textContent()).resolves.toContain('Error: Cannot register users with username less than the minimum length of 5');
  const stack = await failure.getByTestId('trigger-stack').textContent();
  expect(stack).toMatch(/at .*throws\.cjs:\d+:\d+\)?$/);
  expect(stack).not.toContain('worker eval');
  await expect(page.getByTestId('trigger-logs').locator('li[data-level="INFO"]').textContent()).resolves.toContain('about to refuse tobias');
  // No answer to compare: the event alone, full width.
  expect(await page.getByTestId('trigger-changes').count()).toBe(0);
  await page.getByRole('figure', { name: 'Event received' }).waitFor();
  await screenshot(page.locator('.step-details'), 'trigger-error');
  expect(watched.errors).toEqual([]);
}, 15_000);
