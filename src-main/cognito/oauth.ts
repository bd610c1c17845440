/**
 * Cognito's OAuth 2.0 rules that are not HTTP: which clients may use which grant, the scopes a
 * request is granted, redirect URIs, and PKCE. The doors (server/oauth2, server/hosted-ui) turn
 * the refusals into redirects, error pages or token-endpoint errors.
 */
import { createHash } from 'node:crypto';
import type { OAuthFlowType } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient } from './app-clients.js';
import { OAuthError } from './oauth-errors.js';

/** Scopes every user-pool client may be given; the rest are resource servers' `identifier/name`. */
export const OPENID_SCOPES: readonly string[] = ['openid', 'email', 'phone', 'profile'];
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
/** email, phone and profile add claims to the ID token, which only `openid` asks for. */
const NEED_OPENID: ReadonlySet<string> = new Set(['email', 'phone', 'profile']);

/** A custom scope (`resourceServerIdentifier/scopeName`) rather than a standard one. */
export const isCustomScope = (scope: string): boolean => !OPENID_SCOPES.includes(scope) && scope !== USER_ADMIN_SCOPE;

/** The client may use this OAuth grant at all (AllowedOAuthFlowsUserPoolClient and AllowedOAuthFlows). */
export function allowsOAuthFlow(client: AppClient, flow: OAuthFlowType): boolean {
  return client.config.AllowedOAuthFlowsUserPoolClient && client.config.AllowedOAuthFlows.includes(flow);
}

/** The space-separated `scope` parameter as a list, each scope once. */
export function scopesOf(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(' ').filter(Boolean))];
}

/**
 * The scopes a user's login is granted: those requested that the client allows (the others are
 * dropped, as Cognito drops them), or all the client's when none is requested. email, phone and
 * profile go only with openid. Nothing left is `invalid_scope`.
 */
export function grantedUserScopes(client: AppClient, scope: string | undefined): string[] {
  const allowed = client.config.AllowedOAuthScopes;
  const requested = scopesOf(scope);
  const kept = requested.length === 0 ? [...allowed] : requested.filter((s) => allowed.includes(s));
  const granted = kept.includes('openid') ? kept : kept.filter((s) => !NEED_OPENID.has(s));
  if (granted.length === 0) throw new OAuthError('invalid_scope', 'Invalid scope requested');
  return granted;
}

/** redirect_uri must be one of the client's CallbackURLs, character for character. */
export function isRegisteredCallback(client: AppClient, redirectUri: string): boolean {
  return client.config.CallbackURLs.includes(redirectUri);
}

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge: 43 base64url characters (a SHA-256 digest). */
export const S256_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

export function s256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/** What the token endpoint presents with a code. */
export interface CodeRedemption {
  clientId: string;
  redirectUri?: string;
  codeVerifier?: string;
}

/** What the code was issued for. */
export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
}

/**
 * Why the code cannot be redeemed this way, or undefined: the client and redirect_uri of the
 * authorize request, and the PKCE verifier when a challenge was sent. Every refusal is
 * `invalid_grant` on the wire; the reason is what the debugger shows.
 */
export function redemptionRefusal(issued: IssuedCode, redemption: CodeRedemption): string | undefined {
  if (redemption.clientId !== issued.clientId) return 'the code was issued to another client';
  if (redemption.redirectUri !== issued.redirectUri) return 'redirect_uri does not match the authorize request';
  if (issued.codeChallenge === undefined) return undefined;
  if (redemption.codeVerifier === undefined) return 'code_verifier is missing';
  if (!CODE_VERIFIER.test(redemption.codeVerifier) || s256(redemption.codeVerifier) !== issued.codeChallenge) return 'code_verifier does not match the code_challenge';
  return undefined;
}
