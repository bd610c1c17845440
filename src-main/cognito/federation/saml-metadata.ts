/**
 * Reads what DescribeIdentityProvider shows from a SAML metadata document: the IdP's
 * HTTP-Redirect single sign-on and single logout endpoints. A tolerant scan of the XML (any
 * namespace prefix, either quote), not a validating parser: the document is the caller's own
 * IdP description, and only these attributes are needed here.
 *
 * describeSamlIdp reads what signing users in needs (entity ID, signing certificates, endpoints)
 * with the strict parser the SP uses for the messages themselves.
 */
import { attributeOf, childElement, childElements, parseSamlXml, SAML_METADATA, UnreadableSamlMessage, XML_DSIG } from './saml-xml.js';

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface SamlEndpoints {
  ssoRedirectBindingUri: string;
  sloRedirectBindingUri?: string;
}

/** The inside of the first `<IDPSSODescriptor>` element, whatever its prefix. */
function idpDescriptor(xml: string): string | undefined {
  const open = /<(?:([\w.-]+):)?IDPSSODescriptor\b[^>]*>/.exec(xml);
  if (!open) return undefined;
  const prefix = open[1] ? `${open[1]}:` : '';
  const close = xml.indexOf(`</${prefix}IDPSSODescriptor>`, open.index);
  return close < 0 ? undefined : xml.slice(open.index + open[0].length, close);
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : decodeEntities(value);
}

function decodeEntities(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The Location of the first `<element>` inside `scope` with the HTTP-Redirect binding. */
function redirectLocation(scope: string, element: string): string | undefined {
  for (const match of scope.matchAll(new RegExp(`<(?:[\\w.-]+:)?${element}\\b([^>]*)>`, 'g'))) {
    if (attribute(match[1]!, 'Binding') === REDIRECT_BINDING) return attribute(match[1]!, 'Location');
  }
  return undefined;
}

/** The endpoints, or undefined when the document describes no IdP with a redirect SSO endpoint. */
export function samlEndpoints(metadata: string): SamlEndpoints | undefined {
  const descriptor = idpDescriptor(metadata);
  if (!descriptor) return undefined;
  const ssoRedirectBindingUri = redirectLocation(descriptor, 'SingleSignOnService');
  if (!ssoRedirectBindingUri) return undefined;
  const sloRedirectBindingUri = redirectLocation(descriptor, 'SingleLogoutService');
  return { ssoRedirectBindingUri, ...(sloRedirectBindingUri && { sloRedirectBindingUri }) };
}

/** What the SP needs of an IdP's metadata to sign its users in. */
export interface SamlIdpDescription extends SamlEndpoints {
  entityId: string;
  /** The IdP's signing certificates (base64 DER, as in `<ds:X509Certificate>`): a signature by any of them is trusted. */
  signingCertificates: string[];
}

function signingCertificatesOf(descriptor: Element): string[] {
  const certificates: string[] = [];
  for (const keyDescriptor of childElements(descriptor, SAML_METADATA, 'KeyDescriptor')) {
    const use = attributeOf(keyDescriptor, 'use');
    if (use !== undefined && use !== 'signing') continue;
    const data = childElement(childElement(keyDescriptor, XML_DSIG, 'KeyInfo'), XML_DSIG, 'X509Data');
    for (const certificate of data ? childElements(data, XML_DSIG, 'X509Certificate') : []) {
      const body = certificate.textContent?.replace(/\s+/g, '');
      if (body) certificates.push(body);
    }
  }
  return certificates;
}

function redirectEndpoint(descriptor: Element, element: string): string | undefined {
  const endpoint = childElements(descriptor, SAML_METADATA, element).find((candidate) => attributeOf(candidate, 'Binding') === REDIRECT_BINDING);
  return attributeOf(endpoint, 'Location');
}

/** The first entity of the document (an EntityDescriptor, or one inside EntitiesDescriptor) that is an IdP. */
function idpEntity(root: Element): { entity: Element; descriptor: Element } | undefined {
  const entities = root.localName === 'EntitiesDescriptor' ? childElements(root, SAML_METADATA, 'EntityDescriptor') : [root];
  for (const entity of entities) {
    if (entity.namespaceURI !== SAML_METADATA || entity.localName !== 'EntityDescriptor') continue;
    const descriptor = childElement(entity, SAML_METADATA, 'IDPSSODescriptor');
    if (descriptor) return { entity, descriptor };
  }
  return undefined;
}

/**
 * The IdP the metadata describes, read by a strict parser (no DTD); undefined when the document
 * is not IdP metadata with an entity ID, a signing certificate and an HTTP-Redirect SSO endpoint.
 */
export function describeSamlIdp(metadata: string): SamlIdpDescription | undefined {
  let root: Element;
  try {
    root = parseSamlXml(metadata).documentElement;
  } catch (error) {
    if (error instanceof UnreadableSamlMessage) return undefined;
    throw error;
  }
  const found = idpEntity(root);
  const entityId = attributeOf(found?.entity, 'entityID');
  if (!found || !entityId) return undefined;
  const ssoRedirectBindingUri = redirectEndpoint(found.descriptor, 'SingleSignOnService');
  const signingCertificates = signingCertificatesOf(found.descriptor);
  if (!ssoRedirectBindingUri || signingCertificates.length === 0) return undefined;
  const sloRedirectBindingUri = redirectEndpoint(found.descriptor, 'SingleLogoutService');
  return { entityId, signingCertificates, ssoRedirectBindingUri, ...(sloRedirectBindingUri && { sloRedirectBindingUri }) };
}
