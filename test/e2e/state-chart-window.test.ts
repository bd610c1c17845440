/**
 * The state chart in Debian's Chromium: it opens fitted to its pane with readable text, zooms
 * (buttons, Ctrl+wheel) and pans (drag); a state clicked lists the flow's steps in it; a sequence
 * step highlights its state; a step chosen opens its details in view.
 */
import { AdminCreateUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { createClient, createPool } from '../support/world.js';
import { hasChromium, screenshot } from './support/browser.js';
import { useWindowBrowser } from './support/window-browser.js';

const ui = useWindowBrowser('state-chart-window.test.ts');

const TEMPORARY = 'Temp0rary!Pass';
const PASSWORD = 'Passw0rd!Final';

/** A sign-in through NEW_PASSWORD_REQUIRED: its flow id. */
async function newPasswordSignIn(): Promise<string> {
  const { sandbox } = ui;
  const poolId = await createPool(sandbox.cognito, { PoolName: 'chart-pool' });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ada', TemporaryPassword: TEMPORARY, MessageAction: 'SUPPRESS' }));
  const started = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD: TEMPORARY } }),
  );
  await sandbox.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: started.Session,
      ChallengeResponses: { USERNAME: 'ada', NEW_PASSWORD: PASSWORD },
    }),
  );
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as { id: string; kind: string }[];
  return flows.find((flow) => flow.kind === 'USER_PASSWORD_AUTH')!.id;
}

