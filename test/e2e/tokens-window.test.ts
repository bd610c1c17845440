/**
 * The window's token answers in Debian's Chromium: the decoder (`#/tokens`) judges a pasted
 * access token (signature, pool, client, expiry, not revoked), marks it signed out after
 * GlobalSignOut with the refusal GetUser answers, and calls a token from elsewhere's issuer
 * unknown; the flow's Tokens tab marks its tokens signed out once the app signs out, and marks
 * the claims a PreTokenGeneration function added, overrode and suppressed.
 */
import { GlobalSignOutCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { generateKeyPair, SignJWT } from 'jose';
import { expect, it } from 'vitest';
import type { FlowListItem } from '../../shared/debugger-api.js';
import { arn, fixture, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('tokens-window.test.ts', () => startSandboxWithHandlers({ 'pre-token-v2': fixture('sign-in-pre-token-v2.cjs') }));

it.skipIf(!hasChromium)('decodes a pasted token, marks it signed out after GlobalSignOut, in the decoder and the flow’s Tokens tab', async () => {
  const { sandbox } = ui;
  const PASSWORD = 'Passw0rd!Tia';
  const poolId = await createPool(sandbox.cognito, { PoolName: 'token-pool' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web-app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'tia', { password: PASSWORD });
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'tia', PASSWORD } }),
  );
  const accessToken = AuthenticationResult!.AccessToken!;
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
  const signIn = flows.find((flow) => flow.poolId === poolId && flow.username === 'tia' && flow.outcome === 'success')!;

  const watched = await ui.open('/_sandbox/#/tokens');
  const { page } = watched;
  await page.getByTestId('token-input').fill(`Bearer ${accessToken}`);
  const verdict = page.getByTestId('token-verdict');
  await expect(verdict.getByTestId('token-signature').textContent()).resolves.toBe('Signature valid');
  await expect(page.getByTestId('token-revocation').textContent()).resolves.toBe('Not revoked');
  await expect(page.getByTestId('token-expiry').textContent()).resolves.toMatch(/^\s*Expires in (59 min|1 h)/);
  await expect(page.getByTestId('token-pool').textContent()).resolves.toContain('token-pool');
  await expect(page.getByTestId('token-client').textContent()).resolves.toContain('web-app');
  await expect(page.getByTestId('token-refusal').textContent()).resolves.toContain('Accepted');
  await page.locator('tr[data-claim="username"]').waitFor();

  await page.goto(`${sandbox.url}/_sandbox/#/flows/${signIn.id}/tokens`);
  const accessCard = page.locator('article[data-token-use="access"]');
  await accessCard.getByTestId('signature').waitFor();
  expect(await accessCard.getByTestId('revocation').count()).toBe(0);

  await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
  // The card asks again after the GlobalSignOut call reaches the window.
  await expect(accessCard.getByTestId('revocation').textContent({ timeout: 5_000 })).resolves.toBe('Signed out (GlobalSignOut)');
  await expect(page.locator('article[data-token-use="refresh"]').getByTestId('revocation').textContent()).resolves.toBe('Signed out (GlobalSignOut)');
  await expect(accessCard.getByTestId('revocation-reason').textContent()).resolves.toContain('signed out everywhere');
  expect(await accessCard.getByText(/expires in/).count()).toBe(0);
  await screenshot(page.locator('.tokens'), 'flow-tokens-signed-out');

  await page.goto(`${sandbox.url}/_sandbox/#/tokens`);
  await page.getByTestId('token-input').fill(accessToken);
  await expect(page.getByTestId('token-revocation').textContent()).resolves.toBe('Signed out (GlobalSignOut)');
  await expect(page.getByTestId('token-refusal').textContent()).resolves.toContain('NotAuthorizedException: Access Token has been revoked');
  await screenshot(page.locator('.tokens-view'), 'token-decoder-signed-out');

  const { privateKey } = await generateKeyPair('RS256');
  const foreign = await new SignJWT({ token_use: 'id' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://issuer.example/pool').setExpirationTime('2h').sign(privateKey);
  await page.getByTestId('token-input').fill(foreign);
  // The badges of the token before stay until the new one's inspection answers: wait for it.
  await page.getByTestId('token-signature').filter({ hasText: /^Unknown issuer$/ }).waitFor({ timeout: 5_000 });
  await expect(page.getByTestId('token-revocation').textContent()).resolves.toBe('Revocation unknown');

  await page.getByTestId('token-input').fill('not-a-token');
  await expect(page.getByTestId('token-error').textContent()).resolves.toContain('Not a JWT');
  expect(watched.errors.filter((error) => !error.includes('400'))).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)('marks the claims PreTokenGeneration added, overrode and suppressed in the flow’s Tokens tab', async () => {
  const { sandbox } = ui;
  const PASSWORD = 'Passw0rd!Ugo';
  const poolId = await createPool(sandbox.cognito, {
    PoolName: 'pre-token-pool',
    LambdaConfig: { PreTokenGeneration: arn('pre-token-v2'), PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('pre-token-v2') } },
  });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'ugo', { password: PASSWORD, attributes: { email: 'ugo@example.com' } });
  await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ugo', PASSWORD } }));
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
  const signIn = flows.find((flow) => flow.poolId === poolId && flow.username === 'ugo' && flow.outcome === 'success')!;

  const watched = await ui.open(`/_sandbox/#/flows/${signIn.id}/tokens`);
  const idCard = watched.page.locator('article[data-token-use="id"]');
  await idCard.locator('tr[data-claim="tier"]').waitFor();
  await expect(idCard.locator('tr[data-claim="tier"]').getAttribute('data-change')).resolves.toBe('added');
  await expect(idCard.locator('tr[data-claim="cognito:groups"]').getAttribute('data-change')).resolves.toBe('added');
  await expect(idCard.locator('tr[data-claim="email"]').getAttribute('data-change')).resolves.toBe('suppressed');
  await expect(idCard.locator('tr[data-claim="sub"]').getAttribute('data-change')).resolves.toBeNull();
  await expect(idCard.getByTestId('claims-changed').textContent()).resolves.toMatch(/PreTokenGeneration: \d+ added · 1 suppressed/);
  const accessCard = watched.page.locator('article[data-token-use="access"]');
  await expect(accessCard.locator('tr[data-claim="scope"]').getAttribute('data-change')).resolves.toBe('overridden');
  await expect(accessCard.locator('tr[data-claim="client_id"]').getAttribute('data-change')).resolves.toBeNull();
  await screenshot(idCard, 'flow-tokens-pre-token-generation');
  expect(watched.errors).toEqual([]);
}, 15_000);
