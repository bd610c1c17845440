/**
 * A SAML sign-in over HTTP, as a browser carries it, against an IdP the sandbox did not write
 * (samlify, inside the test): /oauth2/authorize?identity_provider=… → the AuthnRequest at the
 * IdP → the SAMLResponse posted to /saml2/idpresponse → the app's redirect URI with a code (or
 * Cognito's error and error_description), and the code exchanged at /oauth2/token.
 */
import { CreateIdentityProviderCommand, CreateUserPoolDomainCommand, GetSigningCertificateCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as x509 from '@peculiar/x509';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { SamlifyIdp, unsignedResponse, type SpSide } from '../support/samlify-idp.js';
import { createClient, createPool } from '../support/world.js';

const CALLBACK = 'https://app.example.com/callback';
const NAME_ID = 'Jane.Doe@Example.COM';
const SIGNED_OUT = 'https://app.example.com/signed-out';

let sandbox: TestSandbox;
let idp: SamlifyIdp;
let poolId: string;
let clientId: string;
let sp: SpSide;

beforeAll(async () => {
  sandbox = await startSandbox();
  idp = await SamlifyIdp.create();
  poolId = await createPool(sandbox.cognito, { PoolName: 'saml-idpresponse' });
  await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'saml-idpresponse' }));
  await sandbox.cognito.send(
    new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corp', ProviderType: 'SAML', ProviderDetails: { MetadataFile: idp.metadata, IDPSignout: 'true' }, AttributeMapping: { email: 'email' } }),
  );
  ({ clientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: [CALLBACK],
    LogoutURLs: [SIGNED_OUT],
    SupportedIdentityProviders: ['Corp'],
  }));
  const { Certificate } = await sandbox.cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
  const signingCertificate = new x509.X509Certificate(Buffer.from(Certificate!, 'base64')).toString('pem');
  sp = { poolId, acs: `${sandbox.url}/saml2/idpresponse`, sloUrl: `${sandbox.url}/saml2/logout`, signingCertificate, unsignedAuthnRequests: true };
}, 30_000);
afterAll(() => sandbox.close());

/** The authorize request sent straight to the provider: the IdP's SSO URL with the AuthnRequest and the login's RelayState. */
async function toIdp(): Promise<{ request: Awaited<ReturnType<SamlifyIdp['readAuthnRequest']>>; relayState: string }> {
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, identity_provider: 'Corp', scope: 'openid email', state: 'app-state' });
  const response = await fetch(`${sandbox.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = response.headers.get('location')!;
  const request = await idp.readAuthnRequest(sp, location);
  return { request, relayState: request.relayState! };
}

function postResponse(form: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.url}/saml2/idpresponse`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
}

describe('POST /saml2/idpresponse', () => {
  it('signs the user in: the app gets a code whose tokens name the SAML identity', async () => {
    const { request, relayState } = await toIdp();
    const SAMLResponse = await idp.response(sp, { nameId: NAME_ID, inResponseTo: request.id, attributes: { email: ['jane@example.com'] } });
    const back = await postResponse({ SAMLResponse, RelayState: relayState });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('app-state');
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const token = await fetch(`${sandbox.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK }).toString(),
    });
    expect(token.status).toBe(200);
    const claims = decodeJwt(((await token.json()) as { id_token: string }).id_token);
    expect(claims.email).toBe('jane@example.com');
    expect(JSON.stringify(claims.identities)).toContain(`"userId":"${NAME_ID}"`);
  });

  it("sends the app Cognito's error for an unsigned response, and nothing is created", async () => {
    const { request, relayState } = await toIdp();
    const SAMLResponse = unsignedResponse({ poolId, acs: sp.acs, issuer: idp.entityId, nameId: 'mallory@example.com', inResponseTo: request.id });
    const back = await postResponse({ SAMLResponse, RelayState: relayState });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(Object.fromEntries(callback.searchParams)).toEqual({
      error: 'server_error',
      error_description: 'Invalid SAML response received: SAML Assertion signature is invalid. ',
      state: 'app-state',
    });
    const { Users } = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
    expect(Users!.map((user) => user.Username).filter((username) => username!.includes('mallory'))).toEqual([]);
  });

  it('refuses a response replayed into another login (its InResponseTo answers the first)', async () => {
    const first = await toIdp();
    const SAMLResponse = await idp.response(sp, { nameId: NAME_ID, inResponseTo: first.request.id, attributes: { email: ['jane@example.com'] } });
    expect((await postResponse({ SAMLResponse, RelayState: first.relayState })).status).toBe(302);
    const second = await toIdp();
    const replayed = new URL((await postResponse({ SAMLResponse, RelayState: second.relayState })).headers.get('location')!);
    expect(replayed.searchParams.get('error')).toBe('server_error');
    expect(replayed.searchParams.get('error_description')).toMatch(/^Invalid SAML response received: .*InResponseTo/);
  });

  it("opens a hosted session that /logout ends at the provider too (IDPSignout): the LogoutRequest names the assertion's NameID and SessionIndex", async () => {
    const { request, relayState } = await toIdp();
    const SAMLResponse = await idp.response(sp, { nameId: NAME_ID, inResponseTo: request.id, sessionIndex: '_idp-session-7', attributes: { email: ['jane@example.com'] } });
    const back = await postResponse({ SAMLResponse, RelayState: relayState });
    const cookie = back.headers.getSetCookie().find((value) => value.startsWith(`cognito-${poolId}=`))!.split(';')[0]!;

    const logout = await fetch(`${sandbox.url}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`, { redirect: 'manual', headers: { cookie } });
    expect(logout.status).toBe(302);
    const logoutRequest = await idp.readLogoutRequest(sp, logout.headers.get('location')!);
    expect(logoutRequest).toMatchObject({ nameId: NAME_ID, sessionIndex: '_idp-session-7', issuer: `urn:amazon:cognito:sp:${poolId}` });

    const answer = idp.logoutResponse(sp, logoutRequest, logoutRequest.relayState);
    const onward = await fetch(sp.sloUrl!, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(answer).toString() });
    expect(onward.headers.get('location')).toBe(SIGNED_OUT);
  });
});
