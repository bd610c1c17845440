/**
 * The window's part of client secrets in Debian's Chromium: the client page's "Client secrets"
 * card shows the client's secret masked, reveals it, adds a second (generated) one that signs
 * in too, and deletes the first: its SECRET_HASH is then refused, and the last secret cannot go.
 */
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { secretHash } from '../../src-main/cognito/secret-hash.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('client-secrets-window.test.ts');

it.skipIf(!hasChromium)('shows the secret masked, reveals it, adds a second that signs in, and deletes the first', async () => {
  const { sandbox } = ui;
  const PASSWORD = 'Passw0rd!Sam';
  const poolId = await createPool(sandbox.cognito, { PoolName: 'window-pool' });
  const { clientId, clientSecret } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'backend',
    GenerateSecret: true,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await createAdminUser(sandbox.cognito, poolId, 'sam', { password: PASSWORD });
  const signIn = (secret: string) =>
    sandbox.cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'sam', PASSWORD, SECRET_HASH: secretHash(secret, 'sam', clientId) },
      }),
    );

  const watched = await ui.open(`/_sandbox/#/admin/${poolId}/client:${clientId}`);
  const { page } = watched;
  const card = page.getByRole('region', { name: 'Client secrets' });
  const rows = card.getByRole('listitem');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(1);
  const firstValue = rows.first().getByTestId('secret-value');
  expect(await firstValue.textContent()).not.toContain(clientSecret!);
  await rows.first().getByRole('button', { name: 'Reveal' }).click();
  expect(await firstValue.textContent()).toBe(clientSecret);
  await expect(rows.first().getByRole('button', { name: 'Delete' }).isDisabled()).resolves.toBe(true);

  await card.getByRole('button', { name: 'Add secret' }).click();
  await card.getByRole('status').filter({ hasText: 'Secret generated' }).waitFor();
  expect(await rows.count()).toBe(2);
  await expect(card.getByRole('button', { name: 'Add secret' }).isDisabled()).resolves.toBe(true);
  await rows.nth(1).getByRole('button', { name: 'Reveal' }).click();
  const secondSecret = (await rows.nth(1).getByTestId('secret-value').textContent())!;
  expect(secondSecret).toMatch(/^[a-z0-9]{51}$/);
  await screenshot(card, 'admin-client-secrets');
  expect((await signIn(secondSecret)).AuthenticationResult?.AccessToken).toBeDefined();

  await rows.first().getByRole('button', { name: 'Delete' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="client-secrets"] li').length === 1);
  expect(await rows.first().getByTestId('secret-value').textContent()).toBe(secondSecret);
  await expect(rows.first().getByRole('button', { name: 'Delete' }).isDisabled()).resolves.toBe(true);
  await expect(signIn(clientSecret!)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  await screenshot(page, 'admin-client-page-secrets');
  expect(watched.errors).toEqual([]);
}, 20_000);
