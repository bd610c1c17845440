/**
 * A SAML 2.0 identity provider built with samlify inside the test (no server): it reads the
 * sandbox's AuthnRequest (HTTP-Redirect binding, its signature checked against the pool's signing
 * certificate when the request is signed) and builds the response a real IdP would post, signed
 * (response, assertion or both) and encrypted to the SP's certificate on request. Every field a
 * hostile test wants to get wrong (audience, recipient, times, InResponseTo, issuer) can be set.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as samlify from 'samlify';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

export interface SigningIdentity {
  key: string;
  certificate: string;
}

/** An RSA key and a self-signed certificate for it. */
export async function signingIdentity(name = 'CN=Independent samlify IdP'): Promise<SigningIdentity> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys,
    signingAlgorithm: algorithm,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), certificate: certificate.toString('pem') };
}

/** What the SP is, as the IdP is configured with it. */
export interface SpSide {
  poolId: string;
  acs: string;
  /** The pool's signing certificate (PEM): the IdP then requires signed logout messages, and signed AuthnRequests unless `unsignedAuthnRequests`. */
  signingCertificate?: string;
  /** The pool sends its AuthnRequests unsigned (no RequestSigningAlgorithm) though it signs its logout messages. */
  unsignedAuthnRequests?: boolean;
  /** The provider's encryption certificate (PEM), for encrypted assertions. */
  encryptionCertificate?: string;
  /** The SP's single logout URL (`{origin}/saml2/logout`). */
  sloUrl?: string;
}

export interface ResponseOptions {
  nameId: string;
  attributes?: Record<string, string[]>;
  /** The AuthnRequest's ID; none for an IdP-initiated response. */
  inResponseTo?: string;
  sign?: 'response' | 'assertion' | 'both';
  encrypt?: boolean;
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  /** Epoch milliseconds; the assertion is valid from `issued` for `validMs`. */
  issued?: number;
  validMs?: number;
  sessionIndex?: string;
  status?: string;
}

/** What an HTTP-Redirect binding signature covers: the query as sent, without the Signature. */
function signedOctets(url: URL): string {
  return url.search
    .slice(1)
    .split('&')
    .filter((part) => !part.startsWith('Signature='))
    .join('&');
}

const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attributeStatement(attributes: Record<string, string[]>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  const attribute = ([name, values]: [string, string[]]) =>
    `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values
      .map((value) => `<saml:AttributeValue xsi:type="xs:string">${escape(value)}</saml:AttributeValue>`)
      .join('')}</saml:Attribute>`;
  return `<saml:AttributeStatement>${entries.map(attribute).join('')}</saml:AttributeStatement>`;
}

export class SamlifyIdp {
  readonly metadata: string;

  private constructor(
    readonly entityId: string,
    readonly identity: SigningIdentity,
    private readonly idpSettings: Parameters<typeof samlify.IdentityProvider>[0],
  ) {
    this.metadata = samlify.IdentityProvider(idpSettings).getMetadata();
  }

  static async create(entityId = 'https://idp.samlify.test/metadata', identity?: SigningIdentity): Promise<SamlifyIdp> {
    // The sandbox's SP checks the XML itself; samlify's XSD check of the sandbox's request is not what is tested here.
    samlify.setSchemaValidator({ validate: () => Promise.resolve('skipped') });
    const own = identity ?? (await signingIdentity());
    return new SamlifyIdp(entityId, own, {
      entityID: entityId,
      signingCert: own.certificate,
      privateKey: own.key,
      nameIDFormat: [PERSISTENT],
      singleSignOnService: [{ Binding: REDIRECT, Location: 'https://idp.samlify.test/sso' }],
      singleLogoutService: [{ Binding: REDIRECT, Location: 'https://idp.samlify.test/slo' }],
    });
  }

  /** The same IdP (entity ID, endpoints) signing with another key: its responses are "re-signed". */
  async impostor(): Promise<SamlifyIdp> {
    return SamlifyIdp.create(this.entityId, await signingIdentity('CN=Impostor'));
  }

