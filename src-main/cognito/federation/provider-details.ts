/**
 * ProviderDetails per provider type: what a request must give, and what Cognito adds when it
 * describes the provider (endpoint URLs, defaults). Caller-given keys win over the additions.
 *
 * A social provider's endpoints are the sandbox's built-in mocks (`{origin}/_mock-idp/google/...`,
 * the origin the request reached), so a pool signs in with Google, Facebook, Amazon or Apple
 * offline, unless the caller gave an endpoint URL of their own outside the mocks: then the real
 * provider's endpoints are added, as Cognito adds them. Google's and Apple's `oidc_issuer` stays
 * the real issuer (the mocks' ID tokens carry it) and their mocks' `jwks_uri` is added. The mock
 * Google's `attributes_url` is its OIDC userinfo (`attributes_url_add_attributes` false), not the
 * People API's `people/me?personFields=` that Cognito names for the real Google.
 *
 * OIDC endpoints the caller does not give are read from the issuer's discovery document when the
 * provider is created or updated, and stored with the details (oidc-discovery.ts); they are not
 * added here. A SAML `MetadataURL`'s endpoints come from its fetched document (saml-provider.ts). The refusals here use sandbox
 * wording: Cognito's texts for them are not known.
 */
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { MOCK_IDP_PATH } from '../../../shared/mock-idp.js';
import { InvalidParameterException } from '../errors.js';
import { samlEndpoints } from './saml-metadata.js';

type Details = Record<string, string>;

interface TypeRules {
  required: string[];
  /** Checks beyond presence. */
  check?(details: Details): void;
  /** What DescribeIdentityProvider adds to the stored details. */
  additions(details: Details): Details;
  /** A social provider's additions pointing at the sandbox's mock of it (`mockBase`: `{origin}/_mock-idp`). */
  mockAdditions?(details: Details, mockBase: string): Details;
  /** Kept for federation but never shown. */
  hidden?: string[];
  /** AttributeMapping when the request has none. */
  defaultAttributeMapping: Record<string, string>;
}

const SOCIAL_REQUIRED = ['client_id', 'client_secret', 'authorize_scopes'];
const DEFAULT_FACEBOOK_API_VERSION = 'v17.0';
const BOOLEAN_SAML_FLAGS = ['IDPSignout', 'IDPInit', 'EncryptedResponses'];

function checkOidc(details: Details): void {
  if (!['GET', 'POST'].includes(details.attributes_request_method!)) {
    throw new InvalidParameterException('attributes_request_method must be GET or POST.');
  }
  if (!URL.canParse(details.oidc_issuer!)) throw new InvalidParameterException('oidc_issuer must be a URL.');
}

function checkSaml(details: Details): void {
  if ((details.MetadataURL === undefined) === (details.MetadataFile === undefined)) {
    throw new InvalidParameterException('SAML identity providers need exactly one of MetadataURL and MetadataFile.');
  }
  if (details.MetadataFile !== undefined && !samlEndpoints(details.MetadataFile)) {
    throw new InvalidParameterException(
      'MetadataFile is not SAML metadata of an identity provider with an HTTP-Redirect SingleSignOnService.',
    );
  }
  for (const flag of BOOLEAN_SAML_FLAGS) {
    if (details[flag] !== undefined && !['true', 'false'].includes(details[flag])) {
      throw new InvalidParameterException(`${flag} must be true or false.`);
    }
  }
  if (details.RequestSigningAlgorithm !== undefined && details.RequestSigningAlgorithm !== 'rsa-sha256') {
    throw new InvalidParameterException('RequestSigningAlgorithm must be rsa-sha256.');
  }
}

function samlAdditions(details: Details): Details {
  const endpoints = details.MetadataFile === undefined ? undefined : samlEndpoints(details.MetadataFile);
  if (!endpoints) return {};
  return {
    SSORedirectBindingURI: endpoints.ssoRedirectBindingUri,
    ...(endpoints.sloRedirectBindingUri && { SLORedirectBindingURI: endpoints.sloRedirectBindingUri }),
  };
}

/** Facebook's endpoints for the API version, on Facebook's hosts or on its mock's base. */
function facebookAdditions(details: Details, mockBase?: string): Details {
  const version = details.api_version ?? DEFAULT_FACEBOOK_API_VERSION;
  const www = mockBase ? `${mockBase}/facebook` : 'https://www.facebook.com';
  const graph = mockBase ? `${mockBase}/facebook` : 'https://graph.facebook.com';
  return {
    api_version: version,
    attributes_url: `${graph}/${version}/me?fields=`,
    attributes_url_add_attributes: 'true',
    authorize_url: `${www}/${version}/dialog/oauth`,
    token_request_method: 'GET',
    token_url: `${graph}/${version}/oauth/access_token`,
  };
}

