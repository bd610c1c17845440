/**
 * The sandbox as a SAML 2.0 service provider, proven against an identity provider it did not
 * write (samlify, inside the test): the AuthnRequest it sends (read and, when signed, verified by
 * samlify with the certificate GetSigningCertificate returns), the responses it accepts (signed
 * response, signed assertion, both, encrypted) and those it refuses with Cognito's redirect error.
 */
import { CreateIdentityProviderCommand, GetSigningCertificateCommand, UpdateIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as x509 from '@peculiar/x509';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { spCertificates } from '../../src-main/cognito/federation/saml-keys.js';
import { finishSamlLogin, startSamlLogin } from '../../src-main/cognito/federation/saml-login.js';
import { FederationError, type FederationCall, type IdpIdentity } from '../../src-main/cognito/federation/types.js';
import type { SandboxEvent } from '../../shared/events.js';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { SamlifyIdp, unsignedResponse, type ResponseOptions, type SpSide } from '../support/samlify-idp.js';
import { createClient, createPool } from '../support/world.js';

const clock = testClock(Date.now());
let sandbox: TestSandbox;
let idp: SamlifyIdp;
let poolId: string;
let clientId: string;
let acs: string;

const NAME_ID = 'Jane.Doe@Example.COM';
const INVALID_RESPONSE = 'Invalid samlResponse or relayState from identity provider';
const BAD_SIGNATURE = 'Invalid SAML response received: SAML Assertion signature is invalid. ';

async function addProvider(name: string, details: Record<string, string> = {}, pool = poolId): Promise<void> {
  await sandbox.cognito.send(
    new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: name, ProviderType: 'SAML', ProviderDetails: { MetadataFile: idp.metadata, ...details } }),
  );
}

function callFor(provider: string, pool = poolId, client = clientId): FederationCall {
  const store = sandbox.app.store;
  return { pool: store.pools.findById(pool)!, client: findAppClient(store, client)!, provider: store.identityProviders.find(pool, provider)!, origin: sandbox.url, flowId: `saml-${provider}` };
}

function spSide(extra: Partial<SpSide> = {}, pool = poolId): SpSide {
  return { poolId: pool, acs, ...extra };
}

/** An SP-initiated login at `provider`: the request samlify read, and what the login keeps. */
async function startAt(provider: string, sp: SpSide = spSide()) {
  const redirect = await startSamlLogin(sandbox.app.services, callFor(provider), 'the-login-session');
  const request = await idp.readAuthnRequest(sp, redirect.location);
  return { ...redirect, request };
}

async function signInAt(provider: string, response: Partial<ResponseOptions> = {}, sp: SpSide = spSide()): Promise<IdpIdentity> {
  const { pending, request } = await startAt(provider, sp);
  const saml = await idp.response(sp, { nameId: NAME_ID, inResponseTo: request.id, ...response });
  return finishSamlLogin(sandbox.app.services, callFor(provider), pending, saml);
}

async function refusal(promise: Promise<unknown>): Promise<FederationError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FederationError);
  return error as FederationError;
}

function eventsOf<T extends SandboxEvent['type']>(type: T, since: number): Extract<SandboxEvent, { type: T }>[] {
  return sandbox.app.bus.since(since).filter((event): event is Extract<SandboxEvent, { type: T }> => event.type === type);
}

beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  acs = `${sandbox.url}/saml2/idpresponse`;
  idp = await SamlifyIdp.create();
  poolId = await createPool(sandbox.cognito, { PoolName: 'saml-sp' });
  ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' }));
  await addProvider('Plain');
  await addProvider('Signed', { RequestSigningAlgorithm: 'rsa-sha256' });
  await addProvider('Encrypted', { EncryptedResponses: 'true' });
  await addProvider('IdpInit', { IDPInit: 'true' });
}, 30_000);
afterAll(() => sandbox.close());

