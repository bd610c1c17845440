/**
 * What the app is sent at its redirect URI when an OIDC or social provider fails a federated
 * sign-in (FederationError: `error` and `error_description`).
 *
 * From the guide (authorize endpoint, "Examples of negative responses") and the "Managed login and
 * federation error responses" page, all with `error=invalid_request`:
 * - `Timeout occurred in calling IdP token endpoint`, `Timeout in calling jwks uri`;
 * - `Connection reset` (any other broken connection; `Read timed out` is not told apart);
 * - `[IdP name] Error - [status code] error getting token`, and when the provider's answer is an
 *   OAuth error, its `error` and `error_description` after the status
 *   (`LoginWithAmazon Error - 400 invalid_request The request is missing ...`).
 * - `Bad id_token issuer <iss>`, as Cognito is reported redirecting with it (GitHub issues).
 *
 * Sandbox wording, in the same style, where nothing tells Cognito's text: the userInfo and discovery
 * timeouts and errors, the JWKS answering an error, and the other ID-token checks
 * (`Bad id_token signature`, `Bad id_token audience <aud>`, `Bad id_token nonce` ...).
 *
 * The provider's own refusal brought back by the browser (`error=access_denied` at
 * /oauth2/idpresponse) keeps its `error` when it is one of OAuth's authorization errors, and its
 * `error_description` (or the error) as the description: the guide says Cognito adds "the provider
 * error response to error request parameters"; the exact form for a front-channel error is not
 * documented.
 */
import { FederationError } from './types.js';
import { IdpUnreachable, idpFetch, jsonOf, type IdpAnswer, type IdpCallContext, type IdpRequest } from './idp-fetch.js';

const INVALID_REQUEST = 'invalid_request';

/** RFC 6749 §4.1.2.1: the errors an authorization endpoint answers with. */
const AUTHORIZATION_ERRORS = new Set([
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
]);

/** The sandbox's calls to a provider, as the refusals name them. */
export type IdpEndpoint = 'token' | 'jwks' | 'userInfo' | 'discovery';

const TIMEOUTS: Record<IdpEndpoint, string> = {
  token: 'Timeout occurred in calling IdP token endpoint',
  jwks: 'Timeout in calling jwks uri',
  userInfo: 'Timeout occurred in calling IdP userInfo endpoint',
  discovery: 'Timeout occurred in calling IdP discovery endpoint',
};

const GETTING: Record<IdpEndpoint, string> = {
  token: 'error getting token',
  jwks: 'error getting jwks',
  userInfo: 'error getting user info',
  discovery: 'error getting openid configuration',
};

/** The provider refused the sign-in itself and sent the browser back with `error`. */
export function providerRefused(error: string, description: string | undefined): FederationError {
  const code = AUTHORIZATION_ERRORS.has(error) ? error : INVALID_REQUEST;
  return new FederationError(code, description || error);
}

/** The provider could not be reached, was too slow, or answered too much. */
export function unreachable(endpoint: IdpEndpoint, failure: IdpUnreachable): FederationError {
  return new FederationError(INVALID_REQUEST, failure.reason === 'timeout' ? TIMEOUTS[endpoint] : 'Connection reset');
}

/** The provider answered, but not with what was asked (an error status, or no JSON where JSON was due). */
export function answeredBadly(providerName: string, endpoint: IdpEndpoint, answer: IdpAnswer): FederationError {
  const body = jsonOf(answer);
  const oauthError = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
  const said = oauthError ? [oauthError, description].filter(Boolean).join(' ') : GETTING[endpoint];
  return new FederationError(INVALID_REQUEST, `${providerName} Error - ${answer.status} ${said}`);
}

/** An ID token refused: `Bad id_token <what>`. */
export function badIdToken(what?: string): FederationError {
  return new FederationError(INVALID_REQUEST, what ? `Bad id_token ${what}` : 'Bad id_token');
}

/** Anything else the provider got wrong (no user id, a userInfo answer about someone else). */
export function badAnswer(description: string): FederationError {
  return new FederationError(INVALID_REQUEST, description);
}

/**
 * idpFetch as a sign-in calls the provider (with the User-Agent Cognito sends to identity
 * providers): a provider that does not answer is the refusal Cognito words for that endpoint.
 */
export async function callIdp(
  services: Parameters<typeof idpFetch>[0],
  endpoint: IdpEndpoint,
  url: string,
  request: IdpRequest,
  context: IdpCallContext,
): Promise<IdpAnswer> {
  try {
    return await idpFetch(services, url, { ...request, headers: { 'user-agent': 'Amazon/Cognito', ...request.headers } }, context);
  } catch (error) {
    if (error instanceof IdpUnreachable) throw unreachable(endpoint, error);
    throw error;
  }
}
