/**
 * The built-in mock SAML IdP at /_mock-idp/saml, driven as an SP the sandbox did not write would
 * drive it: @node-saml/node-saml makes the AuthnRequests and LogoutRequests and validates what
 * comes back (signatures, audience, InResponseTo, times), samlify reads the metadata, and the AWS
 * SDK wires a pool to it. The browser's part is plain fetch of the pages and their forms.
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { CreateIdentityProviderCommand, DescribeIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import * as samlify from 'samlify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { loginForm, peopleOffered } from '../support/fetch-browser.js';
import { getPage, postForm, type PageAnswer } from '../support/hosted-login.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { certificateBody, samlEncryptionKey, samlSigningKey } from '../../src-main/cognito/federation/saml-keys.js';
import { finishSamlLogin, startSamlLogin } from '../../src-main/cognito/federation/saml-login.js';
import type { FederationCall } from '../../src-main/cognito/federation/types.js';

const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const clock = testClock(Date.now());

let sandbox: TestSandbox;
let idp: string;
let metadata: string;
let idpCertificate: string;
let poolId: string;
let sp: string;
/** A key pair nobody trusts. */
let stranger: { privateKey: string; publicKey: string };

beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  idp = `${sandbox.url}/_mock-idp/saml`;
  metadata = await (await fetch(`${idp}/metadata`)).text();
  idpCertificate = /<ds:X509Certificate>([^<]+)</.exec(metadata)![1]!;
  poolId = await createPool(sandbox.cognito, { PoolName: 'mock-saml' });
  sp = `urn:amazon:cognito:sp:${poolId}`;
  stranger = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
});
afterAll(() => sandbox.close());

/** An SP as a Cognito pool is one, written by node-saml. */
function serviceProvider(overrides: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    entryPoint: `${idp}/sso`,
    issuer: sp,
    audience: sp,
    callbackUrl: `${sandbox.url}/saml2/idpresponse`,
    idpCert: idpCertificate,
    idpIssuer: idp,
    identifierFormat: PERSISTENT,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    ...overrides,
  });
}

/** The login page at `url`, then the person chosen on it: the self-posting form's target and fields. */
async function signInAs(url: string, person: string): Promise<{ page: PageAnswer; action: string; posted: Record<string, string> }> {
  const page = await getPage(url);
  expect(page.status, page.html).toBe(200);
  const login = loginForm(page.html!, sandbox.url);
  const answer = await postForm(login.action, { ...login.fields, person });
  expect(answer.status, answer.html).toBe(200);
  const { action, fields: posted } = loginForm(answer.html!, sandbox.url);
  return { page, action, posted };
}

/** The hidden fields of a page's form. */
const hiddenFields = (html: string | undefined) => loginForm(html!, sandbox.url).fields;

const responseXml = (posted: Record<string, string>) => Buffer.from(posted.SAMLResponse!, 'base64').toString('utf8');

const redirectMessage = (value: string) => inflateRawSync(Buffer.from(value, 'base64')).toString('utf8');

/** A redirect-binding message as an SP would send it: DEFLATE, base64 (and URL-encoded for a query). */
const deflated = (xml: string) => deflateRawSync(Buffer.from(xml)).toString('base64');
const encoded = (xml: string) => encodeURIComponent(deflated(xml));

/** Whether a redirect-binding URL's signature verifies with the mock's certificate, over the query as sent. */
function redirectSignatureVerifies(location: string, kind: 'SAMLRequest' | 'SAMLResponse'): boolean {
  const query = new URL(location).search.slice(1);
  const raw = new Map(query.split('&').map((pair) => pair.split('=') as [string, string]));
  const signed = [kind, 'RelayState', 'SigAlg'].filter((name) => raw.has(name)).map((name) => `${name}=${raw.get(name)}`).join('&');
  const pem = `-----BEGIN CERTIFICATE-----\n${idpCertificate}\n-----END CERTIFICATE-----\n`;
  return createVerify('RSA-SHA256').update(signed).verify(pem, decodeURIComponent(raw.get('Signature')!), 'base64');
}

