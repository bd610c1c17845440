/**
 * Federation in the debugger window, in Debian's Chromium against the real sandbox: a federated
 * login's sequence in four lanes (browser, app back end, sandbox, identity provider) with the
 * request to the provider, the SAML AuthnRequest and response decoded (XML pretty-printed and
 * folded, checks, conditions, attributes), the provider's ID token, a refusal in red, and the
 * attribute mapping linking to the user it produced; the events are published through the
 * sandbox's own bus, as the federation flows publish them. The pool's identity-provider panel
 * (create wired to a mock, edit the mapping, a SAML provider from a metadata file, delete) and a
 * user's provider identities (link, unlink) checked through the AWS SDK; the mock identity
 * providers' people editor checked through the debugger API; the federation demo button, then a
 * real sign-in through the mock Google and the mock SAML IdP, seen hop by hop in the window.
 * Each screen checked for unnamed controls and console errors, and shot light and dark.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  ListIdentityProvidersCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockIdpListItem, MockIdpPerson } from '../../shared/debugger-api.js';
import type { EventData, SandboxEventType } from '../../shared/events.js';
import { ensureBuilt } from '../support/build.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';
import { controlsWithoutName } from './support/accessibility.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, screenshot, type WatchedPage } from './support/browser.js';

if (!hasChromium) console.warn(`federation-window.test.ts skipped: ${NO_CHROMIUM_REASON}`);

let browser: Browser;
let sandbox: TestSandbox;
let origin: string;
let opened: WatchedPage[] = [];
/** Chromium logs every 4xx answer as a console error: expected where a test provokes Cognito's refusal. */
const REFUSAL_LOG = /^Failed to load resource: the server responded with a status of 400/;
let provokesRefusals = false;

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt(['renderer']);
  browser = await launchChromium();
  sandbox = await startSandbox();
  origin = `http://localhost:${new URL(sandbox.url).port}`;
}, 180_000);
afterAll(async () => {
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

const TALL = 1700;

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

/**
 * Publishes one event of a flow through the sandbox's bus, as the sandbox's own steps do. They are
 * published here back to back, so each exchange says it took a millisecond.
 */
function publisher(poolId: string, flowId: string) {
  return <T extends SandboxEventType>(type: T, data: EventData<T>) => sandbox.app.bus.publish(type, data, { flowId, poolId });
}

/** The sequence's arrows, as the window labels them (without the time). */
async function arrows(page: Page): Promise<string[]> {
  return (await page.locator('.sequence button.step').evaluateAll((steps) => steps.map((step) => step.getAttribute('aria-label') ?? ''))).map((label) =>
    label.replace(/^\+[^,]+, /, ''),
  );
}

async function federationPool(name: string): Promise<{ poolId: string; clientId: string }> {
  const poolId = await createPool(sandbox.cognito, { PoolName: name });
  await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `${name}-${Date.now().toString(36)}` }));
  const { clientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: ['http://localhost:3000/callback'],
    SupportedIdentityProviders: ['COGNITO'],
  });
  return { poolId, clientId };
}

const SAML_NS = 'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
/** The assertion's times, around now as an IdP writes them. */
const instant = (offsetSeconds: number) => new Date(Math.floor(Date.now() / 1_000 + offsetSeconds) * 1_000).toISOString().replace('.000', '');
const authnRequest = (poolId: string) =>
  `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ${SAML_NS} ID="_a1b2c3" Version="2.0" IssueInstant="${instant(0)}" Destination="${origin}/_mock-idp/saml/sso" AssertionConsumerServiceURL="${origin}/saml2/idpresponse" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>urn:amazon:cognito:sp:${poolId}</saml:Issuer><samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" AllowCreate="true"/></samlp:AuthnRequest>`;
const samlResponse = (poolId: string) =>
  `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r9" InResponseTo="_a1b2c3" Version="2.0" Destination="${origin}/saml2/idpresponse"><saml:Issuer ${SAML_NS}>${origin}/_mock-idp/saml</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ${SAML_NS} ID="_as1" Version="2.0"><saml:Issuer>${origin}/_mock-idp/saml</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#_as1"><ds:DigestValue>q2x7VbKQ9+3Yb3y1S0mZ2W9c3aD4cYt0a1b2c3d4e5f=</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4</ds:SignatureValue></ds:Signature><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">JSmith@Example.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_a1b2c3" NotOnOrAfter="${instant(300)}" Recipient="${origin}/saml2/idpresponse"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${instant(-30)}" NotOnOrAfter="${instant(300)}"><saml:AudienceRestriction><saml:Audience>urn:amazon:cognito:sp:${poolId}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${instant(0)}" SessionIndex="_sess42"/><saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>john@example.com</saml:AttributeValue></saml:Attribute><saml:Attribute Name="firstName"><saml:AttributeValue>John</saml:AttributeValue></saml:Attribute><saml:Attribute Name="groups"><saml:AttributeValue>admins</saml:AttributeValue><saml:AttributeValue>staff</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`;

