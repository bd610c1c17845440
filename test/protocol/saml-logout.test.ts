/**
 * SAML single logout against an IdP the sandbox did not write (samlify, inside the test): /logout
 * of a user who signed in through a provider with IDPSignout "true" sends the browser to the
 * provider with a LogoutRequest signed by the key GetSigningCertificate names, and the provider's
 * LogoutResponse at /saml2/logout sends it on to the app's sign-out URL; the provider's own signed
 * LogoutRequest at /saml2/logout ends the sessions of its NameID and is answered.
 */
import { AdminCreateUserCommand, CreateIdentityProviderCommand, GetSigningCertificateCommand, type CreateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHostedSession, openHostedSession } from '../../src-main/cognito/hosted-sessions.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { PERSISTENT, SamlifyIdp, type SpSide } from '../support/samlify-idp.js';
import { createClient, createPool } from '../support/world.js';

const NAME_ID = 'Jane.Doe@Example.COM';
const SIGNED_OUT = 'https://app.example.com/signed-out';

let sandbox: TestSandbox;
let sloUrl: string;
let idp: SamlifyIdp;
let poolId: string;
let clientId: string;
let sub: string;
let sp: SpSide;

async function addProvider(name: string, details: Record<string, string>, pool = poolId, metadata = idp.metadata): Promise<void> {
  await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: name, ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata, ...details } }));
}

/** A hosted session as a federated sign-in through `provider` opens it; answers the cookie's value. */
function samlSession(provider: string, sessionIndex: string, nameId = NAME_ID, pool = poolId): string {
  return openHostedSession(sandbox.app.services, pool, sub, Math.floor(Date.now() / 1000), { provider, nameId, nameIdFormat: PERSISTENT, sessionIndex });
}

const live = (value: string, pool = poolId) => findHostedSession(sandbox.app.services, pool, value) !== undefined;

function logout(cookie: string, pool = poolId, client = clientId): Promise<Response> {
  return fetch(`${sandbox.url}/logout?client_id=${client}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`, { redirect: 'manual', headers: { cookie: `cognito-${pool}=${cookie}` } });
}

function postToSlo(form: Record<string, string>): Promise<Response> {
  return fetch(sloUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  sloUrl = `${sandbox.url}/saml2/logout`;
  idp = await SamlifyIdp.create();
  poolId = await createPool(sandbox.cognito, { PoolName: 'saml-logout' });
  const client: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> = { ClientName: 'web', LogoutURLs: [SIGNED_OUT], CallbackURLs: ['https://app.example.com/callback'] };
  ({ clientId } = await createClient(sandbox.cognito, poolId, client));
  const { User } = await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'Corp_Jane', MessageAction: 'SUPPRESS' }));
  sub = User!.Attributes!.find((attribute) => attribute.Name === 'sub')!.Value!;
  await addProvider('Corp', { IDPSignout: 'true' });
  await addProvider('NoSignout', { IDPSignout: 'false' });
  const { Certificate } = await sandbox.cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
  sp = { poolId, acs: `${sandbox.url}/saml2/idpresponse`, sloUrl, signingCertificate: new x509.X509Certificate(Buffer.from(Certificate!, 'base64')).toString('pem') };
}, 30_000);
afterAll(() => sandbox.close());

