/**
 * What the admin pages know about identity providers beyond the API: each type's ProviderDetails
 * fields (what CreateIdentityProvider takes, with Cognito's default scopes), the claims each
 * provider sends (for the AttributeMapping editor), how a form becomes ProviderDetails, the
 * `identities` attribute of a federated user, and a Sign in with Apple key made in the browser.
 *
 * ProviderDetails on edit: DescribeIdentityProvider shows what Cognito adds to a provider (its
 * endpoint URLs, `attributes_url_add_attributes`, a SAML provider's SSO URLs), and
 * UpdateIdentityProvider replaces the details as a whole; sending the additions back would pin
 * them. So an edit sends the type's own fields (an OIDC provider's endpoints are among them:
 * Cognito stores what discovery found) and the "other details" the admin chose to keep, and
 * shows the rest read-only as what Cognito adds.
 */
import type * as Cognito from '@aws-sdk/client-cognito-identity-provider';
import type { MockIdpKind } from '../../shared/mock-idp';

export type ProviderType = Cognito.IdentityProviderTypeType;

export interface DetailField {
  key: string;
  label: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  options?: string[];
  placeholder?: string;
  /** What a new provider's field holds. */
  initial?: string;
}

export interface ProviderTypeInfo {
  type: ProviderType;
  label: string;
  /** Social providers are named for their type. */
  fixedName?: string;
  /** The built-in mock that stands in for it. */
  mock: MockIdpKind;
  fields: DetailField[];
  /** The claims (or SAML attributes) it sends, suggested in the mapping editor. */
  claims: string[];
  /** A new provider's AttributeMapping: the username from the provider's user id, and the usual ones. */
  mapping: Record<string, string>;
}

const CLIENT_FIELDS = (idHint: string, secretHint: string): DetailField[] => [
  { key: 'client_id', label: 'Client ID', hint: idHint, required: true },
  { key: 'client_secret', label: 'Client secret', hint: secretHint, required: true },
];

export const PROVIDER_TYPES: readonly ProviderTypeInfo[] = [
  {
    type: 'OIDC',
    label: 'OpenID Connect',
    mock: 'oidc',
    fields: [
      ...CLIENT_FIELDS('The pool’s client at the provider.', 'Sent to the provider’s token endpoint (client_secret_post).'),
      { key: 'authorize_scopes', label: 'Authorized scopes', hint: 'Space-separated.', required: true, initial: 'openid email profile' },
      { key: 'attributes_request_method', label: 'Attributes request method', hint: 'How the sandbox calls the provider’s userInfo.', options: ['GET', 'POST'], required: true, initial: 'GET' },
      { key: 'oidc_issuer', label: 'Issuer URL', hint: 'No trailing slash; its /.well-known/openid-configuration fills the endpoints left blank.', required: true, placeholder: 'https://idp.example.com' },
      { key: 'authorize_url', label: 'Authorization endpoint', hint: 'Blank: from the discovery document.' },
      { key: 'token_url', label: 'Token endpoint', hint: 'Blank: from the discovery document.' },
      { key: 'attributes_url', label: 'UserInfo endpoint', hint: 'Blank: from the discovery document.' },
      { key: 'jwks_uri', label: 'JWKS URI', hint: 'Blank: from the discovery document.' },
    ],
    claims: ['sub', 'email', 'email_verified', 'name', 'given_name', 'family_name', 'preferred_username', 'phone_number', 'phone_number_verified', 'locale', 'zoneinfo', 'address', 'picture'],
    mapping: { username: 'sub', email: 'email', email_verified: 'email_verified', name: 'name' },
  },
  {
    type: 'SAML',
    label: 'SAML 2.0',
    mock: 'saml',
    fields: [
      { key: 'MetadataURL', label: 'Metadata URL', hint: 'The IdP’s metadata document, fetched by the sandbox.', placeholder: 'https://idp.example.com/metadata' },
      { key: 'MetadataFile', label: 'Metadata file', hint: 'Or the metadata XML itself.', multiline: true },
      { key: 'IDPSignout', label: 'Sign out at the IdP too (IDPSignout)', options: ['false', 'true'], initial: 'false' },
      { key: 'IDPInit', label: 'Accept IdP-initiated sign-in (IDPInit)', options: ['false', 'true'], initial: 'false' },
      { key: 'EncryptedResponses', label: 'Require encrypted assertions (EncryptedResponses)', options: ['false', 'true'], initial: 'false' },
      { key: 'RequestSigningAlgorithm', label: 'Sign AuthnRequests (RequestSigningAlgorithm)', options: ['', 'rsa-sha256'], initial: '' },
    ],
    claims: [
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
      'email',
      'firstName',
      'lastName',
    ],
    mapping: {},
  },
  {
    type: 'Google',
    label: 'Google',
    fixedName: 'Google',
    mock: 'google',
    fields: [
      ...CLIENT_FIELDS('Your Google OAuth client ID.', 'Its client secret.'),
      { key: 'authorize_scopes', label: 'Authorized scopes', hint: 'Space-separated.', required: true, initial: 'profile email openid' },
    ],
    claims: ['sub', 'email', 'email_verified', 'name', 'given_name', 'family_name', 'picture', 'locale', 'hd'],
    mapping: { username: 'sub', email: 'email', email_verified: 'email_verified', name: 'name' },
  },
  {
    type: 'Facebook',
    label: 'Facebook',
    fixedName: 'Facebook',
    mock: 'facebook',
    fields: [
      ...CLIENT_FIELDS('Your Facebook app ID.', 'Its app secret.'),
      { key: 'authorize_scopes', label: 'Authorized scopes', hint: 'Comma-separated.', required: true, initial: 'public_profile, email' },
      { key: 'api_version', label: 'Graph API version', placeholder: 'v17.0' },
    ],
    claims: ['id', 'email', 'name', 'first_name', 'last_name', 'picture'],
    mapping: { username: 'id', email: 'email', name: 'name' },
  },
  {
    type: 'LoginWithAmazon',
    label: 'Login with Amazon',
    fixedName: 'LoginWithAmazon',
    mock: 'amazon',
    fields: [
      ...CLIENT_FIELDS('Your Login with Amazon client ID.', 'Its client secret.'),
      { key: 'authorize_scopes', label: 'Authorized scopes', hint: 'Space-separated.', required: true, initial: 'profile postal_code' },
    ],
    claims: ['user_id', 'email', 'name', 'postal_code'],
    mapping: { username: 'user_id', email: 'email', name: 'name' },
  },
  {
    type: 'SignInWithApple',
    label: 'Sign in with Apple',
    fixedName: 'SignInWithApple',
    mock: 'apple',
    fields: [
      { key: 'client_id', label: 'Services ID', hint: 'Apple’s client_id.', required: true },
      { key: 'team_id', label: 'Team ID', required: true },
      { key: 'key_id', label: 'Key ID', required: true },
      { key: 'private_key', label: 'Private key', hint: 'PKCS#8 PEM (an EC P-256 key): signs the client-secret JWT. Describe never shows it again.', required: true, multiline: true },
      { key: 'authorize_scopes', label: 'Authorized scopes', hint: 'Space-separated.', required: true, initial: 'email name' },
    ],
    claims: ['sub', 'email', 'email_verified', 'is_private_email', 'firstName', 'lastName', 'name'],
    mapping: { username: 'sub', email: 'email', email_verified: 'email_verified' },
  },
];

