/**
 * The window's import jobs card in Debian's Chromium: a job created, a CSV file chosen in the
 * file picker and PUT to the job's pre-signed URL, the job started; the progress bar and counts
 * follow the `userImport.progressed` events to Succeeded, the users list shows the imported users
 * (RESET_REQUIRED), and the per-line log shows the failed line.
 */
import { GetCSVHeaderCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool } from '../support/world.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`user-import-window.test.ts skipped: ${NO_CHROMIUM_REASON}`);

let browser: Browser;
let sandbox: TestSandbox;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
  sandbox = await startSandbox();
}, 180_000);
afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
  await sandbox?.close();
});

it.skipIf(!hasChromium)('creates a job, uploads a CSV file from the file picker, starts it and follows it to Succeeded with its log', async () => {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'importing', AutoVerifiedAttributes: ['email'] });
  const { CSVHeader } = await sandbox.cognito.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
  const row = (username: string, verified: string) =>
    CSVHeader!.map((column) => ({ 'cognito:username': username, 'cognito:mfa_enabled': 'false', email: `${username}@example.com`, email_verified: verified })[column] ?? '').join(',');
  const lines = [CSVHeader!.join(','), ...Array.from({ length: 2000 }, (_, i) => row(`person${i}`, 'true')), row('unverified', 'false')];

  watched = await openPage(browser, `${sandbox.url}/_sandbox/#/admin/${poolId}/users`);
  const { page } = watched;
  const card = page.getByRole('region', { name: 'Import users' });
  await card.getByLabel('Job name').fill('window-import');
  await card.getByRole('button', { name: 'Create import job' }).click();
  const job = card.locator('tr[data-job-id]');
  await job.getByText('Created').waitFor();

  await job.getByLabel('CSV file for window-import').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await job.getByText('Uploaded users.csv').waitFor();
  await job.getByRole('button', { name: 'Start' }).click();
  await job.locator('.job-status', { hasText: 'Succeeded' }).waitFor({ timeout: 15_000 });
  await expect(job.locator('.counts').textContent()).resolves.toMatch(/2000\s*\/\s*0\s*\/\s*1/);
  await expect(job.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');

  await job.getByRole('button', { name: 'Log' }).click();
  await card.getByLabel('Show lines').selectOption('FAILED');
  const log = card.getByLabel('Import log');
  await log.getByText('[FAILED] Line Number 2002 - The User Record does not set any of the auto verified attributes to true.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Load more users' }).waitFor();
  await expect(page.locator('.users .badge', { hasText: 'RESET_REQUIRED' }).first().isVisible()).resolves.toBe(true);
  await screenshot(card, 'admin-user-import');
  expect(watched.errors).toEqual([]);
}, 30_000);
