/**
 * Identity pools in the debugger window, in Debian's Chromium against the real sandbox: an
 * identity pool made in the admin tab (a user pool and its app client chosen from the sandbox's
 * own), its roles and a Rules role mapping set there, each checked with the AWS SDK; then a
 * signed-in user whose group a rule maps to a role gets credentials through
 * @aws-sdk/client-cognito-identity (GetId, GetCredentialsForIdentity), and the window shows the
 * flow: the login checked, the identity made, the rules one by one with the one that matched
 * highlighted, the credentials the SDK received (no secret); a denial and a refused token in red;
 * the pool's identities with their logins, described and deleted; the pool edited (a refusal
 * shown as Cognito words it) and deleted. Each screen checked for unnamed controls and console
 * errors, and shot light and dark.
 */
import {
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  ListIdentitiesCommand,
  ListIdentityPoolsCommand,
  SetIdentityPoolRolesCommand,
  CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { AdminAddUserToGroupCommand, CreateGroupCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { controlsWithoutName } from './support/accessibility.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`identity-pools-window.test.ts skipped: ${NO_CHROMIUM_REASON}`);

let browser: Browser;
let sandbox: TestSandbox;
let identity: CognitoIdentityClient;
let opened: WatchedPage[] = [];
/** Chromium logs every 4xx answer as a console error: expected where a test provokes Cognito's refusal. */
const REFUSAL_LOG = /^Failed to load resource: the server responded with a status of 400/;
let provokesRefusals = false;

const PASSWORD = 'Passw0rd!';
const ACCOUNT = '000000000000';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
  sandbox = await startSandbox();
  identity = new CognitoIdentityClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' }, maxAttempts: 1 });
}, 180_000);
afterAll(async () => {
  identity?.destroy();
  await browser?.close();
  await sandbox?.close();
});
afterEach(async () => {
  for (const { context, errors } of opened) {
    expect(errors.filter((error) => !(provokesRefusals && REFUSAL_LOG.test(error)))).toEqual([]);
    await context.close();
  }
  opened = [];
  provokesRefusals = false;
});

async function openWindow(hash: string, colorScheme: 'light' | 'dark' = 'light', height = 900): Promise<Page> {
  const watched = await openPage(browser, `${sandbox.url}/_sandbox/${hash}`, { colorScheme, height });
  watched.page.setDefaultTimeout(10_000);
  opened.push(watched);
  return watched.page;
}

async function shoot(page: Page, name: string): Promise<string> {
  await page.waitForLoadState('networkidle');
  expect(await controlsWithoutName(page), name).toEqual([]);
  return screenshot(page, name);
}

