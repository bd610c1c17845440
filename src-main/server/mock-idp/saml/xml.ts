/**
 * XML in and out for the mock SAML IdP. Out: a tagged template that escapes every value it is
 * given (markup built by another `xml` template passes as it is), so a person's attributes or an
 * SP's IDs never become markup. In: a parser that refuses DTDs (entity expansion, external
 * entities) and any markup error instead of repairing it, as @xmldom/xmldom would.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Ids } from '../../../ids.js';

export const SAML_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

export class XmlMarkup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Characters XML 1.0 cannot carry at all are dropped; the rest escaped (whitespace too, so attribute values keep it). */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof XmlMarkup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeXml(String(value));
}

export function xml(strings: TemplateStringsArray, ...values: unknown[]): XmlMarkup {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new XmlMarkup(out);
}

/** A signed or encrypted element as text, trusted as markup (it was built here). */
export const markup = (text: string): XmlMarkup => new XmlMarkup(text);

/** A new message or assertion ID (an xs:ID, so it may not start with a digit). */
export const samlId = (ids: Pick<Ids, 'uuid'>): string => `_${ids.uuid().replace(/-/g, '')}`;

/** A refusal of what the SP sent: shown to the browser as a 400 page. */
export class BadSamlMessage extends Error {
  override name = 'BadSamlMessage';
}

/** The document, or BadSamlMessage: DTDs are refused before parsing, markup errors are not repaired. */
export function parseSamlXml(text: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new BadSamlMessage('The SAML message carries a DTD (<!DOCTYPE>), which SAML forbids.');
  const fail = (message: string) => {
    throw new BadSamlMessage(`The SAML message is not well-formed XML: ${message.split('\n')[0]}`);
  };
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml');
  if (!document.documentElement) throw new BadSamlMessage('The SAML message is not XML.');
  return document as unknown as Document;
}

/** The first child element of `parent` with that namespace and local name. */
export function childElement(parent: Element, namespace: string, localName: string): Element | undefined {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName) return node as Element;
  }
  return undefined;
}

/** An element's text, trimmed. */
export function textOf(element: Element | undefined): string | undefined {
  const text = element?.textContent?.trim();
  return text || undefined;
}
