/**
 * A flow's life in the window, in Debian's Chromium (issue 15): the history's bound under the
 * list, a waiting flow's countdown in its row and header, the pin toggle (aria-pressed, the row's
 * mark, the Pinned filter, kept across a reload), and a refresh linked to the sign-in it continues
 * and back.
 */
import { AdminCreateUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { startSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('flow-lifecycle-window.test.ts', () => startSandbox({ historyEvents: 3_000 }));

it.skipIf(!hasChromium)('shows the history bound, counts a waiting flow down, pins it, and links a refresh to its sign-in', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'lifecycle' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: 3 });
  const signIn = (USERNAME: string, PASSWORD: string) => sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
  const startedSince = (seq: number) => sandbox.app.bus.since(seq).filter((e) => e.type === 'flow.started').map((e) => e.flowId!);

  await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'waiter', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
  let seq = sandbox.app.bus.lastSeq();
  await signIn('waiter', 'Temp0rary!');
  const [waitingId] = startedSince(seq);
  await createAdminUser(sandbox.cognito, poolId, 'pat', { password: 'Passw0rd!' });
  seq = sandbox.app.bus.lastSeq();
  const tokens = await signIn('pat', 'Passw0rd!');
  await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.AuthenticationResult!.RefreshToken! } }));
  const [signInId, refreshId] = startedSince(seq);

  const { page, errors } = await ui.open(`/_sandbox/#/flows/${waitingId}`);
  await expect.poll(() => page.getByTestId('history-bound').textContent()).toBe('Keeping the last 3,000 events; older flows are pruned whole (pinned ones never)');
  const row = page.locator(`.flow-row[data-flow-id="${waitingId}"]`);
  const rowCountdown = row.getByTestId('waiting-countdown');
  await expect.poll(() => rowCountdown.textContent()).toMatch(/^waiting for the client · expires in [23]:\d\d$/);
  const first = await rowCountdown.textContent();
  await expect.poll(() => rowCountdown.textContent(), { timeout: 3_000 }).not.toBe(first);
  const header = page.locator(`article.flow-detail[data-flow-id="${waitingId}"] > header`);
  await expect.poll(() => header.getByTestId('waiting-countdown').textContent()).toMatch(/^waiting for the client · expires in [23]:\d\d$/);
  // A flow that ended counts nothing down.
  expect(await page.locator(`.flow-row[data-flow-id="${signInId}"]`).getByTestId('waiting-countdown').count()).toBe(0);

  const pin = header.getByRole('button', { name: 'Pin: never pruned' });
  expect(await pin.getAttribute('aria-pressed')).toBe('false');
  await pin.click();
  await expect.poll(() => pin.getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => row.getByTestId('row-pinned').count()).toBe(1);
  expect(sandbox.app.store.flowPins.isPinned(waitingId!)).toBe(true);
  await screenshot(page.locator('article.flow-detail > header'), 'flow-header-pinned-waiting');
  await page.getByLabel('Filter by outcome').selectOption('pinned');
  await expect.poll(() => page.locator('.flow-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flow-id')))).toEqual([waitingId]);
  await screenshot(page.getByRole('region', { name: 'Flows timeline' }), 'flows-pinned-filter-history-bound');
  await page.getByRole('button', { name: 'Clear all flow filters' }).click();

  // Folded from the history after a reload.
  await page.reload();
  await expect.poll(() => page.locator(`article.flow-detail[data-flow-id="${waitingId}"] > header`).getByRole('button', { name: 'Pin: never pruned' }).getAttribute('aria-pressed')).toBe('true');
  await page.locator(`article.flow-detail[data-flow-id="${waitingId}"] > header`).getByRole('button', { name: 'Pin: never pruned' }).click();
  await expect.poll(() => page.locator(`.flow-row[data-flow-id="${waitingId}"]`).getByTestId('row-pinned').count()).toBe(0);
  expect(sandbox.app.store.flowPins.isPinned(waitingId!)).toBe(false);

  // The refresh names the sign-in it continues; the sign-in lists its refreshes.
  await page.goto(`${sandbox.url}/_sandbox/#/flows/${refreshId}`);
  const continues = page.getByTestId('continues-flow');
  await expect.poll(() => continues.textContent()).toMatch(/Continues\s+the sign-in of pat at \d\d:\d\d:\d\d\.\d{3}/);
  await continues.getByRole('link').click();
  await expect.poll(() => page.locator('article.flow-detail').getAttribute('data-flow-id')).toBe(signInId);
  const refreshes = page.getByTestId('refresh-flows');
  await expect.poll(() => refreshes.textContent()).toMatch(/Its refresh token was used by\s+REFRESH_TOKEN_AUTH at \d\d:\d\d:\d\d\.\d{3}/);
  await refreshes.getByRole('link').click();
  await expect.poll(() => page.locator('article.flow-detail').getAttribute('data-flow-id')).toBe(refreshId);
  expect(errors).toEqual([]);
}, 30_000);