/** A user pool with one app client that signs in with USER_PASSWORD_AUTH. */
async function userPool(name: string): Promise<{ poolId: string; clientId: string; providerName: string }> {
  const poolId = await createPool(sandbox.cognito, { PoolName: name });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return { poolId, clientId, providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}` };
}

/** A user of the pool, in its groups, signed in: their ID token. */
async function signedIn(world: { poolId: string; clientId: string }, username: string, groups: string[]): Promise<string> {
  await createAdminUser(sandbox.cognito, world.poolId, username, { password: PASSWORD });
  for (const group of groups) {
    await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: world.poolId, GroupName: group })).catch((error: Error) => {
      if (error.name !== 'GroupExistsException') throw error;
    });
    await sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: world.poolId, Username: username, GroupName: group }));
  }
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return AuthenticationResult!.IdToken!;
}

const TALL = 1500;

/** The newest flow of a kind, from the debugger API. */
async function latestFlow(kind: string): Promise<string> {
  const flows = (await (await fetch(`${sandbox.url}/_sandbox/api/flows`)).json()) as { id: string; kind: string }[];
  const flow = flows.find((entry) => entry.kind === kind);
  if (!flow) throw new Error(`no ${kind} flow`);
  return flow.id;
}

/** The sequence's arrows, as the window labels them (without the time). */
async function arrows(page: Page): Promise<string[]> {
  return (await page.locator('.sequence button.step').evaluateAll((steps) => steps.map((step) => step.getAttribute('aria-label') ?? ''))).map((label) =>
    label.replace(/^\+[^,]+, /, ''),
  );
}

function step(page: Page, label: RegExp) {
  return page.locator('.sequence button.step').filter({ has: page.locator('.label', { hasText: label }) }).first();
}

describe.skipIf(!hasChromium)('identity pools in the window', () => {
  it('makes an identity pool with a user pool, sets its roles and a Rules mapping, each checked with the AWS SDK', async () => {
    const world = await userPool('identity-window-users');
    const page = await openWindow('#/admin');
    await page.getByRole('button', { name: 'New identity pool' }).click();
    const dialog = page.getByRole('dialog', { name: 'New identity pool' });
    await dialog.getByLabel('Identity pool name').fill('app_identities');
    await dialog.getByRole('button', { name: 'Add a user pool' }).click();
    const poolChoice = dialog.getByRole('combobox', { name: 'User pool of row 1' });
    await poolChoice.locator(`option[value="${world.poolId}"]`).waitFor({ state: 'attached' });
    await poolChoice.selectOption(world.poolId);
    // The pool's only client is chosen for it.
    await expect.poll(() => dialog.getByRole('combobox', { name: 'App client of row 1' }).inputValue()).toBe(world.clientId);
    await dialog.getByRole('checkbox', { name: /Guest access/ }).check();
    await shoot(page, 'identity-pools-create-light');
    await dialog.getByRole('button', { name: 'Create identity pool' }).click();
    await dialog.waitFor({ state: 'detached' });

    // It opens on its roles; the side list has it.
    const idText = (await page.getByTestId('identity-pool-id').innerText()).trim();
    expect(idText).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    await page.getByRole('navigation', { name: 'Identity pools' }).getByRole('link', { name: /app_identities/ }).waitFor();
    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: idText }));
    expect(described).toMatchObject({
      IdentityPoolName: 'app_identities',
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId, ServerSideTokenCheck: false }],
    });

    await page.getByLabel('Authenticated role', { exact: true }).fill(role('Users'));
    await page.getByLabel('Unauthenticated role', { exact: true }).fill(role('Guests'));
    await page.getByRole('button', { name: 'Add a role mapping' }).click();
    const rules = page.getByRole('table', { name: /^Rules for user pool/ });
    const rule = async (n: number, claim: string, match: string, value: string, roleArn: string) => {
      await rules.getByLabel(`Claim of rule ${n}`).fill(claim);
      await rules.getByLabel(`Match type of rule ${n}`).selectOption(match);
      await rules.getByLabel(`Value of rule ${n}`).fill(value);
      await rules.getByLabel(`Role ARN of rule ${n}`).fill(roleArn);
    };
    await rule(1, 'custom:tier', 'Equals', 'gold', role('Gold'));
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await rule(2, 'cognito:groups', 'Contains', 'admins', role('Admins'));
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await rule(3, 'email', 'StartsWith', 'a', role('Readers'));
    await page.getByLabel('When no rule matches').selectOption('Deny');
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shoot(page, 'identity-pools-roles-light');

    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: idText }));
    expect(roles.Roles).toEqual({ authenticated: role('Users'), unauthenticated: role('Guests') });
    expect(roles.RoleMappings).toEqual({
      [`${world.providerName}:${world.clientId}`]: {
        Type: 'Rules',
        AmbiguousRoleResolution: 'Deny',
        RulesConfiguration: {
          Rules: [
            { Claim: 'custom:tier', MatchType: 'Equals', Value: 'gold', RoleARN: role('Gold') },
            { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: role('Admins') },
            { Claim: 'email', MatchType: 'StartsWith', Value: 'a', RoleARN: role('Readers') },
          ],
        },
      },
    });

    // Reordered in the window: the order saved is the order Cognito keeps.
    const claimsInOrder = async () =>
      (await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: idText }))).RoleMappings?.[`${world.providerName}:${world.clientId}`]?.RulesConfiguration?.Rules?.map((r) => r.Claim);
    await rules.getByRole('button', { name: 'Move rule 3 up' }).click();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await expect.poll(claimsInOrder).toEqual(['custom:tier', 'email', 'cognito:groups']);
    await rules.getByRole('button', { name: 'Move rule 2 down' }).click();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await expect.poll(claimsInOrder).toEqual(['custom:tier', 'cognito:groups', 'email']);

    const darkRoles = await openWindow(`#/admin/${encodeURIComponent(idText)}/roles`, 'dark');
    await darkRoles.getByRole('table', { name: /^Rules for user pool/ }).waitFor();
    await shoot(darkRoles, 'identity-pools-roles-dark');

    // An admin signs in and gets credentials, as Amplify's fetchAuthSession does.
    const idToken = await signedIn(world, 'jane', ['admins']);
    const logins = { [world.providerName]: idToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: idText, Logins: logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);

    const flowId = await latestFlow('identity-credentials');
    const flowPage = await openWindow(`#/flows/${flowId}`, 'light', TALL);
    const detail = flowPage.getByRole('article', { name: /^Flow identity-credentials/ });
    await detail.getByTestId('flow-identity').getByText(IdentityId!).waitFor();
    await expect.poll(() => arrows(flowPage)).toEqual(
      expect.arrayContaining([
        'Client app to Sandbox (Cognito Identity, STS), GetCredentialsForIdentity',
        expect.stringMatching(new RegExp(`^Sandbox \\(Cognito Identity, STS\\), user pool ${world.poolId} login accepted, \\d+ checks passed$`)),
        expect.stringMatching(/^Sandbox \(Cognito Identity, STS\), identity found, us-east-1:/),
        expect.stringMatching(/^Sandbox \(Cognito Identity, STS\), role Admins, rule 2 matched/),
        `Sandbox (Cognito Identity, STS) to Client app, AWS credentials issued, ${Credentials!.AccessKeyId}`,
      ]),
    );

    // The role decided rule by rule: the first no match, the second matched and chosen, the third never evaluated.
    await step(flowPage, /role Admins/).click();
    const decision = flowPage.getByTestId('role-decision');
    await decision.getByTestId('role-chosen').getByText(role('Admins')).waitFor();
    const rows = decision.getByTestId('role-rules').locator('tr[data-rule]');
    await expect(rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-status'), tr.getAttribute('aria-current')]))).resolves.toEqual([
      ['no match', null],
      ['matched', 'true'],
      ['not evaluated', null],
    ]);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/cognito:groups\s+Contains\s+admins\s+\["admins"\]\s+✓ matched\s+chosen/);
    await decision.getByTestId('role-rules').getByText('cognito:groups [admins] holds admins').waitFor();
    await shoot(flowPage, 'identity-pools-role-decision-light');

    // The credentials the SDK received, without their secret anywhere in the window.
    await step(flowPage, /AWS credentials issued/).click();
    const credentials = flowPage.getByTestId('credentials');
    await expect(credentials.getByTestId('access-key-id').innerText()).resolves.toBe(Credentials!.AccessKeyId);
    await expect(credentials.getByTestId('assumed-role-arn').innerText()).resolves.toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/Admins/`));
    await shoot(flowPage, 'identity-pools-credentials-light');
    const everything = await flowPage.content();
    expect(everything).not.toContain(Credentials!.SecretKey);
    expect(everything).not.toContain(Credentials!.SessionToken);

    // The pool filter offers the identity pool apart from the user pools, and keeps its flows only.
    const poolFilter = flowPage.getByRole('combobox', { name: 'Filter by pool' });
    await expect(poolFilter.locator('optgroup[label="Identity pools"] option').allInnerTexts()).resolves.toEqual([idText]);
    await expect(poolFilter.locator('optgroup[label="User pools"] option').allInnerTexts()).resolves.toEqual([world.poolId]);
    await poolFilter.selectOption(idText);
    await expect
      .poll(() => flowPage.locator('.flow-row .kind').allInnerTexts())
      .toEqual(['identity-credentials', 'identity-get-id']);
    await poolFilter.selectOption('');

    // The login checked, and its claims.
    await step(flowPage, /login accepted/).click();
    const login = flowPage.getByTestId('identity-login');
    await expect(login.locator('li.fail').count()).resolves.toBe(0);
    await login.getByTestId('identity-login-claims').locator('[data-claim="cognito:groups"]').getByText('["admins"]').waitFor();

    const dark = await openWindow(`#/flows/${flowId}`, 'dark', TALL);
    await step(dark, /role Admins/).click();
    await dark.getByTestId('role-rules').waitFor();
    await shoot(dark, 'identity-pools-role-decision-dark');

    // A user in no group: no rule matches and the mapping denies; the window says so in red.
    provokesRefusals = true;
    const bobToken = await signedIn(world, 'bob', []);
    const bobLogins = { [world.providerName]: bobToken };
    const bob = await identity.send(new GetIdCommand({ IdentityPoolId: idText, Logins: bobLogins }));
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: bob.IdentityId, Logins: bobLogins }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const deniedPage = await openWindow(`#/flows/${await latestFlow('identity-credentials')}`, 'light', TALL);
    await step(deniedPage, /no role: denied/).click();
    const denied = deniedPage.getByTestId('role-denied');
    await expect(denied.innerText()).resolves.toContain('NotAuthorizedException');
    await expect(deniedPage.getByTestId('role-rules').locator('tr[data-rule]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).resolves.toEqual([
      'no match',
      'no match',
      'no match',
    ]);
    await shoot(deniedPage, 'identity-pools-denied-light');

    // A token of another app client: its audience check fails.
    const other = await createClient(sandbox.cognito, world.poolId, { ClientName: 'other', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: other.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD } }),
    );
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: idText, Logins: { [world.providerName]: AuthenticationResult!.IdToken! } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    const refusedPage = await openWindow(`#/flows/${await latestFlow('identity-get-id')}`, 'light', TALL);
    await step(refusedPage, /login refused/).click();
    const refusedLogin = refusedPage.getByTestId('identity-login');
    await expect(refusedLogin.getByTestId('identity-login-error').innerText()).resolves.toContain('NotAuthorizedException');
    await expect(refusedLogin.locator('li.fail').count()).resolves.toBeGreaterThan(0);
    await shoot(refusedPage, 'identity-pools-login-refused-light');

    // The pool's identities: jane's with her login, described; bob's deleted.
    await page.getByRole('tab', { name: 'Identities' }).click();
    const janeRow = page.locator(`tr[data-identity="${IdentityId}"]`);
    await janeRow.getByText(`user pool ${world.poolId}`).waitFor();
    await page.locator(`tr[data-identity="${bob.IdentityId}"]`).waitFor();
    await janeRow.getByRole('button', { name: `Details of ${IdentityId}` }).click();
    const description = page.getByTestId('identity-description');
    await description.getByText(world.providerName).waitFor();
    await description.getByRole('link', { name: 'identity-credentials' }).first().waitFor();
    await shoot(page, 'identity-pools-identities-light');
    await page.getByRole('button', { name: `Delete ${bob.IdentityId}` }).click();
    await page.getByRole('dialog', { name: 'Delete this identity?' }).getByRole('button', { name: 'Delete' }).click();
    await page.locator(`tr[data-identity="${bob.IdentityId}"]`).waitFor({ state: 'detached' });
    const { Identities } = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: idText, MaxResults: 60 }));
    expect(Identities?.map((entry) => entry.IdentityId)).toEqual([IdentityId]);
  }, 120_000);

  it('shows the basic flow: GetOpenIdToken’s token decoded, then STS AssumeRoleWithWebIdentity’s credentials', async () => {
    const world = await userPool('classic-flow-users');
    const { IdentityPoolId: id } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'classic_identities',
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId }],
      }),
    );
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: role('Classic') } }));
    const logins = { [world.providerName]: await signedIn(world, 'carol', []) };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: id, Logins: logins }));
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));

    const page = await openWindow(`#/flows/${await latestFlow('identity-openid-token')}`, 'light', TALL);
    await step(page, /OpenID token issued/).click();
    const token = page.getByTestId('openid-token');
    const claim = (name: string) => token.locator(`[data-claim="${name}"] td`).first().innerText();
    await expect(claim('aud')).resolves.toBe(id);
    await expect(claim('sub')).resolves.toBe(IdentityId);
    await expect(claim('amr')).resolves.toContain('authenticated');
    await shoot(page, 'identity-pools-openid-token-light');
    await page.getByRole('tab', { name: /Tokens/ }).click();
    await page.getByRole('article', { name: 'OpenID token' }).waitFor();
    expect(await page.content()).not.toContain(Token);

    const sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' }, maxAttempts: 1 });
    const { Credentials, AssumedRoleUser } = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role('Classic'), RoleSessionName: 'carol-session', WebIdentityToken: Token }));
    sts.destroy();
    const stsPage = await openWindow(`#/flows/${await latestFlow('sts-web-identity')}`, 'light', TALL);
    await expect.poll(() => arrows(stsPage)).toContain('Client app to Sandbox (Cognito Identity, STS), STS AssumeRoleWithWebIdentity');
    await step(stsPage, /AWS credentials issued/).click();
    const credentials = stsPage.getByTestId('credentials');
    await expect(credentials.getByTestId('access-key-id').innerText()).resolves.toBe(Credentials!.AccessKeyId);
    await expect(credentials.getByTestId('assumed-role-arn').innerText()).resolves.toBe(AssumedRoleUser!.Arn);
    await credentials.getByText('AssumeRoleWithWebIdentity').waitFor();
    await shoot(stsPage, 'identity-pools-sts-light');
    expect(await stsPage.content()).not.toContain(Credentials!.SecretAccessKey);
  }, 60_000);

  it('edits an identity pool’s providers (its developer name kept), shows Cognito’s refusal, and deletes it', async () => {
    const { IdentityPoolId: id } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'partner_identities',
        AllowUnauthenticatedIdentities: false,
        DeveloperProviderName: 'login.partner.app',
        SupportedLoginProviders: { 'accounts.google.com': 'google-client-id' },
        IdentityPoolTags: { team: 'partners' },
      }),
    );
    const page = await openWindow(`#/admin/${encodeURIComponent(id!)}`);
    const form = page.getByRole('form', { name: 'Settings and providers' });
    await expect(form.getByLabel('Identity pool name').inputValue()).resolves.toBe('partner_identities');
    await expect(form.getByLabel(/Developer provider name/).getAttribute('readonly')).resolves.not.toBeNull();
    await expect(form.getByLabel(/^Google/).inputValue()).resolves.toBe('google-client-id');
    await form.getByLabel(/^Facebook/).fill('1234567890');
    await form.getByRole('button', { name: 'Add the built-in mock OIDC provider' }).click();
    await form.getByRole('checkbox', { name: /Basic \(classic\) flow/ }).check();
    await form.getByRole('button', { name: 'Save identity pool' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const mockOidc = `arn:aws:iam::${ACCOUNT}:oidc-provider/${new URL(sandbox.url).host}/_mock-idp/oidc`;
    await expect(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).resolves.toMatchObject({
      IdentityPoolName: 'partner_identities',
      AllowClassicFlow: true,
      DeveloperProviderName: 'login.partner.app',
      SupportedLoginProviders: { 'accounts.google.com': 'google-client-id', 'graph.facebook.com': '1234567890' },
      OpenIdConnectProviderARNs: [mockOidc],
      IdentityPoolTags: { team: 'partners' },
    });
    await page.getByText('basic flow on').waitFor();
    await shoot(page, 'identity-pools-settings-light');

    // A name Cognito refuses: its error, as it words it, where the save was asked.
    provokesRefusals = true;
    await form.getByLabel('Identity pool name').fill('partner identities!');
    await form.getByRole('button', { name: 'Save identity pool' }).click();
    const refusal = form.getByTestId('aws-error');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toMatch(/ValidationException.*identityPoolName/s);

    await page.getByRole('button', { name: 'Delete identity pool…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete partner_identities?' });
    await confirm.getByRole('button', { name: 'Delete identity pool' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/admin');
    await page.getByRole('navigation', { name: 'Identity pools' }).getByRole('link', { name: /partner_identities/ }).waitFor({ state: 'detached' });
    const { IdentityPools } = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect(IdentityPools?.some((pool) => pool.IdentityPoolId === id)).toBe(false);
  });
});