/** A SAML login as its steps publish it: authorize to the IdP, the response posted back, checked, mapped, the code to the app. */
function publishSamlLogin(poolId: string, clientId: string, flowId: string, username: string): void {
  const publish = publisher(poolId, flowId);
  const sso = `${origin}/_mock-idp/saml/sso?SAMLRequest=fZFNT8MwDIb%2FSpV72q5rNxatkzhy4MCB...&RelayState=SESSION`;
  publish('flow.started', { kind: 'hosted-login', clientId, machine: 'hosted-login' });
  publish('federation.requested', {
    provider: 'MockSAML',
    providerType: 'SAML',
    protocol: 'saml',
    url: sso,
    parameters: { SAMLRequest: 'fZFNT8MwDIb/SpV72q5rNxatkzhy4MCB…', RelayState: 'SESSION' },
    authnRequest: { id: '_a1b2c3', xml: authnRequest(poolId), signed: false },
  });
  publish('http.exchanged', {
    lane: 'browser',
    method: 'GET',
    path: '/oauth2/authorize',
    query: { response_type: 'code', client_id: clientId, identity_provider: 'MockSAML', redirect_uri: 'http://localhost:3000/callback', state: 'app-state' },
    status: 302,
    location: sso,
    redirectParams: { SAMLRequest: 'fZFNT8MwDIb/SpV72q5rNxatkzhy4MCB…', RelayState: 'SESSION' },
    ms: 1,
  });
  publish('federation.responded', {
    provider: 'MockSAML',
    providerType: 'SAML',
    protocol: 'saml',
    checks: [
      { check: 'signature', passed: true, detail: 'assertion signed rsa-sha256 by the certificate in the metadata' },
      { check: 'audience', passed: true, detail: `urn:amazon:cognito:sp:${poolId}` },
      { check: 'recipient', passed: true },
      { check: 'time', passed: true, detail: 'within NotBefore and NotOnOrAfter' },
      { check: 'InResponseTo', passed: true, detail: '_a1b2c3' },
      { check: 'replay', passed: true, detail: 'assertion _as1 not seen before' },
    ],
    saml: {
      xml: samlResponse(poolId),
      encrypted: false,
      issuer: `${origin}/_mock-idp/saml`,
      inResponseTo: '_a1b2c3',
      nameId: 'JSmith@Example.com',
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      sessionIndex: '_sess42',
      conditions: { notBefore: instant(-30), notOnOrAfter: instant(300), audiences: [`urn:amazon:cognito:sp:${poolId}`], recipient: `${origin}/saml2/idpresponse` },
      attributes: { email: ['john@example.com'], firstName: ['John'], groups: ['admins', 'staff'] },
    },
    userId: 'JSmith@Example.com',
    claims: { email: 'john@example.com', firstName: 'John', groups: 'admins,staff' },
  });
  publish('federation.mapped', {
    provider: 'MockSAML',
    mapping: [
      { attribute: 'email', claim: 'email', before: 'old@example.com', after: 'john@example.com' },
      { attribute: 'given_name', claim: 'firstName', before: 'John', after: 'John' },
      { attribute: 'family_name', claim: 'lastName', skipped: 'the response carries no lastName' },
    ],
    user: { username, sub: '8f1c0d6e-2b1a-4e7e-9a4b-3c2d1e0f9a8b', status: 'EXTERNAL_PROVIDER', created: false },
  });
  publish('http.exchanged', {
    lane: 'browser',
    method: 'POST',
    path: '/saml2/idpresponse',
    query: {},
    form: { SAMLResponse: 'PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46…', RelayState: 'SESSION' },
    status: 302,
    location: 'http://localhost:3000/callback?code=9b2e4c&state=app-state',
    redirectParams: { code: '9b2e4c', state: 'app-state' },
    ms: 1,
  });
}

