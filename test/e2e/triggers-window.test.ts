/**
 * A Lambda trigger's step in Debian's Chromium: its answer shown as what the function changed in
 * the event it received (response members set, the request untouched), full width, with the raw
 * event and answer a click away and stacked at the pane's width; a function that threw shows the
 * error the caller got, what it threw with its stack, and its logs; a V2 pre token generation
 * answer shows claim by claim, a claim over one of the user's attributes marked.
 */
import { InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import type { FlowListItem } from '../../shared/debugger-api.js';
import { arn, fixture, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('triggers-window.test.ts', () => startSandboxWithHandlers({ 'auto-confirm': fixture('auto-confirm.cjs'), throws: fixture('throws.cjs'), 'pre-token-v2': fixture('sign-in-pre-token-v2.cjs') }));

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
}, 30_000);

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
}, 30_000);

it.skipIf(!hasChromium)('shows a V2 pre token generation answer claim by claim, marking a claim set over the user’s attribute', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, {
    PoolName: 'pre-token-diff',
    LambdaConfig: { PreTokenGeneration: arn('pre-token-v2'), PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('pre-token-v2') } },
  });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'tamsin', { password: PASSWORD, attributes: { email: 'tamsin@example.com' } });
  await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'tamsin', PASSWORD } }));
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
  const signIn = flows.find((flow) => flow.poolId === poolId && flow.username === 'tamsin' && flow.outcome === 'success')!;

  const watched = await ui.open(`/_sandbox/#/flows/${signIn.id}`);
  await watched.page.locator('.flow-detail button.step').filter({ hasText: 'TokenGeneration_Authentication' }).first().click();
  const changes = watched.page.getByTestId('trigger-changes');
  const id = 'response.claimsAndScopeOverrideDetails.idTokenGeneration';
  await expect(changes.locator(`tr[data-path="${id}.claimsToAddOrOverride.tier"]`).getAttribute('data-change')).resolves.toBe('set');
  await expect(changes.locator(`tr[data-path="${id}.claimsToSuppress"] .after`).textContent()).resolves.toBe('["email"]');
  // sub is one of the user's attributes: the function asks to override it.
  await expect(changes.locator(`tr[data-path="${id}.claimsToAddOrOverride.sub"]`).getAttribute('data-overrides')).resolves.toBe('');
  expect(await changes.locator(`tr[data-path="${id}.claimsToAddOrOverride.tier"]`).getAttribute('data-overrides')).toBeNull();
  await screenshot(watched.page.locator('.step-details'), 'trigger-changes-pre-token-v2');
  expect(watched.errors).toEqual([]);
}, 30_000);