it.skipIf(!hasChromium)('opens fitted with readable words, zooms, pans, and ties states and steps together', async () => {
  const flowId = await newPasswordSignIn();
  const { page, errors } = await ui.open(`/_sandbox/#/flows/${flowId}`, { width: 1280, height: 760 });
  page.setDefaultTimeout(5_000);
  const detail = page.locator(`.flow-detail[data-flow-id="${flowId}"]`);
  const chart = detail.locator('.chart');
  const viewport = chart.locator('.viewport');
  const node = (path: string) => chart.locator(`.node[data-state="${path}"]`);
  await node('newPassword.awaitingNewPassword').waitFor();

  // Fitted on open: a state's 11 px words drawn at least ~10 px (they were ~6-8 px), the zoom shown.
  const wordsOnScreen = () =>
    chart.locator('svg').evaluate((svg: SVGSVGElement) => {
      const label = svg.querySelector('.node .label')!;
      return (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width) * parseFloat(getComputedStyle(label).fontSize);
    });
  expect(await wordsOnScreen()).toBeGreaterThanOrEqual(9.5);
  const zoom = chart.getByTestId('chart-zoom');
  const fitted = await zoom.textContent();
  await screenshot(detail, 'state-chart-fitted');

  // Zoom: the buttons, Ctrl+wheel over the chart, and Fit back.
  const drawnWidth = () => chart.locator('svg').evaluate((svg) => svg.getBoundingClientRect().width);
  const atFit = await drawnWidth();
  await chart.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(drawnWidth).toBeCloseTo(atFit * 1.25, 0);
  expect(await zoom.textContent()).not.toBe(fitted);
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect.poll(drawnWidth).toBeGreaterThan(atFit * 1.3);
  await chart.getByRole('button', { name: 'Zoom out' }).click();
  await chart.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => zoom.textContent()).toBe(fitted);
  await expect.poll(drawnWidth).toBeCloseTo(atFit, 0);

  // Pan: dragging the chart scrolls it.
  const scrolled = () => viewport.evaluate((el) => el.scrollTop);
  const before = await scrolled();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 40, { steps: 6 });
  await page.mouse.up();
  expect(await scrolled()).toBeGreaterThan(before + 100);
  // A drag that ends on a state does not choose it.
  await expect(detail.getByTestId('state-steps').count()).resolves.toBe(0);

  // A step chosen in the sequence rings its state, scrolled into the chart's view.
  const steps = detail.locator('.sequence-pane button.step');
  await steps.filter({ hasText: 'answer NEW_PASSWORD_REQUIRED' }).click();
  await expect.poll(() => node('newPassword.awaitingNewPassword').getAttribute('class')).toContain('highlighted');
  await steps.filter({ hasText: 'ID token issued' }).click();
  await expect.poll(() => node('tokens.issuingTokens').getAttribute('class')).toContain('highlighted');
  expect(await node('newPassword.awaitingNewPassword').getAttribute('class')).not.toContain('highlighted');
  const inView = async (inner: Locator, outer: Locator) => {
    const [a, b] = [(await inner.boundingBox())!, (await outer.boundingBox())!];
    return a.y >= b.y && a.y + a.height <= b.y + b.height && a.x >= b.x && a.x + a.width <= b.x + b.width;
  };
  await expect.poll(() => inView(node('tokens.issuingTokens').locator('.box'), viewport)).toBe(true);
  // ... and its details open in view, not below the fold.
  const details = detail.locator('.details-pane');
  const detailsTopInView = async () => {
    const [d, p] = [(await details.boundingBox())!, (await detail.locator('.panel').boundingBox())!];
    return d.y >= p.y && d.y < p.y + p.height - 60;
  };
  await expect.poll(detailsTopInView).toBe(true);
  await expect(details.textContent()).resolves.toContain('ID token');

  // A state clicked lists the flow's steps in it; one of them opens in the sequence.
  await chart.getByRole('button', { name: 'Fit' }).click();
  await node('newPassword.awaitingNewPassword').click();
  const inState = detail.getByTestId('state-steps');
  await expect(inState.locator('h4').textContent()).resolves.toMatch(/^In newPassword\.awaitingNewPassword: \d+ steps$/);
  const listed = await inState.locator('.state-step .label').allTextContents();
  expect(listed).toEqual(expect.arrayContaining(['newPassword.awaitingNewPassword', 'challenge NEW_PASSWORD_REQUIRED', 'answer NEW_PASSWORD_REQUIRED']));
  expect(listed).not.toContain('ID token issued');
  expect(await node('newPassword.awaitingNewPassword').getAttribute('class')).toContain('chosen');
  await inState.locator('.state-step').filter({ hasText: 'challenge NEW_PASSWORD_REQUIRED' }).click();
  await expect.poll(() => steps.filter({ hasText: 'challenge NEW_PASSWORD_REQUIRED' }).getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => inView(node('newPassword.awaitingNewPassword').locator('.box'), viewport)).toBe(true);
  await screenshot(detail, 'state-chart-state-steps');

  // A region clicked lists every step in the states it holds; a state never entered says so.
  await chart.locator('.region[data-state="newPassword"] > .region-label').click();
  await expect(inState.locator('h4').textContent()).resolves.toMatch(/^In newPassword: \d+ steps$/);
  expect(await inState.locator('.state-step .label').allTextContents()).toEqual(
    expect.arrayContaining(['newPassword.preparingNewPasswordChallenge', 'newPassword.awaitingNewPassword', 'newPassword.settingNewPassword']),
  );
  await node('srp.awaitingPasswordVerifier').click();
  await inState.getByText('The flow never was in this state.').waitFor();
  await inState.getByRole('button', { name: "Close the state's steps" }).click();
  await expect(inState.count()).resolves.toBe(0);
  expect(errors).toEqual([]);

  // The same in the dark theme: a chosen state, the step's state ringed.
  const dark = await ui.open(`/_sandbox/#/flows/${flowId}`, { width: 1440, height: 900, colorScheme: 'dark' });
  const darkDetail = dark.page.locator(`.flow-detail[data-flow-id="${flowId}"]`);
  await darkDetail.locator('.sequence-pane button.step').filter({ hasText: 'challenge NEW_PASSWORD_REQUIRED' }).click();
  await darkDetail.locator('.chart .node[data-state="newPassword.awaitingNewPassword"]').click();
  await darkDetail.getByTestId('state-steps').waitFor();
  await expect.poll(() => inView(darkDetail.locator('.chart .node[data-state="newPassword.awaitingNewPassword"] .box'), darkDetail.locator('.chart .viewport'))).toBe(true);
  await screenshot(dark.page, 'state-chart-dark');
  expect(dark.errors).toEqual([]);
}, 30_000);
