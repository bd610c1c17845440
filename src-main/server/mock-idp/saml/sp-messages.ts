/**
 * What the mock reads from the SP's messages: the AuthnRequest it answers with an assertion, the
 * LogoutRequest it answers with a LogoutResponse, and the LogoutResponse that ends a logout it
 * started. Each is checked for the shape SAML 2.0 Core gives it; anything else is BadSamlMessage.
 */
import { childElement, parseSamlXml, SAML_ASSERTION, SAML_PROTOCOL, textOf } from '../../../cognito/federation/saml-xml.js';
import { BadSamlMessage } from './xml.js';

const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
/** xs:ID is an NCName; 256 characters is far more than any SP uses. */
const SAML_ID = /^[A-Za-z_][\w.-]{0,255}$/;

export interface AuthnRequestFacts {
  id: string;
  /** The SP's entity ID. */
  issuer: string;
  assertionConsumerServiceUrl?: string;
}

export interface LogoutRequestFacts {
  id: string;
  issuer: string;
  nameId: string;
  sessionIndex?: string;
}

export interface LogoutResponseFacts {
  inResponseTo?: string;
  issuer: string;
  succeeded: boolean;
}

/** The root element, which must be `samlp:{localName}`, SAML 2.0, with an ID. */
function protocolRoot(messageXml: string, localName: string): Element {
  const root = parseSamlXml(messageXml).documentElement;
  if (root.namespaceURI !== SAML_PROTOCOL || root.localName !== localName) {
    throw new BadSamlMessage(`Expected a SAML 2.0 ${localName}, got <${root.nodeName}>.`);
  }
  if (root.getAttribute('Version') !== '2.0') throw new BadSamlMessage(`The ${localName} is not SAML version 2.0.`);
  if (!SAML_ID.test(root.getAttribute('ID') ?? '')) throw new BadSamlMessage(`The ${localName} has no valid ID.`);
  return root;
}

function issuerOf(root: Element): string {
  const issuer = textOf(childElement(root, SAML_ASSERTION, 'Issuer'));
  if (!issuer) throw new BadSamlMessage(`The ${root.localName} names no Issuer (the SP's entity ID).`);
  return issuer;
}

export function readAuthnRequest(messageXml: string): AuthnRequestFacts {
  const root = protocolRoot(messageXml, 'AuthnRequest');
  const binding = root.getAttribute('ProtocolBinding');
  if (binding && binding !== HTTP_POST) {
    throw new BadSamlMessage(`ProtocolBinding ${binding} is not supported: the mock IdP answers with the HTTP-POST binding.`);
  }
  if (root.hasAttribute('AssertionConsumerServiceIndex') && !root.hasAttribute('AssertionConsumerServiceURL')) {
    throw new BadSamlMessage('AssertionConsumerServiceIndex is not supported: send AssertionConsumerServiceURL.');
  }
  const acs = root.getAttribute('AssertionConsumerServiceURL');
  return { id: root.getAttribute('ID')!, issuer: issuerOf(root), ...(acs && { assertionConsumerServiceUrl: acs }) };
}

export function readLogoutRequest(messageXml: string): LogoutRequestFacts {
  const root = protocolRoot(messageXml, 'LogoutRequest');
  const nameId = textOf(childElement(root, SAML_ASSERTION, 'NameID'));
  if (!nameId) throw new BadSamlMessage('The LogoutRequest names no NameID.');
  const sessionIndex = textOf(childElement(root, SAML_PROTOCOL, 'SessionIndex'));
  return { id: root.getAttribute('ID')!, issuer: issuerOf(root), nameId, ...(sessionIndex && { sessionIndex }) };
}

export function readLogoutResponse(messageXml: string): LogoutResponseFacts {
  const root = protocolRoot(messageXml, 'LogoutResponse');
  const status = childElement(root, SAML_PROTOCOL, 'Status');
  const code = status && childElement(status, SAML_PROTOCOL, 'StatusCode')?.getAttribute('Value');
  const inResponseTo = root.getAttribute('InResponseTo');
  return { issuer: issuerOf(root), succeeded: code === SUCCESS, ...(inResponseTo && { inResponseTo }) };
}
