/**
 * Federated sign-in through the hosted UI in Debian's Chromium, as a user goes through it: an app
 * (openid-client v6: discovery, PKCE S256, state, nonce) sends the browser to the pool's
 * /oauth2/authorize; the user picks an identity provider on the sign-in page (or the app names it
 * with identity_provider / idp_identifier), signs in at the provider, and comes back to the app
 * with a code that openid-client redeems.
 *
 * The providers: each built-in mock (OIDC through panva's oidc-provider, SAML SP-initiated and
 * IdP-initiated, Google, Facebook, Login with Amazon, Sign in with Apple), and two the test starts
 * itself and the sandbox did not write: another oidc-provider instance and a SAML IdP built with
 * samlify. Each sign-in makes (or finds) the user `{Provider}_{id}`, EXTERNAL_PROVIDER, with the
 * mapped attributes and `identities`.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { AdminGetUserCommand, CreateIdentityProviderCommand, CreateUserPoolDomainCommand, type CreateIdentityProviderCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';
import { startAppBrowser, type AppBrowser } from './support/app-browser.js';
import { hasChromium, NO_CHROMIUM_REASON, screenshot, type WatchedPage } from './support/browser.js';
import { startOidcProviderIdp } from '../support/oidc-provider-idp.js';
import { serveSamlifyIdp, signInAtOidcProvider } from './support/independent-idps.js';

if (!hasChromium) console.warn(`federation.test.ts skipped: ${NO_CHROMIUM_REASON}`);

let started: AppBrowser;
let sandbox: TestSandbox;
let callbackUrl: string;
let watched: WatchedPage;
let page: Page;
let pools = 0;
const independents: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  if (!hasChromium) return;
  started = await startAppBrowser();
  ({ sandbox, callbackUrl, watched, page } = started);
}, 120_000);

afterAll(async () => {
  await started?.close();
  await Promise.all(independents.map((idp) => idp.close()));
});

/** Chromium logs a refused answer as a console error: expected where a test provokes one. */
const REFUSAL_LOG = /^Failed to load resource: the server responded with a status of 4\d\d/;
let provokesRefusals = false;
/** The independent providers' own pages load web fonts (offline here) and have no favicon: their load failures are theirs. */
let visitsForeignPages = false;
const LOAD_FAILURE = /^Failed to load resource: /;

afterEach(async () => {
  if (!hasChromium) return;
  const errors = watched.errors.splice(0).filter((error) => !(provokesRefusals && REFUSAL_LOG.test(error)) && !(visitsForeignPages && LOAD_FAILURE.test(error)));
  expect(errors).toEqual([]);
  provokesRefusals = false;
  visitsForeignPages = false;
  await watched.context.clearCookies();
});

interface World {
  poolId: string;
  clientId: string;
  config: oidc.Configuration;
}

type Provider = Omit<CreateIdentityProviderCommandInput, 'UserPoolId'>;

/** A pool with a domain, these identity providers, and an app client that offers them all. */
async function world(providers: Provider[], options: { cognito?: boolean } = {}): Promise<World> {
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: `Federation ${++pools}` });
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `federation-e2e-${pools}-${process.pid}` }));
  for (const provider of providers) await cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ...provider }));
  const { clientId, clientSecret } = await createClient(cognito, poolId, {
    ClientName: 'web',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: [callbackUrl],
    LogoutURLs: [signedOutUrl()],
    SupportedIdentityProviders: [...(options.cognito === false ? [] : ['COGNITO']), ...providers.map((provider) => provider.ProviderName!)],
  });
  const config = await oidc.discovery(new URL(`${sandbox.url}/${poolId}`), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  return { poolId, clientId, config };
}

/**
 * The app's side of a login: the browser to /oauth2/authorize (with `extra` parameters such as
 * identity_provider), the user's steps, then the code back at the callback redeemed by openid-client.
 */
async function login(w: World, extra: Record<string, string>, userSteps: () => Promise<void>) {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(w.config, {
    redirect_uri: callbackUrl,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  await page.goto(url.href);
  await userSteps();
  await page.waitForURL(`${callbackUrl}?**`).catch(async (error) => {
    throw new Error(`${(error as Error).message}\nat ${page.url()}:\n${(await page.textContent('body'))?.slice(0, 600)}`);
  });
  const back = new URL(page.url());
  if (back.searchParams.has('error')) throw new Error(`the app was sent ${back.search}`);
  return oidc.authorizationCodeGrant(w.config, back, { pkceCodeVerifier, expectedState: state, expectedNonce: nonce });
}

/** At a built-in mock: its page lists the directory's people; the first is chosen. */
async function chooseFirstPerson(): Promise<void> {
  await page.locator('[data-person]').first().click();
}

async function externalUser(poolId: string, username: string) {
  return sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
}

const attributesOf = (user: { UserAttributes?: Array<{ Name?: string; Value?: string }> }) => Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name!, a.Value!]));

function appleKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

const signedOutUrl = () => callbackUrl.replace('/callback', '/signed-out');

const mock = (path: string) => `${sandbox.url}/_mock-idp/${path}`;

const MOCK_OIDC: Provider = {
  ProviderName: 'MockOIDC',
  ProviderType: 'OIDC',
  ProviderDetails: { client_id: 'federation-e2e', client_secret: 'federation-e2e-secret', authorize_scopes: 'openid email profile', attributes_request_method: 'GET', oidc_issuer: '' },
  AttributeMapping: { email: 'email', name: 'name' },
};

describe.skipIf(!hasChromium)('federated sign-in in Chromium', () => {
  it('offers each provider of the client on the sign-in page and signs in through the mock OIDC provider', async () => {
    const w = await world([{ ...MOCK_OIDC, ProviderDetails: { ...MOCK_OIDC.ProviderDetails, oidc_issuer: mock('oidc') } }, { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'g-e2e', client_secret: 'g-secret', authorize_scopes: 'openid email profile' }, AttributeMapping: { email: 'email' } }]);
    const tokens = await login(w, {}, async () => {
      await expect.poll(() => page.locator('[data-provider]').count()).toBe(2);
      await screenshot(page, 'federation-sign-in-page');
      await page.locator('[data-provider="MockOIDC"]').click();
      await chooseFirstPerson();
    });
    const id = tokens.claims()!;
    expect(String(id['cognito:username'])).toMatch(/^MockOIDC_/);
    const identities = JSON.parse(JSON.stringify(id.identities)) as Array<{ providerName: string; providerType: string }>;
    expect(identities[0]).toMatchObject({ providerName: 'MockOIDC', providerType: 'OIDC' });
    const user = await externalUser(w.poolId, String(id['cognito:username']));
    expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
    expect(attributesOf(user).email).toBe(id.email);
  });

  it.each([
    ['Google', { client_id: 'g-e2e', client_secret: 'g-secret', authorize_scopes: 'openid email profile' }, { email: 'email', name: 'name' }],
    ['Facebook', { client_id: 'fb-e2e', client_secret: 'fb-secret', authorize_scopes: 'public_profile,email' }, { email: 'email', name: 'name' }],
    ['LoginWithAmazon', { client_id: 'amzn-e2e', client_secret: 'amzn-secret', authorize_scopes: 'profile' }, { email: 'email', name: 'name' }],
    ['SignInWithApple', { client_id: 'com.example.e2e', team_id: 'TEAM123456', key_id: 'KEY1234567', private_key: '', authorize_scopes: 'email name' }, { email: 'email' }],
  ] as const)('signs in as a mock %s user, named by identity_provider', async (type, details, mapping) => {
    const providerDetails: Record<string, string> = { ...details, ...(type === 'SignInWithApple' && { private_key: appleKey() }) };
    const w = await world([{ ProviderName: type, ProviderType: type, ProviderDetails: providerDetails, AttributeMapping: mapping }]);
    const tokens = await login(w, { identity_provider: type }, async () => {
      await page.locator('[data-person]').first().waitFor();
      if (type === 'Google') await screenshot(page, 'federation-mock-google');
      await chooseFirstPerson();
    });
    const username = String(decodeJwt(tokens.access_token).username);
    expect(username.startsWith(`${type}_`)).toBe(true);
    const user = await externalUser(w.poolId, username);
    expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
    expect(attributesOf(user).email).toMatch(/@/);

    // The provider's sign-in opened a hosted session: the next login is signed in at once.
    const again = await login(w, {}, async () => undefined);
    expect(decodeJwt(again.access_token).username).toBe(username);
  });

  it('signs in through the mock SAML IdP from the corporate email box, and IdP-initiated from the IdP', async () => {
    const metadata = await (await fetch(mock('saml/metadata'))).text();
    const w = await world(
      [{ ProviderName: 'MockSAML', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata, IDPInit: 'true', IDPSignout: 'true' }, AttributeMapping: { email: 'email' }, IdpIdentifiers: ['example.com'] }],
    );
    const tokens = await login(w, {}, async () => {
      await page.getByLabel('Email').fill('jane@example.com');
      await screenshot(page, 'federation-corporate-email-box');
      await page.getByRole('button', { name: 'Sign in' }).first().click();
      await chooseFirstPerson();
    });
    const username = String(decodeJwt(tokens.access_token).username);
    expect(username.startsWith('MockSAML_')).toBe(true);

    const state = oidc.randomState();
    const relayState = new URLSearchParams({ client_id: w.clientId, redirect_uri: callbackUrl, response_type: 'code', scope: 'openid email', identity_provider: 'MockSAML', state });
    await page.goto(mock(`saml/idp-initiated?${new URLSearchParams({ sp: `urn:amazon:cognito:sp:${w.poolId}`, RelayState: relayState.toString() })}`));
    await chooseFirstPerson();
    await page.waitForURL(`${callbackUrl}?**`);
    const again = await oidc.authorizationCodeGrant(w.config, new URL(page.url()), { expectedState: state });
    expect(decodeJwt(again.access_token).username).toBe(username);

    // Signing out of the app signs out of the IdP too (IDPSignout): a signed LogoutRequest there, its LogoutResponse back.
    const sloRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/_mock-idp/saml/slo')) sloRequests.push(request.url());
    });
    await page.goto(`${sandbox.url}/logout?${new URLSearchParams({ client_id: w.clientId, logout_uri: signedOutUrl() })}`);
    await page.waitForURL(signedOutUrl());
    expect(sloRequests.length).toBe(1);
    expect(new URL(sloRequests[0]!).searchParams.get('Signature')).toBeTruthy();
  });

  it('refuses an IdP-initiated response when the provider does not accept them, and a tampered state', async () => {
    provokesRefusals = true;
    const metadata = await (await fetch(mock('saml/metadata'))).text();
    const w = await world([{ ProviderName: 'MockSAML', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata }, AttributeMapping: { email: 'email' } }]);
    const relayState = new URLSearchParams({ client_id: w.clientId, redirect_uri: callbackUrl, response_type: 'code', identity_provider: 'MockSAML' });
    await page.goto(mock(`saml/idp-initiated?${new URLSearchParams({ sp: `urn:amazon:cognito:sp:${w.poolId}`, RelayState: relayState.toString() })}`));
    await chooseFirstPerson();
    await expect.poll(() => page.textContent('body')).toContain('IDPInit');

    const tampered = await fetch(`${sandbox.url}/oauth2/idpresponse?code=x&state=${randomUUID()}`, { redirect: 'manual' });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('invalid_state');
  });

  it('signs in through an OIDC provider and a SAML IdP the sandbox did not write', async () => {
    visitsForeignPages = true;
    const op = await startOidcProviderIdp({ clientId: 'independent', clientSecret: 'independent-secret', redirectUri: `${sandbox.url}/oauth2/idpresponse` });
    const saml = await serveSamlifyIdp(sandbox.url);
    independents.push(op, saml);
    const w = await world(
      [
        { ProviderName: 'Panva', ProviderType: 'OIDC', ProviderDetails: { client_id: 'independent', client_secret: 'independent-secret', authorize_scopes: 'openid email profile', attributes_request_method: 'GET', oidc_issuer: op.issuer }, AttributeMapping: { email: 'email' } },
        { ProviderName: 'Samlify', ProviderType: 'SAML', ProviderDetails: { MetadataFile: saml.metadata }, AttributeMapping: { email: 'email' } },
      ],
      { cognito: false },
    );
    saml.poolId = w.poolId;
    const viaOp = await login(w, { identity_provider: 'Panva' }, () => signInAtOidcProvider(page, 'Independent-User-1'));
    expect(String(decodeJwt(viaOp.access_token).username)).toBe('Panva_Independent-User-1');
    expect(viaOp.claims()!.email).toBe('independent-user-1@independent.example');
    const viaSaml = await login(w, { identity_provider: 'Samlify' }, () => page.getByRole('button', { name: 'Continue to the app' }).click());
    expect(String(decodeJwt(viaSaml.access_token).username)).toBe(`Samlify_${saml.nameId}`);
    expect(viaSaml.claims()!.email).toBe(saml.email);
  });
});
