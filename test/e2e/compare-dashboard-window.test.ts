/**
 * Compare and the dashboard in Debian's Chromium at 1280x800: two sign-ins by the AWS SDK, one
 * with the right password and one with a wrong one, picked in the flow list (Ctrl-click) and
 * compared: the shared steps same, the tokens only in A, the end and the call's result differing
 * with the fields highlighted, the call's duration an expected difference until counted; "Compare
 * with…" on a flow offers the other. Two right sign-ins differ only in what always differs (jti, iat, exp), counted once asked.
 * The dashboard counts them, and one more as it happens.
 * Screenshots of both in both themes.
 */
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { FlowListItem } from '../../shared/debugger-api.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('compare-dashboard-window.test.ts');
const VIEWPORT = { width: 1280, height: 800 };
const PASSWORD = 'Passw0rd!Ada';
let clientId: string;
let rightId: string;
/** A second right sign-in: the same course, only what always differs differing. */
let againId: string;
let wrongId: string;

const signIn = (password: string) =>
  ui.sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD: password } }));

beforeAll(async () => {
  if (!hasChromium) return;
  const { cognito } = ui.sandbox;
  const poolId = await createPool(cognito, { PoolName: 'compare' });
  ({ clientId } = await createClient(cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  await createAdminUser(cognito, poolId, 'ada', { password: PASSWORD });
  await signIn(PASSWORD);
  await signIn(PASSWORD);
  await expect(signIn('Wr0ng!password')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  const flows = (await (await fetch(`${ui.sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
  [againId, rightId] = flows.filter((flow) => flow.outcome === 'success').map((flow) => flow.id) as [string, string];
  wrongId = flows.find((flow) => flow.outcome === 'failure')!.id;
});

const setTheme = (page: Page, theme: string) => page.evaluate((name) => document.documentElement.setAttribute('data-theme', name), theme);
/** Follows a link within the window, without reloading it. */
const goTo = (page: Page, hash: string) => page.evaluate((to) => (location.hash = to), hash);
const row = (page: Page, key: RegExp) => page.locator('.step-row', { has: page.locator('.step-label', { hasText: key }) }).first();

it.skipIf(!hasChromium)('two sign-ins picked in the list are compared step by step, what differs highlighted', async () => {
  const { page, errors } = await ui.open('/_sandbox/#/flows', VIEWPORT);
  page.setDefaultTimeout(8_000);
  await page.locator(`.flow-row[data-flow-id="${rightId}"]`).click({ modifiers: ['Control'] });
  await page.locator(`.flow-row[data-flow-id="${wrongId}"]`).click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Compare 2/2' }).click();
  await page.waitForURL(`**/#/compare/${rightId}/${wrongId}`);

  const tally = page.getByTestId('compare-tally');
  await expect.poll(() => tally.textContent()).toMatch(/\d+ same/);
  // The shared start is the same; the tokens are A's only; the end and the call's result differ.
  await expect(row(page, /flow started/).getAttribute('data-status')).resolves.toBe('same');
  await expect(row(page, /ID token/).getAttribute('data-status')).resolves.toBe('only-a');
  await expect(row(page, /flow ended/).getAttribute('data-status')).resolves.toBe('differs');
  const call = row(page, /^InitiateAuth$/);
  await expect(call.getAttribute('data-status')).resolves.toBe('differs');
  await expect(call.locator('.step-note').last().textContent()).resolves.toBe('400 NotAuthorizedException');
  await expect(page.locator('tr[data-path="outcome"]').getAttribute('data-field-status')).resolves.toBe('differs');
  await expect(page.locator('tr[data-path="outcome"] td').nth(2).textContent()).resolves.toBe('failure');
  await expect(page.locator('tr[data-path="error.type"]').getAttribute('data-field-status')).resolves.toBe('differs');
  for (const theme of ['light', 'dark']) {
    await setTheme(page, theme);
    await screenshot(page, `compare-${theme}`);
  }

  // Two right sign-ins: every step the same; the tokens' jti, iat and exp differ as they always do, counted only when asked.
  await goTo(page, `#/compare/${rightId}/${againId}`);
  await expect.poll(() => tally.textContent()).toMatch(/[1-9]\d* same\s*0 differ\s*0 only in A\s*0 only in B/);
  const token = row(page, /ID token/);
  await expect(token.getAttribute('data-status')).resolves.toBe('same');
  await token.click();
  await expect(page.locator('tr[data-path="claims.jti"]').getAttribute('data-field-status')).resolves.toBe('expected');
  await page.getByTestId('hide-expected').uncheck();
  await expect.poll(() => token.getAttribute('data-status')).toBe('differs');
  await expect(page.locator('tr[data-path="claims.jti"]').first().getAttribute('data-field-status')).resolves.toBe('differs');
  await page.getByTestId('hide-expected').check();

  // Compare with… on a flow offers the other sign-in first.
  await goTo(page, `#/flows/${wrongId}`);
  await page.getByTestId('compare-with').click();
  await page.locator(`.candidate[data-flow-id="${rightId}"]`).click();
  await page.waitForURL(`**/#/compare/${wrongId}/${rightId}`);
  await expect(row(page, /ID token/).getAttribute('data-status')).resolves.toBe('only-b');
  expect(errors).toEqual([]);
}, 15_000);

it.skipIf(!hasChromium)('the dashboard counts the sign-ins, the failure by type and the latency, and a new sign-in live', async () => {
  const { page, errors } = await ui.open('/_sandbox/#/dashboard', VIEWPORT);
  page.setDefaultTimeout(8_000);
  const kpi = (id: string) => page.getByTestId(`kpi-${id}`).getByTestId('kpi-value');
  await expect.poll(() => kpi('signins-succeeded').textContent()).toBe('2');
  await expect(kpi('signins-failed').textContent()).resolves.toBe('1');
  await expect(kpi('failures').textContent()).resolves.toBe('1');
  await expect(page.locator('[data-error-type="NotAuthorizedException"] .n').textContent()).resolves.toBe('1');
  await expect(page.locator('tr[data-operation="InitiateAuth"] td').nth(1).textContent()).resolves.toBe('3');

  await signIn(PASSWORD);
  await expect.poll(() => kpi('signins-succeeded').textContent()).toBe('3');
  for (const theme of ['light', 'dark']) {
    await setTheme(page, theme);
    await screenshot(page, `dashboard-${theme}`);
  }
  expect(errors).toEqual([]);
}, 15_000);