const RULES: Record<IdentityProviderTypeType, TypeRules> = {
  OIDC: {
    required: ['client_id', 'client_secret', 'authorize_scopes', 'attributes_request_method', 'oidc_issuer'],
    check: checkOidc,
    additions: () => ({ attributes_url_add_attributes: 'false' }),
    defaultAttributeMapping: { username: 'sub' },
  },
  SAML: {
    required: [],
    check: checkSaml,
    additions: samlAdditions,
    defaultAttributeMapping: {},
  },
  Google: {
    required: SOCIAL_REQUIRED,
    additions: () => ({
      attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
      attributes_url_add_attributes: 'true',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
      token_url: 'https://www.googleapis.com/oauth2/v4/token',
    }),
    mockAdditions: (_details, base) => ({
      attributes_url: `${base}/google/v1/userinfo`,
      attributes_url_add_attributes: 'false',
      authorize_url: `${base}/google/o/oauth2/v2/auth`,
      jwks_uri: `${base}/google/oauth2/v3/certs`,
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
      token_url: `${base}/google/token`,
    }),
    defaultAttributeMapping: { username: 'sub' },
  },
  Facebook: {
    required: SOCIAL_REQUIRED,
    additions: (details) => facebookAdditions(details),
    mockAdditions: facebookAdditions,
    defaultAttributeMapping: { username: 'id' },
  },
  LoginWithAmazon: {
    required: SOCIAL_REQUIRED,
    additions: () => ({
      attributes_url: 'https://api.amazon.com/user/profile',
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://www.amazon.com/ap/oa',
      token_request_method: 'POST',
      token_url: 'https://api.amazon.com/auth/o2/token',
    }),
    mockAdditions: (_details, base) => ({
      attributes_url: `${base}/amazon/user/profile`,
      attributes_url_add_attributes: 'false',
      authorize_url: `${base}/amazon/ap/oa`,
      token_request_method: 'POST',
      token_url: `${base}/amazon/auth/o2/token`,
    }),
    defaultAttributeMapping: { username: 'user_id' },
  },
  SignInWithApple: {
    required: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
    additions: () => ({
      attributes_url_add_attributes: 'false',
      authorize_url: 'https://appleid.apple.com/auth/authorize',
      oidc_issuer: 'https://appleid.apple.com',
      token_request_method: 'POST',
      token_url: 'https://appleid.apple.com/auth/token',
    }),
    mockAdditions: (_details, base) => ({
      attributes_url_add_attributes: 'false',
      authorize_url: `${base}/apple/auth/authorize`,
      jwks_uri: `${base}/apple/auth/keys`,
      oidc_issuer: 'https://appleid.apple.com',
      token_request_method: 'POST',
      token_url: `${base}/apple/auth/token`,
    }),
    hidden: ['private_key'],
    defaultAttributeMapping: { username: 'sub' },
  },
};

export function checkProviderDetails(type: IdentityProviderTypeType, details: Details): void {
  const rules = RULES[type];
  const missing = rules.required.find((key) => !details[key]);
  if (missing) throw new InvalidParameterException(`${missing} is required in ProviderDetails of a ${type} identity provider.`);
  rules.check?.(details);
}

export function defaultAttributeMapping(type: IdentityProviderTypeType): Record<string, string> {
  return { ...RULES[type].defaultAttributeMapping };
}

const ENDPOINT_KEYS = ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri'];

/** Whether the caller gave an endpoint URL outside the sandbox's mocks (a real provider's, or one of their own). */
function pointsAwayFromMocks(details: Details): boolean {
  return ENDPOINT_KEYS.some((key) => details[key] !== undefined && !URL.parse(details[key])?.pathname.startsWith(`${MOCK_IDP_PATH}/`));
}

function additionsOf(provider: Pick<IdentityProvider, 'type' | 'details'>, origin: string): Details {
  const rules = RULES[provider.type];
  if (rules.mockAdditions && !pointsAwayFromMocks(provider.details)) return rules.mockAdditions(provider.details, `${origin}${MOCK_IDP_PATH}`);
  return rules.additions(provider.details);
}

/**
 * Everything federation needs: the stored details, secrets included, with Cognito's additions;
 * `origin` (`http://HOST:PORT` as the request reached the sandbox) places the social mocks' URLs.
 */
export function effectiveDetails(provider: Pick<IdentityProvider, 'type' | 'details'>, origin: string): Details {
  return { ...additionsOf(provider, origin), ...provider.details };
}

/** The details as DescribeIdentityProvider shows them (at the request's `origin`). */
export function describedDetails(provider: Pick<IdentityProvider, 'type' | 'details'>, origin: string): Details {
  const details = effectiveDetails(provider, origin);
  for (const key of RULES[provider.type].hidden ?? []) delete details[key];
  return details;
}
