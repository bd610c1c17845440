/**
 * Reads what DescribeIdentityProvider shows from a SAML metadata document: the IdP's
 * HTTP-Redirect single sign-on and single logout endpoints. A tolerant scan of the XML (any
 * namespace prefix, either quote), not a validating parser: the document is the caller's own
 * IdP description, and only these attributes are needed here.
 */
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
