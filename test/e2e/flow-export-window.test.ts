/**
 * Exporting a flow from the window in Chromium: the flow's Export menu copies it as curl, as an
 * SDK snippet and as Mermaid (what lands on the clipboard is the server's export), and saves the
 * test file, the SVG and the JSON under the server's file names.
 */
import fs from 'node:fs';
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { arn, fixture, startSandboxWithHandlers } from '../support/triggers.js';
import { createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('flow-export-window.test.ts', () => startSandboxWithHandlers({ 'auto-confirm': fixture('auto-confirm.cjs') }));
let flowId: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const { cognito } = ui.sandbox;
  const poolId = await createPool(cognito, { PoolName: 'export-pool', LambdaConfig: { PreSignUp: arn('auto-confirm') } });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web' });
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'alice', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }));
  const [flow] = (await (await fetch(`${ui.sandbox.url}/_sandbox/api/flows?limit=1`)).json()) as { id: string }[];
  flowId = flow!.id;
}, 30_000);

async function exported(format: string): Promise<string> {
  return (await fetch(`${ui.sandbox.url}/_sandbox/api/flows/${flowId}/export/${format}`)).text();
}

async function savedFile(page: Page, caption: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: caption }).click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync((await download.path())!, 'utf8') };
}

it.skipIf(!hasChromium)('copies the flow as curl, SDK and Mermaid, and saves its test file, SVG and JSON', async () => {
  const { page, errors } = await ui.open(`/_sandbox/#/flows/${flowId}`);
  const menu = page.getByTestId('flow-export');
  await menu.click();
  const group = page.getByRole('group', { name: 'Export the flow' });
  await expect.poll(() => group.getByRole('button', { name: 'Copy as curl' }).isEnabled()).toBe(true);
  await screenshot(page.locator('.flow-detail'), 'flow-export-menu');

  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  for (const [caption, format] of [['Copy as curl', 'curl'], ['Copy as SDK snippet', 'sdk'], ['Copy Mermaid', 'mermaid']] as const) {
    await group.getByRole('button', { name: caption }).click();
    await expect.poll(clipboard).toBe(await exported(format));
  }
  expect(await clipboard()).toMatch(/^sequenceDiagram\n {2}participant client as Client app\n/);

  const date = new Date().toISOString().slice(0, 10);
  const test = await savedFile(page, 'Download test file');
  expect(test.name).toBe(`sign-up-alice-${date}.test.ts`);
  expect(test.text).toContain("await sandboxApi('/breakpoints', {");
  expect(test.text).toContain('autoConfirmUser: true');

  await menu.click();
  const svg = await savedFile(page, 'Download SVG');
  expect(svg.name).toBe(`sign-up-alice-${date}.svg`);
  expect(svg.text).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  await menu.click();
  const json = await savedFile(page, 'Download JSON');
  expect(json.name).toBe(`sign-up-alice-${date}.json`);
  expect((JSON.parse(json.text) as { flow: { id: string } }).flow.id).toBe(flowId);
  expect(errors).toEqual([]);

  // The SVG as a browser shows it, for the report.
  await page.setContent(svg.text);
  await screenshot(page, 'flow-export-svg');
});
