/**
 * The mock IdP's SAML metadata (SAML 2.0 Metadata §2.4.3) at `{origin}/_mock-idp/saml/metadata`:
 * what CreateIdentityProvider takes as MetadataFile (or fetches as MetadataURL) to wire a pool to
 * the mock in one call. Its endpoints are at the origin the request reached.
 */
import type { SamlIdpKeys } from './idp-keys.js';
import { xml } from './xml.js';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const NAME_ID_FORMATS = [
  'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
];

export function mockIdpEntityId(origin: string): string {
  return `${origin}/_mock-idp/saml`;
}

export function idpMetadata(origin: string, keys: SamlIdpKeys): string {
  const entityId = mockIdpEntityId(origin);
  return xml`<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${keys.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="${REDIRECT}" Location="${entityId}/slo"/>
${NAME_ID_FORMATS.map((format) => xml`    <md:NameIDFormat>${format}</md:NameIDFormat>\n`)}    <md:SingleSignOnService Binding="${REDIRECT}" Location="${entityId}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`.text;
}