/** A Google login refused: the provider's token was signed by another issuer. */
function publishRefusedGoogleLogin(poolId: string, clientId: string, flowId: string): void {
  const publish = publisher(poolId, flowId);
  const auth = `${origin}/_mock-idp/google/o/oauth2/v2/auth?client_id=gid&state=SESSION2`;
  publish('flow.started', { kind: 'hosted-login', clientId, machine: 'hosted-login' });
  publish('federation.requested', {
    provider: 'Google',
    providerType: 'Google',
    protocol: 'oidc',
    url: auth,
    parameters: { response_type: 'code', client_id: 'gid', redirect_uri: `${origin}/oauth2/idpresponse`, scope: 'openid email profile', state: 'SESSION2', nonce: 'n-123' },
  });
  publish('http.exchanged', { lane: 'browser', method: 'GET', path: '/oauth2/authorize', query: { client_id: clientId, identity_provider: 'Google' }, status: 302, location: auth, ms: 1 });
  publish('http.exchanged', {
    lane: 'idp',
    method: 'POST',
    path: `${origin}/_mock-idp/google/token`,
    query: {},
    form: { grant_type: 'authorization_code', code: '***', client_id: 'gid', client_secret: '***', redirect_uri: `${origin}/oauth2/idpresponse` },
    status: 200,
    response: { access_token: 'ya29.a0Af…', id_token: 'eyJhbGciOiJSUzI1NiIsImtp…', token_type: 'Bearer', expires_in: '3599' },
    ms: 1,
  });
  publish('http.exchanged', { lane: 'idp', method: 'GET', path: `${origin}/_mock-idp/google/oauth2/v3/certs`, query: {}, status: 200, response: { keys: [{ kty: 'RSA', kid: 'g1', alg: 'RS256' }] }, ms: 1 });
  publish('federation.responded', {
    provider: 'Google',
    providerType: 'Google',
    protocol: 'oidc',
    checks: [
      { check: 'signature', passed: true, detail: 'RS256, kid g1' },
      { check: 'issuer', passed: false, detail: 'https://evil.example.com is not https://accounts.google.com' },
    ],
    idToken: {
      header: { alg: 'RS256', kid: 'g1', typ: 'JWT' },
      claims: { iss: 'https://evil.example.com', aud: 'gid', sub: '109876543210987654321', email: 'jane.doe.sandbox@gmail.com', nonce: 'n-123', iat: 1_767_268_800, exp: 1_767_272_400 },
    },
    error: { error: 'invalid_request', error_description: 'Invalid identity token: wrong issuer' },
  });
  publish('http.exchanged', {
    lane: 'browser',
    method: 'GET',
    path: '/oauth2/idpresponse',
    query: { code: '***', state: 'SESSION2' },
    status: 302,
    location: 'http://localhost:3000/callback?error=invalid_request&error_description=Invalid+identity+token',
    redirectParams: { error: 'invalid_request', error_description: 'Invalid identity token' },
    ms: 1,
  });
}