  private idp(sp: SpSide, encrypt: boolean) {
    const signed = sp.signingCertificate !== undefined;
    return samlify.IdentityProvider({ ...this.idpSettings, wantAuthnRequestsSigned: signed && !sp.unsignedAuthnRequests, wantLogoutRequestSigned: signed, wantLogoutResponseSigned: signed, isAssertionEncrypted: encrypt });
  }

  private sp(sp: SpSide, sign: ResponseOptions['sign'] = 'both') {
    return samlify.ServiceProvider({
      entityID: `urn:amazon:cognito:sp:${sp.poolId}`,
      assertionConsumerService: [{ Binding: POST, Location: sp.acs }],
      ...(sp.signingCertificate && { signingCert: sp.signingCertificate, authnRequestsSigned: true }),
      ...(sp.encryptionCertificate && { encryptCert: sp.encryptionCertificate }),
      ...(sp.sloUrl && { singleLogoutService: [{ Binding: POST, Location: sp.sloUrl }, { Binding: REDIRECT, Location: sp.sloUrl }] }),
      // What the IdP signs: its logout messages, unless the test leaves the SP without a certificate.
      wantLogoutRequestSigned: sp.signingCertificate !== undefined,
      wantLogoutResponseSigned: sp.signingCertificate !== undefined,
      wantAssertionsSigned: sign !== 'response',
      wantMessageSigned: sign !== 'assertion',
    });
  }

  /** The sandbox's AuthnRequest as samlify reads it (its signature checked when the SP signs): its ID and what it asks. */
  async readAuthnRequest(sp: SpSide, location: string): Promise<{ id: string; issuer: string; acs: string; relayState: string | null }> {
    const url = new URL(location);
    const { extract } = await this.idp(sp, false).parseLoginRequest(this.sp(sp), 'redirect', { query: Object.fromEntries(url.searchParams), octetString: signedOctets(url) });
    const request = extract.request as Record<string, string>;
    return { id: request.id!, issuer: extract.issuer as string, acs: request.assertionConsumerServiceUrl!, relayState: url.searchParams.get('RelayState') };
  }

  /** The sandbox's LogoutRequest (HTTP-Redirect) as samlify reads it, its signature checked against the pool's signing certificate. */
  async readLogoutRequest(sp: SpSide, location: string): Promise<{ id: string; nameId: string; sessionIndex?: string; issuer: string; relayState: string | null; extract: Record<string, unknown> }> {
    const url = new URL(location);
    const { extract } = await this.idp(sp, false).parseLogoutRequest(this.sp(sp), 'redirect', { query: Object.fromEntries(url.searchParams), octetString: signedOctets(url) });
    const request = extract.request as Record<string, string>;
    const sessionIndex = (extract.sessionIndex as Record<string, string> | string | undefined) ?? undefined;
    return {
      id: request.id!,
      nameId: extract.nameID as string,
      ...(sessionIndex && { sessionIndex: typeof sessionIndex === 'string' ? sessionIndex : sessionIndex.sessionIndex! }),
      issuer: extract.issuer as string,
      relayState: url.searchParams.get('RelayState'),
      extract,
    };
  }

  /** The IdP's LogoutResponse to a LogoutRequest it read, for the POST binding (signed). */
  logoutResponse(sp: SpSide, request: { extract: Record<string, unknown> }, relayState: string | null): { SAMLResponse: string; RelayState?: string } {
    const built = this.idp(sp, false).createLogoutResponse(this.sp(sp), { extract: request.extract as samlify.Extractor.ExtractorResult }, 'post', relayState ?? '') as { context: string };
    return { SAMLResponse: built.context, ...(relayState && { RelayState: relayState }) };
  }

  /** The IdP's own LogoutRequest by the HTTP-Redirect binding: the URL at the SP's SLO, signed when the SP side has a signing certificate. */
  logoutRequestUrl(sp: SpSide, user: { nameId: string; sessionIndex?: string }, relayState = 'idp-relay'): string {
    const built = this.idp(sp, false).createLogoutRequest(this.sp(sp), 'redirect', { logoutNameID: user.nameId, ...(user.sessionIndex && { sessionIndex: user.sessionIndex }) }, relayState) as { context: string };
    return built.context;
  }

