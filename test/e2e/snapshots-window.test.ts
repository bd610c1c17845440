/**
 * Snapshots in Debian's Chromium: the state saved from the window's "Snapshots…" dialog, a user
 * deleted, the snapshot restored after a confirmation that says what is replaced; the user is
 * back, in this window and in a second one, which reloads when it hears of the restore.
 */
import { AdminDeleteUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { createClient, createPool, createSilentUser } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('snapshots-window.test.ts');

it.skipIf(!hasChromium)('saves the state from the window, and a restore brings a deleted user back in both windows', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'snap-pool' });
  await createClient(sandbox.cognito, poolId, { ClientName: 'web' });
  for (const name of ['alice', 'bob', 'carol']) await createSilentUser(sandbox.cognito, poolId, name);

  const usersPage = `/_sandbox/#/admin/${poolId}/users`;
  const { page, errors } = await ui.open(usersPage);
  page.setDefaultTimeout(5_000);
  const other = await ui.open(usersPage);
  const user = (target: typeof page, name: string) => target.getByRole('tabpanel').getByRole('link', { name, exact: true });
  await user(page, 'bob').waitFor();
  await user(other.page, 'bob').waitFor();

  // Save from the window.
  await page.getByRole('button', { name: 'Snapshots…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Snapshots' });
  await dialog.getByLabel('Save the current state as').fill('before-cleanup');
  await dialog.getByRole('button', { name: 'Save snapshot' }).click();
  const row = dialog.locator('tr[data-snapshot="before-cleanup"]');
  await expect.poll(() => row.textContent()).toMatch(/before-cleanup.*1 user pool, 3 users, 1 app client/);
  await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Saved before-cleanup: 1 user pool, 3 users, 1 app client.');
  await screenshot(dialog, 'snapshots-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // bob is deleted; the window shows him gone.
  await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'bob' }));
  await page.reload();
  await user(page, 'alice').waitFor();
  expect(await user(page, 'bob').count()).toBe(0);

  // Restore, after a confirmation that says what is replaced.
  await page.getByRole('button', { name: 'Snapshots…' }).click();
  await dialog.locator('tr[data-snapshot="before-cleanup"]').getByRole('button', { name: 'Restore…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore before-cleanup?' });
  await expect.poll(() => confirm.textContent()).toMatch(/replaced by the one saved .*: 1 user pool, 3 users, 1 app client\..*every user pool there is now goes.*The debugger's history stays/s);
  await screenshot(confirm, 'snapshots-restore-confirm');
  const reloaded = page.waitForEvent('load');
  const otherReloaded = other.page.waitForEvent('load');
  await confirm.getByRole('button', { name: 'Replace the state' }).click();
  await Promise.all([reloaded, otherReloaded]);

  // bob is back: in this window, in the other (which reloaded on hearing of the restore), and for the SDK.
  await user(page, 'bob').waitFor();
  await user(other.page, 'bob').waitFor();
  await screenshot(page, 'snapshots-restored-users');
  const { Users } = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
  expect(Users!.map((u) => u.Username).sort()).toEqual(['alice', 'bob', 'carol']);
  expect(errors).toEqual([]);
  expect(other.errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)('uploads a snapshot file under its name, asks before replacing one, and says why a file that is no snapshot is refused', async () => {
  const { sandbox } = ui;
  const saved = await fetch(`${sandbox.url}/_sandbox/api/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'for-upload' }) });
  expect(saved.status).toBe(201);
  const buffer = Buffer.from(await (await fetch(`${sandbox.url}/_sandbox/api/snapshots/for-upload`)).arrayBuffer());

  const { page, errors } = await ui.open('/_sandbox/#/flows');
  page.setDefaultTimeout(5_000);
  await page.getByRole('button', { name: 'Snapshots…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Snapshots' });
  const file = dialog.getByTestId('snapshot-file');
  await file.setInputFiles({ name: 'team start.sqlite', mimeType: 'application/vnd.sqlite3', buffer });
  await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Kept team-start from team start\.sqlite: \d+ user pools?, \d+ users?, \d+ app clients?\.$/);
  await dialog.locator('tr[data-snapshot="team-start"]').waitFor();
  await screenshot(dialog, 'snapshots-dialog-uploaded');

  // The same name again: asked first.
  await file.setInputFiles({ name: 'team-start.sqlite', mimeType: 'application/vnd.sqlite3', buffer });
  const confirm = page.getByRole('dialog', { name: 'Replace team-start?' });
  await expect.poll(() => confirm.textContent()).toMatch(/A snapshot named team-start .* is kept already: team-start\.sqlite replaces it\./);
  await screenshot(confirm, 'snapshots-replace-confirm');
  await confirm.getByRole('button', { name: 'Replace snapshot' }).click();
  await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Replaced team-start from team-start\.sqlite: /);

  // A file that is no snapshot: refused, with the reason, and nothing kept.
  await file.setInputFiles({ name: 'notes.sqlite', mimeType: 'application/vnd.sqlite3', buffer: Buffer.from('just some notes, not a database') });
  await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('That snapshot cannot be restored: not an SQLite database file.');
  expect(await dialog.locator('tr[data-snapshot="notes"]').count()).toBe(0);
  const listed = (await (await fetch(`${sandbox.url}/_sandbox/api/snapshots`)).json()) as { snapshots: { name: string }[] };
  expect(listed.snapshots.map((s) => s.name).sort()).toContain('team-start');
  expect(listed.snapshots.map((s) => s.name)).not.toContain('notes');
  expect(errors.filter((e) => !e.includes('400 (Bad Request)'))).toEqual([]);
}, 20_000);