describe.skipIf(!hasChromium)('a federated login in the window', () => {
  it('draws a SAML login in four lanes and shows the AuthnRequest, the response checked, and the mapping to its user', async () => {
    const { poolId, clientId } = await federationPool('saml-window');
    const username = 'mocksaml_jsmith@example.com';
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
    const flowId = `fed-saml-${Date.now()}`;
    publishSamlLogin(poolId, clientId, flowId, username);

    const page = await openWindow(`#/flows/${flowId}`, 'light', TALL);
    await page.locator('.sequence button.step', { hasText: 'back with the SAMLResponse' }).waitFor();
    await expect(page.locator('.lane-name').allInnerTexts()).resolves.toEqual(['Browser', 'App back end', 'Sandbox', 'Identity provider']);
    const drawn = await arrows(page);
    const order = [
      /^Browser to Sandbox, GET \/oauth2\/authorize/,
      /^Sandbox, SAML AuthnRequest for MockSAML, unsigned/,
      /^Sandbox to Browser, 302 → localhost:\d+\/_mock-idp\/saml\/sso/,
      /^Browser to Identity provider, sign in at MockSAML/,
      /^Identity provider to Browser, back with the SAMLResponse, form post to \/saml2\/idpresponse/,
      /^Browser to Sandbox, POST \/saml2\/idpresponse/,
      /^Sandbox, SAML response accepted, 6 checks passed/,
      /^Sandbox, attributes mapped, mocksaml_jsmith@example.com updated/,
      /^Sandbox to Browser, 302 → localhost:3000\/callback/,
    ];
    let at = -1;
    for (const pattern of order) {
      const found = drawn.findIndex((label, i) => i > at && pattern.test(label));
      expect(found, `${pattern} after ${drawn[at]}\n${drawn.join('\n')}`).toBeGreaterThan(at);
      at = found;
    }
    // The timeline says where it signed in.
    await page.locator(`.flow-row[data-flow-id="${flowId}"] .chip-provider`, { hasText: 'via MockSAML' }).waitFor();

    // The AuthnRequest: pretty-printed, one element per line, unsigned.
    const details = page.locator('.details-pane');
    await page.locator('.sequence button.step', { hasText: 'SAML AuthnRequest for MockSAML' }).click();
    await details.getByTestId('federation-request').waitFor();
    await expect(details.getByTestId('authn-signed').innerText()).resolves.toBe('no');
    const request = details.getByRole('region', { name: 'AuthnRequest text' });
    await expect(request.locator('.line').count()).resolves.toBe(4);
    await expect(request.locator('.line').nth(1).innerText()).resolves.toContain(`<saml:Issuer>urn:amazon:cognito:sp:${poolId}</saml:Issuer>`);
    await expect(details.locator('tr[data-param="RelayState"] td.meaning').innerText()).resolves.toContain('session');
    await shoot(page, 'federation-authn-request-light');

    // The response: every check, the NameID, the conditions, each attribute, the XML with its signature folded.
    await page.locator('.sequence button.step', { hasText: 'SAML response accepted' }).click();
    await details.getByTestId('federation-response').waitFor();
    await expect(details.locator('li[data-check]').count()).resolves.toBe(6);
    await expect(details.locator('li.fail').count()).resolves.toBe(0);
    await expect(details.getByTestId('name-id').innerText()).resolves.toBe('JSmith@Example.com');
    await expect(details.locator('[data-attribute="groups"] td').innerText()).resolves.toBe('admins\nstaff');
    await details.getByRole('table', { name: 'Conditions' }).getByText(`urn:amazon:cognito:sp:${poolId}`).waitFor();
    const xml = details.getByRole('region', { name: 'SAMLResponse text' });
    const unfold = xml.getByRole('button', { name: 'Unfold ds:Signature' });
    await expect(unfold.getAttribute('aria-expanded')).resolves.toBe('false');
    const foldedLines = await xml.locator('.line').count();
    await unfold.click();
    await expect(xml.locator('.line').count()).resolves.toBeGreaterThan(foldedLines + 5);
    await xml.getByRole('button', { name: 'Fold saml:AttributeStatement' }).click();
    await details.getByRole('button', { name: 'SAMLResponse', exact: true }).click();
    await expect(xml.isVisible()).resolves.toBe(false);
    await details.getByRole('button', { name: 'SAMLResponse', exact: true }).click();
    await shoot(page, 'federation-saml-response-light');

    // The mapping: before → after, the unchanged one, the skipped one with why, and the user's page.
    await page.locator('.sequence button.step', { hasText: 'attributes mapped' }).click();
    const mapping = details.getByTestId('mapping-table');
    await expect(mapping.locator('tr[data-attribute="email"]').getAttribute('data-outcome')).resolves.toBe('changed');
    await expect(mapping.locator('tr[data-attribute="given_name"]').getAttribute('data-outcome')).resolves.toBe('same');
    await expect(mapping.locator('tr[data-attribute="family_name"]').innerText()).resolves.toContain('the response carries no lastName');
    await shoot(page, 'federation-mapping-light');
    await details.getByTestId('mapped-user').click();
    await page.getByTestId('username').filter({ hasText: username }).waitFor();
    expect(page.url()).toContain(`#/admin/${poolId}/user%3A${encodeURIComponent(username)}`);

    const dark = await openWindow(`#/flows/${flowId}`, 'dark', TALL);
    await dark.locator('.sequence button.step', { hasText: 'SAML response accepted' }).click();
    await dark.getByTestId('federation-response').waitFor();
    await shoot(dark, 'federation-saml-response-dark');
  });

  it('shows a refused OIDC login: the back-channel calls in the identity provider lane, the ID token decoded, the failed check and the error in red', async () => {
    const { poolId, clientId } = await federationPool('oidc-window');
    const flowId = `fed-google-${Date.now()}`;
    publishRefusedGoogleLogin(poolId, clientId, flowId);

    const page = await openWindow(`#/flows/${flowId}`, 'light', TALL);
    // The first step that went wrong is open.
    const details = page.locator('.details-pane');
    await details.getByTestId('federation-error').waitFor();
    await expect(details.getByTestId('federation-error').innerText()).resolves.toContain('invalid_request: Invalid identity token: wrong issuer');
    await expect(details.locator('li.fail[data-check="issuer"]').innerText()).resolves.toContain('https://evil.example.com');
    await expect(details.locator('[data-testid="idp-id-token"] tr[data-claim="iss"] td').first().innerText()).resolves.toBe('https://evil.example.com');
    const drawn = await arrows(page);
    expect(drawn.filter((label) => label.startsWith('Sandbox to Identity provider') || label.startsWith('Identity provider to Sandbox'))).toEqual([
      expect.stringMatching(/^Sandbox to Identity provider, token request, POST localhost:\d+\/_mock-idp\/google\/token · grant_type=authorization_code/),
      expect.stringMatching(/^Identity provider to Sandbox, 200 tokens, access_token, id_token/),
      expect.stringMatching(/^Sandbox to Identity provider, JWKS \(signing keys\)/),
      expect.stringMatching(/^Identity provider to Sandbox, 200 JWKS, 1 key/),
    ]);
    await shoot(page, 'federation-oidc-refused-light');

    // The token call: the sandbox's own request, its secrets masked, explained in the provider's words.
    await page.locator('.sequence button.step', { hasText: 'token request' }).click();
    await details.getByText('Sandbox, to the identity provider (server to server)').waitFor();
    await expect(details.locator('tr[data-param="client_secret"] td.value').innerText()).resolves.toMatch(/^\*+ masked$/);
    await expect(details.getByRole('button', { name: 'Show the decoded tokens' }).count()).resolves.toBe(0);

    // The redirect to the provider: its parameters, no state complaint, the way to the request.
    await page.locator('.sequence button.step', { hasText: /302 → localhost:\d+\/_mock-idp\/google/ }).click();
    await details.getByTestId('sent-to-idp').waitFor();
    await expect(details.getByText('The redirect’s state differs').count()).resolves.toBe(0);
    await details.getByRole('button', { name: 'Show the request to the provider' }).click();
    await expect(details.locator('tr[data-param="nonce"] td.meaning').innerText()).resolves.toContain('ID token must carry');

    const dark = await openWindow(`#/flows/${flowId}`, 'dark', TALL);
    await dark.getByTestId('federation-error').waitFor();
    await shoot(dark, 'federation-oidc-refused-dark');
  });
});

