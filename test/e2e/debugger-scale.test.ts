/**
 * The debugger window with a large history: 2,000 flows (10,000 events) published through the
 * server's own event bus before the page opens. The timeline lists them all while keeping only
 * the rows in view in the DOM, a new flow still appears at once, and a reader scrolled down to
 * old flows keeps them in view while new ones arrive above.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, type WatchedPage } from './support/browser.js';

const FLOWS = 2_000;
const POOL = 'us-east-1_ScaleTest';

if (!hasChromium) console.warn(NO_CHROMIUM_REASON);

describe.skipIf(!hasChromium)('the debugger window at 10,000 events', () => {
  let sandbox: TestSandbox;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;

  /** One finished sign-in's five events, as the flow runner publishes them. */
  function publishFlow(n: number): void {
    const bus = sandbox.app.bus;
    const context = { flowId: `flow-${n}`, poolId: POOL };
    bus.publish('flow.started', { kind: 'USER_PASSWORD_AUTH', clientId: 'scaleclient', username: `user${n}`, machine: 'sign-in' }, context);
    bus.publish('flow.transitioned', { from: null, to: 'findingUser', event: 'xstate.init' }, context);
    bus.publish('flow.transitioned', { from: 'findingUser', to: 'verifyingPassword', event: 'xstate.done.actor.0' }, context);
    bus.publish('flow.transitioned', { from: 'verifyingPassword', to: 'signedIn', event: 'xstate.done.actor.1' }, context);
    bus.publish('flow.ended', { outcome: 'success' }, context);
  }

  beforeAll(async () => {
    await ensureBuilt(['renderer']);
    sandbox = await startSandbox();
    for (let n = 0; n < FLOWS; n++) publishFlow(n);
    browser = await launchChromium();
    watched = await openPage(browser, `${sandbox.url}/_sandbox/`);
    page = watched.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('lists every flow, with only the rows in view in the DOM', async () => {
    await page.locator('.shown', { hasText: `${FLOWS.toLocaleString('en-US')} of ${FLOWS.toLocaleString('en-US')}` }).waitFor({ timeout: 20_000 });
    const rendered = await page.locator('.flow-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await expect(page.locator('.flow-row').first().getAttribute('data-flow-id')).resolves.toBe(`flow-${FLOWS - 1}`);
  });

  it('shows a new flow at the top at once', async () => {
    const published = Date.now();
    publishFlow(FLOWS);
    await page.locator(`.flow-row[data-flow-id="flow-${FLOWS}"]`).waitFor({ timeout: 5_000 });
    // Generous for a loaded CI machine; bench/ui-latency.ts measures the real figure.
    expect(Date.now() - published).toBeLessThan(2_000);
  });

  it('reaches the oldest flow with End and keeps it in view while new flows arrive above', async () => {
    await page.getByRole('listbox', { name: 'Flows, newest first' }).focus();
    await page.keyboard.press('End');
    const oldest = page.locator('.flow-row[data-flow-id="flow-0"]');
    await oldest.waitFor();
    const before = await oldest.boundingBox();
    for (let n = FLOWS + 1; n < FLOWS + 6; n++) publishFlow(n);
    await page.locator('.shown', { hasText: `of ${(FLOWS + 6).toLocaleString('en-US')}` }).waitFor();
    await page.waitForTimeout(100);
    expect(await oldest.boundingBox()).toEqual(before);
  });

  it('logged no console error', () => {
    expect(watched.errors).toEqual([]);
  });
});
