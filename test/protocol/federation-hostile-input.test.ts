/**
 * What the federated hosted login refuses, over HTTP as a browser (or an attacker) sends it: each
 * refusal is the error page where no login (and so no trusted redirect URI) is known, or the
 * redirect back to the app with `error` and `error_description` once one is; never a 500, and no
 * user is created. The provider's own checks (signatures, audience, time, nonce ...) are tested
 * where they are made (saml-sp, oauth-relying-party); here, the doors: state and RelayState,
 * tampered and replayed SAML responses, an answer of the wrong protocol, a provider's own error.
 */
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchBrowser, loginForm, peopleOffered, type Hop } from '../support/fetch-browser.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createFederatedPool } from '../support/world.js';

const CALLBACK = 'http://localhost:3000/callback';
let sandbox: TestSandbox;
let poolId: string;
let clientId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ poolId, clientId } = await createFederatedPool(sandbox, { name: 'federation-hostile', callbackUrl: CALLBACK, googleClientId: 'hostile-google', samlIdpInitiated: true }));
}, 60_000);

afterAll(() => sandbox?.close());

const authorize = (provider: string) =>
  `${sandbox.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email', state: 'app-state', identity_provider: provider })}`;

const atApp = (url: string) => url.startsWith(CALLBACK);

/** Through the mock SAML IdP to the auto-posted form it answers with: the SAMLResponse and RelayState, not yet posted. */
async function samlAnswer(browser: FetchBrowser): Promise<{ SAMLResponse: string; RelayState: string }> {
  const page = await browser.follow(await browser.get(authorize('MockSAML')));
  const form = loginForm(page.body, page.url);
  const answer = await browser.post(form.action, { ...form.fields, person: peopleOffered(page.body)[0]! });
  const posted = loginForm(answer.body, answer.url);
  return { SAMLResponse: posted.fields.SAMLResponse!, RelayState: posted.fields.RelayState! };
}

