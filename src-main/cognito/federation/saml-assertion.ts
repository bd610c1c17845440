/**
 * What a SAML assertion says, read from its XML: issuer, subject (NameID, kept exactly as sent:
 * Cognito compares it case-sensitively), subject confirmations, conditions, session index and
 * attributes; and the attributes as the claims the attribute mapping reads.
 *
 * Multi-valued attributes: Cognito passes the values as one string, each value URL form-encoded
 * when it has characters other than letters, digits and `. - * _` (the guide, "Specifying
 * identity provider attribute mappings"). Assumption: joined `[value1, value2]` (a comma and a
 * space between, in square brackets), as Cognito's users report of multi-valued group attributes;
 * a single value is passed as it is.
 */
import { attributeOf, childElement, childElements, SAML_ASSERTION, textOf } from './saml-xml.js';

export interface SubjectConfirmation {
  method?: string;
  recipient?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  inResponseTo?: string;
}

export interface AssertionContent {
  id?: string;
  issuer?: string;
  nameId?: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  confirmations: SubjectConfirmation[];
  conditions: { notBefore?: string; notOnOrAfter?: string; audiences: string[] };
  attributes: Record<string, string[]>;
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

function confirmationsOf(subject: Element | undefined): SubjectConfirmation[] {
  if (!subject) return [];
  return childElements(subject, SAML_ASSERTION, 'SubjectConfirmation').map((confirmation) => {
    const data = childElement(confirmation, SAML_ASSERTION, 'SubjectConfirmationData');
    const found: SubjectConfirmation = {};
    const set = (key: keyof SubjectConfirmation, value: string | undefined) => {
      if (value !== undefined) found[key] = value;
    };
    set('method', attributeOf(confirmation, 'Method'));
    set('recipient', attributeOf(data, 'Recipient'));
    set('notBefore', attributeOf(data, 'NotBefore'));
    set('notOnOrAfter', attributeOf(data, 'NotOnOrAfter'));
    set('inResponseTo', attributeOf(data, 'InResponseTo'));
    return found;
  });
}

function attributesOf(assertion: Element): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, SAML_ASSERTION, 'AttributeStatement')) {
    for (const attribute of childElements(statement, SAML_ASSERTION, 'Attribute')) {
      const name = attributeOf(attribute, 'Name');
      if (!name) continue;
      const values = childElements(attribute, SAML_ASSERTION, 'AttributeValue').map((value) => value.textContent ?? '');
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return attributes;
}

/** The assertion's content. Read it from verified XML only when it is to be trusted. */
export function readAssertion(assertion: Element): AssertionContent {
  const subject = childElement(assertion, SAML_ASSERTION, 'Subject');
  const nameId = childElement(subject, SAML_ASSERTION, 'NameID');
  const conditions = childElement(assertion, SAML_ASSERTION, 'Conditions');
  const restrictions = conditions ? childElements(conditions, SAML_ASSERTION, 'AudienceRestriction') : [];
  const audiences = restrictions.flatMap((restriction) => childElements(restriction, SAML_ASSERTION, 'Audience').map((audience) => textOf(audience) ?? ''));
  const content: AssertionContent = {
    confirmations: confirmationsOf(subject),
    conditions: { audiences },
    attributes: attributesOf(assertion),
  };
  const set = <K extends 'id' | 'issuer' | 'nameId' | 'nameIdFormat' | 'sessionIndex'>(key: K, value: string | undefined) => {
    if (value !== undefined) content[key] = value;
  };
  set('id', attributeOf(assertion, 'ID'));
  set('issuer', textOf(childElement(assertion, SAML_ASSERTION, 'Issuer')));
  // The NameID exactly as sent (not trimmed, not case-folded): it becomes the user's name.
  set('nameId', nameId?.textContent || undefined);
  set('nameIdFormat', attributeOf(nameId, 'Format'));
  set('sessionIndex', attributeOf(childElement(assertion, SAML_ASSERTION, 'AuthnStatement'), 'SessionIndex'));
  const notBefore = attributeOf(conditions, 'NotBefore');
  const notOnOrAfter = attributeOf(conditions, 'NotOnOrAfter');
  if (notBefore !== undefined) content.conditions.notBefore = notBefore;
  if (notOnOrAfter !== undefined) content.conditions.notOnOrAfter = notOnOrAfter;
  return content;
}

/** The bearer confirmations: the only kind a browser's POST can present. */
export function bearerConfirmations(content: AssertionContent): SubjectConfirmation[] {
  return content.confirmations.filter((confirmation) => confirmation.method === BEARER);
}

/** URL form encoding as Cognito applies it to multi-valued attributes: everything but letters, digits and `. - * _`; a space is `+`. */
function formEncoded(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The attributes as the claims the attribute mapping reads: one string per attribute. */
export function claimsOf(attributes: Record<string, string[]>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, values] of Object.entries(attributes)) {
    if (values.length === 0) continue;
    claims[name] = values.length === 1 ? values[0]! : `[${values.map(formEncoded).join(', ')}]`;
  }
  return claims;
}

/**
 * An attribute value Cognito does not accept: one with an emoji (the guide: base64 it at the IdP
 * instead). Assumption: what is refused is any character outside the Basic Multilingual Plane,
 * four bytes in UTF-8, as the guide's example emoji is.
 */
export function hasEmoji(value: string): boolean {
  return /[\u{10000}-\u{10FFFF}]/u.test(value);
}
