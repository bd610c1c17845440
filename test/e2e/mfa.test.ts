/**
 * MFA in the debugger window, in Debian's Chromium against the real sandbox: a pool's MFA set
 * through its settings page (and a refused combination's error shown); a sign-in with an SMS
 * code drawn in the sign-in machine's mfa region, its challenge linking to the message that
 * carried the code; a software token associated in MFA_SETUP (with the Session) and with an
 * access token, its secret shown as a QR code and in text; a user's MFA preference changed and
 * their authenticator app removed on the user page, their devices remembered and forgotten there,
 * each checked through the AWS SDK. Every
 * screen is checked for unnamed controls and console errors, and shot light and dark.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminListDevicesCommand,
  AssociateSoftwareTokenCommand,
  CompleteWebAuthnRegistrationCommand,
  ConfirmDeviceCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  VerifySoftwareTokenCommand,
  type CreateUserPoolCommandInput,
  type SetUserPoolMfaConfigCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowListItem, MachineStateNode } from '../../shared/debugger-api.js';
import type { SandboxEvent } from '../../shared/events.js';
import { qrDrawing } from '../../src-renderer/lib/qr.js';
import { ensureBuilt } from '../support/build.js';
import { formatTimestamp } from '../../src-main/auth/srp-server.js';
import { deviceSecretVerifierConfig, deviceSrpClient } from '../support/device-client.js';
import { SoftwareAuthenticator, type CreationOptionsJson } from '../support/passkeys.js';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { controlsWithoutName } from './support/accessibility.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`mfa.test.ts skipped: ${NO_CHROMIUM_REASON}`);

const PASSWORD = 'Passw0rd!mfa';
const SMS_CONFIGURATION = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sandbox-sns', ExternalId: 'sandbox' };
/** Chromium logs every 400 answer as a console error: expected where a test provokes an AWS error. */
const AWS_ERROR_LOG = /^Failed to load resource: the server responded with a status of 400/;
/** Likewise a 404 of the debugger API, where a test asks for what is gone on purpose. */
const NOT_FOUND_LOG = /^Failed to load resource: the server responded with a status of 404/;

let browser: Browser;
let sandbox: TestSandbox;
let opened: WatchedPage[] = [];
let provokesAwsErrors = false;
let asksForWhatIsGone = false;

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
  sandbox = await startSandbox();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
afterEach(async () => {
  for (const { context, errors } of opened) {
    const expected = (error: string) => (provokesAwsErrors && AWS_ERROR_LOG.test(error)) || (asksForWhatIsGone && NOT_FOUND_LOG.test(error));
    expect(errors.filter((error) => !expected(error))).toEqual([]);
    await context.close();
  }
  opened = [];
  provokesAwsErrors = false;
  asksForWhatIsGone = false;
});

async function open(hash: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const watched = await openPage(browser, `${sandbox.url}/_sandbox/${hash}`, { colorScheme });
  watched.page.setDefaultTimeout(8_000);
  opened.push(watched);
  return watched.page;
}

/** Shoots the screen light, then opens it again dark, makes it ready the same way and shoots that too. */
async function shootBoth(page: Page, hash: string, name: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await controlsWithoutName(page), `${name}, light`).toEqual([]);
  await screenshot(page, `${name}-light`);
  const dark = await open(hash, 'dark');
  await ready(dark);
  await dark.waitForLoadState('networkidle');
  expect(await controlsWithoutName(dark), `${name}, dark`).toEqual([]);
  await screenshot(dark, `${name}-dark`);
}

async function createPool(
  name: string,
  mfa?: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>,
  settings: Partial<CreateUserPoolCommandInput> = {},
): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: name, SmsConfiguration: SMS_CONFIGURATION, ...settings }));
  const poolId = UserPool!.Id!;
  if (mfa) await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...mfa }));
  const { UserPoolClient } = await sandbox.cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