async function refusal(url: string, init?: RequestInit): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('metadata', () => {
  it('describes the IdP at the origin asked: entity ID, signing certificate, redirect SSO and SLO, NameID formats (read by samlify)', () => {
    const parsed = samlify.IdentityProvider({ metadata });
    expect(parsed.entityMeta.getEntityID()).toBe(idp);
    expect(parsed.entityMeta.getSingleSignOnService('redirect')).toBe(`${idp}/sso`);
    expect(parsed.entityMeta.getSingleLogoutService('redirect')).toBe(`${idp}/slo`);
    expect(parsed.entityMeta.getX509Certificate('signing')).toBe(idpCertificate);
    expect(parsed.entityMeta.getNameIDFormat()).toContain(PERSISTENT);
  });

  it('is accepted as MetadataFile by CreateIdentityProvider, wiring a pool to the mock in one call', async () => {
    await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'MockSaml', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata } }));
    const { IdentityProvider } = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'MockSaml' }));
    expect(IdentityProvider?.ProviderDetails).toMatchObject({ SSORedirectBindingURI: `${idp}/sso`, SLORedirectBindingURI: `${idp}/slo` });
  });

  it('names the endpoints at the host the request reached', async () => {
    const host = `mock-saml.localhost:${new URL(sandbox.url).port}`;
    const other = await new Promise<string>((resolve, reject) => {
      http.get(`${idp}/metadata`, { headers: { host } }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text));
      }).on('error', reject);
    });
    const parsed = samlify.IdentityProvider({ metadata: other });
    expect(parsed.entityMeta.getEntityID()).toBe(`http://${host}/_mock-idp/saml`);
    expect(parsed.entityMeta.getSingleSignOnService('redirect')).toBe(`http://${host}/_mock-idp/saml/sso`);
  });

  it('keeps its key and certificate across a restart on the same data dir', async () => {
    const dataDir = tempDir();
    const certificateAfterStart = async () => {
      const kept = await startSandbox({ dataDir });
      try {
        return /<ds:X509Certificate>([^<]+)</.exec(await (await fetch(`${kept.url}/_mock-idp/saml/metadata`)).text())![1];
      } finally {
        await kept.close();
      }
    };
    const first = await certificateAfterStart();
    expect(await certificateAfterStart()).toBe(first);
    expect(first).not.toBe(idpCertificate);
  });
});

