/**
 * The mock IdP's answer to a sign-in (SAML 2.0 Core §3.3.3, Profiles §4.1.4): a Response with
 * Status Success and one Assertion for the chosen person: NameID persistent (the person's id, case
 * kept), bearer SubjectConfirmation (Recipient, NotOnOrAfter, InResponseTo), Conditions with the
 * SP as audience, an AuthnStatement with a SessionIndex, and the person's attributes. The
 * assertion is signed, then encrypted when the SP asks for it, then the Response is signed.
 * Times come from the sandbox clock.
 */
import type { Clock } from '../../../clock.js';
import type { Ids } from '../../../ids.js';
import { encryptAssertion } from './encryption.js';
import type { SamlIdpKeys } from './idp-keys.js';
import { signRootElement } from './signature.js';
import { markup, samlId, xml, type XmlMarkup } from './xml.js';

const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
const AUTHN_FAILED = 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed';
const PASSWORD_PROTECTED_TRANSPORT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const ATTRNAME_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const ATTRNAME_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
/** How long the SP may take to consume the assertion. */
const ASSERTION_LIFETIME_MS = 5 * 60 * 1000;
/** How long the IdP session the SessionIndex names lasts. */
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** Whom the mock signs in: the SAML NameID and attributes (name → value). */
export interface SamlPerson {
  id: string;
  claims: Record<string, string>;
}

/** Who answers whom, and where. */
export interface SamlAddressing {
  /** `{origin}/_mock-idp/saml`. */
  idpEntityId: string;
  /** The SP's entity ID: the audience. */
  spEntityId: string;
  /** Where the browser posts the Response: Destination and Recipient. */
  assertionConsumerServiceUrl: string;
  /** The AuthnRequest's ID; absent for an IdP-initiated (unsolicited) Response. */
  inResponseTo?: string;
}

export interface SamlAnswer extends SamlAddressing {
  person: SamlPerson;
  /** The SP's encryption certificate when it wants an EncryptedAssertion. */
  encryptFor?: string;
}

export interface SamlAnswerServices {
  clock: Clock;
  ids: Ids;
}

const instant = (ms: number) => new Date(ms).toISOString();

function attributeStatement(claims: Record<string, string>): XmlMarkup | '' {
  const names = Object.keys(claims);
  if (names.length === 0) return '';
  const attributes = names.map(
    (name) =>
      xml`<saml:Attribute Name="${name}" NameFormat="${/[:/]/.test(name) ? ATTRNAME_URI : ATTRNAME_BASIC}"><saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${claims[name]}</saml:AttributeValue></saml:Attribute>`,
  );
  return xml`<saml:AttributeStatement>${attributes}</saml:AttributeStatement>`;
}

function assertionXml(answer: SamlAnswer, services: SamlAnswerServices, now: number): string {
  const expires = instant(now + ASSERTION_LIFETIME_MS);
  const inResponseTo = answer.inResponseTo === undefined ? '' : xml` InResponseTo="${answer.inResponseTo}"`;
  return [
    xml`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId(services.ids)}" Version="2.0" IssueInstant="${instant(now)}">`,
    xml`<saml:Issuer>${answer.idpEntityId}</saml:Issuer>`,
    xml`<saml:Subject><saml:NameID Format="${PERSISTENT}">${answer.person.id}</saml:NameID>`,
    xml`<saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData NotOnOrAfter="${expires}" Recipient="${answer.assertionConsumerServiceUrl}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>`,
    xml`<saml:Conditions NotBefore="${instant(now)}" NotOnOrAfter="${expires}"><saml:AudienceRestriction><saml:Audience>${answer.spEntityId}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`,
    xml`<saml:AuthnStatement AuthnInstant="${instant(now)}" SessionIndex="${samlId(services.ids)}" SessionNotOnOrAfter="${instant(now + SESSION_LIFETIME_MS)}"><saml:AuthnContext><saml:AuthnContextClassRef>${PASSWORD_PROTECTED_TRANSPORT}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
    attributeStatement(answer.person.claims),
    '</saml:Assertion>',
  ].join('');
}

function responseXml(addressing: SamlAddressing, services: SamlAnswerServices, now: number, status: XmlMarkup, assertion: XmlMarkup | ''): string {
  const inResponseTo = addressing.inResponseTo === undefined ? '' : xml` InResponseTo="${addressing.inResponseTo}"`;
  return [
    xml`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="${samlId(services.ids)}" Version="2.0" IssueInstant="${instant(now)}" Destination="${addressing.assertionConsumerServiceUrl}"${inResponseTo}>`,
    xml`<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${addressing.idpEntityId}</saml:Issuer>`,
    xml`${status}${assertion}</samlp:Response>`,
  ].join('');
}

/** The signed Response, as the XML text that the SAMLResponse form field carries base64'd. */
export async function signedSamlResponse(answer: SamlAnswer, services: SamlAnswerServices, keys: SamlIdpKeys): Promise<string> {
  const now = services.clock.now();
  const signedAssertion = signRootElement(assertionXml(answer, services, now), keys);
  const assertion = answer.encryptFor ? await encryptAssertion(signedAssertion, answer.encryptFor) : markup(signedAssertion);
  const status = xml`<samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>`;
  return signRootElement(responseXml(answer, services, now, status, assertion), keys);
}

/** The signed Response of a sign-in the person cancelled: Responder / AuthnFailed, no assertion. */
export function signedCancelResponse(addressing: SamlAddressing, services: SamlAnswerServices, keys: SamlIdpKeys): string {
  const status = xml`<samlp:Status><samlp:StatusCode Value="${RESPONDER}"><samlp:StatusCode Value="${AUTHN_FAILED}"/></samlp:StatusCode><samlp:StatusMessage>The user cancelled the sign-in at the mock IdP.</samlp:StatusMessage></samlp:Status>`;
  return signRootElement(responseXml(addressing, services, services.clock.now(), status, ''), keys);
}