async function createUser(poolId: string, username: string, attributes: Record<string, string>): Promise<void> {
  await sandbox.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

function signIn(clientId: string, username: string) {
  return sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
}

function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

async function flowIdOf(username: string): Promise<string> {
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
  return flows.find((flow) => flow.username === username)!.id;
}

async function eventsOfFlow(flowId: string): Promise<SandboxEvent[]> {
  return ((await (await fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}`)).json()) as { events: SandboxEvent[] }).events;
}

async function awsError(page: Page): Promise<string> {
  provokesAwsErrors = true;
  const note = page.getByTestId('aws-error').first();
  await note.waitFor();
  return (await note.textContent())!.replace(/\s+/g, ' ').trim();
}

describe.skipIf(!hasChromium)('MFA in the debugger window', () => {
  it('sets a pool’s MFA through its settings page, and shows the error of a combination Cognito refuses', async () => {
    const { poolId } = await createPool('mfa-settings');
    const hash = `#/admin/${poolId}/settings`;
    const page = await open(hash);
    const mfa = page.locator('form', { has: page.getByRole('heading', { name: 'Multi-factor authentication' }) });
    await mfa.waitFor();
    await expect(mfa.getByRole('radio', { name: /^Off/ }).isChecked()).resolves.toBe(true);

    await mfa.getByRole('radio', { name: /^Required/ }).check();
    await mfa.getByRole('checkbox', { name: /SMS text message/ }).check();
    await expect(mfa.getByLabel('SNS caller role ARN').inputValue()).resolves.toBe(SMS_CONFIGURATION.SnsCallerArn);
    await mfa.getByLabel('SMS message').fill('Your Acme sign-in code is {####}.');
    await mfa.getByRole('checkbox', { name: /Authenticator app/ }).check();
    await mfa.getByRole('checkbox', { name: /Email message/ }).check();
    await mfa.getByLabel('Email subject').fill('Your Acme sign-in code');
    await mfa.getByLabel('Email message', { exact: true }).fill('Sign in with {####}.');
    await mfa.getByRole('button', { name: 'Save MFA settings' }).click();
    await mfa.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const config = await sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(config).toMatchObject({
      MfaConfiguration: 'ON',
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your Acme sign-in code is {####}.', SmsConfiguration: { SnsCallerArn: SMS_CONFIGURATION.SnsCallerArn } },
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Subject: 'Your Acme sign-in code', Message: 'Sign in with {####}.' },
    });
    // The pool's details follow.
    await page.locator('.kv').filter({ hasText: 'Custom attributes' }).filter({ hasText: /MFA\s*ON/ }).waitFor();

    const showMfa = async (at: Page) => {
      await at.getByLabel('SMS message').waitFor();
      await scrollIntoPane(at.getByRole('heading', { name: 'Multi-factor authentication' }));
    };
    await showMfa(page);
    await shootBoth(page, hash, 'admin-pool-mfa', showMfa);

    // Off with factors still on: Cognito's refusal, in its own words.
    await mfa.getByRole('radio', { name: /^Off/ }).check();
    await mfa.getByRole('button', { name: 'Save MFA settings' }).click();
    const refusal = await awsError(page);
    expect(refusal).toContain('InvalidParameterException');
    expect(refusal).toContain("can't turn off MFA and configure an MFA together");
    await screenshot(page, 'admin-pool-mfa-refused-light');
    expect((await sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).MfaConfiguration).toBe('ON');

    // Turning every factor off as well is accepted.
    for (const factor of [/SMS text message/, /Authenticator app/, /Email message/]) await mfa.getByRole('checkbox', { name: factor }).uncheck();
    await mfa.getByRole('button', { name: 'Save MFA settings' }).click();
    await mfa.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const off = await sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(off.MfaConfiguration).toBe('OFF');
    expect(off.SmsMfaConfiguration).toBeUndefined();
    expect(off.EmailMfaConfiguration).toBeUndefined();
  });

  it('draws a sign-in with an SMS code in the mfa region, and links the challenge to the message that carried the code', async () => {
    const { poolId, clientId } = await createPool('mfa-sms', {
      MfaConfiguration: 'ON',
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code is {####}.', SmsConfiguration: SMS_CONFIGURATION },
    });
    await createUser(poolId, 'sam', { phone_number: '+15555550123', email: 'sam@example.com' });
    const started = await signIn(clientId, 'sam');
    expect(started.ChallengeName).toBe('SMS_MFA');
    const message = await latestMessageTo(sandbox.url, '+15555550123');
    expect(message.purpose).toBe('Authentication');
    const answered = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SMS_MFA',
        Session: started.Session,
        ChallengeResponses: { USERNAME: 'sam', SMS_MFA_CODE: message.code },
      }),
    );
    expect(answered.AuthenticationResult?.AccessToken).toBeTruthy();
    const flowId = await flowIdOf('sam');
    expect(message.flowId).toBe(flowId);
    const sent = (await eventsOfFlow(flowId)).find((event) => event.type === 'message.sent')!;

    const hash = `#/flows/${flowId}`;
    const page = await open(hash);
    const detail = page.locator(`.flow-detail[data-flow-id="${flowId}"]`);
    await detail.waitFor();

    // The mfa region, drawn from the machine, holding the states this flow went through.
    const chart = detail.locator('.chart');
    await chart.locator('.region[data-state="mfa"]').waitFor();
    for (const state of ['mfa.decidingMfa', 'mfa.sendingMfaCode', 'mfa.awaitingMfaCode', 'mfa.verifyingMfaCode']) {
      await expect(chart.locator(`.node[data-state="${state}"]`).getAttribute('class'), state).resolves.toContain('visited');
    }
    await expectRegionHoldsItsStates(page, 'mfa');

    const steps = detail.locator('button.step');
    const challenge = steps.filter({ hasText: 'challenge SMS_MFA' });
    await expect(challenge.textContent()).resolves.toContain('code by SMS to +*******0123');
    await steps.filter({ hasText: 'SMS to +15555550123' }).waitFor();
    await challenge.click();
    const details = detail.locator('.step-details');
    await expect(details.textContent()).resolves.toContain('The code went by SMS to +15555550123');
    // Two views a reader scrolls to: the challenge's details under the sequence, and the chart's mfa region.
    const showChallenge = async (at: Page) => {
      await at.locator('.flow-detail button.step').filter({ hasText: 'challenge SMS_MFA' }).click();
      await at.getByRole('button', { name: 'Open the code’s message in the outbox' }).waitFor();
      await scrollIntoPane(at.locator('.flow-detail .sequence-pane button.step').filter({ hasText: 'challenge SMS_MFA' }));
    };
    const showRegion = async (at: Page) => {
      await at.locator('.chart .region[data-state="mfa"]').waitFor();
      await scrollIntoPane(at.locator('.chart .region[data-state="mfa"]'));
    };
    await showChallenge(page);
    await shootBoth(page, hash, 'flow-mfa-sms', showChallenge);
    await showRegion(page);
    await shootBoth(page, hash, 'flow-mfa-chart', showRegion);

    // The answer names the message too; the message's own step is a click away.
    await steps.filter({ hasText: 'answer SMS_MFA' }).click();
    await expect(details.getByRole('link', { name: 'SMS to +15555550123' }).getAttribute('href')).resolves.toBe(`#/outbox/${sent.data.id}`);
    await challenge.click();
    await details.getByRole('button', { name: 'Show the message step' }).click();
    await expect(page.locator(`button.step[data-key="e${sent.seq}"]`).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(details.locator('.head h3').textContent()).resolves.toBe('SMS to +15555550123');

    // And the outbox opens on it, its code in clear.
    await challenge.click();
    await details.getByRole('button', { name: 'Open the code’s message in the outbox' }).click();
    await expect(page.getByTestId('message-code').textContent()).resolves.toBe(message.code);
    expect(page.url()).toContain(`#/outbox/${sent.data.id}`);
  });

  it('shows the secret of AssociateSoftwareToken in MFA_SETUP as a QR code and in text, in the flow and in the API calls', async () => {
    const { poolId, clientId } = await createPool('Acme Shop', { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await createUser(poolId, 'tess', { email: 'tess@example.com' });
    const started = await signIn(clientId, 'tess');
    expect(started.ChallengeName).toBe('MFA_SETUP');
    const associated = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    const secret = associated.SecretCode!;
    const uri = `otpauth://totp/Acme%20Shop:tess?issuer=Acme%20Shop&secret=${secret}&algorithm=SHA1&digits=6&period=30`;
    const flowId = await flowIdOf('tess');

    const hash = `#/flows/${flowId}`;
    const page = await open(hash);
    const detail = page.locator(`.flow-detail[data-flow-id="${flowId}"]`);
    await detail.locator('button.step').filter({ hasText: 'AssociateSoftwareToken' }).first().click();
    const qr = detail.getByRole('img', { name: 'QR code of the TOTP key for tess in Acme Shop' });
    await qr.waitFor();
    await expectQrOf(qr, uri);
    await expect(detail.getByTestId('totp-secret').textContent()).resolves.toBe(secret.match(/.{4}/g)!.join(' '));
    await expect(detail.locator('.software-token').textContent()).resolves.toContain('waiting for VerifySoftwareToken');
    await detail.getByRole('button', { name: 'Copy the secret key' }).click();
    await expect(page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).resolves.toBe(secret);
    const showSecret = async (at: Page) => {
      await at.locator('.flow-detail button.step').filter({ hasText: 'AssociateSoftwareToken' }).first().click();
      await at.getByRole('img', { name: /QR code of the TOTP key/ }).waitFor();
      await scrollIntoPane(at.locator('.flow-detail .step-details'));
    };
    await showSecret(page);
    await shootBoth(page, hash, 'flow-totp-setup', showSecret);

    // Verified and signed in: the same call now shows the user's authenticator, with its name.
    const verified = await sandbox.cognito.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpCode(secret), FriendlyDeviceName: 'Tess’s phone' }),
    );
    const signedIn = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'tess' } }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();

    const call = (await eventsOfFlow(flowId)).find((event) => event.type === 'api.called' && event.data.operation === 'AssociateSoftwareToken')!;
    const calls = await open(`#/calls/${call.seq}`);
    const qrInCalls = calls.getByRole('img', { name: 'QR code of the TOTP key for tess in Acme Shop' });
    await qrInCalls.waitFor();
    await expectQrOf(qrInCalls, uri);
    await expect(calls.locator('.software-token').textContent()).resolves.toContain('verified: Tess’s phone');

    // With the access token: a new secret, pending beside the verified one; the older call's secret is still the one in use.
    const renewed = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken }));
    const renewedCall = await newestCall('AssociateSoftwareToken');
    expect(renewedCall.flowId).toBeNull();
    const byToken = await open(`#/calls/${renewedCall.seq}`);
    await byToken.getByRole('img', { name: 'QR code of the TOTP key for tess in Acme Shop' }).waitFor();
    await expect(byToken.getByTestId('totp-secret').textContent()).resolves.toBe(renewed.SecretCode!.match(/.{4}/g)!.join(' '));
    await expect(byToken.locator('.software-token').textContent()).resolves.toContain('waiting for VerifySoftwareToken');
    await shootBoth(byToken, `#/calls/${renewedCall.seq}`, 'api-call-totp', (dark) => dark.getByRole('img', { name: /QR code of the TOTP key/ }).waitFor());

    // Verifying the renewed secret replaces the first: its call no longer has a secret to show.
    await sandbox.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken, UserCode: totpCode(renewed.SecretCode!) }));
    asksForWhatIsGone = true;
    const stale = await open(`#/calls/${call.seq}`);
    await expect(stale.locator('.software-token .unavailable').textContent()).resolves.toContain('a later AssociateSoftwareToken replaced it');
  });

  it('changes a user’s MFA preference on the user page and removes their authenticator app, checked with AdminGetUser', async () => {
    const { poolId, clientId } = await createPool(
      'mfa-users',
      { MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION }, SoftwareTokenMfaConfiguration: { Enabled: true } },
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } },
    );
    await createUser(poolId, 'uma', { phone_number: '+15555550188', email: 'uma@example.com' });
    const userHash = `#/admin/${poolId}/user:uma`;
    const page = await open(userHash);
    const card = page.getByRole('region', { name: 'Multi-factor authentication' });
    await card.waitFor();
    await expect(card.locator('tr[data-factor="SMS_MFA"]').textContent()).resolves.toContain('+15555550188');

    // An authenticator app cannot go on before one is verified: Cognito's error, shown.
    await card.getByRole('checkbox', { name: 'Authenticator app on' }).check();
    await card.getByRole('button', { name: 'Save MFA preference' }).click();
    expect(await awsError(page)).toContain('InvalidParameterException');
    expect(await awsError(page)).toContain('User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA');
    await card.getByRole('button', { name: 'Undo changes' }).click();

    await card.getByRole('checkbox', { name: 'SMS text message on' }).check();
    await card.getByLabel('Preferred').selectOption('SMS_MFA');
    await card.getByRole('button', { name: 'Save MFA preference' }).click();
    await expect.poll(async () => (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'uma' }))).PreferredMfaSetting).toBe('SMS_MFA');
    const afterSms = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'uma' }));
    expect(afterSms.UserMFASettingList).toEqual(['SMS_MFA']);
    await card.getByRole('button', { name: 'Save MFA preference' }).and(page.locator('[disabled]')).waitFor();

    // She sets up an authenticator app herself (with her access token) while signing in with SMS.
    const started = await signIn(clientId, 'uma');
    expect(started.ChallengeName).toBe('SMS_MFA');
    const code = (await latestMessageTo(sandbox.url, '+15555550188')).code;
    const tokens = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: started.Session, ChallengeResponses: { USERNAME: 'uma', SMS_MFA_CODE: code } }),
    );
    const accessToken = tokens.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await sandbox.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(SecretCode!), FriendlyDeviceName: 'Uma’s Pixel' }));
    // And a passkey, which only her access token lists in Cognito: the page reads it from the sandbox.
    const { CredentialCreationOptions } = await sandbox.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const passkey = new SoftwareAuthenticator().register(CredentialCreationOptions as unknown as CreationOptionsJson, 'http://localhost:5173');
    await sandbox.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: passkey as never }));
    const [stored] = sandbox.app.store.webAuthnCredentials.listOf(poolId, sandbox.app.store.users.findByKey(poolId, 'uma')!.sub, 10);

    // The page, opened again, shows the app by its name; the developer prefers it.
    await page.reload();
    await card.locator('tr[data-factor="SOFTWARE_TOKEN_MFA"]').filter({ hasText: 'Uma’s Pixel' }).waitFor();
    await page.getByRole('list', { name: 'Passkeys of this user' }).getByText(stored!.friendlyName).waitFor();
    await card.getByLabel('Preferred').selectOption('SOFTWARE_TOKEN_MFA');
    await expect(card.getByRole('checkbox', { name: 'Authenticator app on' }).isChecked()).resolves.toBe(true);
    await card.getByRole('button', { name: 'Save MFA preference' }).click();
    await expect.poll(async () => (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'uma' }))).PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect((await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'uma' }))).UserMFASettingList).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    await card.getByRole('button', { name: 'Save MFA preference' }).and(page.locator('[disabled]')).waitFor();
    await shootBoth(page, userHash, 'admin-user-mfa', (dark) => dark.locator('tr[data-factor="SOFTWARE_TOKEN_MFA"]').filter({ hasText: 'Uma’s Pixel' }).waitFor());

    // Lost phone: the authenticator app removed, SOFTWARE_TOKEN_MFA off, SMS still on.
    await card.getByRole('button', { name: 'Remove authenticator app…' }).click();
    await page.getByRole('dialog', { name: 'Remove the authenticator app?' }).getByRole('button', { name: 'Remove authenticator app' }).click();
    await card.locator('tr[data-factor="SOFTWARE_TOKEN_MFA"]').filter({ hasText: 'none verified' }).waitFor();
    const removed = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'uma' }));
    expect(removed.UserMFASettingList).toEqual(['SMS_MFA']);
    expect(removed.PreferredMfaSetting).toBeUndefined();
    await expect(card.getByRole('checkbox', { name: 'Authenticator app on' }).isChecked()).resolves.toBe(false);
  });

  it('lists a user’s devices on the user page, remembers, stops remembering and forgets one, checked with AdminListDevices', async () => {
    const { poolId, clientId } = await createPool('devices', undefined, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    await createUser(poolId, 'wes', { email: 'wes@example.com' });
    for (const name of ['Wes’s laptop', 'Wes’s phone']) {
      const { AuthenticationResult } = await signIn(clientId, 'wes');
      const { DeviceKey, DeviceGroupKey } = AuthenticationResult!.NewDeviceMetadata!;
      const { config } = await deviceSecretVerifierConfig(DeviceGroupKey!, DeviceKey!);
      await sandbox.cognito.send(
        new ConfirmDeviceCommand({ AccessToken: AuthenticationResult!.AccessToken!, DeviceKey, DeviceSecretVerifierConfig: config, DeviceName: name }),
      );
    }
    const devices = async () =>
      Object.fromEntries(
        ((await sandbox.cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'wes' }))).Devices ?? []).map((device) => {
          const attributes = Object.fromEntries((device.DeviceAttributes ?? []).map((a) => [a.Name, a.Value]));
          return [attributes.device_name, attributes['dev:device_remembered_status']];
        }),
      );
    expect(await devices()).toEqual({ 'Wes’s laptop': 'not_remembered', 'Wes’s phone': 'not_remembered' });

    const userHash = `#/admin/${poolId}/user:wes`;
    const page = await open(userHash);
    const card = page.getByRole('region', { name: 'Devices' });
    const laptop = card.getByRole('row', { name: /Wes’s laptop/ });
    await laptop.waitFor();
    await expect(card.getByRole('row').filter({ hasText: 'not remembered' }).count()).resolves.toBe(2);

    await laptop.getByRole('button', { name: 'Remember Wes’s laptop' }).click();
    await laptop.getByRole('button', { name: 'Don’t remember Wes’s laptop' }).waitFor();
    expect(await devices()).toEqual({ 'Wes’s laptop': 'remembered', 'Wes’s phone': 'not_remembered' });
    await scrollIntoPane(page.getByRole('heading', { name: 'Devices', exact: true }));
    await shootBoth(page, userHash, 'admin-user-devices', async (dark) => {
      await dark.getByRole('button', { name: 'Don’t remember Wes’s laptop' }).waitFor();
      await scrollIntoPane(dark.getByRole('heading', { name: 'Devices', exact: true }));
    });

    await laptop.getByRole('button', { name: 'Don’t remember Wes’s laptop' }).click();
    await laptop.getByRole('button', { name: 'Remember Wes’s laptop' }).waitFor();
    expect(await devices()).toEqual({ 'Wes’s laptop': 'not_remembered', 'Wes’s phone': 'not_remembered' });

    await card.getByRole('button', { name: 'Forget Wes’s phone' }).click();
    await card.getByRole('row', { name: /Wes’s phone/ }).waitFor({ state: 'detached' });
    expect(await devices()).toEqual({ 'Wes’s laptop': 'not_remembered' });
  });
});

