/**
 * The window's part of user sessions in Debian's Chromium: the client page's Sessions card turns
 * session tracking on, the user page's Sessions card lists a sign-in's token session with its
 * device and IP, and Revoke ends it: its refresh token is then refused.
 */
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('user-sessions-window.test.ts');

it.skipIf(!hasChromium)('turns session tracking on, lists a sign-in\'s session on the user page, and revokes it', async () => {
  const { sandbox } = ui;
  const PASSWORD = 'Passw0rd!Sam';
  const poolId = await createPool(sandbox.cognito, { PoolName: 'window-pool' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'sam', { password: PASSWORD });

  const watched = await ui.open(`/_sandbox/#/admin/${poolId}/client:${clientId}`);
  const { page } = watched;
  const settings = page.getByRole('region', { name: 'Sessions', exact: true });
  await settings.getByLabel('Track user sessions in this pool').check();
  await settings.getByLabel(/Token sessions per user/).fill('5');
  await settings.getByLabel(/Reuse the hosted UI/).fill('30');
  await settings.getByRole('button', { name: 'Save sessions' }).click();
  await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await screenshot(settings, 'admin-client-sessions');

  const signIn = (flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH', parameters: Record<string, string>) =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: parameters }));
  const { AuthenticationResult } = await signIn('USER_PASSWORD_AUTH', { USERNAME: 'sam', PASSWORD });

  await page.goto(`${sandbox.url}/_sandbox/#/admin/${poolId}/user:sam`);
  const card = page.getByRole('region', { name: 'Sessions', exact: true });
  const row = card.locator('tr[data-session-id^="tkn"]');
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('127.0.0.1');
  await expect(row.textContent()).resolves.toMatch(/aws-sdk-js/);
  await screenshot(card, 'admin-user-sessions');

  await row.getByRole('button', { name: /^Revoke session tkn[a-z0-9]+$/ }).click();
  await card.getByText('No active sessions.').waitFor();
  await expect(signIn('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! })).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    message: 'Refresh Token has been revoked',
  });
  expect(watched.errors).toEqual([]);
}, 20_000);
