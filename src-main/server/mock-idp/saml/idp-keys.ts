/**
 * The mock SAML IdP's signing key: RSA 2048 with a self-signed certificate, made on first use
 * and kept in the store, so the metadata (and the certificate a pool took from it) stays the same
 * across restarts. SAML SPs trust the certificate itself, not a chain, so no authority signs it.
 */
import { createPrivateKey, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Services } from '../../../services.js';
import type { StoredMockSamlIdpKey } from '../../../store/repositories/mock-saml-idp-keys.js';

const KEY_ALGORITHM: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const LIFETIME_MS = 10 * 365 * 24 * 60 * 60 * 1000;
const BACKDATE_MS = 60 * 60 * 1000;

export interface SamlIdpKeys {
  certificatePem: string;
  /** The certificate's DER in base64, as `<ds:X509Certificate>` holds it. */
  certificateBase64: string;
  privateKeyPem: string;
  privateKey: KeyObject;
}

type KeyServices = Pick<Services, 'store' | 'clock'>;

async function createKey(now: number): Promise<StoredMockSamlIdpKey> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(bytes).toString('hex'),
    name: 'CN=Cognito Sandbox mock SAML IdP, O=Cognito Sandbox',
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + LIFETIME_MS),
    keys,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificatePem: certificate.toString('pem'), privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), created: now };
}

function loaded(stored: StoredMockSamlIdpKey): SamlIdpKeys {
  return {
    certificatePem: stored.certificatePem,
    certificateBase64: new x509.X509Certificate(stored.certificatePem).toString('base64'),
    privateKeyPem: stored.privateKeyPem,
    privateKey: createPrivateKey(stored.privateKeyPem),
  };
}

/** One load (or creation) per store, shared by the requests that arrive while it runs. */
const loads = new WeakMap<object, Promise<SamlIdpKeys>>();
/** Stores whose restores are watched: a restored snapshot brings its own key. */
const watched = new WeakSet<object>();

export function samlIdpKeys(services: KeyServices): Promise<SamlIdpKeys> {
  let load = loads.get(services.store);
  if (!load) {
    if (!watched.has(services.store)) {
      watched.add(services.store);
      services.store.snapshots.onRestored(() => loads.delete(services.store));
    }
    load = (async () => {
      const stored = services.store.mockSamlIdpKeys.current() ?? services.store.mockSamlIdpKeys.insertIfAbsent(await createKey(services.clock.now()));
      return loaded(stored);
    })();
    load.catch(() => loads.delete(services.store));
    loads.set(services.store, load);
  }
  return load;
}