describe('SP-initiated sign-in', () => {
  it("answers node-saml's AuthnRequest with a Response it validates: both signatures, audience, InResponseTo, NameID with its case, attributes, RelayState", async () => {
    clock.time = Date.now();
    const saml = serviceProvider();
    const authorizeUrl = await saml.getAuthorizeUrlAsync('relay-state-1', undefined, {});
    const requestId = /ID="([^"]+)"/.exec(redirectMessage(new URL(authorizeUrl).searchParams.get('SAMLRequest')!))![1];

    const { page, action, posted } = await signInAs(authorizeUrl, 'JSmith@Example.com');
    expect(page.html).toContain(`<code>${sp}</code>`);
    expect(peopleOffered(page.html!)).toEqual(['jane.doe', 'JSmith@Example.com', 'amira.haddad']);
    expect(action).toBe(`${sandbox.url}/saml2/idpresponse`);
    expect(posted.RelayState).toBe('relay-state-1');

    const { profile } = await saml.validatePostResponseAsync(posted);
    expect(profile).toMatchObject({
      issuer: idp,
      inResponseTo: requestId,
      nameID: 'JSmith@Example.com',
      nameIDFormat: PERSISTENT,
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'john@example.com',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': 'John',
    });
    expect(profile?.sessionIndex).toMatch(/^_[0-9a-f]{32}$/);
  });

  it('publishes no debugger event of its own: the SP side shows what arrived', async () => {
    clock.time = Date.now();
    const saml = serviceProvider();
    const authorizeUrl = await saml.getAuthorizeUrlAsync('', undefined, {});
    const events = await eventsDuring(sandbox.app, async () => {
      await signInAs(authorizeUrl, 'jane.doe');
      await getPage(`${idp}/sso`);
      await getPage(`${idp}/metadata`);
    });
    expect(events).toEqual([]);
  });

  it('is refused by an SP that trusts another certificate, expects another audience, or did not send the request', async () => {
    clock.time = Date.now();
    const saml = serviceProvider();
    const { posted } = await signInAs(await saml.getAuthorizeUrlAsync('', undefined, {}), 'jane.doe');
    const never = ValidateInResponseTo.never;
    await expect(serviceProvider({ idpCert: stranger.publicKey, validateInResponseTo: never }).validatePostResponseAsync(posted)).rejects.toThrow(/signature/i);
    await expect(serviceProvider({ audience: 'urn:amazon:cognito:sp:us-east-1_Other0000', validateInResponseTo: never }).validatePostResponseAsync(posted)).rejects.toThrow(/audience/i);
    await expect(serviceProvider().validatePostResponseAsync(posted)).rejects.toThrow(/InResponseTo/i);
    await expect(saml.validatePostResponseAsync(posted)).resolves.toMatchObject({ profile: { nameID: 'jane.doe' } });
  });

  it('signs the assertion and the Response with rsa-sha256 and exclusive c14n, its times from the sandbox clock', async () => {
    clock.time = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const saml = serviceProvider();
    const { posted } = await signInAs(await saml.getAuthorizeUrlAsync('', undefined, {}), 'jane.doe');
    const xml = responseXml(posted);
    expect(xml.match(/<ds:SignatureMethod Algorithm="http:\/\/www.w3.org\/2001\/04\/xmldsig-more#rsa-sha256"\/>/g)).toHaveLength(2);
    expect(xml.match(/<ds:CanonicalizationMethod Algorithm="http:\/\/www.w3.org\/2001\/10\/xml-exc-c14n#"\/>/g)).toHaveLength(2);
    expect(xml).toContain('IssueInstant="2026-01-02T03:04:05.678Z"');
    expect(xml).toContain('<saml:Conditions NotBefore="2026-01-02T03:04:05.678Z" NotOnOrAfter="2026-01-02T03:09:05.678Z">');
    expect(xml).toContain(`<saml:SubjectConfirmationData NotOnOrAfter="2026-01-02T03:09:05.678Z" Recipient="${sandbox.url}/saml2/idpresponse" InResponseTo=`);
    expect(xml).toContain(`<saml:Audience>${sp}</saml:Audience>`);
    await expect(saml.validatePostResponseAsync(posted)).rejects.toThrow(/no valid subject confirmation/i);
  });

  it('escapes what it puts in XML: an attribute value with markup comes back as text', async () => {
    clock.time = Date.now();
    sandbox.app.store.mockIdpPeople.save({ idp: 'saml', id: 'mallory<x>&"', claims: { note: '</saml:AttributeValue><saml:Audience>evil</saml:Audience>', 'a"b': "it's" } });
    const saml = serviceProvider();
    const { posted } = await signInAs(await saml.getAuthorizeUrlAsync('', undefined, {}), 'mallory<x>&"');
    const { profile } = await saml.validatePostResponseAsync(posted);
    expect(profile).toMatchObject({ nameID: 'mallory<x>&"', note: '</saml:AttributeValue><saml:Audience>evil</saml:Audience>', 'a"b': "it's" });
    sandbox.app.store.mockIdpPeople.remove('saml', 'mallory<x>&"');
  });

  it('answers Cancel with a signed Responder / AuthnFailed Response the SP refuses', async () => {
    clock.time = Date.now();
    const saml = serviceProvider();
    const page = await getPage(await saml.getAuthorizeUrlAsync('r', undefined, {}));
    const answer = await postForm(`${idp}/sso`, { ...hiddenFields(page.html), cancel: '1' });
    const posted = hiddenFields(answer.html);
    expect(responseXml(posted)).toContain('urn:oasis:names:tc:SAML:2.0:status:AuthnFailed');
    expect(responseXml(posted)).not.toContain('<saml:Assertion');
    await expect(saml.validatePostResponseAsync(posted)).rejects.toThrow(/AuthnFailed|Responder/);
  });

  it('shows the page again, with a 400, for a person no longer in the directory', async () => {
    const saml = serviceProvider();
    const page = await getPage(await saml.getAuthorizeUrlAsync('', undefined, {}));
    const answer = await postForm(`${idp}/sso`, { ...hiddenFields(page.html), person: 'nobody' });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('Nobody with NameID nobody is in the directory');
    expect(peopleOffered(answer.html!)).toContain('jane.doe');
  });
});