export function providerTypeInfo(type: string | undefined): ProviderTypeInfo | undefined {
  return PROVIDER_TYPES.find((info) => info.type === type);
}

/** A SAML provider has one metadata source: a URL or the document. */
export type MetadataSource = 'MetadataURL' | 'MetadataFile';

export interface ProviderForm {
  type: ProviderType;
  name: string;
  /** The type's fields, by ProviderDetails key. */
  fields: Record<string, string>;
  metadataSource: MetadataSource;
  /** ProviderDetails beyond the type's fields that are sent (an endpoint the admin overrides). */
  extra: { key: string; value: string }[];
  /** What DescribeIdentityProvider added, shown read-only and not sent back. */
  added: Record<string, string>;
  mapping: { attribute: string; claim: string }[];
  /** One per line. */
  identifiers: string;
}

export function newProviderForm(type: ProviderType): ProviderForm {
  const info = providerTypeInfo(type)!;
  return {
    type,
    name: info.fixedName ?? '',
    fields: Object.fromEntries(info.fields.map((field) => [field.key, field.initial ?? ''])),
    metadataSource: 'MetadataURL',
    extra: [],
    added: {},
    mapping: Object.entries(info.mapping).map(([attribute, claim]) => ({ attribute, claim })),
    identifiers: '',
  };
}

/** The form for a described provider: its details split into the type's fields and what Cognito added. */
export function providerForm(provider: Pick<Cognito.IdentityProviderType, 'ProviderName' | 'ProviderType' | 'ProviderDetails' | 'AttributeMapping' | 'IdpIdentifiers'>): ProviderForm {
  const type = provider.ProviderType!;
  const form = newProviderForm(type);
  const details = provider.ProviderDetails ?? {};
  const own = new Set(providerTypeInfo(type)!.fields.map((field) => field.key));
  for (const key of own) form.fields[key] = details[key] ?? (key === 'MetadataURL' || key === 'MetadataFile' ? '' : form.fields[key]!);
  form.added = Object.fromEntries(Object.entries(details).filter(([key]) => !own.has(key)));
  form.metadataSource = details.MetadataFile !== undefined && details.MetadataURL === undefined ? 'MetadataFile' : 'MetadataURL';
  form.name = provider.ProviderName ?? form.name;
  form.mapping = Object.entries(provider.AttributeMapping ?? {}).map(([attribute, claim]) => ({ attribute, claim }));
  form.identifiers = (provider.IdpIdentifiers ?? []).join('\n');
  return form;
}

