/**
 * SAML's HTTP-Redirect binding (SAML 2.0 Bindings §3.4): a message is DEFLATEd, base64'd and put
 * in the query as SAMLRequest or SAMLResponse; a signed one adds SigAlg and a Signature over the
 * query's own bytes `SAMLRequest=…&RelayState=…&SigAlg=…` (as they were sent, not re-encoded).
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { decodeRedirectMessage } from '../../../cognito/federation/saml-xml.js';
import { BadSamlMessage } from './xml.js';

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export type RedirectMessageKind = 'SAMLRequest' | 'SAMLResponse';

/** The XML a redirect-binding parameter carries (bounded, see saml-xml.ts), or what is wrong with it. */
export function readRedirectMessage(value: unknown, kind: RedirectMessageKind): string {
  if (value === undefined || value === '') throw new BadSamlMessage(`${kind} is missing.`);
  if (typeof value !== 'string') throw new BadSamlMessage(`${kind} must be given once.`);
  return decodeRedirectMessage(value);
}

function encodeRedirectMessage(messageXml: string): string {
  return deflateRawSync(Buffer.from(messageXml, 'utf8')).toString('base64');
}

/** `location` with the message, RelayState and an rsa-sha256 signature over them in its query. */
export function signedRedirectUrl(location: string, kind: RedirectMessageKind, messageXml: string, relayState: string | undefined, privateKey: KeyObject): string {
  const parts = [`${kind}=${encodeURIComponent(encodeRedirectMessage(messageXml))}`];
  if (relayState !== undefined) parts.push(`RelayState=${encodeURIComponent(relayState)}`);
  parts.push(`SigAlg=${encodeURIComponent(RSA_SHA256)}`);
  const signed = parts.join('&');
  const signature = createSign('RSA-SHA256').update(signed).sign(privateKey, 'base64');
  const url = new URL(location);
  const query = `${signed}&Signature=${encodeURIComponent(signature)}`;
  return `${url.origin}${url.pathname}?${url.search ? `${url.search.slice(1)}&` : ''}${query}`;
}

/** The raw (still URL-encoded) value of each query parameter, first occurrence. */
function rawParameters(rawQuery: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    if (!parameters.has(name)) parameters.set(name, equals < 0 ? '' : pair.slice(equals + 1));
  }
  return parameters;
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new BadSamlMessage('The query string is not URL-encoded correctly.');
  }
}

/** Whether the query carries a redirect-binding signature (or half of one). */
export function carriesSignature(rawQuery: string): boolean {
  const raw = rawParameters(rawQuery);
  return raw.has('Signature') || raw.has('SigAlg');
}

/**
 * Checks the signature of the redirect-binding message in `rawQuery`: BadSamlMessage when it is
 * incomplete, made with another algorithm than rsa-sha256, or does not verify with `certificatePem`.
 */
export function checkRedirectSignature(rawQuery: string, kind: RedirectMessageKind, certificatePem: string): void {
  const raw = rawParameters(rawQuery);
  const signature = raw.get('Signature');
  const sigAlg = raw.get('SigAlg');
  if (signature === undefined || sigAlg === undefined) throw new BadSamlMessage('A signed message needs both SigAlg and Signature.');
  if (decoded(sigAlg) !== RSA_SHA256) throw new BadSamlMessage(`SigAlg ${decoded(sigAlg)} is not supported: the mock accepts ${RSA_SHA256}.`);
  const signed = [kind, 'RelayState', 'SigAlg']
    .filter((name) => raw.has(name))
    .map((name) => `${name}=${raw.get(name)}`)
    .join('&');
  const valid = createVerify('RSA-SHA256').update(signed).verify(certificatePem, decoded(signature), 'base64');
  if (!valid) throw new BadSamlMessage(`The ${kind}'s signature does not verify with the SP's signing certificate.`);
}
