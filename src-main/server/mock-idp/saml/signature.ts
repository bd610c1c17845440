/**
 * Enveloped XML signatures as SAML wants them (SAML 2.0 Core §5.4): rsa-sha256 over the element
 * its ID names, exclusive canonicalization, the `<ds:Signature>` placed right after the element's
 * `<Issuer>` (the schema's order), the IdP's certificate in KeyInfo.
 */
import { SignedXml } from 'xml-crypto';
import type { SamlIdpKeys } from './idp-keys.js';
import { RSA_SHA256 } from './redirect-binding.js';

const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** `elementXml` (a document whose root has an ID and an Issuer child) with its root signed. */
export function signRootElement(elementXml: string, keys: SamlIdpKeys): string {
  const signer = new SignedXml({
    privateKey: keys.privateKeyPem,
    publicCert: keys.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  signer.addReference({ xpath: '/*', digestAlgorithm: SHA256, transforms: [ENVELOPED, EXCLUSIVE_C14N] });
  signer.computeSignature(elementXml, {
    prefix: 'ds',
    location: { reference: "/*/*[local-name()='Issuer']", action: 'after' },
  });
  return signer.getSignedXml();
}