describe('the AuthnRequest', () => {
  it('goes to the SSO endpoint by the redirect binding, from urn:amazon:cognito:sp:{poolId}, answering to /saml2/idpresponse, unsigned by default', async () => {
    clock.time = Date.now();
    const since = sandbox.app.bus.lastSeq();
    const { location, pending, request } = await startAt('Plain');
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe('https://idp.samlify.test/sso');
    expect(url.searchParams.get('RelayState')).toBe('the-login-session');
    expect(url.searchParams.has('Signature')).toBe(false);
    expect(request).toMatchObject({ issuer: `urn:amazon:cognito:sp:${poolId}`, acs, relayState: 'the-login-session' });
    expect(pending).toMatchObject({ provider: 'Plain', protocol: 'saml', requestId: request.id, returnUrl: acs, sent: clock.time });

    const [requested] = eventsOf('federation.requested', since);
    expect(requested!.data).toMatchObject({ provider: 'Plain', providerType: 'SAML', protocol: 'saml', url: 'https://idp.samlify.test/sso', parameters: { RelayState: 'the-login-session' } });
    expect(requested!.data.authnRequest).toMatchObject({ id: request.id, signed: false });
    expect(requested!.data.authnRequest!.xml).toContain(`urn:amazon:cognito:sp:${poolId}`);
    expect(requested!.data.authnRequest!.xml.split('\n').length).toBeGreaterThan(3);
    expect(requested!.flowId).toBe('saml-Plain');
  });

  it('is signed (rsa-sha256) with the key whose certificate GetSigningCertificate returns when RequestSigningAlgorithm is rsa-sha256', async () => {
    const { Certificate } = await sandbox.cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
    const pem = new x509.X509Certificate(Buffer.from(Certificate!, 'base64')).toString('pem');
    const { location, request } = await startAt('Signed', spSide({ signingCertificate: pem }));
    expect(new URL(location).searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(request.issuer).toBe(`urn:amazon:cognito:sp:${poolId}`);

    const stranger = (await idp.impostor()).identity.certificate;
    await expect(idp.readAuthnRequest(spSide({ signingCertificate: stranger }), location)).rejects.toThrow(/SIGNATURE/);
  });
});

describe('GetSigningCertificate', () => {
  it("returns the pool's certificate as base64 DER: RSA 2048, the same every time", async () => {
    const first = await sandbox.cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
    const again = await sandbox.cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
    expect(first.Certificate).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(again.Certificate).toBe(first.Certificate);
    const certificate = new x509.X509Certificate(Buffer.from(first.Certificate!, 'base64'));
    expect(certificate.publicKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 });
    expect(certificate.subject).toContain(poolId);
    expect(certificate.notAfter.getTime() - certificate.notBefore.getTime()).toBeGreaterThan(9 * 365 * 86_400_000);
    const { signing } = await spCertificates(sandbox.app.services, poolId);
    expect(new x509.X509Certificate(signing).rawData).toEqual(certificate.rawData);
  });

  it('refuses an unknown pool (ResourceNotFoundException) and a malformed pool id (InvalidParameterException)', async () => {
    await expect(sandbox.cognito.send(new GetSigningCertificateCommand({ UserPoolId: 'us-east-1_Missing00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Missing00 does not exist.',
    });
    const malformed = await rawCall(sandbox.url, 'GetSigningCertificate', { UserPoolId: 'not a pool' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.__type).toBe('InvalidParameterException');
  });
});

describe('a good response', () => {
  it('is the identity it vouches for: NameID kept exactly, attributes as claims (multi-valued joined as Cognito does), every check listed', async () => {
    clock.time = Date.now();
    const since = sandbox.app.bus.lastSeq();
    const identity = await signInAt('Plain', {
      attributes: { email: ['jane@example.com'], groups: ['admins', 'a/b c'], 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': ['Jane'] },
      sessionIndex: '_session-1',
    });
    expect(identity).toEqual({
      providerName: 'Plain',
      providerType: 'SAML',
      userId: NAME_ID,
      claims: { email: 'jane@example.com', groups: '[admins, a%2Fb+c]', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': 'Jane' },
      saml: { nameId: NAME_ID, nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', sessionIndex: '_session-1' },
    });

    const [responded] = eventsOf('federation.responded', since);
    expect(responded!.flowId).toBe('saml-Plain');
    expect(responded!.data).toMatchObject({ provider: 'Plain', protocol: 'saml', userId: NAME_ID, claims: identity.claims });
    expect(responded!.data.idpInitiated).toBeUndefined();
    expect(responded!.data.error).toBeUndefined();
    expect(responded!.data.checks.length).toBeGreaterThanOrEqual(10);
    expect(responded!.data.checks.every((check) => check.passed)).toBe(true);
    expect(responded!.data.saml).toMatchObject({
      encrypted: false,
      issuer: idp.entityId,
      nameId: NAME_ID,
      sessionIndex: '_session-1',
      conditions: { audiences: [`urn:amazon:cognito:sp:${poolId}`], recipient: acs },
      attributes: { email: ['jane@example.com'], groups: ['admins', 'a/b c'] },
    });
    expect(responded!.data.saml!.inResponseTo).toMatch(/^_/);
    expect(responded!.data.saml!.xml).toContain('<saml:Assertion');
  });

  it('may sign only the response, or only the assertion', async () => {
    clock.time = Date.now();
    expect((await signInAt('Plain', { sign: 'response' })).userId).toBe(NAME_ID);
    expect((await signInAt('Plain', { sign: 'assertion' })).userId).toBe(NAME_ID);
  });

  it("is encrypted to the provider's own encryption certificate when EncryptedResponses is true, and decrypted", async () => {
    clock.time = Date.now();
    const { encryption } = await spCertificates(sandbox.app.services, poolId, 'Encrypted');
    const since = sandbox.app.bus.lastSeq();
    const identity = await signInAt('Encrypted', { encrypt: true, attributes: { email: ['jane@example.com'] } }, spSide({ encryptionCertificate: encryption! }));
    expect(identity.claims).toEqual({ email: 'jane@example.com' });
    const [responded] = eventsOf('federation.responded', since);
    expect(responded!.data.saml).toMatchObject({ encrypted: true, nameId: NAME_ID });
    expect(responded!.data.saml!.xml).toContain('EncryptedAssertion');
    expect(responded!.data.saml!.xml).toContain('decrypted');
    expect(responded!.data.checks.map((check) => check.check)).toContain("Assertion decrypted with the provider's encryption key");

    const other = await spCertificates(sandbox.app.services, poolId, 'Plain');
    expect(other.encryption).not.toBe(encryption);
    expect(other.signing).toBe((await spCertificates(sandbox.app.services, poolId)).signing);
  });

  it('may come unasked (IdP-initiated) when the provider has IDPInit "true"', async () => {
    clock.time = Date.now();
    const since = sandbox.app.bus.lastSeq();
    const saml = await idp.response(spSide(), { nameId: NAME_ID });
    const identity = await finishSamlLogin(sandbox.app.services, callFor('IdpInit'), undefined, saml);
    expect(identity.userId).toBe(NAME_ID);
    expect(eventsOf('federation.responded', since)[0]!.data.idpInitiated).toBe(true);
  });
});

describe('a refused response', () => {
  /** Expects the refusal and the failed check it was published with. */
  async function refused(promise: Promise<unknown>, error: string, description: string | RegExp, failedCheck: RegExp): Promise<void> {
    const since = sandbox.app.bus.lastSeq();
    const thrown = await refusal(promise);
    expect(thrown.error).toBe(error);
    if (typeof description === 'string') expect(thrown.description).toBe(description);
    else expect(thrown.description).toMatch(description);
    const [responded] = eventsOf('federation.responded', since);
    expect(responded!.data.error).toEqual({ error, error_description: thrown.description });
    const failed = responded!.data.checks.filter((check) => !check.passed);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.check).toMatch(failedCheck);
    expect(responded!.data.userId).toBeUndefined();
  }

  it('when it is not signed at all', async () => {
    clock.time = Date.now();
    const { pending, request } = await startAt('Plain');
    const saml = unsignedResponse({ poolId, acs, issuer: idp.entityId, nameId: NAME_ID, inResponseTo: request.id });
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, saml), 'server_error', BAD_SIGNATURE, /^Signature/);
  });

  it('when it is signed by a key the metadata does not name (re-signed)', async () => {
    clock.time = Date.now();
    const impostor = await idp.impostor();
    const { pending, request } = await startAt('Plain');
    const saml = await impostor.response(spSide(), { nameId: NAME_ID, inResponseTo: request.id });
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, saml), 'server_error', BAD_SIGNATURE, /^Signature/);
  });

  it('when its signed content was altered after signing', async () => {
    clock.time = Date.now();
    const { pending, request } = await startAt('Plain');
    const saml = await idp.response(spSide(), { nameId: NAME_ID, inResponseTo: request.id, sign: 'assertion' });
    const altered = Buffer.from(Buffer.from(saml, 'base64').toString('utf8').replace(NAME_ID, 'admin@example.com')).toString('base64');
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, altered), 'server_error', BAD_SIGNATURE, /^Signature/);
  });

  it('when its audience is another SP', async () => {
    clock.time = Date.now();
    await refused(signInAt('Plain', { audience: 'urn:amazon:cognito:sp:us-east-1_Other0000' }), 'server_error', /^Invalid SAML response received: Audience/, /^Audience/);
  });

  it('when it has expired, by the sandbox clock', async () => {
    clock.time = Date.now();
    const { pending, request } = await startAt('Plain');
    const saml = await idp.response(spSide(), { nameId: NAME_ID, inResponseTo: request.id });
    clock.time = Date.now() + 10 * 60_000;
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, saml), 'server_error', 'Invalid SAML response received: SAML assertion has expired.', /^Conditions/);
  });

  it('when it is not valid yet, beyond a minute of clock skew', async () => {
    clock.time = Date.now();
    await refused(signInAt('Plain', { issued: Date.now() + 5 * 60_000 }), 'server_error', 'Invalid SAML response received: SAML assertion is not yet valid.', /^Conditions/);
    clock.time = Date.now();
    expect((await signInAt('Plain', { issued: Date.now() + 30_000 })).userId).toBe(NAME_ID);
  });

  it('when it is replayed', async () => {
    clock.time = Date.now();
    const { pending, request } = await startAt('Plain');
    const saml = await idp.response(spSide(), { nameId: NAME_ID, inResponseTo: request.id });
    await finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, saml);
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, saml), 'server_error', 'Invalid SAML response received: The SAML assertion was already used.', /replay/);

    const unasked = await idp.response(spSide(), { nameId: NAME_ID });
    await finishSamlLogin(sandbox.app.services, callFor('IdpInit'), undefined, unasked);
    await refused(finishSamlLogin(sandbox.app.services, callFor('IdpInit'), undefined, unasked), 'server_error', /already used/, /replay/);
  });

  it("when it answers another request than this login's (InResponseTo)", async () => {
    clock.time = Date.now();
    const { pending } = await startAt('Plain');
    const other = await startAt('Plain');
    const saml = await idp.response(spSide(), { nameId: NAME_ID, inResponseTo: other.request.id });
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, saml), 'server_error', /InResponseTo/, /^Solicited/);
    const unanswering = await idp.response(spSide(), { nameId: NAME_ID });
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, unanswering), 'server_error', /InResponseTo is missing/, /^Solicited/);
  });

  it('when it comes unasked and the provider does not have IDPInit "true", or claims to answer a request', async () => {
    clock.time = Date.now();
    const saml = await idp.response(spSide(), { nameId: NAME_ID });
    await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), undefined, saml), 'invalid_request', INVALID_RESPONSE, /^IdP-initiated/);
    const answering = await idp.response(spSide(), { nameId: NAME_ID, inResponseTo: '_someone-elses-request' });
    await refused(finishSamlLogin(sandbox.app.services, callFor('IdpInit'), undefined, answering), 'server_error', /names an AuthnRequest/, /^IdP-initiated/);
  });

  it('when its recipient, destination or issuer is not this SP and this provider', async () => {
    clock.time = Date.now();
    await refused(signInAt('Plain', { recipient: 'https://elsewhere.example/acs' }), 'server_error', /Recipient/, /^Subject confirmation/);
    await refused(signInAt('Plain', { destination: 'https://elsewhere.example/acs' }), 'server_error', /Destination/, /^Destination/);
    await refused(signInAt('Plain', { issuer: 'https://another-idp.example' }), 'server_error', /Issuer/, /^Issuer/);
  });

  it('when the IdP answered an error status', async () => {
    clock.time = Date.now();
    await refused(signInAt('Plain', { status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }), 'server_error', /status:Responder/, /^Status/);
  });

  it('when encryption is not as the provider says (EncryptedResponses)', async () => {
    clock.time = Date.now();
    await refused(signInAt('Encrypted'), 'server_error', /not encrypted/, /encrypted/);
    const { encryption } = await spCertificates(sandbox.app.services, poolId, 'Plain');
    await refused(signInAt('Plain', { encrypt: true }, spSide({ encryptionCertificate: encryption! })), 'server_error', /is encrypted/, /not encrypted/);
    const wrongKey = (await spCertificates(sandbox.app.services, poolId, 'Plain')).encryption!;
    await refused(signInAt('Encrypted', { encrypt: true }, spSide({ encryptionCertificate: wrongKey })), 'server_error', 'Invalid SAML response received: The SAML assertion could not be decrypted.', /^Assertion decrypted/);
  });

  it('when an attribute value carries an emoji', async () => {
    clock.time = Date.now();
    await refused(signInAt('Plain', { attributes: { name: ['Jane 😐'] } }), 'server_error', /Invalid user attributes: name/, /emoji/);
  });

  it('cleanly when it is not base64, not XML, too large, or carries a DTD (XXE, entity expansion)', async () => {
    clock.time = Date.now();
    const { pending } = await startAt('Plain');
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&b;</samlp:Response>`;
    const inputs = [
      'not base64 at all!',
      '',
      Buffer.from('this is not XML').toString('base64'),
      Buffer.from('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><unclosed></samlp:Response>').toString('base64'),
      Buffer.from('<html><body>not SAML</body></html>').toString('base64'),
      Buffer.from(xxe).toString('base64'),
      Buffer.from(laughs).toString('base64'),
      Buffer.from(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'x'.repeat(400_000)}</samlp:Response>`).toString('base64'),
    ];
    for (const input of inputs) {
      await refused(finishSamlLogin(sandbox.app.services, callFor('Plain'), pending, input), 'invalid_request', INVALID_RESPONSE, /^SAMLResponse is readable/);
    }
  });
});

