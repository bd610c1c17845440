/**
 * The window's import jobs card in Debian's Chromium: a job created, a CSV file chosen in the
 * file picker and PUT to the job's pre-signed URL, the job started; the progress bar and counts
 * follow the `userImport.progressed` events to Succeeded, the users list shows the imported users
 * (RESET_REQUIRED), and the per-line log shows the failed line.
 */
import { GetCSVHeaderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('user-import-window.test.ts');

it.skipIf(!hasChromium)('creates a job, uploads a CSV file from the file picker, starts it and follows it to Succeeded with its log', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'importing', AutoVerifiedAttributes: ['email'] });
  const { CSVHeader } = await sandbox.cognito.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
  const row = (username: string, verified: string) =>
    CSVHeader!.map((column) => ({ 'cognito:username': username, 'cognito:mfa_enabled': 'false', email: `${username}@example.com`, email_verified: verified })[column] ?? '').join(',');
  const lines = [CSVHeader!.join(','), ...Array.from({ length: 2000 }, (_, i) => row(`person${i}`, 'true')), row('unverified', 'false')];

  const watched = await ui.open(`/_sandbox/#/admin/${poolId}/users`);
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
