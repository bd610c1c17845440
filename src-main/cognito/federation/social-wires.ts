/**
 * How each OIDC or social provider type is spoken to, where they differ:
 * - OIDC providers, Google and Sign in with Apple are OpenID Connect (an ID token, a nonce);
 *   Facebook and Login with Amazon plain OAuth 2.0 with a profile call.
 * - The user's id at the provider: `sub`, Facebook `id`, Amazon `user_id` (the guide's "username
 *   source attribute" table).
 * - Scopes: authorize_scopes as the caller wrote them, split on spaces and commas (the guide asks for
 *   commas for Facebook, spaces for the others) and sent comma-separated to Facebook, space-separated
 *   to the others.
 * - Apple: `response_mode=form_post` when the scopes ask for name or email (Apple requires it), and a
 *   client_secret that is an ES256 JWT signed with the provider's private_key (kid key_id, iss
 *   team_id, sub client_id, aud https://appleid.apple.com, five minutes).
 * - The token request: a form POST with client_secret_post; a GET with the same values in the query
 *   when token_request_method is GET (Facebook).
 * - The keys of ID tokens: jwks_uri of the details, else Google's and Apple's published JWKS.
 */
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, importPKCS8 } from 'jose';
import type { FederationProtocol } from './types.js';
import { FederationError } from './types.js';

type OAuthProviderType = Exclude<IdentityProviderTypeType, 'SAML'>;

interface Wire {
  protocol: FederationProtocol;
  userIdClaim: 'sub' | 'id' | 'user_id';
  scopeSeparator: ' ' | ',';
  /** The issuers an ID token may name, when the details' oidc_issuer is not the only one. */
  extraIssuers?: string[];
  defaultJwksUri?: string;
}

const WIRES: Record<OAuthProviderType, Wire> = {
  OIDC: { protocol: 'oidc', userIdClaim: 'sub', scopeSeparator: ' ' },
  Google: {
    protocol: 'oidc',
    userIdClaim: 'sub',
    scopeSeparator: ' ',
    extraIssuers: ['accounts.google.com'],
    defaultJwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
  },
  SignInWithApple: { protocol: 'oidc', userIdClaim: 'sub', scopeSeparator: ' ', defaultJwksUri: 'https://appleid.apple.com/auth/keys' },
  Facebook: { protocol: 'oauth2', userIdClaim: 'id', scopeSeparator: ',' },
  LoginWithAmazon: { protocol: 'oauth2', userIdClaim: 'user_id', scopeSeparator: ' ' },
};

export const APPLE_AUDIENCE = 'https://appleid.apple.com';
const APPLE_CLIENT_SECRET_LIFETIME_S = 300;

export function wireOf(type: IdentityProviderTypeType): Wire {
  const wire = WIRES[type as OAuthProviderType];
  if (!wire) throw new Error(`${type} providers do not speak OAuth`);
  return wire;
}

export function scopesOf(details: Record<string, string>): string[] {
  return (details.authorize_scopes ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The authorize request's parameters besides the common ones (response_type, client_id, redirect_uri, scope, state). */
export function extraAuthorizeParameters(type: IdentityProviderTypeType, scopes: string[], nonce: string | undefined): Record<string, string> {
  const extra: Record<string, string> = {};
  if (nonce) extra.nonce = nonce;
  if (type === 'SignInWithApple' && scopes.some((scope) => scope === 'name' || scope === 'email')) extra.response_mode = 'form_post';
  return extra;
}

export function jwksUriOf(type: IdentityProviderTypeType, details: Record<string, string>): string | undefined {
  return details.jwks_uri ?? wireOf(type).defaultJwksUri;
}

export function issuersOf(type: IdentityProviderTypeType, details: Record<string, string>): string[] {
  return [details.oidc_issuer!, ...(wireOf(type).extraIssuers ?? [])];
}

/** Apple's private_key as a PEM: the console takes the .p8 file's text, with or without its armour. */
function pkcs8Pem(privateKey: string): string {
  if (privateKey.includes('-----BEGIN')) return privateKey.replace(/\\n/g, '\n');
  const body = privateKey.replace(/\s+/g, '');
  return `-----BEGIN PRIVATE KEY-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END PRIVATE KEY-----`;
}

/** Sign in with Apple's client_secret: an ES256 JWT the provider's private key signs. */
export async function appleClientSecret(details: Record<string, string>, nowMs: number): Promise<string> {
  let key;
  try {
    key = await importPKCS8(pkcs8Pem(details.private_key ?? ''), 'ES256');
  } catch {
    throw new FederationError('invalid_request', 'SignInWithApple Error - the private_key is not an ES256 (P-256) private key in PKCS #8');
  }
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: details.key_id! })
    .setIssuer(details.team_id!)
    .setSubject(details.client_id!)
    .setAudience(APPLE_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + APPLE_CLIENT_SECRET_LIFETIME_S)
    .sign(key);
}

/**
 * The name and email of Apple's `user` form field (sent on the user's first sign-in only, unsigned):
 * `firstName`, `lastName`, `name` ("first last") and `email`, as Cognito's Apple attribute names have them.
 * Undefined when the field is not Apple's JSON.
 */
export function appleUserClaims(user: string | undefined): Record<string, string> | undefined {
  if (!user) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(user);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { name, email } = parsed as { name?: { firstName?: unknown; lastName?: unknown }; email?: unknown };
  const claims: Record<string, string> = {};
  const firstName = typeof name?.firstName === 'string' ? name.firstName : undefined;
  const lastName = typeof name?.lastName === 'string' ? name.lastName : undefined;
  if (firstName) claims.firstName = firstName;
  if (lastName) claims.lastName = lastName;
  if (firstName || lastName) claims.name = [firstName, lastName].filter(Boolean).join(' ');
  if (typeof email === 'string') claims.email = email;
  return claims;
}
