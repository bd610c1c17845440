/**
 * "Try it": a hosted login for an app client, as a careful app would start it. The authorize
 * URL asks for the authorization code grant with PKCE (S256, the only method Cognito takes),
 * a fresh `state` and `nonce`, the client's scopes and one of its callback URLs; the code that
 * comes back is redeemed at /oauth2/token with the verifier (and the client's secret, when it
 * has one). The sandbox's own callback page (`/_sandbox/oauth-callback`) does the redeeming
 * when the client lists it among its CallbackURLs.
 */
import type { SandboxAddress } from './hosted-ui';
import { localhostOrigin } from './hosted-ui';

export const CALLBACK_PATH = '/_sandbox/oauth-callback';

/** What of a pool and an app client "Try it" needs (the AWS API's names). */
export interface TryItPool {
  Id?: string;
  Domain?: string;
  CustomDomain?: string;
}
export interface TryItClient {
  ClientId?: string;
  ClientSecret?: string;
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  CallbackURLs?: string[];
}

/** Why a hosted login cannot start yet, each reason with what fixes it; none when it can. */
export function tryItBlockers(pool: TryItPool, client: TryItClient): string[] {
  const blockers: string[] = [];
  if (!pool.Domain && !pool.CustomDomain) blockers.push('The pool has no domain: add one on its Settings page (CreateUserPoolDomain).');
  if (!client.AllowedOAuthFlowsUserPoolClient) blockers.push('The client does not allow OAuth flows (AllowedOAuthFlowsUserPoolClient).');
  else if (!client.AllowedOAuthFlows?.includes('code')) blockers.push('The client does not allow the authorization code grant (AllowedOAuthFlows: code).');
  if (!client.CallbackURLs?.length) blockers.push('The client has no callback URL (CallbackURLs).');
  return blockers;
}

/** The sandbox's callback page, as a client registers it: `http://localhost:PORT/_sandbox/oauth-callback`. */
export function sandboxCallbackUrl(address: SandboxAddress): string {
  return `${localhostOrigin(address)}${CALLBACK_PATH}`;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Random base64url text: 32 bytes make a 43-character PKCE verifier. */
export function randomText(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export interface AuthorizeRequest {
  /** The hosted UI's origin: `http://localhost:9229`. */
  origin: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce: string;
  codeChallenge: string;
  /** `prompt=login`: sign in again even with a hosted session. */
  forceLogin?: boolean;
}

/** The authorize URL, with its parameters in the order the guide lists them. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state: request.state,
    nonce: request.nonce,
    code_challenge_method: 'S256',
    code_challenge: request.codeChallenge,
  });
  if (request.scopes.length === 0) query.delete('scope');
  if (request.forceLogin) query.set('prompt', 'login');
  return `${request.origin}/oauth2/authorize?${query}`;
}

/** `code`, `state`, `error` and `error_description` from the address a redirect landed on. */
export function callbackParameters(url: string): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const found: Record<string, string> = {};
  for (const name of ['code', 'state', 'error', 'error_description']) {
    const value = parsed.searchParams.get(name);
    if (value !== null) found[name] = value;
  }
  return found;
}

export interface TokenAnswer {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
}

export type Redemption = { ok: true; tokens: TokenAnswer } | { ok: false; status: number; error: string; description?: string };

export interface CodeRedemption {
  /** The token endpoint's origin. */
  origin: string;
  clientId: string;
  clientSecret?: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

/** Redeems the code at /oauth2/token, as an app's back end does (client_secret_basic when the client has a secret). */
export async function redeemCode(request: CodeRedemption): Promise<Redemption> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: request.clientId,
    code: request.code,
    redirect_uri: request.redirectUri,
    code_verifier: request.codeVerifier,
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (request.clientSecret) headers.Authorization = `Basic ${btoa(`${encodeURIComponent(request.clientId)}:${encodeURIComponent(request.clientSecret)}`)}`;
  let response: Response;
  try {
    response = await fetch(`${request.origin}/oauth2/token`, { method: 'POST', headers, body: form });
  } catch (error) {
    return { ok: false, status: 0, error: 'network_error', description: (error as Error).message };
  }
  const body = (await response.json().catch(() => ({}))) as Partial<TokenAnswer> & { error?: string; error_description?: string };
  if (response.ok && typeof body.access_token === 'string') return { ok: true, tokens: body as TokenAnswer };
  return { ok: false, status: response.status, error: body.error ?? `HTTP ${response.status}`, description: body.error_description };
}

/** The tokens of an answer, in the order the window shows them. */
export function tokensOf(answer: TokenAnswer): { use: 'id' | 'access' | 'refresh'; token: string }[] {
  const tokens: { use: 'id' | 'access' | 'refresh'; token: string }[] = [];
  if (answer.id_token) tokens.push({ use: 'id', token: answer.id_token });
  tokens.push({ use: 'access', token: answer.access_token });
  if (answer.refresh_token) tokens.push({ use: 'refresh', token: answer.refresh_token });
  return tokens;
}
