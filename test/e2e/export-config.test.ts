/**
 * The admin's "Export config" button in Debian's Chromium: it saves the sandbox as a --config
 * file (a download in a plain tab), and that file starts a fresh sandbox with the same pool,
 * client secret and a user who signs in with their password.
 */
import fs from 'node:fs';
import { DescribeUserPoolClientCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { startSandbox, tempDir } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('export-config.test.ts');

it.skipIf(!hasChromium)('Export config saves a file that recreates the sandbox', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'exported' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'dana', { password: 'Passw0rd!Dana' });

  const watched = await ui.open(`/_sandbox/#/admin/${poolId}`);
  const { page } = watched;
  const button = page.getByRole('button', { name: 'Export config' });
  await button.waitFor();
  await screenshot(page.locator('.pool-list'), 'admin-export-config');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('cognito-sandbox.config.json');
  const file = `${tempDir('export-config-e2e-')}/cognito-sandbox.config.json`;
  await download.saveAs(file);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).userPools[0].Id).toBe(poolId);

  const copy = await startSandbox({ configFile: file });
  try {
    const client = await copy.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(client.UserPoolClient?.ClientName).toBe('app');
    const signedIn = await copy.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dana', PASSWORD: 'Passw0rd!Dana' } }),
    );
    expect(signedIn.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  } finally {
    await copy.close();
  }
  expect(watched.errors).toEqual([]);
}, 20_000);
