/**
 * An assertion encrypted for the SP (SAML 2.0 Core §2.3.4, XML Encryption 1.1): the signed
 * assertion under AES-256-GCM with a fresh key, the key under RSA-OAEP with the SP's encryption
 * certificate, both in one `<saml:EncryptedAssertion>`.
 */
import { createPublicKey } from 'node:crypto';
import { encrypt } from 'xml-encryption';
import { markup, xml, type XmlMarkup } from './xml.js';

const AES256_GCM = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
const RSA_OAEP = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';

export function encryptAssertion(signedAssertionXml: string, spCertificatePem: string): Promise<XmlMarkup> {
  const publicKey = createPublicKey(spCertificatePem).export({ type: 'spki', format: 'pem' });
  return new Promise((resolve, reject) => {
    encrypt(
      signedAssertionXml,
      {
        rsa_pub: publicKey,
        pem: spCertificatePem,
        encryptionAlgorithm: AES256_GCM,
        keyEncryptionAlgorithm: RSA_OAEP,
        disallowEncryptionWithInsecureAlgorithm: true,
      },
      (error, encryptedData) => {
        if (error) reject(error);
        else resolve(xml`<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${markup(encryptedData)}</saml:EncryptedAssertion>`);
      },
    );
  });
}
