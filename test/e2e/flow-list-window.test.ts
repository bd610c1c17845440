/**
 * The flow list and a flow's Events tab in Debian's Chromium: a row keeps its kind in whole words
 * and its state readable beside a long challenge chip; the keyboard cursor is a clear ring in both
 * themes; a deep link to an old flow scrolls the list to its row and selects it; the Events tab
 * lists each event on its own row, in words, with its data as a collapsible tree; a person's page
 * is a link away from the user filter and from the admin user page.
 */
import { AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, InitiateAuthCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { FlowListItem } from '../../shared/debugger-api.js';
import { createAdminUser, createClient, createPool, createSilentUser } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('flow-list-window.test.ts');

const ADA = 'ada@example.com';
const BOB = 'bob@example.com';
const SIGN_INS = 25;
let poolId: string;
let ada: UserType;
/** Bob's first sign-in: far down the list, out of view. */
let oldestFlowId: string;
/** Ada's admin sign-in, through NEW_PASSWORD_REQUIRED. */
let adaFlowId: string;

async function flowList(): Promise<FlowListItem[]> {
  const response = await fetch(`${ui.sandbox.url}/_sandbox/api/flows?limit=1000`);
  return (await response.json()) as FlowListItem[];
}

beforeAll(async () => {
  if (!hasChromium) return;
  const { cognito } = ui.sandbox;
  poolId = await createPool(cognito, { PoolName: 'list-pool', UsernameAttributes: ['email'] });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] });
  await createAdminUser(cognito, poolId, BOB, { password: 'Passw0rd!Bob', attributes: { email: BOB } });
  for (let i = 0; i < SIGN_INS; i++) {
    await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: BOB, PASSWORD: 'Passw0rd!Bob' } }));
  }
  ada = await createSilentUser(cognito, poolId, ADA, { email: ADA }, { TemporaryPassword: 'Temp0rary!Ada' });
  const { Session } = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: ADA, PASSWORD: 'Temp0rary!Ada' } }),
  );
  await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session,
      ChallengeResponses: { USERNAME: ADA, NEW_PASSWORD: 'Passw0rd!Ada' },
    }),
  );
  const flows = (await flowList()).sort((a, b) => a.created - b.created);
  oldestFlowId = flows.find((flow) => flow.kind === 'USER_PASSWORD_AUTH')!.id;
  adaFlowId = flows.find((flow) => flow.kind === 'ADMIN_USER_PASSWORD_AUTH')!.id;
}, 30_000);

/** The element's text fits its box: nothing cut by an ellipsis. */
const fits = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0);

/** WCAG contrast of the active row's ring against the row's background. */
function ringContrast(page: Page): Promise<{ style: string; width: number; contrast: number }> {
  return page.locator('.virtual-row.active').evaluate((row) => {
    const rgb = (color: string) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = color;
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    let background = getComputedStyle(row).backgroundColor;
    for (let el: Element | null = row; el && /rgba\(.*, 0\)|transparent/.test(background); el = el.parentElement) background = getComputedStyle(el).backgroundColor;
    const style = getComputedStyle(row);
    const [light, dark] = [luminance(style.outlineColor), luminance(background)].sort((a, b) => b - a);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast: (light! + 0.05) / (dark! + 0.05) };
  });
}