describe.skipIf(!hasChromium)('choice-based sign-in and remembered devices in the debugger window', () => {
  it('draws a USER_AUTH sign-in in the choosing region, SELECT_CHALLENGE with its AvailableChallenges, then the email code', async () => {
    const { UserPool } = await sandbox.cognito.send(
      new CreateUserPoolCommand({ PoolName: 'choice', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } }),
    );
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await sandbox.cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const clientId = UserPoolClient!.ClientId!;
    await createUser(poolId, 'cora', { email: 'cora@example.com', email_verified: 'true' });
    const choice = await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'cora' } }));
    expect(choice.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const emailed = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: choice.Session, ChallengeResponses: { USERNAME: 'cora', ANSWER: 'EMAIL_OTP' } }),
    );
    const { code } = await latestMessageTo(sandbox.url, 'cora@example.com');
    await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: emailed.Session, ChallengeResponses: { USERNAME: 'cora', EMAIL_OTP_CODE: code } }),
    );
    const flowId = await flowIdOf('cora');

    const hash = `#/flows/${flowId}`;
    const page = await open(hash);
    const detail = page.locator(`.flow-detail[data-flow-id="${flowId}"]`);
    const chart = detail.locator('.chart');
    await chart.locator('.region[data-state="choosing"]').waitFor();
    // Eventless junctions are drawn as passed through, states the flow stood in as visited.
    for (const state of ['choosing.listingFirstFactors', 'choosing.routingChoice', 'choosing.awaitingChoice', 'choosing.checkingPasswordlessAccount', 'mfa.sendingMfaCode']) {
      await expect(chart.locator(`.node[data-state="${state}"]`).getAttribute('class'), state).resolves.toMatch(/\b(visited|passed)\b/);
    }
    await expectRegionHoldsItsStates(page, 'choosing');
    await expectRegionHoldsItsStates(page, 'passkey');

    const showChoice = async (at: Page) => {
      await at.locator('.flow-detail button.step').filter({ hasText: 'challenge SELECT_CHALLENGE' }).click();
      await at.locator('.flow-detail .step-details').getByText('AvailableChallenges').waitFor();
      await scrollIntoPane(at.locator('.flow-detail .sequence-pane button.step').filter({ hasText: 'challenge SELECT_CHALLENGE' }));
    };
    await showChoice(page);
    await expect(detail.locator('.step-details code.choice').allTextContents()).resolves.toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    await screenshot(detail.locator('.step-details'), 'flow-user-auth-choice-light');
    await shootBoth(page, hash, 'flow-user-auth', showChoice);
  });

  it('draws a remembered device standing in for MFA: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER in the device region, no MFA code', async () => {
    const { poolId, clientId } = await createPool(
      'remembered',
      { MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } },
      { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } },
    );
    await createUser(poolId, 'dana', { phone_number: '+15555550177', phone_number_verified: 'true' });
    const first = await signIn(clientId, 'dana');
    const { code } = await latestMessageTo(sandbox.url, '+15555550177');
    const { AuthenticationResult } = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: first.Session, ChallengeResponses: { USERNAME: 'dana', SMS_MFA_CODE: code } }),
    );
    const { DeviceKey, DeviceGroupKey } = AuthenticationResult!.NewDeviceMetadata!;
    const { config, randomPassword } = await deviceSecretVerifierConfig(DeviceGroupKey!, DeviceKey!);
    await sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken: AuthenticationResult!.AccessToken!, DeviceKey, DeviceSecretVerifierConfig: config, DeviceName: 'Dana’s laptop' }));

    const second = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dana', PASSWORD, DEVICE_KEY: DeviceKey! } }),
    );
    expect(second.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const device = await deviceSrpClient(DeviceGroupKey!);
    const verifier = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'DEVICE_SRP_AUTH', Session: second.Session, ChallengeResponses: { USERNAME: 'dana', DEVICE_KEY: DeviceKey!, SRP_A: device.srpA } }),
    );
    const claim = await device.claim(verifier.ChallengeParameters!, { deviceKey: DeviceKey!, randomPassword }, formatTimestamp(Date.now()));
    const signedIn = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: verifier.Session, ChallengeResponses: { USERNAME: 'dana', ...claim } }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as FlowListItem[];
    const flowId = flows.filter((flow) => flow.username === 'dana')[0]!.id;

    const hash = `#/flows/${flowId}`;
    const page = await open(hash);
    const detail = page.locator(`.flow-detail[data-flow-id="${flowId}"]`);
    const chart = detail.locator('.chart');
    await chart.locator('.region[data-state="device"]').waitFor();
    for (const state of ['checkingDeviceForMfa', 'device.awaitingDeviceSrp', 'device.startingDeviceSrp', 'device.awaitingDevicePasswordVerifier', 'device.verifyingDeviceClaim']) {
      await expect(chart.locator(`.node[data-state="${state}"]`).getAttribute('class'), state).resolves.toContain('visited');
    }
    await expect(chart.locator('.node[data-state="mfa.sendingMfaCode"]').getAttribute('class')).resolves.not.toContain('visited');
    await expectRegionHoldsItsStates(page, 'device');
    const steps = detail.locator('button.step');
    await steps.filter({ hasText: 'challenge DEVICE_SRP_AUTH' }).waitFor();
    await steps.filter({ hasText: 'challenge DEVICE_PASSWORD_VERIFIER' }).waitFor();
    const showDevice = async (at: Page) => {
      await at.locator('.chart .region[data-state="device"]').waitFor();
      await scrollIntoPane(at.locator('.chart .region[data-state="device"]'));
    };
    await showDevice(page);
    await shootBoth(page, hash, 'flow-remembered-device', showDevice);
  });
});