/** Ready ProviderDetails (a mock's) poured into the form: the type's fields filled, the rest kept as other details. */
export function withDetails(form: ProviderForm, details: Record<string, string>): ProviderForm {
  const own = new Set(providerTypeInfo(form.type)!.fields.map((field) => field.key));
  const fields = { ...form.fields };
  const extra = form.extra.filter((row) => !(row.key in details));
  for (const [key, value] of Object.entries(details)) {
    if (own.has(key)) fields[key] = value;
    else extra.push({ key, value });
  }
  const metadataSource: MetadataSource = details.MetadataFile !== undefined ? 'MetadataFile' : details.MetadataURL !== undefined ? 'MetadataURL' : form.metadataSource;
  return { ...form, fields, extra, metadataSource };
}

/** Keeps one of Cognito's additions as a detail the admin sends (to override it). */
export function overrideAdded(form: ProviderForm, key: string): ProviderForm {
  const { [key]: value, ...added } = form.added;
  return { ...form, added, extra: [...form.extra, { key, value: value ?? '' }] };
}

/** The ProviderDetails a form sends: the type's filled fields, the SAML metadata source chosen, and the other details. */
export function providerDetails(form: ProviderForm): Record<string, string> {
  const details: Record<string, string> = {};
  for (const field of providerTypeInfo(form.type)!.fields) {
    const value = form.fields[field.key]?.trim() ?? '';
    if (field.key === 'MetadataURL' || field.key === 'MetadataFile') {
      if (field.key === form.metadataSource && value) details[field.key] = field.key === 'MetadataFile' ? (form.fields[field.key] ?? '') : value;
      continue;
    }
    if (value) details[field.key] = field.multiline ? form.fields[field.key]! : value;
  }
  for (const { key, value } of form.extra) if (key.trim()) details[key.trim()] = value;
  return details;
}

/** What the form lacks before Cognito would take it, in words; none when it can be sent. */
export function providerFormProblems(form: ProviderForm): string[] {
  const problems: string[] = [];
  if (!form.name.trim()) problems.push('The provider needs a name.');
  for (const field of providerTypeInfo(form.type)!.fields) {
    if (field.required && !form.fields[field.key]?.trim()) problems.push(`${field.label} is required.`);
  }
  if (form.type === 'SAML' && !form.fields[form.metadataSource]?.trim()) problems.push(form.metadataSource === 'MetadataURL' ? 'Give the metadata URL.' : 'Give the metadata file.');
  const attributes = form.mapping.map((row) => row.attribute.trim()).filter(Boolean);
  const repeated = attributes.find((attribute, i) => attributes.indexOf(attribute) !== i);
  if (repeated) problems.push(`${repeated} is mapped twice.`);
  return problems;
}

export function attributeMapping(form: ProviderForm): Record<string, string> {
  return Object.fromEntries(form.mapping.filter((row) => row.attribute.trim() && row.claim.trim()).map((row) => [row.attribute.trim(), row.claim.trim()]));
}

export function idpIdentifiers(form: ProviderForm): string[] {
  return form.identifiers
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** One entry of a federated user's `identities` attribute (and ID token claim). */
export interface LinkedIdentity {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: boolean;
  /** Epoch milliseconds. */
  dateCreated: number | null;
}

/** The `identities` attribute, a JSON array as Cognito writes it; none for a malformed or missing one. */
export function parseIdentities(value: string | undefined): LinkedIdentity[] {
  if (!value) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item) => {
    if (!item || typeof item !== 'object') return [];
    const entry = item as Record<string, unknown>;
    const dateCreated = Number(entry.dateCreated);
    return [
      {
        userId: String(entry.userId ?? ''),
        providerName: String(entry.providerName ?? ''),
        providerType: String(entry.providerType ?? ''),
        issuer: typeof entry.issuer === 'string' ? entry.issuer : null,
        primary: entry.primary === true || entry.primary === 'true',
        dateCreated: Number.isFinite(dateCreated) && dateCreated > 0 ? dateCreated : null,
      },
    ];
  });
}

/**
 * The attribute a linked source user is named by: `Cognito_Subject` (the provider's user id) for
 * social and OIDC providers; for SAML the NameID is what Cognito keeps as the subject too.
 */
export const SUBJECT_ATTRIBUTE = 'Cognito_Subject';

/** An EC P-256 private key in PKCS#8 PEM, as Sign in with Apple hands one out, made with WebCrypto. */
export async function generateAppleKey(): Promise<{ privateKey: string; keyId: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  let binary = '';
  for (const byte of pkcs8) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g)!;
  const keyId = Array.from(crypto.getRandomValues(new Uint8Array(5)), (byte) => byte.toString(36).toUpperCase().padStart(2, '0')).join('').slice(0, 10);
  return { privateKey: `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`, keyId };
}