describe('SP-initiated: /logout of a SAML-federated session', () => {
  it("sends the browser to the provider's SLO with a signed LogoutRequest naming the session, then on to logout_uri when the provider answers", async () => {
    const cookie = samlSession('Corp', '_session-a');
    const toIdp = await logout(cookie);
    expect(toIdp.status).toBe(302);
    const location = toIdp.headers.get('location')!;
    expect(location.startsWith('https://idp.samlify.test/slo?')).toBe(true);
    expect(new URL(location).searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(live(cookie)).toBe(false);

    const request = await idp.readLogoutRequest(sp, location);
    expect(request).toMatchObject({ nameId: NAME_ID, sessionIndex: '_session-a', issuer: `urn:amazon:cognito:sp:${poolId}` });

    const answer = idp.logoutResponse(sp, request, request.relayState);
    const since = sandbox.app.bus.lastSeq();
    const back = await postToSlo(answer);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(SIGNED_OUT);
    const lane = sandbox.app.bus.since(since).filter((event) => event.type === 'http.exchanged' && event.data.path === '/saml2/logout');
    expect(lane).toHaveLength(1);
    expect(lane[0]).toMatchObject({ poolId, data: { lane: 'browser', method: 'POST', status: 302, location: SIGNED_OUT } });

    const again = await postToSlo(answer);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('answers no logout request');
  });

  it('is refused by a samlify IdP that holds another certificate for the pool (the request really is signed)', async () => {
    const cookie = samlSession('Corp', '_session-b');
    const location = (await logout(cookie)).headers.get('location')!;
    const stranger = (await idp.impostor()).identity.certificate;
    await expect(idp.readLogoutRequest({ ...sp, signingCertificate: stranger }, location)).rejects.toThrow(/SIGNATURE/);
  });

  it('goes straight to logout_uri when the provider does not have IDPSignout "true", or the session is not a SAML one', async () => {
    const quiet = samlSession('NoSignout', '_session-c');
    const response = await logout(quiet);
    expect(response.headers.get('location')).toBe(SIGNED_OUT);
    expect(live(quiet)).toBe(false);
    const plain = openHostedSession(sandbox.app.services, poolId, sub, Math.floor(Date.now() / 1000));
    expect((await logout(plain)).headers.get('location')).toBe(SIGNED_OUT);
  });

  it('refuses a LogoutResponse by another key, from another issuer, or unreadable', async () => {
    const cookie = samlSession('Corp', '_session-d');
    const request = await idp.readLogoutRequest(sp, (await logout(cookie)).headers.get('location')!);
    const impostor = await idp.impostor();
    const forged = await postToSlo(impostor.logoutResponse(sp, request, request.relayState));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not verify');

    for (const SAMLResponse of ['not base64!', Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>').toString('base64'), Buffer.from('<a/>').toString('base64')]) {
      const response = await postToSlo({ SAMLResponse });
      expect(response.status).toBe(400);
    }
    expect((await postToSlo({})).status).toBe(400);
    expect((await fetch(`${sloUrl}?SAMLResponse=%25%25`, { redirect: 'manual' })).status).toBe(400);
  });
});

describe("IdP-initiated: the provider's LogoutRequest at /saml2/logout", () => {
  it('ends the sessions of that NameID and SessionIndex and answers a signed Success LogoutResponse', async () => {
    const target = samlSession('Corp', '_session-e');
    const otherIndex = samlSession('Corp', '_session-f');
    const otherUser = samlSession('Corp', '_session-e', 'jane.doe@example.com');
    const request = idp.logoutRequest(sp, { nameId: NAME_ID, sessionIndex: '_session-e' });
    const response = await postToSlo(request);
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location.startsWith('https://idp.samlify.test/slo?')).toBe(true);
    expect(await idp.readLogoutResponse(sp, location)).toEqual({
      inResponseTo: request.id,
      status: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      issuer: `urn:amazon:cognito:sp:${poolId}`,
      relayState: 'idp-relay',
    });
    expect(live(target)).toBe(false);
    expect(live(otherIndex)).toBe(true);
    // NameID is compared exactly: another case is another user.
    expect(live(otherUser)).toBe(true);

    const everySession = idp.logoutRequest(sp, { nameId: NAME_ID });
    expect((await postToSlo(everySession)).status).toBe(302);
    expect(live(otherIndex)).toBe(false);
  });

  it('may come by the HTTP-Redirect binding, its query signature checked', async () => {
    const session = samlSession('Corp', '_session-r');
    const unsigned = await fetch(idp.logoutRequestUrl({ ...sp, signingCertificate: undefined }, { nameId: NAME_ID }), { redirect: 'manual' });
    expect(unsigned.status).toBe(400);
    expect(live(session)).toBe(true);
    const url = new URL(idp.logoutRequestUrl(sp, { nameId: NAME_ID, sessionIndex: '_session-r' }));
    expect(url.searchParams.has('Signature')).toBe(true);
    const tampered = new URL(url);
    tampered.searchParams.set('RelayState', 'changed');
    expect((await fetch(tampered, { redirect: 'manual' })).status).toBe(400);
    expect(live(session)).toBe(true);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect((await idp.readLogoutResponse(sp, response.headers.get('location')!)).status).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect(live(session)).toBe(false);
  });

  it('answers UnknownPrincipal when no session has that NameID', async () => {
    const response = await postToSlo(idp.logoutRequest(sp, { nameId: 'nobody@example.com' }));
    await expect(idp.readLogoutResponse(sp, response.headers.get('location')!)).rejects.toThrow(/status:Requester, second tier code: urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal/);
  });

  it('refuses an unsigned or re-signed LogoutRequest, and one from a provider without IDPSignout "true"', async () => {
    const session = samlSession('Corp', '_session-g');
    const unsigned = idp.logoutRequest({ ...sp, signingCertificate: undefined }, { nameId: NAME_ID });
    const refusedUnsigned = await postToSlo(unsigned);
    expect(refusedUnsigned.status).toBe(400);
    expect(await refusedUnsigned.text()).toContain('not signed');

    const impostor = await idp.impostor();
    const resigned = await postToSlo(impostor.logoutRequest(sp, { nameId: NAME_ID }));
    expect(resigned.status).toBe(400);
    expect(await resigned.text()).toContain('does not verify');
    expect(live(session)).toBe(true);

    const otherIdp = await SamlifyIdp.create('https://other-idp.samlify.test/metadata');
    const quietPool = await createPool(sandbox.cognito, { PoolName: 'saml-logout-quiet' });
    await addProvider('Quiet', { IDPSignout: 'false' }, quietPool, otherIdp.metadata);
    const notSigningOut = await postToSlo(otherIdp.logoutRequest({ ...sp, poolId: quietPool }, { nameId: NAME_ID }));
    expect(notSigningOut.status).toBe(400);
    expect(await notSigningOut.text()).toContain('IDPSignout');
  });
});