it.skipIf(!hasChromium)('a row keeps its kind and state readable, and the keyboard cursor shows in both themes', async () => {
  const { page, errors } = await ui.open('/_sandbox/#/flows');
  page.setDefaultTimeout(10_000);
  const adaRow = `.flow-row[data-flow-id="${adaFlowId}"]`;
  await page.locator(adaRow).waitFor();
  await expect(page.locator(`${adaRow} .kind`).textContent()).resolves.toBe('admin sign-in');
  await expect(page.locator(`${adaRow} .kind`).getAttribute('title')).resolves.toBe('ADMIN_USER_PASSWORD_AUTH');
  await expect(page.locator(`${adaRow} .chip`, { hasText: 'NEW_PASSWORD_REQUIRED' }).count()).resolves.toBe(1);
  await expect(page.locator(`${adaRow} .state`).textContent()).resolves.toMatch(/^[a-z ,]+$/);
  expect(await fits(page, `${adaRow} .user`)).toBe(true);
  expect(await fits(page, `${adaRow} .kind`)).toBe(true);
  expect(await fits(page, `${adaRow} .state`)).toBe(true);
  const signIn = page.locator('.flow-row', { hasText: 'password sign-in' }).first();
  expect(await signIn.locator('.kind').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // Search finds what the row says, as well as the names behind it.
  const search = page.getByLabel('Search flows');
  await search.fill('admin sign-in');
  await expect.poll(() => page.locator('.flow-row').count()).toBe(1);
  await search.fill('');
  await expect.poll(() => page.locator('.flow-row').count()).toBeGreaterThan(1);

  await page.locator('.flow-row').nth(1).click();
  await page.getByRole('listbox', { name: 'Flows, newest first' }).press('ArrowDown');
  for (const theme of ['light', 'dark']) {
    await page.evaluate((name) => document.documentElement.setAttribute('data-theme', name), theme);
    const ring = await ringContrast(page);
    expect(ring, theme).toMatchObject({ style: 'solid' });
    expect(ring.width, theme).toBeGreaterThanOrEqual(2);
    expect(ring.contrast, theme).toBeGreaterThanOrEqual(3);
    await screenshot(page.getByRole('region', { name: 'Flows timeline' }), `flow-list-cursor-${theme}`);
  }
  expect(errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)("a deep link to an old flow scrolls the list to its row and selects it", async () => {
  const { page, errors } = await ui.open(`/_sandbox/#/flows/${oldestFlowId}`);
  page.setDefaultTimeout(10_000);
  const row = page.locator(`.virtual-row:has(.flow-row[data-flow-id="${oldestFlowId}"])`);
  await row.waitFor();
  await expect(row.getAttribute('aria-selected')).resolves.toBe('true');
  const list = await page.getByRole('listbox', { name: 'Flows, newest first' }).boundingBox();
  const box = await row.boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(list!.y);
  expect(box!.y + box!.height).toBeLessThanOrEqual(list!.y + list!.height);
  expect(errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)('the Events tab shows each event on its row, in words, its data a collapsible tree', async () => {
  const { page, errors } = await ui.open(`/_sandbox/#/flows/${adaFlowId}/events`);
  page.setDefaultTimeout(10_000);
  const events = page.getByRole('list', { name: 'Events, oldest first' });
  await events.waitFor();
  const rows = events.locator('.event-row');
  const types = await rows.locator('.event-type').allTextContents();
  expect(types).toContain('flow started');
  expect(types).toContain('state changed');
  expect(types).toContain('challenge issued');
  const summaries = (await rows.locator('.event-summary').allTextContents()).join('\n');
  expect(summaries).toMatch(/step done: verifying password/);
  expect(summaries).not.toMatch(/xstate\./);
  // The pool's usernames are UUIDs: the person is named by their email, as the row names them.
  await page.waitForFunction(() => [...document.querySelectorAll('.event-summary')].some((el) => el.textContent === 'ID token for ada@example.com'));
  expect(await rows.first().locator('.event-time').textContent()).toMatch(/^\d\d:\d\d:\d\d/);

  const challenge = rows.filter({ has: page.locator('.event-type', { hasText: 'challenge issued' }) });
  await challenge.locator('.event-summary').click();
  const tree = challenge.getByRole('tree');
  await tree.waitFor();
  const parameters = tree.getByRole('treeitem', { name: /^parameters/ });
  await expect(parameters.getAttribute('aria-expanded')).resolves.toBe('true');
  await parameters.locator('> .node-head').click();
  await expect(parameters.getAttribute('aria-expanded')).resolves.toBe('false');
  await parameters.locator('> .node-head').click();
  await tree.getByText('"USER_ID_FOR_SRP"').or(tree.getByText('USER_ID_FOR_SRP')).first().waitFor();
  await screenshot(page.locator('.flow-detail'), 'flow-events-tab');
  expect(errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)("a person's page is a link away from the user filter and from the admin user page", async () => {
  const sub = ada.Attributes!.find((attribute) => attribute.Name === 'sub')!.Value!;
  const { page, errors } = await ui.open('/_sandbox/#/flows');
  page.setDefaultTimeout(10_000);
  const users = page.getByLabel('Filter by user');
  await expect.poll(() => users.locator('option').allTextContents()).toContain(`${ADA} (${ada.Username})`);
  await users.selectOption({ label: `${ADA} (${ada.Username})` });
  await page.getByRole('link', { name: `Open ${ADA}’s page` }).click();
  await page.waitForURL(new RegExp(`#/people/${poolId}/${sub}$`));
  await page.getByRole('region', { name: 'Person' }).getByRole('heading', { name: ADA }).waitFor();

  await page.goto(`${ui.sandbox.url}/_sandbox/#/admin/${poolId}/user:${encodeURIComponent(ada.Username!)}`);
  await page.getByRole('link', { name: 'See everything that happened to this user' }).click();
  await page.waitForURL(new RegExp(`#/people/${poolId}/${sub}$`));
  await page.getByRole('region', { name: 'Person' }).getByRole('heading', { name: ADA }).waitFor();
  expect(errors).toEqual([]);
}, 20_000);
