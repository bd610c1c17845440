/**
 * The XML the mock SAML IdP writes: a tagged template that escapes every value it is given
 * (markup built by another `xml` template passes as it is), so a person's attributes or an SP's
 * IDs never become markup. What it reads is parsed by the SP's strict reader
 * (cognito/federation/saml-xml.ts: bounded, no DTD, no repaired markup).
 */
import type { Ids } from '../../../ids.js';

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
