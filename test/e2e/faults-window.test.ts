/**
 * Fault injection from the window, in Debian's Chromium: throttling InitiateAuth on a pool is
 * injected with the Faults view's form; the top bar says a fault is on; the AWS SDK (its standard
 * retry strategy, two attempts) sees TooManyRequestsException after retrying it; the list counts
 * both hits; switched off, the same call signs in, and the marker goes. A delivery fault injected
 * the same way: the flow it hits says so in the flow list and its events. Screenshots of the view and the flow.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('faults-window.test.ts');
const PASSWORD = 'Passw0rd!Ada';
let poolId: string;
let clientId: string;
let app: CognitoIdentityProviderClient;

beforeAll(async () => {
  if (!hasChromium) return;
  const { cognito, url } = ui.sandbox;
  poolId = await createPool(cognito, { PoolName: 'faults', AutoVerifiedAttributes: ['email'] });
  ({ clientId } = await createClient(cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  await createAdminUser(cognito, poolId, 'ada', { password: PASSWORD });
  // An app's client: the SDK's standard retry strategy, two attempts (one retry) to keep the file quick.
  app = new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, maxAttempts: 2 });
});

afterAll(() => app?.destroy());

const signIn = () => app.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD } }));

it.skipIf(!hasChromium)('throttling injected in the window is retried by the SDK, seen as TooManyRequestsException, and switched off; a flow a fault hit says so', async () => {
  const { page, errors } = await ui.open('/_sandbox/#/faults', { width: 1280, height: 800 });
  page.setDefaultTimeout(8_000);
  const marker = page.getByTestId('faults-marker');
  await expect(marker.count()).resolves.toBe(0);

  await page.getByRole('radio', { name: 'Throttling' }).click();
  await page.locator('select[name="poolId"]').selectOption(poolId);
  await page.locator('select[name="scope"]').selectOption('op:InitiateAuth');
  await page.locator('input[name="rate"]').fill('100');
  await page.getByTestId('inject-fault').click();

  const fault = page.locator('[data-testid="fault-list"] .fault');
  await expect.poll(() => fault.locator('.description').textContent()).toBe(`throttle on InitiateAuth in ${poolId}`);
  await expect.poll(() => marker.textContent()).toMatch(/^\s*1 fault active\s*$/);

  const refused = await signIn().then(
    () => undefined,
    (error: Error & { $metadata: { attempts?: number } }) => error,
  );
  expect(refused?.name).toBe('TooManyRequestsException');
  expect(refused?.message).toBe('Rate exceeded');
  expect(refused?.$metadata.attempts).toBe(2);
  await expect.poll(() => fault.getByTestId('fault-hits').textContent()).toBe('hit 2 times');
  await screenshot(page, 'faults-throttle-on');

  await page.getByRole('button', { name: `Switch off: throttle on InitiateAuth in ${poolId}` }).click();
  await expect.poll(() => fault.count()).toBe(0);
  await expect.poll(() => marker.count()).toBe(0);
  const answer = await signIn();
  expect(answer.AuthenticationResult?.AccessToken).toBeTruthy();
  expect(answer.$metadata.attempts).toBe(1);

  // Email delivery failing on SignUp: the flow it hit has a chip in its row and the fault among its events.
  await page.getByRole('radio', { name: 'Email / SMS delivery' }).click();
  await page.locator('select[name="poolId"]').selectOption(poolId);
  await page.locator('select[name="scope"]').selectOption('op:SignUp');
  await page.locator('select[name="channel"]').selectOption('EMAIL');
  await page.getByTestId('inject-fault').click();
  await expect.poll(() => marker.textContent()).toMatch(/1 fault active/);
  const signUp = app.send(new SignUpCommand({ ClientId: clientId, Username: 'grace', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'grace@example.com' }] }));
  await expect(signUp).rejects.toMatchObject({ name: 'CodeDeliveryFailureException' });

  await page.getByRole('link', { name: /^Flows/ }).click();
  const row = page.locator('.flow-row', { has: page.getByTestId('row-fault') }).first();
  await expect.poll(() => row.getByTestId('row-fault').getAttribute('title')).toBe(`Injected fault: EMAIL delivery fails on SignUp in ${poolId}`);
  await row.click();
  await expect.poll(() => page.getByText('CodeDeliveryFailureException (EMAIL delivery fails on SignUp').first().isVisible()).toBe(true);
  await screenshot(page, 'faults-flow-hit');

  await marker.click();
  await page.waitForURL('**/#/faults');
  await page.getByTestId('remove-all-faults').click();
  await expect.poll(() => marker.count()).toBe(0);
  expect(errors).toEqual([]);
});