describe.skipIf(!hasChromium)('identity providers in the admin tab', () => {
  it('creates a provider wired to a mock, edits its mapping, adds a SAML provider from a metadata file and deletes one', async () => {
    provokesRefusals = true;
    const { poolId } = await federationPool('idp-panel');
    const page = await openWindow(`#/admin/${poolId}/idps`);
    await page.getByText('No identity providers yet').waitFor();

    // Google, wired to the built-in mock.
    await page.getByRole('button', { name: 'New identity provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'New identity provider' });
    await dialog.getByLabel('Type').selectOption('Google');
    await expect(dialog.getByLabel('Provider name').inputValue()).resolves.toBe('Google');
    await dialog.getByRole('button', { name: 'Wire to the built-in Mock Google' }).click();
    await dialog.getByText('Details and mapping filled from Mock Google').waitFor();
    await expect(dialog.getByLabel(/^Client ID/).inputValue()).resolves.not.toBe('');
    await shoot(page, 'admin-identity-provider-dialog-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'admin-identity-provider-dialog-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Create provider' }).click();
    await page.locator('tr[data-provider="Google"]').waitFor();
    const google = (await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Google' }))).IdentityProvider!;
    expect(google.ProviderType).toBe('Google');
    expect(google.ProviderDetails).toMatchObject({ authorize_scopes: expect.stringContaining('email') });
    // Wired as the debugger API lists the mock: its details and its mapping.
    const listing = (await (await fetch(`${origin}/_sandbox/api/mock-idp`)).json()) as MockIdpListItem[];
    const mockGoogle = listing.find((mock) => mock.providerType === 'Google')!;
    expect(google.ProviderDetails).toMatchObject({ client_id: mockGoogle.providerDetails.client_id });
    expect(google.AttributeMapping).toEqual(mockGoogle.attributeMapping);

    // Its mapping edited: one more attribute, one removed; what Cognito adds is not sent back.
    await page.getByRole('button', { name: 'Edit Google' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Google' });
    await edit.getByRole('button', { name: 'Remove the mapping of name' }).click();
    await edit.getByRole('button', { name: 'Add a mapping' }).click();
    const rows = edit.locator('tr[data-mapping-row]');
    const last = rows.nth((await rows.count()) - 1);
    await last.getByLabel(/user pool attribute/).fill('locale');
    await last.getByLabel(/provider claim/).fill('locale');
    await edit.getByRole('button', { name: 'Save provider' }).click();
    await page.locator('tr[data-provider="Google"]', { hasText: 'locale ← locale' }).waitFor();
    const edited = (await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Google' }))).IdentityProvider!;
    const { name: _name, ...kept } = mockGoogle.attributeMapping;
    expect(edited.AttributeMapping).toEqual({ ...kept, locale: 'locale' });
    expect(edited.ProviderDetails).toEqual(google.ProviderDetails);

    // A SAML provider from a metadata file, with identifiers; Cognito's refusal shown in the dialog first.
    const metadata = await (await fetch(`${sandbox.url}/_mock-idp/saml/metadata`)).text();
    await page.getByRole('button', { name: 'New identity provider' }).click();
    const saml = page.getByRole('dialog', { name: 'New identity provider' });
    await saml.getByLabel('Type').selectOption('SAML');
    await saml.getByLabel('Provider name').fill('Corp');
    await saml.getByLabel('The document (MetadataFile)').check();
    await saml.getByLabel('Metadata file').fill('<not-metadata/>');
    await saml.getByRole('button', { name: 'Create provider' }).click();
    await saml.getByTestId('aws-error').filter({ hasText: 'InvalidParameterException' }).waitFor();
    await saml.getByLabel('Metadata file').fill(metadata);
    await saml.getByLabel('Accept IdP-initiated sign-in (IDPInit)').check();
    await saml.getByLabel('Identifiers (IdpIdentifiers)').fill('corp.example.com\nexample.org');
    await saml.getByRole('button', { name: 'Create provider' }).click();
    await page.locator('tr[data-provider="Corp"]', { hasText: 'corp.example.com' }).waitFor();
    const corp = (await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp' }))).IdentityProvider!;
    expect(corp.ProviderDetails).toMatchObject({ IDPInit: 'true', MetadataFile: metadata });
    expect(corp.IdpIdentifiers).toEqual(['corp.example.com', 'example.org']);
    await shoot(page, 'admin-identity-providers-light');

    const dark = await openWindow(`#/admin/${poolId}/idps`, 'dark');
    await dark.locator('tr[data-provider="Corp"]').waitFor();
    await shoot(dark, 'admin-identity-providers-dark');

    await page.getByRole('button', { name: 'Delete Corp' }).click();
    await page.getByRole('dialog', { name: 'Delete Corp?' }).getByRole('button', { name: 'Delete provider' }).click();
    await page.locator('tr[data-provider="Corp"]').waitFor({ state: 'detached' });
    const left = await sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: poolId }));
    expect(left.Providers?.map((p) => p.ProviderName)).toEqual(['Google']);
  });

  it('links a provider identity to a user and unlinks it', async () => {
    provokesRefusals = true;
    const { poolId } = await federationPool('links');
    await sandbox.cognito.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: 'Google',
        ProviderType: 'Google',
        ProviderDetails: { client_id: 'gid', client_secret: 'gs', authorize_scopes: 'openid email' },
      }),
    );
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'alice', MessageAction: 'SUPPRESS' }));
    const page = await openWindow(`#/admin/${poolId}/user:alice`);
    const card = page.getByTestId('user-identities');
    await card.getByText('No provider identity.').waitFor();
    await card.getByLabel('The user’s id at the provider (ProviderAttributeValue)').fill('109876543210987654321');
    await card.getByRole('button', { name: 'Link', exact: true }).click();
    await card.locator('tr[data-identity="Google"]', { hasText: '109876543210987654321' }).waitFor();
    const linked = (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserAttributes!;
    expect(JSON.parse(linked.find((a) => a.Name === 'identities')!.Value!)).toEqual([expect.objectContaining({ providerName: 'Google', userId: '109876543210987654321' })]);
    await shoot(page, 'admin-user-identities-light');
    const dark = await openWindow(`#/admin/${poolId}/user:alice`, 'dark');
    await dark.getByTestId('user-identities').locator('tr[data-identity="Google"]').waitFor();
    await shoot(dark, 'admin-user-identities-dark');

    // A second link of the same identity is Cognito's refusal, shown in the card.
    await card.getByLabel('The user’s id at the provider (ProviderAttributeValue)').fill('109876543210987654321');
    await card.getByRole('button', { name: 'Link', exact: true }).click();
    await card.getByTestId('aws-error').waitFor();

    await card.getByRole('button', { name: 'Unlink Google 109876543210987654321' }).click();
    await card.getByText('No provider identity.').waitFor();
    const unlinked = (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserAttributes!;
    expect(unlinked.find((a) => a.Name === 'identities')).toBeUndefined();
  });
});

async function people(idp: string): Promise<MockIdpPerson[]> {
  return (await (await fetch(`${sandbox.url}/_sandbox/api/mock-idp/people?idp=${idp}`)).json()) as MockIdpPerson[];
}

describe.skipIf(!hasChromium)('the mock identity providers’ people', () => {
  it('adds, edits and deletes a person of a mock, checked through the people API', async () => {
    const page = await openWindow('#/mock-idp/google');
    await page.getByRole('heading', { name: 'Mock Google' }).waitFor();
    const seeded = await people('google');
    expect(seeded.length).toBeGreaterThan(0);
    await page.locator(`li[data-person="${seeded[0]!.id}"]`).waitFor();
    await shoot(page, 'mock-idp-people-light');

    // A new person: an id and claims, one claim added, one removed.
    await page.getByRole('button', { name: 'Add a person' }).click();
    const form = page.getByRole('form', { name: 'New person' });
    await form.getByLabel('sub').fill('200000000000000000001');
    await form.getByLabel('email value').fill('ada@example.com');
    await form.getByLabel('name value', { exact: true }).fill('Ada Lovelace');
    await form.getByRole('button', { name: 'Remove picture' }).click();
    await form.getByRole('button', { name: 'Add a claim' }).click();
    const rows = form.locator('tbody tr');
    const added = rows.nth((await rows.count()) - 1);
    await added.getByLabel(/Claim \d+ name/).fill('locale');
    await added.getByLabel(/value/).fill('en-GB');
    // A repeated claim is caught before it is sent.
    await form.getByRole('button', { name: 'Add a claim' }).click();
    await rows.nth((await rows.count()) - 1).getByLabel(/Claim \d+ name/).fill('locale');
    await form.getByRole('button', { name: 'Add person' }).click();
    await form.getByRole('alert').filter({ hasText: 'locale is given twice.' }).waitFor();
    await form.getByRole('button', { name: 'Remove locale' }).last().click();
    await shoot(page, 'mock-idp-person-form-light');
    await form.getByRole('button', { name: 'Add person' }).click();
    await page.locator('li[data-person="200000000000000000001"]', { hasText: 'Ada Lovelace' }).waitFor();
    const ada = (await people('google')).find((p) => p.id === '200000000000000000001')!;
    expect(ada.claims).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', locale: 'en-GB' });
    expect(ada.claims.picture).toBeUndefined();

    // Edited: a claim changed.
    await page.getByRole('button', { name: 'Edit 200000000000000000001' }).click();
    const edit = page.getByRole('form', { name: 'Edit 200000000000000000001' });
    await edit.getByLabel('name value', { exact: true }).fill('Ada King');
    await edit.getByRole('button', { name: 'Save person' }).click();
    await page.locator('li[data-person="200000000000000000001"]', { hasText: 'Ada King' }).waitFor();
    expect((await people('google')).find((p) => p.id === '200000000000000000001')!.claims.name).toBe('Ada King');

    // Another mock's people are its own: SAML attributes.
    await page.getByRole('link', { name: 'Mock SAML' }).click();
    await page.getByRole('heading', { name: 'Mock SAML' }).waitFor();
    expect(page.url()).toContain('#/mock-idp/saml');
    await page.getByText('each by their NameID').waitFor();

    const dark = await openWindow('#/mock-idp/google', 'dark');
    await dark.locator('li[data-person="200000000000000000001"]').waitFor();
    await shoot(dark, 'mock-idp-people-dark');

    // Deleted, after asking.
    await page.getByRole('link', { name: 'Mock Google' }).click();
    await page.getByRole('button', { name: 'Delete 200000000000000000001' }).click();
    await page.getByRole('button', { name: 'Yes, delete 200000000000000000001' }).click();
    await page.locator('li[data-person="200000000000000000001"]').waitFor({ state: 'detached' });
    expect((await people('google')).some((p) => p.id === '200000000000000000001')).toBe(false);
  });
});

describe.skipIf(!hasChromium)('the federation demo', () => {
  /** The hosted login the demo opened: one of the identity provider buttons, a person at the mock, back at the sandbox's callback page. */
  async function signInThrough(login: Page, button: string | RegExp): Promise<void> {
    await login.getByRole('button', { name: button }).click();
    await login.locator('[data-person]').first().click();
    await login.waitForURL(/\/_sandbox\/oauth-callback/);
    await login.locator('article.token[data-token-use="id"]').waitFor();
  }

  it('makes a pool with a provider of each kind wired to the mocks, opens its hosted sign-in, and each login shows every hop', async () => {
    const page = await openWindow('#/mock-idp/google', 'light', TALL);
    await page.getByText('Sign in through the mocks: the federation demo').click();
    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: /Try federation/ }).click();
    const login = await popup;
    login.setDefaultTimeout(15_000);
    const poolId = (await page.getByTestId('federation-demo-pool-id').innerText()).trim();
    const clientId = (await page.getByTestId('federation-demo-client-id').innerText()).trim();

    const providers = await sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: poolId }));
    expect(providers.Providers?.map((p) => `${p.ProviderName}:${p.ProviderType}`).sort()).toEqual([
      'Facebook:Facebook',
      'Google:Google',
      'LoginWithAmazon:LoginWithAmazon',
      'MockOIDC:OIDC',
      'MockSAML:SAML',
      'SignInWithApple:SignInWithApple',
    ]);
    const client = (await sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO', 'MockOIDC', 'MockSAML', 'Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple']);
    expect(client.CallbackURLs).toEqual([`${origin}/_sandbox/oauth-callback`]);

    // A mock Google user: the window follows the login and the sequence has every hop.
    await signInThrough(login, /Google/);
    await page.getByTestId('try-provider').filter({ hasText: 'Signed in at Google: its answer accepted' }).waitFor();
    await page.getByRole('button', { name: 'Watch it in the flow' }).click();
    await page.locator('.lane-name', { hasText: 'Identity provider' }).waitFor();
    await page.locator('.sequence button.step', { hasText: '200 tokens' }).last().waitFor();
    const drawn = await arrows(page);
    for (const pattern of [
      /^Browser to Identity provider, sign in at Google/,
      /^Identity provider to Browser, back with the code/,
      /^Sandbox to Identity provider, token request/,
      /^Sandbox to Identity provider, JWKS/,
      /^Sandbox, ID token accepted/,
      /^Sandbox, attributes mapped, Google_\d+ created/,
    ]) {
      expect(drawn.some((label) => pattern.test(label)), `${pattern}\n${drawn.join('\n')}`).toBe(true);
    }
    await page.locator('.sequence button.step', { hasText: 'ID token accepted' }).click();
    await page.locator('[data-testid="idp-id-token"] tr[data-claim="iss"]', { hasText: 'https://accounts.google.com' }).waitFor();
    await shoot(page, 'federation-demo-google-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'federation-demo-google-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // A mock SAML user, from the same hosted sign-in: the Google sign-in opened a hosted session,
    // which would sign the Google user in again at once, so the browser forgets it first.
    await page.context().clearCookies();
    await page.goto(`${sandbox.url}/_sandbox/#/admin/${poolId}/client:${clientId}`);
    const again = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Open the hosted login' }).click();
    const samlLogin = await again;
    samlLogin.setDefaultTimeout(15_000);
    await signInThrough(samlLogin, 'MockSAML');
    await page.getByRole('button', { name: 'Watch it in the flow' }).click();
    await page.locator('.sequence button.step', { hasText: 'SAML response accepted' }).click();
    await page.getByTestId('name-id').waitFor();
    await page.getByRole('region', { name: 'SAMLResponse text' }).waitFor();
    await shoot(page, 'federation-demo-saml-light');

    const users = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
    expect(users.Users?.map((u) => u.UserStatus)).toEqual(['EXTERNAL_PROVIDER', 'EXTERNAL_PROVIDER']);
    expect(users.Users?.map((u) => u.Username?.split('_')[0]!.toLowerCase()).sort()).toEqual(['google', 'mocksaml']);
  });
});