  /** The IdP's own LogoutRequest for the POST binding: signed when the SP side has a signing certificate. */
  logoutRequest(sp: SpSide, user: { nameId: string; sessionIndex?: string }, relayState = 'idp-relay'): { SAMLRequest: string; RelayState: string; id: string } {
    const built = this.idp(sp, false).createLogoutRequest(this.sp(sp), 'post', { logoutNameID: user.nameId, ...(user.sessionIndex && { sessionIndex: user.sessionIndex }) }, relayState) as { context: string; id: string };
    return { SAMLRequest: built.context, RelayState: relayState, id: built.id };
  }

  /** The sandbox's LogoutResponse (HTTP-Redirect) as samlify reads it, its signature checked. */
  async readLogoutResponse(sp: SpSide, location: string): Promise<{ inResponseTo: string; status: string; issuer: string; relayState: string | null }> {
    const url = new URL(location);
    const { extract, samlContent } = await this.idp(sp, false).parseLogoutResponse(this.sp(sp), 'redirect', { query: Object.fromEntries(url.searchParams), octetString: signedOctets(url) });
    const response = extract.response as Record<string, string>;
    return { inResponseTo: response.inResponseTo!, status: /StatusCode Value="([^"]+)"/.exec(samlContent)![1]!, issuer: extract.issuer as string, relayState: url.searchParams.get('RelayState') };
  }

  /** A SAMLResponse (base64) for the POST binding. */
  async response(sp: SpSide, options: ResponseOptions): Promise<string> {
    const issued = options.issued ?? Date.now();
    const instant = new Date(issued).toISOString();
    const until = new Date(issued + (options.validMs ?? 5 * 60_000)).toISOString();
    const id = `_r${webcrypto.randomUUID()}`;
    const authn = `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="${escape(options.sessionIndex ?? `_s${webcrypto.randomUUID()}`)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
    const encrypt = options.encrypt ?? false;
    const built = (await this.idp(sp, encrypt).createLoginResponse(
      this.sp(sp, options.sign),
      { extract: {} },
      'post',
      {},
      {
        customTagReplacement: (template) => {
          const withStatements = template.replace('{AuthnStatement}', authn).replace('{AttributeStatement}', attributeStatement(options.attributes ?? {}));
          const context = samlify.SamlLib.replaceTagsByValue(withStatements, {
            ID: id,
            AssertionID: `_a${webcrypto.randomUUID()}`,
            Destination: options.destination ?? sp.acs,
            Audience: options.audience ?? `urn:amazon:cognito:sp:${sp.poolId}`,
            SubjectRecipient: options.recipient ?? sp.acs,
            Issuer: options.issuer ?? this.entityId,
            IssueInstant: instant,
            StatusCode: options.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success',
            ConditionsNotBefore: instant,
            ConditionsNotOnOrAfter: until,
            SubjectConfirmationDataNotOnOrAfter: until,
            NameIDFormat: PERSISTENT,
            NameID: options.nameId,
            InResponseTo: options.inResponseTo ?? null,
          });
          return { id, context };
        },
      },
    )) as { context: string };
    return built.context;
  }
}

/** A response as an IdP that signs nothing would send it. */
export function unsignedResponse(options: { poolId: string; acs: string; issuer: string; nameId: string; inResponseTo?: string; issued?: number }): string {
  const issued = new Date(options.issued ?? Date.now()).toISOString();
  const until = new Date((options.issued ?? Date.now()) + 300_000).toISOString();
  const inResponseTo = options.inResponseTo ? ` InResponseTo="${escape(options.inResponseTo)}"` : '';
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_u1" Version="2.0" IssueInstant="${issued}" Destination="${escape(options.acs)}"${inResponseTo}><saml:Issuer>${escape(options.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_u2" Version="2.0" IssueInstant="${issued}"><saml:Issuer>${escape(options.issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="${PERSISTENT}">${escape(options.nameId)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${escape(options.acs)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>urn:amazon:cognito:sp:${options.poolId}</saml:Audience></saml:AudienceRestriction></saml:Conditions></saml:Assertion></samlp:Response>`;
  return Buffer.from(xml).toString('base64');
}
