/**
 * The pool's keys as a SAML 2.0 service provider, made on first need and kept: one signing key
 * per pool (AuthnRequests when a provider's RequestSigningAlgorithm is rsa-sha256, and every
 * LogoutRequest and LogoutResponse; its certificate is what GetSigningCertificate returns) and one
 * encryption key per SAML provider (the IdP encrypts assertions to it when EncryptedResponses is
 * on; Cognito shows it as the provider's ActiveEncryptionCertificate). RSA 2048 with self-signed
 * certificates valid ten years, as Cognito's are.
 *
 * Limitations: Cognito makes new certificates once a year and keeps the old ones valid; the
 * sandbox keeps the first ones. Certificate dates follow the real clock, not an injected test
 * clock: identity providers check them against theirs.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { BaseServices } from '../../base-services.js';
import type { SamlSpKey } from '../../store/repositories/saml-sp-keys.js';

type KeyServices = Pick<BaseServices, 'store'>;

const RSA_KEY: webcrypto.RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000;
const BACKDATE_MS = 60 * 60 * 1000;

function randomSerialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

async function newKey(subject: string, usage: x509.KeyUsageFlags): Promise<SamlSpKey> {
  const keys = await webcrypto.subtle.generateKey(RSA_KEY, true, ['sign', 'verify']);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: subject,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + TEN_YEARS_MS),
    keys,
    signingAlgorithm: RSA_KEY,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(usage, true)],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { privateKey: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), certificate: certificate.toString('pem'), created: now };
}

/** The pool's request-signing key. */
export async function samlSigningKey({ store }: KeyServices, poolId: string): Promise<SamlSpKey> {
  const kept = store.samlSpKeys.signingKey(poolId);
  if (kept) return kept;
  const key = await newKey(`CN=${poolId}, OU=Amazon Cognito SAML signing, O=Cognito Sandbox`, x509.KeyUsageFlags.digitalSignature);
  return store.samlSpKeys.keepSigningKey(poolId, key);
}

/** The key a provider's encrypted assertions are encrypted to. */
export async function samlEncryptionKey({ store }: KeyServices, poolId: string, providerName: string): Promise<SamlSpKey> {
  const kept = store.samlSpKeys.encryptionKey(poolId, providerName);
  if (kept) return kept;
  return store.samlSpKeys.keepEncryptionKey(poolId, providerName, await newEncryptionKey(poolId, providerName));
}

/** A new encryption key for the provider, not yet kept (keepEncryptionKey, once the provider is stored). */
export function newEncryptionKey(poolId: string, providerName: string): Promise<SamlSpKey> {
  return newKey(
    `CN=${poolId} ${providerName}, OU=Amazon Cognito SAML encryption, O=Cognito Sandbox`,
    x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment,
  );
}

/** A certificate's base64 DER, without PEM armour or line breaks: how Cognito's API returns certificates. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/** The SP's certificates (PEM) an identity provider is given. */
export interface SpCertificates {
  /** Checks the pool's signed AuthnRequests, LogoutRequests and LogoutResponses. */
  signing: string;
  /** Encrypts assertions for the named provider (present when a provider was named). */
  encryption?: string;
}

/**
 * The pool's SP certificates, made if need be: the signing one, and the encryption one of
 * `providerName` when given and the pool has it (Cognito gives each SAML provider its own).
 */
export async function spCertificates(services: KeyServices, poolId: string, providerName?: string): Promise<SpCertificates> {
  const signing = (await samlSigningKey(services, poolId)).certificate;
  if (providerName === undefined || !services.store.identityProviders.find(poolId, providerName)) return { signing };
  return { signing, encryption: (await samlEncryptionKey(services, poolId, providerName)).certificate };
}
