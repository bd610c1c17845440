/**
 * The API calls view in Debian's Chromium shows a call as DevTools would: method and path, the
 * SDK and its version from the User-Agent, request and response headers with the signature
 * masked, the bodies parsed or raw, and every operation's whole name. The window's own calls
 * (the admin tab's) are marked and hidden until asked for.
 */
import { AdminListGroupsForUserCommand, GetUserPoolMfaConfigCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('api-calls-window.test.ts');

/** The value a headers table shows for `name`. */
const headerValue = (table: Locator, name: string) => table.locator('tr', { has: table.page().locator('th', { hasText: new RegExp(`^${name}$`) }) }).locator('td').textContent();

it.skipIf(!hasChromium)('shows each call as DevTools would; the admin tab\'s calls are hidden until the toggle shows them', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'calls-pool' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'dora', { password: 'Passw0rd!Dora' });
  await expect(
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dora', PASSWORD: 'Wr0ng!pass' } })),
  ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  await sandbox.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'dora' }));
  await sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));

  // The admin tab's own calls: its users list (ListUsers is never called by the app above).
  const watched = await ui.open(`/_sandbox/#/admin/${poolId}`);
  const { page } = watched;
  await page.getByRole('cell', { name: 'dora' }).first().waitFor();

  await page.getByRole('link', { name: /API calls/ }).click();
  const rows = page.locator('.call-row');
  await rows.filter({ hasText: 'InitiateAuth' }).waitFor();
  const ops = () => rows.locator('.c-op').allTextContents();
  await expect(ops()).resolves.not.toContainEqual(expect.stringContaining('ListUsers'));
  await expect(rows.locator('.window-mark').count()).resolves.toBe(0);
  const hidden = page.locator('.hidden-count');
  await expect(hidden.textContent()).resolves.toMatch(/^\(\d+ hidden\)$/);
  const tabCount = async () => Number((await page.locator('a[href="#/calls"] .count').textContent())!.replace(/,/g, ''));
  await expect(tabCount()).resolves.toBe(await rows.count());

  // Every operation's name whole: no cell cut ("InitiateAut…").
  const cut = await rows.locator('.c-op').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent));
  expect(cut).toEqual([]);

  await rows.filter({ hasText: 'InitiateAuth' }).first().click();
  const detail = page.getByRole('region', { name: 'API call InitiateAuth' });
  const general = detail.getByRole('definition');
  await expect(general.allTextContents()).resolves.toEqual(
    expect.arrayContaining(['POST /', '400', expect.stringMatching(/^AWS SDK for JavaScript v3 3\.\d+\.\d+$/), expect.stringMatching(/^aws-sdk-js\/3\.\d+\.\d+ /)]),
  );
  const requestHeaders = detail.locator('table[aria-label="Request headers"]');
  await expect(headerValue(requestHeaders, 'x-amz-target')).resolves.toContain('AWSCognitoIdentityProviderService.InitiateAuth');
  await expect(requestHeaders.locator('th', { hasText: /^authorization$/ }).count()).resolves.toBe(0); // InitiateAuth is not signed
  const responseHeaders = detail.locator('table[aria-label="Response headers"]');
  await expect(headerValue(responseHeaders, 'x-amzn-errortype')).resolves.toContain('NotAuthorizedException');

  await detail.getByRole('checkbox', { name: 'Show the bodies raw' }).check();
  const rawRequest = await detail.getByRole('figure', { name: 'Raw request body' }).locator('pre').textContent();
  expect(JSON.parse(rawRequest!)).toEqual({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dora', PASSWORD: '***' } });
  expect(rawRequest).not.toContain('Wr0ng!pass');
  await expect(detail.getByRole('figure', { name: 'Raw response body' }).locator('pre').textContent()).resolves.toBe(
    JSON.stringify({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
  );
  await screenshot(page, 'api-calls-devtools');

  // A signed call: its Authorization keeps the credential scope, not the signature.
  await rows.filter({ hasText: 'AdminListGroupsForUser' }).first().click();
  const signedHeaders = page.getByRole('region', { name: 'API call AdminListGroupsForUser' }).locator('table[aria-label="Request headers"]');
  await expect(headerValue(signedHeaders, 'authorization')).resolves.toMatch(
    /AWS4-HMAC-SHA256 Credential=AKIDSANDBOX\/\d{8}\/us-east-1\/cognito-idp\/aws4_request, SignedHeaders=.*, Signature=\*\*\*$/,
  );

  await page.getByRole('checkbox', { name: "Show the window's own calls" }).check();
  const windowRows = rows.filter({ has: page.locator('.window-mark') });
  await windowRows.filter({ hasText: 'ListUsers' }).first().waitFor();
  await expect(hidden.count()).resolves.toBe(0);
  await expect(tabCount()).resolves.toBe(await rows.count());
  await windowRows.filter({ hasText: 'ListUsers' }).first().click();
  const adminCall = page.getByRole('region', { name: 'API call ListUsers' });
  await adminCall.getByRole('note').filter({ hasText: 'Made by this window' }).waitFor();
  await expect(headerValue(adminCall.locator('table[aria-label="Request headers"]'), 'x-cognito-sandbox-window')).resolves.toContain('1');
  await expect(adminCall.getByRole('definition').allTextContents()).resolves.toContainEqual('a browser');
  await screenshot(page, 'api-calls-window-shown');

  await page.getByRole('checkbox', { name: "Show the window's own calls" }).uncheck();
  await expect(rows.locator('.window-mark').count()).resolves.toBe(0);
  expect(watched.errors).toEqual([]);
}, 20_000);