describe("with the pool's SP keys (GetSigningCertificate's, the provider's encryption certificate)", () => {
  it('encrypts the assertion for the provider that has EncryptedResponses on (AES-256-GCM, RSA-OAEP), which node-saml decrypts with its key', async () => {
    clock.time = Date.now();
    const encryptingPool = await createPool(sandbox.cognito, { PoolName: 'mock-saml-encrypted' });
    const encryptingSp = `urn:amazon:cognito:sp:${encryptingPool}`;
    await sandbox.cognito.send(
      new CreateIdentityProviderCommand({ UserPoolId: encryptingPool, ProviderName: 'Encrypted', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata, EncryptedResponses: 'true' } }),
    );
    const key = await samlEncryptionKey(sandbox.app.services, encryptingPool, 'Encrypted');
    const saml = serviceProvider({ issuer: encryptingSp, audience: encryptingSp, decryptionPvk: key.privateKey });
    const { posted } = await signInAs(await saml.getAuthorizeUrlAsync('enc', undefined, {}), 'jane.doe');

    const xml = responseXml(posted);
    expect(xml).toContain('<saml:EncryptedAssertion');
    expect(xml).not.toContain('<saml:Assertion');
    expect(xml).not.toContain('jane@example.com');
    expect(xml).toContain('http://www.w3.org/2009/xmlenc11#aes256-gcm');
    expect(xml).toContain('http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p');
    expect(xml).toContain(certificateBody(key.certificate));
    const { profile } = await saml.validatePostResponseAsync(posted);
    expect(profile).toMatchObject({ nameID: 'jane.doe', email: 'jane@example.com', firstName: 'Jane' });

    const { posted: again } = await signInAs(await saml.getAuthorizeUrlAsync('', undefined, {}), 'jane.doe');
    await expect(serviceProvider({ issuer: encryptingSp, audience: encryptingSp, decryptionPvk: stranger.privateKey, validateInResponseTo: ValidateInResponseTo.never }).validatePostResponseAsync(again)).rejects.toThrow();
  });

  it("checks a signed AuthnRequest against the pool's signing certificate, and refuses one signed by another key or algorithm", async () => {
    const signingKey = await samlSigningKey(sandbox.app.services, poolId);
    const signedBy = (privateKey: string, signatureAlgorithm: 'sha1' | 'sha256' = 'sha256') =>
      serviceProvider({ privateKey, signatureAlgorithm }).getAuthorizeUrlAsync('signed', undefined, {});
    const good = await signedBy(signingKey.privateKey);
    expect(new URL(good).searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect((await getPage(good)).status).toBe(200);

    const forged = await refusal(await signedBy(stranger.privateKey));
    expect(forged.status).toBe(400);
    expect(forged.text).toContain("signature does not verify with the SP&#39;s signing certificate");
    expect((await refusal(await signedBy(signingKey.privateKey, 'sha1'))).text).toContain('is not supported: the mock accepts http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect((await refusal(good.replace(/&Signature=[^&]*/, ''))).text).toContain('needs both SigAlg and Signature');
    expect((await refusal(good.replace('RelayState=signed', 'RelayState=tampered'))).status).toBe(400);
  });

  it("checks a signed LogoutRequest likewise", async () => {
    const signingKey = await samlSigningKey(sandbox.app.services, poolId);
    const logoutBy = (privateKey: string) =>
      serviceProvider({ privateKey, signatureAlgorithm: 'sha256', logoutUrl: `${idp}/slo` }).getLogoutUrlAsync({ issuer: idp, nameID: 'jane.doe', nameIDFormat: PERSISTENT }, '', {});
    expect((await refusal(await logoutBy(signingKey.privateKey))).status).toBe(302);
    expect((await refusal(await logoutBy(stranger.privateKey))).status).toBe(400);
  });
});

describe("the sandbox's own SP (saml-login.ts) signing in through the mock", () => {
  /** A pool with a client and a SAML provider wired to the mock by its metadata. */
  async function poolUsingMock(details: Record<string, string>): Promise<FederationCall> {
    const pool = await createPool(sandbox.cognito, { PoolName: 'mock-saml-sp' });
    const { clientId } = await createClient(sandbox.cognito, pool, { ClientName: 'web' });
    await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Mock', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata, ...details } }));
    const store = sandbox.app.store;
    return { pool: store.pools.findById(pool)!, client: findAppClient(store, clientId)!, provider: store.identityProviders.find(pool, 'Mock')!, origin: sandbox.url, flowId: `mock-saml-${pool}` };
  }

  it.each([
    ['unsigned requests, plain assertions', {}],
    ['signed requests (RequestSigningAlgorithm rsa-sha256)', { RequestSigningAlgorithm: 'rsa-sha256' }],
    ['encrypted assertions (EncryptedResponses)', { EncryptedResponses: 'true' }],
  ])('SP-initiated, %s', async (_name, details) => {
    clock.time = Date.now();
    const call = await poolUsingMock(details);
    const { location, pending } = await startSamlLogin(sandbox.app.services, call, 'the-login-session');
    expect(location.startsWith(`${idp}/sso?SAMLRequest=`)).toBe(true);
    const { action, posted } = await signInAs(location, 'JSmith@Example.com');
    expect(action).toBe(`${sandbox.url}/saml2/idpresponse`);
    expect(posted.RelayState).toBe('the-login-session');
    const identity = await finishSamlLogin(sandbox.app.services, call, pending, posted.SAMLResponse!);
    expect(identity).toMatchObject({
      providerName: 'Mock',
      userId: 'JSmith@Example.com',
      claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'john@example.com' },
      saml: { nameId: 'JSmith@Example.com', nameIdFormat: PERSISTENT },
    });
  });

  it('IdP-initiated, accepted when the provider has IDPInit on', async () => {
    clock.time = Date.now();
    const call = await poolUsingMock({ IDPInit: 'true' });
    const { posted } = await signInAs(`${idp}/idp-initiated?sp=urn:amazon:cognito:sp:${call.pool.id}`, 'jane.doe');
    await expect(finishSamlLogin(sandbox.app.services, call, undefined, posted.SAMLResponse!)).resolves.toMatchObject({ userId: 'jane.doe', claims: { email: 'jane@example.com' } });
  });
});