/** Scrolls the pane that holds the element (not the whole window) until the element is near its top. */
async function scrollIntoPane(element: Locator): Promise<void> {
  await element.evaluate((target) => {
    let pane = target.parentElement;
    while (pane && !(pane.scrollHeight > pane.clientHeight && /auto|scroll/.test((globalThis as any).getComputedStyle(pane).overflowY))) pane = pane.parentElement;
    if (pane) pane.scrollTop += target.getBoundingClientRect().top - pane.getBoundingClientRect().top - 24;
  });
}

/** The newest `api.called` event of `operation`, from the debugger's event history. */
async function newestCall(operation: string): Promise<SandboxEvent & { type: 'api.called' }> {
  const history = sandbox.app.store.events.since(0, 100_000);
  return history.filter((event): event is SandboxEvent & { type: 'api.called' } => event.type === 'api.called' && event.data.operation === operation).at(-1)!;
}

/** The QR code drawn is the one of `uri` (the same encoder, so the same modules). */
async function expectQrOf(qr: ReturnType<Page['getByRole']>, uri: string): Promise<void> {
  const expected = qrDrawing(uri);
  await expect(qr.locator('path').getAttribute('d')).resolves.toBe(expected.path);
  await expect(qr.getAttribute('viewBox')).resolves.toBe(`0 0 ${expected.size} ${expected.size}`);
}

/** The region of the sign-in chart named `path` holds the boxes of its states. */
async function expectRegionHoldsItsStates(page: Page, path: string): Promise<void> {
  const machine = (await (await fetch(`${sandbox.url}/_sandbox/api/machines/sign-in`)).json()) as MachineStateNode;
  const region = machine.states.find((state) => state.path === path)!;
  const outer = (await page.locator(`.chart .region[data-state="${path}"] > .region-box`).boundingBox())!;
  for (const state of region.states) {
    const inner = (await page.locator(`.chart .node[data-state="${state.path}"] > .box`).boundingBox())!;
    const held = inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
    expect(held, `${path} holds ${state.path}`).toBe(true);
  }
}