describe('MetadataURL', () => {
  it('is fetched in the identity-provider lane when the provider is created, kept six hours, then fetched again; the last good one outlives a failed refresh', async () => {
    let fetches = 0;
    let answering = true;
    const server = http.createServer((_req, res) => {
      fetches += 1;
      if (answering) res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(idp.metadata);
      else res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const metadataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`;
    try {
      clock.time = Date.now();
      const since = sandbox.app.bus.lastSeq();
      await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'ByUrl', ProviderType: 'SAML', ProviderDetails: { MetadataURL: metadataUrl } }));
      expect(fetches).toBe(1);
      const first = await startSamlLogin(sandbox.app.services, callFor('ByUrl'), 'state');
      expect(new URL(first.location).origin).toBe('https://idp.samlify.test');
      expect(fetches).toBe(1);
      const lane = eventsOf('http.exchanged', since).filter((event) => event.data.lane === 'idp');
      expect(lane.map((event) => event.data.path)).toEqual([metadataUrl]);

      clock.time = Date.now() + 6 * 60 * 60_000 + 1;
      await startSamlLogin(sandbox.app.services, callFor('ByUrl'), 'state');
      expect(fetches).toBe(2);

      answering = false;
      clock.time = Date.now() + 12 * 60 * 60_000 + 2;
      const { request, pending } = await startAt('ByUrl');
      expect(fetches).toBe(3);
      clock.time = Date.now(); // the assertion samlify issues is dated by the real clock
      const identity = await finishSamlLogin(sandbox.app.services, callFor('ByUrl'), pending, await idp.response(spSide(), { nameId: NAME_ID, inResponseTo: request.id }));
      expect(identity.providerName).toBe('ByUrl');
    } finally {
      clock.time = Date.now();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const unreadable = 'http://127.0.0.1:9/nothing-listens-here';
    await expect(
      sandbox.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'ByUrl', ProviderDetails: { MetadataURL: unreadable } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: `Error retrieving metadata from ${unreadable}` });
    expect(sandbox.app.store.identityProviders.find(poolId, 'ByUrl')!.details).toEqual({ MetadataURL: metadataUrl });
  });

  it('refuses a sign-in through a provider stored with a metadata URL it never read', async () => {
    const unreadable = 'http://127.0.0.1:9/nothing-listens-here';
    sandbox.app.store.identityProviders.insert({ poolId, name: 'NeverRead', type: 'SAML', details: { MetadataURL: unreadable }, attributeMapping: {}, idpIdentifiers: [], created: 0, modified: 0 });
    const thrown = await refusal(startSamlLogin(sandbox.app.services, callFor('NeverRead'), 'state'));
    expect(thrown).toMatchObject({ error: 'invalid_request', description: `Error retrieving metadata from ${unreadable}` });
  });
});
