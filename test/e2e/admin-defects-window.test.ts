/**
 * Defects of the admin tab and the window's layout, each seen in Debian's Chromium: switching
 * pools shows the new pool's users, groups and app clients (never the previous pool's), and a
 * count of one reads "1 user", not "1 users"; the theme toggle's first click changes the theme;
 * a long refusal leaves the flow's title whole; another flow opens scrolled to its top.
 */
import { CreateGroupCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { createAdminUser, createClient, createPool, createSilentUser } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('admin-defects-window.test.ts');

it.skipIf(!hasChromium)('switching pools shows the new pool\'s users, groups and app clients, and "1 user"', async () => {
  const { sandbox } = ui;
  const staff = await createPool(sandbox.cognito, { PoolName: 'staff' });
  const partners = await createPool(sandbox.cognito, { PoolName: 'partners' });
  await createSilentUser(sandbox.cognito, staff, 'alice');
  await createSilentUser(sandbox.cognito, staff, 'bob');
  await createSilentUser(sandbox.cognito, partners, 'pat');
  await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: staff, GroupName: 'staff-admins' }));
  await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: partners, GroupName: 'partner-admins' }));
  await createClient(sandbox.cognito, staff, { ClientName: 'staff-app' });
  await createClient(sandbox.cognito, partners, { ClientName: 'partner-app' });

  const watched = await ui.open(`/_sandbox/#/admin/${staff}/users`);
  const { page } = watched;
  page.setDefaultTimeout(5_000);
  const pools = page.getByRole('navigation', { name: 'User pools' });
  const panel = page.getByRole('tabpanel');
  const meta = page.locator('.adm-page-meta');
  const switchTo = async (name: string) => {
    await pools.getByRole('link', { name: new RegExp(`^${name} `) }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };

  await panel.getByRole('link', { name: 'alice' }).waitFor();
  await expect(meta.textContent()).resolves.toContain('2 users');
  await switchTo('partners');
  await panel.getByRole('link', { name: 'pat' }).waitFor();
  await expect(panel.locator('tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('pat')]);
  await expect(meta.textContent()).resolves.toMatch(/\b1 user\b(?!s)/);
  await screenshot(page.locator('.pool-area'), 'admin-pool-switch-users');

  // A deep link or Back keeps the section and changes the pool.
  const goTo = async (poolId: string, section: string, name: string) => {
    await page.evaluate((hash) => (location.hash = hash), `#/admin/${poolId}/${section}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };
  await goTo(partners, 'groups', 'partners');
  await panel.getByText('partner-admins').waitFor();
  await goTo(staff, 'groups', 'staff');
  await panel.getByText('staff-admins').waitFor();
  await expect(panel.getByText('partner-admins').count()).resolves.toBe(0);

  await goTo(staff, 'clients', 'staff');
  await panel.getByText('staff-app').waitFor();
  await goTo(partners, 'clients', 'partners');
  await panel.getByText('partner-app').waitFor();
  await expect(panel.getByText('staff-app').count()).resolves.toBe(0);

  await goTo(staff, 'users', 'staff');
  await panel.getByRole('link', { name: 'alice' }).waitFor();
  await expect(panel.getByRole('link', { name: 'pat' }).count()).resolves.toBe(0);
  expect(watched.errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)('the first click on the theme toggle changes what shows, on a light system and a dark one', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const watched = await ui.open('/_sandbox/#/flows', { colorScheme });
    const { page } = watched;
    page.setDefaultTimeout(5_000);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const toggle = page.getByRole('button', { name: /^Theme: .*Switch theme$/ });
    const before = await background();
    await toggle.click();
    await expect(background()).resolves.not.toBe(before);
    await screenshot(page, `theme-first-click-on-${colorScheme}-system`);
    await toggle.click();
    await expect(background()).resolves.toBe(before);
    await expect(toggle.getAttribute('aria-label')).resolves.toBe(`Theme: ${colorScheme} theme. Switch theme`);
    expect(watched.errors).toEqual([]);
  }
}, 15_000);

it.skipIf(!hasChromium)('a long refusal leaves the flow\'s title on one line', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'long-errors', UsernameAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app' });
  const username = 'someone.with.a.rather.long.address@example-company-with-long-name.com';
  await createSilentUser(sandbox.cognito, poolId, username);
  await expect(sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: 'Passw0rd!Long' }))).rejects.toMatchObject({
    name: 'UsernameExistsException',
  });

  const watched = await ui.open('/_sandbox/#/flows', { width: 1100 });
  const { page } = watched;
  page.setDefaultTimeout(5_000);
  await page.locator(`.flow-row`).filter({ hasText: 'sign-up' }).first().click();
  const title = page.locator('.flow-detail .title-line h2');
  await title.waitFor();
  const lines = () =>
    title.evaluate((h2) => {
      const range = document.createRange();
      range.selectNodeContents(h2);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
  await expect(lines()).resolves.toBe(1);
  await screenshot(page.locator('.flow-detail > header.head'), 'flow-title-long-refusal');
  expect(watched.errors).toEqual([]);
}, 15_000);

it.skipIf(!hasChromium)('another flow opens at its top, not at the previous flow\'s scroll position', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'scrolling' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  for (const username of ['scroll-one', 'scroll-two']) {
    await createAdminUser(sandbox.cognito, poolId, username, { password: 'Passw0rd!Scroll' });
    await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!Scroll' } }));
  }

  const watched = await ui.open('/_sandbox/#/flows', { width: 1100, height: 600 });
  const { page } = watched;
  page.setDefaultTimeout(5_000);
  const panel = page.locator('#flow-tab-panel');
  await page.locator('.flow-row', { hasText: 'scroll-one' }).click();
  await page.locator('.flow-detail[aria-label$="scroll-one"]').waitFor();
  await panel.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(panel.evaluate((element) => element.scrollTop)).resolves.toBeGreaterThan(100);
  await page.locator('.flow-row', { hasText: 'scroll-two' }).click();
  await page.locator('.flow-detail[aria-label$="scroll-two"]').waitFor();
  await expect(panel.evaluate((element) => element.scrollTop)).resolves.toBe(0);
  expect(watched.errors).toEqual([]);
}, 15_000);