async function users(): Promise<number> {
  return (await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users?.length ?? 0;
}

function appError(hop: Hop): Record<string, string> {
  expect(hop.status).toBe(302);
  expect(atApp(hop.location!)).toBe(true);
  return Object.fromEntries(new URL(hop.location!).searchParams);
}

const postSaml = (browser: FetchBrowser, form: Record<string, string>) => browser.post(`${sandbox.url}/saml2/idpresponse`, form);

describe('refusals at the federated hosted login', () => {
  it('refuses a tampered SAML response (the NameID changed under its signature) back to the app, creating nobody', async () => {
    const browser = new FetchBrowser();
    const { SAMLResponse, RelayState } = await samlAnswer(browser);
    const xml = Buffer.from(SAMLResponse, 'base64').toString('utf8');
    const nameId = /<(?:\w+:)?NameID[^>]*>([^<]+)</.exec(xml)![1]!;
    const tampered = Buffer.from(xml.replaceAll(nameId, `${nameId}-admin`)).toString('base64');
    const error = appError(await postSaml(browser, { SAMLResponse: tampered, RelayState }));
    // Cognito answers a response that fails its checks with server_error, "Invalid SAML response received: ...".
    expect(error).toMatchObject({ error: 'server_error', state: 'app-state' });
    expect(error.error_description).toMatch(/^Invalid SAML response received: /);
    expect(await users()).toBe(0);
  });

  it('signs in with a good response once; the same response again is refused (the state is spent), and replayed IdP-initiated too', async () => {
    const browser = new FetchBrowser();
    const answer = await samlAnswer(browser);
    const first = await postSaml(browser, answer);
    expect(new URL(first.location!).searchParams.get('code')).toBeTruthy();
    expect(await users()).toBe(1);

    const again = await postSaml(new FetchBrowser(), answer);
    // The RelayState is no live login any more, so it is read as an IdP-initiated request: not an authorize request.
    expect(again.status).toBe(400);
    expect(again.body).toContain('invalid_request');

    const relayState = new URLSearchParams({ client_id: clientId, redirect_uri: CALLBACK, response_type: 'code', identity_provider: 'MockSAML', state: 'idp-init' }).toString();
    const idpInit = new FetchBrowser();
    const page = await idpInit.get(`${sandbox.url}/_mock-idp/saml/idp-initiated?${new URLSearchParams({ sp: `urn:amazon:cognito:sp:${poolId}`, RelayState: relayState })}`);
    const form = loginForm(page.body, page.url);
    const posted = loginForm((await idpInit.post(form.action, { ...form.fields, person: peopleOffered(page.body)[0]! })).body, page.url);
    const unsolicited = { SAMLResponse: posted.fields.SAMLResponse!, RelayState: posted.fields.RelayState! };
    expect(new URL((await postSaml(idpInit, unsolicited)).location!).searchParams.get('code')).toBeTruthy();
    const replayed = appError(await postSaml(new FetchBrowser(), unsolicited));
    expect(replayed).toMatchObject({ error: 'server_error', state: 'idp-init' });
    expect(await users()).toBe(1);
  });

  it('refuses a SAML response posted to an OIDC login, and a code brought to a SAML login', async () => {
    const browser = new FetchBrowser();
    const atGoogle = await browser.get(authorize('Google'));
    const state = new URL(atGoogle.location!).searchParams.get('state')!;
    const { SAMLResponse } = await samlAnswer(new FetchBrowser());
    const wrong = appError(await postSaml(browser, { SAMLResponse, RelayState: state }));
    expect(wrong).toMatchObject({ error: 'invalid_request', state: 'app-state' });

    const samlLogin = await new FetchBrowser().get(authorize('MockSAML'));
    const relayState = new URL(samlLogin.location!).searchParams.get('RelayState')!;
    const codeForSaml = appError(await browser.get(`${sandbox.url}/oauth2/idpresponse?code=abc&state=${encodeURIComponent(relayState)}`));
    expect(codeForSaml.error).toBe('invalid_request');
    expect(await users()).toBe(1);
  });

  it("passes the provider's own refusal on to the app", async () => {
    const browser = new FetchBrowser();
    const atGoogle = await browser.get(authorize('Google'));
    const state = new URL(atGoogle.location!).searchParams.get('state')!;
    const refused = appError(await browser.get(`${sandbox.url}/oauth2/idpresponse?${new URLSearchParams({ error: 'access_denied', error_description: 'The user said no', state })}`));
    expect(refused).toMatchObject({ state: 'app-state' });
    expect(refused.error).toBeTruthy();
  });

  it('shows the error page for what names no login: unknown or repeated state, no SAMLResponse, one too long, an IdP-initiated one without a usable RelayState', async () => {
    const browser = new FetchBrowser();
    const unknown = await browser.get(`${sandbox.url}/oauth2/idpresponse?code=abc&state=not-a-login`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('invalid_state');
    const repeated = await browser.get(`${sandbox.url}/oauth2/idpresponse?code=abc&state=a&state=b`);
    expect(repeated.status).toBe(400);
    expect(repeated.body).toContain('repeated');
    const noState = await browser.get(`${sandbox.url}/oauth2/idpresponse?code=abc`);
    expect(noState.status).toBe(400);

    expect((await postSaml(browser, { RelayState: 'x' })).body).toContain('SAMLResponse is missing');
    const huge = await postSaml(browser, { SAMLResponse: 'A'.repeat(100_001) });
    expect(huge.status).toBe(400);
    expect(huge.body).toContain('too long');
    const { SAMLResponse } = await samlAnswer(new FetchBrowser());
    const noRelay = await postSaml(browser, { SAMLResponse });
    expect(noRelay.status).toBe(400);
    expect(noRelay.body).toContain('RelayState');
    const unknownClient = await postSaml(browser, { SAMLResponse, RelayState: new URLSearchParams({ client_id: 'nobody', redirect_uri: CALLBACK, response_type: 'code', identity_provider: 'MockSAML' }).toString() });
    expect(unknownClient.status).toBe(400);
    const oidcNamed = await postSaml(browser, { SAMLResponse, RelayState: new URLSearchParams({ client_id: clientId, redirect_uri: CALLBACK, response_type: 'code', identity_provider: 'Google' }).toString() });
    expect(oidcNamed.status).toBe(400);
    expect(oidcNamed.body).toContain('SAML identity provider');
    const notAForm = await fetch(`${sandbox.url}/saml2/idpresponse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"SAMLResponse":1}' });
    expect(notAForm.status).toBe(400);
  });

  it('refuses identity_provider and idp_identifier the client does not offer, back to the app', async () => {
    const browser = new FetchBrowser();
    const notOffered = appError(await browser.get(authorize('Facebook')));
    expect(notOffered).toMatchObject({ error: 'unauthorized_client', state: 'app-state' });
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, idp_identifier: 'nowhere.example', state: 's' });
    const noIdentifier = appError(await browser.get(`${sandbox.url}/oauth2/authorize?${query}`));
    expect(noIdentifier.error).toBe('invalid_request');
  });
});
