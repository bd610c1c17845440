/**
 * SAML messages as they arrive from a browser: base64 (POST binding) or deflated base64
 * (HTTP-Redirect binding), bounded in size, then parsed without a DTD (no entity expansion, no
 * external entities: XXE and "billion laughs" are refused before parsing) and without the
 * repairs @xmldom/xmldom reports making of broken markup. Also the pretty-printing the debugger
 * shows.
 *
 * Limitations: xmldom does not report every well-formedness error (crossed end tags, text after
 * the root element): such a document is read as xmldom repairs it, and the signature check that
 * follows judges it.
 */
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import xmlFormat from 'xml-formatter';

export const SAML_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const SAML_METADATA = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const XML_DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/** The largest SAML message read, decoded: a response with hundreds of attributes is far smaller. */
export const SAML_MESSAGE_LIMIT = 256 * 1024;

/** What was sent is not a SAML message this SP reads: not base64, too large, not XML, or with a DTD. */
export class UnreadableSamlMessage extends Error {
  override name = 'UnreadableSamlMessage';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function base64Bytes(encoded: string): Buffer {
  const compact = encoded.replace(/\s+/g, '');
  if (compact.length === 0) throw new UnreadableSamlMessage('The SAML message is empty.');
  if (compact.length > Math.ceil((SAML_MESSAGE_LIMIT * 4) / 3) + 4) throw new UnreadableSamlMessage(`The SAML message is larger than ${SAML_MESSAGE_LIMIT} bytes.`);
  if (!BASE64.test(compact) || compact.length % 4 === 1) throw new UnreadableSamlMessage('The SAML message is not base64.');
  return Buffer.from(compact, 'base64');
}

/** The XML of a POST-binding message (SAMLResponse, SAMLRequest): base64 of the document. */
export function decodePostMessage(encoded: string): string {
  return base64Bytes(encoded).toString('utf8');
}

/** The XML of an HTTP-Redirect-binding message: base64 of the DEFLATE-compressed document. */
export function decodeRedirectMessage(encoded: string): string {
  const compressed = base64Bytes(encoded);
  try {
    return inflateRawSync(compressed, { maxOutputLength: SAML_MESSAGE_LIMIT }).toString('utf8');
  } catch (error) {
    if (error instanceof RangeError) throw new UnreadableSamlMessage(`The SAML message inflates to more than ${SAML_MESSAGE_LIMIT} bytes.`);
    throw new UnreadableSamlMessage('The SAML message is not DEFLATE-compressed base64.');
  }
}

/** The document, or UnreadableSamlMessage: DTDs are refused before parsing, markup errors are not repaired. */
export function parseSamlXml(text: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new UnreadableSamlMessage('The SAML message carries a DTD (<!DOCTYPE>), which SAML forbids.');
  const fail = (message: string) => {
    throw new UnreadableSamlMessage(`The SAML message is not well-formed XML: ${message.split('\n')[0]}`);
  };
  // xmldom's warnings are all repairs of broken markup (unquoted attributes, unclosed tags): refused too.
  const document = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml');
  if (!document?.documentElement) throw new UnreadableSamlMessage('The SAML message is not XML.');
  return document as unknown as Document;
}

/** The child elements of `parent` with that namespace and local name, in order. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName) found.push(node as Element);
  }
  return found;
}

export function childElement(parent: Element | undefined, namespace: string, localName: string): Element | undefined {
  return parent && childElements(parent, namespace, localName)[0];
}

/** An element's text, trimmed; undefined when empty. */
export function textOf(element: Element | undefined): string | undefined {
  const text = element?.textContent?.trim();
  return text || undefined;
}

/** An attribute's value; undefined when absent. */
export function attributeOf(element: Element | undefined, name: string): string | undefined {
  return element?.hasAttribute(name) ? element.getAttribute(name)! : undefined;
}

/** The document indented for reading; as it came when it cannot be formatted. */
export function prettyXml(text: string): string {
  return xmlFormat(text, { indentation: '  ', collapseContent: true, lineSeparator: '\n', throwOnFailure: false });
}
