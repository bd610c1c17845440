/**
 * The checks /oauth2/authorize and /login make, in Cognito's order. A request that does not name
 * a known client and one of its callback URLs is shown the error page (never redirected: the
 * redirect URI is not trusted yet); every later refusal goes back to the app as
 * `redirect_uri?error=...&state=...` (in the fragment for the implicit grant).
 */
import { findAppClient, type AppClient } from '../../cognito/app-clients.js';
import { allowsOAuthFlow, grantedUserScopes, isRegisteredCallback, S256_CHALLENGE } from '../../cognito/oauth.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { AuthorizeRequest } from '../../flows/hosted-login/machine.js';
import type { Services } from '../../services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { singleValued, type OAuthParams } from '../oauth2/parameters.js';
import { poolOfHost } from './domain-host.js';

/** A refusal shown on the error page. */
export class ErrorPage extends Error {}

export interface CheckedAuthorize {
  pool: UserPool;
  client: AppClient;
  authorize: AuthorizeRequest;
  params: OAuthParams;
  /** `login`: ask for the password even with a hosted session; `none`: never show a page. */
  prompt?: string;
  /** The identity provider the request names (identity_provider or idp_identifier). */
  identityProvider?: string;
}

/** A refusal sent back to the app, once client and redirect URI are known good. */
export class RedirectError extends Error {
  constructor(
    readonly refusal: OAuthError,
    readonly redirectUri: string,
    readonly responseType: string | undefined,
    readonly state: string | undefined,
  ) {
    super(refusal.message);
  }
}

const RESPONSE_TYPES: Record<string, 'code' | 'implicit'> = { code: 'code', token: 'implicit' };

/** The client and pool the request names: the error page when it names none (or another pool's, on a pool's domain). */
function clientOf(services: Pick<Services, 'store'>, params: OAuthParams, host: string | undefined): { client: AppClient; pool: UserPool } {
  if (!params.client_id) throw new ErrorPage('invalid_request: client_id is missing');
  const client = findAppClient(services.store, params.client_id);
  const pool = client && services.store.pools.findById(client.poolId);
  if (!client || !pool) throw new ErrorPage('invalid_request: Client does not exist');
  const hostPool = poolOfHost(services, host);
  if (hostPool === null) throw new ErrorPage('invalid_request: No user pool has this domain');
  if (hostPool !== undefined && hostPool !== pool.id) throw new ErrorPage('invalid_request: Client does not exist');
  const domains = services.store.domains.domainsOfPool(pool.id);
  if (!domains.prefix && !domains.custom) throw new ErrorPage('invalid_request: The user pool has no domain. Create one with CreateUserPoolDomain to use the hosted UI.');
  return { client, pool };
}

export function checkAuthorize(services: Pick<Services, 'store'>, query: unknown, host: string | undefined): CheckedAuthorize {
  let params: OAuthParams;
  try {
    params = singleValued(query);
  } catch (error) {
    throw new ErrorPage(`invalid_request: ${(error as OAuthError).description}`);
  }
  const { client, pool } = clientOf(services, params, host);
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !isRegisteredCallback(client, redirectUri)) throw new ErrorPage('redirect_mismatch');

  const { response_type: responseType, state } = params;
  const refuse = (error: string, description?: string) => new RedirectError(new OAuthError(error, description), redirectUri, responseType, state);
  if (!client.config.AllowedOAuthFlowsUserPoolClient) throw refuse('unauthorized_client', 'Client is not enabled for OAuth2.0 flows.');
  if (!responseType) throw refuse('invalid_request', 'response_type is missing');
  const flow = RESPONSE_TYPES[responseType];
  if (!flow) throw refuse('unsupported_response_type');
  if (!allowsOAuthFlow(client, flow)) throw refuse('unauthorized_client');

  const { code_challenge: codeChallenge, code_challenge_method: method } = params;
  if (codeChallenge !== undefined || method !== undefined) {
    if (codeChallenge === undefined || method === undefined) throw refuse('invalid_request', 'code_challenge and code_challenge_method go together');
    if (method !== 'S256') throw refuse('invalid_request', 'Unsupported code_challenge_method: only S256 is supported');
    if (!S256_CHALLENGE.test(codeChallenge)) throw refuse('invalid_request', 'code_challenge is not an S256 challenge');
  }

  let scopes: string[];
  try {
    scopes = grantedUserScopes(client, params.scope);
  } catch (error) {
    throw new RedirectError(error as OAuthError, redirectUri, responseType, state);
  }

  const identityProvider = namedProvider(services, pool, client, params, refuse);

  const authorize: AuthorizeRequest = {
    responseType: responseType as 'code' | 'token',
    redirectUri,
    scopes,
    ...(state !== undefined && { state }),
    ...(params.nonce !== undefined && { nonce: params.nonce }),
    ...(codeChallenge !== undefined && { codeChallenge }),
  };
  return {
    pool,
    client,
    authorize,
    params,
    ...(params.prompt !== undefined && { prompt: params.prompt }),
    ...(identityProvider && { identityProvider }),
  };
}

/**
 * The identity provider `identity_provider` (its name) or `idp_identifier` (one of its
 * IdpIdentifiers) names, which the browser goes straight to; COGNITO is the pool's own sign-in page.
 */
function namedProvider(
  services: Pick<Services, 'store'>,
  pool: UserPool,
  client: AppClient,
  params: OAuthParams,
  refuse: (error: string, description?: string) => RedirectError,
): string | undefined {
  const supported = client.config.SupportedIdentityProviders;
  const { identity_provider: name, idp_identifier: identifier } = params;
  if (name !== undefined) {
    if (name === 'COGNITO') {
      if (!supported.includes('COGNITO')) throw refuse('unauthorized_client', 'The client does not support COGNITO');
      return undefined;
    }
    if (!supported.includes(name) || !services.store.identityProviders.find(pool.id, name)) throw refuse('unauthorized_client', `The client does not support the identity provider ${name}`);
    return name;
  }
  if (identifier === undefined) return undefined;
  const provider = providerOfIdentifier(services, pool, client, identifier);
  if (!provider) throw refuse('invalid_request', `No identity provider of the client has the identifier ${identifier}`);
  return provider;
}

/** The client's provider with this IdpIdentifier; an email address names its domain. */
export function providerOfIdentifier(services: Pick<Services, 'store'>, pool: UserPool, client: AppClient, identifier: string): string | undefined {
  const wanted = identifier.includes('@') ? identifier.slice(identifier.lastIndexOf('@') + 1) : identifier;
  const supported = client.config.SupportedIdentityProviders;
  return services.store.identityProviders
    .all(pool.id)
    .find((provider) => supported.includes(provider.name) && provider.idpIdentifiers.some((id) => id.toLowerCase() === wanted.toLowerCase()))?.name;
}

/** The app's redirect URI with the parameters: the query for the code grant, the fragment for the implicit grant. */
export function redirectWith(redirectUri: string, responseType: string | undefined, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (responseType === 'token') return `${redirectUri}#${params}`;
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${params}`;
}

export function errorRedirect(error: RedirectError): string {
  const { error: code, description } = error.refusal;
  return redirectWith(error.redirectUri, error.responseType, { error: code, error_description: description, state: error.state });
}
