/**
 * Issue 15's small things in Debian's Chromium: each outbox message says what its code is for
 * and what became of it, live as the app answers codes; "Delete all" empties the outbox after a
 * confirm, in every open window; the token decoder tells a token revoked by RevokeToken from one whose session
 * RevokeUserSession ended; "Reset…" says what it erases, and once confirmed the window shows an
 * empty sandbox, as does another open window (last: it erases what the other tests made).
 */
import {
  AdminCreateUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  ListUserSessionsCommand,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  RevokeUserSessionCommand,
  SetUserPoolSessionConfigurationCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { latestMessageTo } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('outbox-reset-window.test.ts');
const PASSWORD = 'Passw0rd!Outbox';

it.skipIf(!hasChromium)('outbox rows say what each code is for and whether it was used, replaced or still waiting, live; Delete all empties it', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'outbox-pool', AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ada', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] }));
  await sandbox.cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ada' }));
  const { code } = await latestMessageTo(sandbox.url, 'ada@example.com');
  await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ada', ConfirmationCode: code }));
  await sandbox.cognito.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'bea', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: 'bea@example.com' }] }),
  );

  const { page, errors } = await ui.open('/_sandbox/#/outbox');
  const rows = page.locator('.message-row');
  const purposes = () => rows.locator('[data-testid="message-for"]').allTextContents();
  const states = () => rows.locator('[data-testid="code-state"]').allTextContents();
  await expect.poll(purposes).toEqual(['invitation: temporary password', 'sign-up confirmation (sent again)', 'sign-up confirmation']);
  await expect.poll(states).toEqual(['waiting', 'used', 'replaced']);

  // A code sent and answered while the window is open: the row appears waiting, then turns used.
  await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ada' }));
  await expect.poll(purposes).toEqual(['forgot password', 'invitation: temporary password', 'sign-up confirmation (sent again)', 'sign-up confirmation']);
  await expect.poll(states).toEqual(['waiting', 'waiting', 'used', 'replaced']);
  await rows.first().click();
  await expect.poll(() => page.getByTestId('message-code-state').textContent()).toMatch(/waiting\s+Waiting to be answered; expires in (1 h 0 min|59 min \d+ s)\./);
  const reset = await latestMessageTo(sandbox.url, 'ada@example.com');
  await sandbox.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ada', ConfirmationCode: reset.code, Password: 'N3w-Passw0rd!' }));
  await expect.poll(states).toEqual(['used', 'waiting', 'used', 'replaced']);
  await expect.poll(() => page.getByTestId('message-code-state').textContent()).toMatch(/used\s+Used: the password was reset with it\./);
  await screenshot(page, 'outbox-code-states');

  const other = await ui.open('/_sandbox/#/outbox');
  await expect.poll(() => other.page.locator('.message-row').count()).toBe(4);
  await page.getByRole('button', { name: 'Delete all' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete every message?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await rows.count()).toBe(4);
  await page.getByRole('button', { name: 'Delete all' }).click();
  await dialog.getByRole('button', { name: 'Delete 4 messages' }).click();
  await expect.poll(() => rows.count()).toBe(0);
  await expect.poll(() => page.getByText('No email or SMS yet.').isVisible()).toBe(true);
  expect(await fetch(`${sandbox.url}/_sandbox/api/outbox`).then((r) => r.json())).toEqual([]);
  expect(await page.getByRole('button', { name: 'Delete all' }).isDisabled()).toBe(true);
  // Another window's outbox empties too (outbox.cleared).
  await expect.poll(() => other.page.locator('.message-row').count()).toBe(0);
  expect(errors).toEqual([]);
  expect(other.errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)('the token decoder gives a token revoked by RevokeToken and one whose session RevokeUserSession ended different reasons', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'sessions-pool' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await sandbox.cognito.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } }));
  await createAdminUser(sandbox.cognito, poolId, 'dee', { password: PASSWORD });
  const signIn = async () =>
    (await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dee', PASSWORD } }))).AuthenticationResult!;
  const [byToken, bySession, keeper] = [await signIn(), await signIn(), await signIn()];
  await sandbox.cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: byToken.RefreshToken }));
  const { Sessions } = await sandbox.cognito.send(new ListUserSessionsCommand({ AccessToken: bySession.AccessToken }));
  await sandbox.cognito.send(new RevokeUserSessionCommand({ AccessToken: keeper.AccessToken, SessionId: Sessions!.find((s) => s.IsCurrentSession)!.SessionId }));

  const { page, errors } = await ui.open('/_sandbox/#/tokens');
  await page.getByTestId('token-input').fill(byToken.AccessToken!);
  await expect.poll(() => page.getByTestId('token-revocation').textContent()).toBe('Revoked (RevokeToken)');
  await expect.poll(() => page.getByTestId('token-revocation-reason').textContent()).toContain('(RevokeToken): every token minted from it is refused');
  await page.getByTestId('token-input').fill(bySession.AccessToken!);
  await expect.poll(() => page.getByTestId('token-revocation').textContent()).toBe('Session revoked');
  await expect.poll(() => page.getByTestId('token-revocation-reason').textContent()).toContain('The user ended its token session (RevokeUserSession)');
  await screenshot(page.locator('.tokens-view'), 'token-decoder-session-revoked');
  expect(errors).toEqual([]);
}, 20_000);

it.skipIf(!hasChromium)('Reset… says what it erases; Cancel keeps everything, confirming leaves an empty sandbox in every view', async () => {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'to-erase', AutoVerifiedAttributes: ['email'] });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app' });
  await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'cy', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'cy@example.com' }] }));

  const { page, errors } = await ui.open('/_sandbox/#/flows');
  const flowRows = page.locator('.flow-row');
  await expect.poll(() => flowRows.count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Reset…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the sandbox?' });
  await expect.poll(() => dialog.textContent()).toContain('every user pool, with its users, groups, app clients');
  expect(await dialog.textContent()).toContain('the clock goes back to real time');
  await screenshot(dialog, 'reset-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.map((p) => p.Name)).toContain('to-erase');

  const other = await ui.open('/_sandbox/#/flows');
  await expect.poll(() => other.page.locator('.flow-row').count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Reset…' }).click();
  // Another open window hears sandbox.reset and loads afresh, as the one that reset does.
  await Promise.all([page.waitForEvent('load'), other.page.waitForEvent('load'), dialog.getByRole('button', { name: 'Erase everything' }).click()]);
  await expect.poll(() => other.page.locator('.flow-row').count()).toBe(0);
  expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
  expect(page.url()).toMatch(/#\/flows$/);
  await expect.poll(() => flowRows.count()).toBe(0);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Outbox/ }).click();
  await expect.poll(() => page.getByText('No email or SMS yet.').isVisible()).toBe(true);
  expect(errors).toEqual([]);
  expect(other.errors).toEqual([]);
}, 20_000);
