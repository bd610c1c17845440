/**
 * The X.509 certificates of the sandbox's HTTPS port: a local certificate authority and the
 * server certificates it signs for loopback names. ECDSA P-256 with SHA-256 throughout: a key
 * pair takes a millisecond (an RSA one seconds), and every browser and TLS library accepts it.
 *
 * The authority is name-constrained to loopback (`localhost` and its subdomains, 127.0.0.0/8,
 * ::1): a user who trusts it trusts it for nothing else, even if its key were to leak.
 * @peculiar/x509 signs with Node's WebCrypto (globalThis.crypto).
 * Dates are the real clock's, never an injected test clock: TLS clients check them against theirs.
 */
import { webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName as AsnGeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const KEY_ALGORITHM: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
const AUTHORITY_LIFETIME_MS = 10 * 365 * DAY_MS;
/** Under the 398 days browsers accept for a server certificate. */
export const SERVER_CERTIFICATE_LIFETIME_MS = 365 * DAY_MS;
/** Starts a little in the past, for a client whose clock runs behind. */
const BACKDATE_MS = 60 * 60 * 1000;

/** A certificate and its private key, both PEM (the key PKCS #8), as files and node:tls take them. */
export interface KeyedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** The authority, ready to sign. */
export interface SigningAuthority {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

/** What a server certificate is for: DNS names and IP addresses. */
export interface ServerNames {
  dns: string[];
  ip: string[];
}

function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/** PEM ending in a newline, so that files and bundles made by concatenation stay readable. */
function lineEnded(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  return lineEnded(x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'));
}

/** A positive, random 128-bit serial number (RFC 5280 wants it unique per issuer; 64 random bits is the CA/B floor). */
function randomSerialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

/** Only loopback names and addresses may chain to the authority. */
function loopbackOnlyConstraint(): x509.Extension {
  const permitted = [{ dNSName: 'localhost' }, { iPAddress: '127.0.0.0/8' }, { iPAddress: '::1/128' }];
  const constraints = new NameConstraints({
    permittedSubtrees: new GeneralSubtrees(permitted.map((name) => new GeneralSubtree({ base: new AsnGeneralName(name) }))),
  });
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(constraints));
}

/** A new self-signed authority, valid ten years; its name tells one sandbox's apart from another's in a trust store. */
export async function createAuthority(now = new Date()): Promise<KeyedCertificate> {
  const keys = await generateKeyPair();
  const serialNumber = randomSerialNumber();
  const name = `CN=Cognito Sandbox Local CA ${serialNumber.slice(0, 8)}, OU=Local development only, O=Cognito Sandbox`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + AUTHORITY_LIFETIME_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      loopbackOnlyConstraint(),
    ],
  });
  return { certificatePem: lineEnded(certificate.toString('pem')), privateKeyPem: await privateKeyPem(keys.privateKey) };
}

/** The authority's PEM files, parsed and its key imported for signing. */
export async function signingAuthority(pems: KeyedCertificate): Promise<SigningAuthority> {
  const certificate = new x509.X509Certificate(pems.certificatePem);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pems.privateKeyPem), KEY_ALGORITHM, false, ['sign']);
  return { certificate, privateKey };
}

/** A server certificate for `names`, signed by the authority: TLS server use only, valid a year. */
export async function mintServerCertificate(authority: SigningAuthority, names: ServerNames, now = new Date()): Promise<KeyedCertificate> {
  const keys = await generateKeyPair();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: `CN=${names.dns[0] ?? names.ip[0]}`,
    issuer: authority.certificate.subject,
    notBefore,
    notAfter: new Date(Math.min(notBefore.getTime() + SERVER_CERTIFICATE_LIFETIME_MS, authority.certificate.notAfter.getTime())),
    publicKey: keys.publicKey,
    signingKey: authority.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ip.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate.publicKey),
    ],
  });
  return { certificatePem: lineEnded(certificate.toString('pem')), privateKeyPem: await privateKeyPem(keys.privateKey) };
}
