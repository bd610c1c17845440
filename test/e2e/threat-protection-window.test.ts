/**
 * The window's part of threat protection in Debian's Chromium: the pool's Threat protection
 * section saves a risk configuration, adds a HIGH risk mark for a user, lists the blocked sign-in's
 * auth event and takes the administrator's feedback on it; the flow view shows `risk.assessed`.
 */
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('threat-protection-window.test.ts');

it.skipIf(!hasChromium)('configures the risk actions, marks a user HIGH, lists the blocked sign-in with feedback, and shows the assessment in the flow', async () => {
  const { sandbox } = ui;
  const PASSWORD = 'Passw0rd!Kim';
  const poolId = await createPool(sandbox.cognito, { PoolName: 'guarded-pool', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'kim', { password: PASSWORD, attributes: { email: 'kim@example.com' } });

  const watched = await ui.open(`/_sandbox/#/admin/${poolId}/threat`);
  const { page } = watched;
  const configuration = page.getByRole('region', { name: 'Risk configuration' });
  await configuration.getByLabel('Low risk action').selectOption('NO_ACTION');
  await configuration.getByLabel('High risk action').selectOption('BLOCK');
  await configuration.getByLabel('Notify the user at Medium risk').uncheck();
  await configuration.getByLabel('Notify the user at High risk').uncheck();
  await configuration.getByLabel(/Always block/).fill('198.51.100.0/24');
  await configuration.getByRole('button', { name: 'Save risk configuration' }).click();
  await configuration.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  const marks = page.getByRole('region', { name: 'Risk marks' });
  await marks.getByLabel('Mark target').fill('kim');
  await marks.getByLabel('Risk level').selectOption('HIGH');
  await marks.getByRole('button', { name: 'Add mark' }).click();
  await marks.locator('li[data-mark-kind="user"]').waitFor();
  await screenshot(page, 'admin-threat-protection');

  await expect(
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim', PASSWORD } })),
  ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Unable to login because of security reasons.' });

  const events = page.getByRole('region', { name: 'Auth events' });
  await events.getByRole('button', { name: 'Refresh' }).click();
  const row = events.locator('tr[data-event-id]');
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/Fail[\s\S]*AccountTakeover · High[\s\S]*127\.0\.0\.1/);
  await row.getByRole('button', { name: /valid$/ }).first().click();
  await row.getByText('Valid (Admin)').waitFor();
  await screenshot(events, 'admin-threat-auth-events');

  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as { id: string; kind: string }[];
  const flow = flows.find((f) => f.kind === 'USER_PASSWORD_AUTH')!;
  await page.goto(`${sandbox.url}/_sandbox/#/flows/${flow.id}`);
  await page.getByText('risk High (AccountTakeover): blocked').first().waitFor();
  await screenshot(page, 'flow-risk-assessed');
  expect(watched.errors).toEqual([]);
}, 20_000);