describe('IdP-initiated sign-in', () => {
  it('posts an unsolicited Response (no InResponseTo) to the pool\'s /saml2/idpresponse', async () => {
    clock.time = Date.now();
    const { page, action, posted } = await signInAs(`${idp}/idp-initiated?sp=${encodeURIComponent(sp)}&RelayState=from-the-idp`, 'amira.haddad');
    expect(page.html).toContain(`<code>${sp}</code>`);
    expect(action).toBe(`${sandbox.url}/saml2/idpresponse`);
    expect(posted.RelayState).toBe('from-the-idp');
    expect(responseXml(posted)).not.toContain('InResponseTo');
    const { profile } = await serviceProvider({ validateInResponseTo: ValidateInResponseTo.ifPresent }).validatePostResponseAsync(posted);
    expect(profile).toMatchObject({ nameID: 'amira.haddad', email: 'amira@example.org', department: 'Finance' });
    await expect(serviceProvider().validatePostResponseAsync(posted)).rejects.toThrow(/InResponseTo/);
  });

  it('needs a user pool SP entity ID', async () => {
    for (const query of ['', '?sp=https%3A%2F%2Fsp.example.com', `?sp=${encodeURIComponent(sp)}&sp=${encodeURIComponent(sp)}`]) {
      const answer = await refusal(`${idp}/idp-initiated${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.text).toMatch(/sp (is missing|must be)/);
    }
  });
});

describe('single logout', () => {
  it("answers node-saml's LogoutRequest with a signed LogoutResponse redirected to the pool's /saml2/logout, which node-saml validates", async () => {
    clock.time = Date.now();
    const saml = serviceProvider({ logoutUrl: `${idp}/slo`, logoutCallbackUrl: `${sandbox.url}/saml2/logout` });
    const logoutUrl = await saml.getLogoutUrlAsync({ issuer: idp, nameID: 'jane.doe', nameIDFormat: PERSISTENT, sessionIndex: '_s1' }, 'after-logout', {});
    const answer = await fetch(logoutUrl, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const location = answer.headers.get('location')!;
    expect(location.startsWith(`${sandbox.url}/saml2/logout?SAMLResponse=`)).toBe(true);
    expect(redirectSignatureVerifies(location, 'SAMLResponse')).toBe(true);
    const query = Object.fromEntries(new URL(location).searchParams);
    expect(query.RelayState).toBe('after-logout');
    const { loggedOut } = await saml.validateRedirectAsync(query, new URL(location).search.slice(1));
    expect(loggedOut).toBe(true);
  });

  it('starts an IdP-initiated logout: a signed LogoutRequest for the NameID, redirected to /saml2/logout', async () => {
    const answer = await fetch(`${idp}/idp-initiated-logout?sp=${encodeURIComponent(sp)}&NameID=JSmith%40Example.com&SessionIndex=_s2&RelayState=x`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const location = answer.headers.get('location')!;
    expect(location.startsWith(`${sandbox.url}/saml2/logout?SAMLRequest=`)).toBe(true);
    expect(redirectSignatureVerifies(location, 'SAMLRequest')).toBe(true);
    const request = redirectMessage(new URL(location).searchParams.get('SAMLRequest')!);
    expect(request).toContain(`<saml:NameID Format="${PERSISTENT}">JSmith@Example.com</saml:NameID>`);
    expect(request).toContain('<samlp:SessionIndex>_s2</samlp:SessionIndex>');
    expect(request).toContain(`Destination="${sandbox.url}/saml2/logout"`);
  });

  it("ends that logout on the SP's LogoutResponse", async () => {
    const response = `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" InResponseTo="_q1"><saml:Issuer>https://sp.example.com</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
    const answer = await refusal(`${idp}/slo?SAMLResponse=${encoded(response)}`);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Signed out');
  });

  it('knows only user pools as SPs to answer, and refuses a bad LogoutRequest', async () => {
    const request = (issuer: string) =>
      `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_l1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>${issuer}</saml:Issuer>${issuer ? '<saml:NameID>x</saml:NameID>' : ''}</samlp:LogoutRequest>`;
    expect((await refusal(`${idp}/slo?SAMLRequest=${encoded(request('https://sp.example.com'))}`)).text).toContain('single logout endpoint of user pools only');
    expect((await refusal(`${idp}/slo?SAMLRequest=${encoded(request(sp).replace('<saml:NameID>x</saml:NameID>', ''))}`)).text).toContain('names no NameID');
    expect((await refusal(`${idp}/slo`)).status).toBe(400);
    expect((await refusal(`${idp}/idp-initiated-logout?sp=${encodeURIComponent(sp)}`)).text).toContain('NameID is missing');
  });
});

describe('hostile SAMLRequests: a 400 page saying why, never a 500', () => {
  const authnRequest = (attributes = '', inside = '<saml:Issuer>urn:amazon:cognito:sp:us-east-1_Pool00000</saml:Issuer>') =>
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"${attributes}>${inside}</samlp:AuthnRequest>`;
  const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${authnRequest('', '<saml:Issuer>&lol2;</saml:Issuer>')}`;
  const cases: [string, string, RegExp][] = [
    ['no SAMLRequest', '', /SAMLRequest is missing/],
    ['SAMLRequest twice', `SAMLRequest=${encoded(authnRequest())}&SAMLRequest=x`, /SAMLRequest must be given once/],
    ['not base64', 'SAMLRequest=%%%not-base64***', /not URL-encoded|not base64/],
    ['base64 that is not DEFLATE', `SAMLRequest=${encodeURIComponent(Buffer.from(authnRequest()).toString('base64'))}`, /not DEFLATE-compressed/],
    ['a DEFLATE bomb', `SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)).toString('base64'))}`, /inflates to more than/],
    ['a DTD (billion laughs)', `SAMLRequest=${encoded(billionLaughs)}`, /DTD/],
    ['not XML', `SAMLRequest=${encoded('hello, world')}`, /not well-formed|not XML/],
    ['broken XML', `SAMLRequest=${encoded('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><unclosed>')}`, /not well-formed/],
    ['another message', `SAMLRequest=${encoded(authnRequest().replace(/AuthnRequest/g, 'ArtifactResolve'))}`, /Expected a SAML 2.0 AuthnRequest/],
    ['no Issuer', `SAMLRequest=${encoded(authnRequest('', ''))}`, /names no Issuer/],
    ['no ID', `SAMLRequest=${encoded(authnRequest().replace('ID="_a1"', ''))}`, /no valid ID/],
    ['an ACS URL elsewhere', `SAMLRequest=${encoded(authnRequest(' AssertionConsumerServiceURL="https://evil.example/acs"'))}`, /posts assertions only to http\(s\) URLs on this machine/],
    ['a javascript: ACS URL', `SAMLRequest=${encoded(authnRequest(' AssertionConsumerServiceURL="javascript:alert(1)//127.0.0.1"'))}`, /refused/],
    ['an artifact binding', `SAMLRequest=${encoded(authnRequest(' ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"'))}`, /answers with the HTTP-POST binding/],
    ['a RelayState over 4 KiB', `SAMLRequest=${encoded(authnRequest())}&RelayState=${'r'.repeat(5000)}`, /RelayState is too long/],
  ];

  it.each(cases)('%s', async (_name, query, reason) => {
    const answer = await refusal(`${idp}/sso?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.type).toMatch(/^text\/html/);
    expect(answer.text).toMatch(reason);
  });

  it('the POST of the login page reads the request again, and refuses a form that is not one', async () => {
    const post = (body: BodyInit, type = 'application/x-www-form-urlencoded') => refusal(`${idp}/sso`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post(new URLSearchParams({ SAMLRequest: deflated(billionLaughs), person: 'jane.doe' }))).text).toMatch(/DTD/);
    expect((await post('{"person":"jane.doe"}', 'application/json')).text).toMatch(/SAMLRequest is missing/);
    const huge = await post(`SAMLRequest=${'A'.repeat(200 * 1024)}`);
    expect(huge.status).toBe(400);
    expect(huge.text).toMatch(/could not be read/);
  });

  it('escapes an echoed SP entity ID on the page', async () => {
    const answer = await getPage(`${idp}/sso?SAMLRequest=${encoded(authnRequest('', '<saml:Issuer>&lt;script&gt;alert(1)&lt;/script&gt;</saml:Issuer>'))}`);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(answer.html).not.toContain('<script>alert(1)');
  });
});
