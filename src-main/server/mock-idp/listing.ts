/**
 * The built-in mocks as the debugger lists them: for each, CreateIdentityProvider's input that
 * wires a pool to it at the origin asked from (the OIDC mock's issuer, the SAML mock's metadata
 * URL, a client_id and secret the social mocks accept once a pool stores them, Apple's team, key id
 * and a private key kept for the purpose), an attribute mapping of its claim names, and its URLs.
 * The window's demo button creates a pool's providers from these in one call each.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { MOCK_IDP_KINDS, MOCK_IDP_LABELS, MOCK_IDP_PATH, mockIdpPeoplePage, type MockIdpKind } from '../../../shared/mock-idp.js';
import type { MockIdpListItem } from '../../../shared/debugger-api.js';
import { effectiveDetails } from '../../cognito/federation/provider-details.js';
import type { Store } from '../../store/index.js';
import { MOCK_PROVIDER_TYPES } from './requesters.js';

const SECRET_SUGGESTION = 'sandbox-mock-client-secret';
const APPLE_TEAM_ID = 'SANDBOXTM1';
const APPLE_KEY_ID = 'SANDBOXKY1';
const APPLE_CLIENT_KEY = 'apple-client';

/** The Sign in with Apple private key (.p8, PKCS #8 PEM) suggested to pools: made once and kept, so the suggestion does not change. */
function appleClientKeyPem(store: Store): string {
  let kept = store.mockIdpKeys.find(APPLE_CLIENT_KEY);
  if (!kept) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    kept = store.mockIdpKeys.keep({ name: APPLE_CLIENT_KEY, kid: APPLE_KEY_ID, privateJwk: JSON.stringify(privateKey.export({ format: 'jwk' })), created: Date.now() });
  }
  return createPrivateKey({ key: JSON.parse(kept.privateJwk), format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}

interface Suggestion {
  providerName: string;
  providerDetails: Record<string, string>;
  attributeMapping: Record<string, string>;
  urls: Record<string, string>;
}

const OIDC_MAPPING = { username: 'sub', email: 'email', email_verified: 'email_verified', name: 'name', given_name: 'given_name', family_name: 'family_name' };

function suggestion(store: Store, idp: MockIdpKind, origin: string): Suggestion {
  const base = `${origin}${MOCK_IDP_PATH}/${idp}`;
  switch (idp) {
    case 'oidc':
      return {
        providerName: 'MockOIDC',
        providerDetails: { client_id: 'sandbox-mock-oidc', client_secret: SECRET_SUGGESTION, authorize_scopes: 'openid email profile', attributes_request_method: 'GET', oidc_issuer: base },
        attributeMapping: OIDC_MAPPING,
        urls: { issuer: base, discovery: `${base}/.well-known/openid-configuration`, jwks: `${base}/jwks` },
      };
    case 'saml':
      return {
        providerName: 'MockSAML',
        providerDetails: { MetadataURL: `${base}/metadata`, IDPSignout: 'true', IDPInit: 'true' },
        attributeMapping: { email: 'email', given_name: 'firstName', family_name: 'lastName' },
        urls: { entityId: base, metadata: `${base}/metadata`, sso: `${base}/sso`, slo: `${base}/slo`, idpInitiated: `${base}/idp-initiated?sp=urn:amazon:cognito:sp:{userPoolId}` },
      };
    case 'google':
      return social('google', { client_id: 'sandbox-mock.apps.googleusercontent.com', client_secret: SECRET_SUGGESTION, authorize_scopes: 'openid email profile' }, { ...OIDC_MAPPING, picture: 'picture' });
    case 'facebook':
      return social('facebook', { client_id: '1000000000000001', client_secret: SECRET_SUGGESTION, authorize_scopes: 'public_profile,email' }, {
        username: 'id',
        email: 'email',
        name: 'name',
        given_name: 'first_name',
        family_name: 'last_name',
      });
    case 'amazon':
      return social('amazon', { client_id: 'amzn1.application-oa2-client.sandboxmock', client_secret: SECRET_SUGGESTION, authorize_scopes: 'profile postal_code' }, {
        username: 'user_id',
        email: 'email',
        name: 'name',
      });
    case 'apple':
      return social(
        'apple',
        { client_id: 'com.example.sandbox.signin', team_id: APPLE_TEAM_ID, key_id: APPLE_KEY_ID, private_key: appleClientKeyPem(store), authorize_scopes: 'name email' },
        { username: 'sub', email: 'email', email_verified: 'email_verified', given_name: 'firstName', family_name: 'lastName' },
      );
  }

  function social(kind: MockIdpKind, providerDetails: Record<string, string>, attributeMapping: Record<string, string>): Suggestion {
    const type = MOCK_PROVIDER_TYPES[kind];
    const described = effectiveDetails({ type, details: providerDetails }, origin);
    const urls: Record<string, string> = {};
    for (const key of ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri'] as const) if (described[key]) urls[key] = described[key];
    return { providerName: type, providerDetails, attributeMapping, urls };
  }
}

export function mockIdpListing(store: Store, origin: string): MockIdpListItem[] {
  return MOCK_IDP_KINDS.map((idp) => ({
    idp,
    label: MOCK_IDP_LABELS[idp],
    providerType: MOCK_PROVIDER_TYPES[idp] as MockIdpListItem['providerType'],
    ...suggestion(store, idp, origin),
    people: store.mockIdpPeople.list(idp).length,
    peoplePage: mockIdpPeoplePage(idp),
  }));
}
