/**
 * Cognito's rules for the OAuth 2.0 client_credentials grant (machine-to-machine): which app
 * clients may use it and which scopes its access token carries [guide: Token endpoint; Scopes,
 * M2M, and resource servers; INVENTORY §5]. The token endpoint has authenticated the client by
 * the time these rules apply.
 *
 *  - The client needs a secret (a public client cannot authenticate: `invalid_client`), OAuth
 *    on (AllowedOAuthFlowsUserPoolClient) and `client_credentials` among its AllowedOAuthFlows
 *    (else `unauthorized_client`).
 *  - Only custom scopes (`resourceServerIdentifier/scopeName`) are granted. A requested scope
 *    must be in the client's AllowedOAuthScopes and still defined by a resource server of the
 *    pool: anything else, a standard scope such as `openid` included, is `invalid_scope`.
 *    Without a `scope` parameter the token carries every custom scope of the client that still
 *    exists; a client left with none gets `invalid_scope`.
 *
 * GetClientToken gives the same token through the API [SDK docs]: the client needs a secret and
 * ALLOW_CLIENT_TOKEN_AUTH among its ExplicitAuthFlows (the only one it has: client-settings
 * refuses mixing it with user flows); it needs no OAuth settings. Its refusals are Cognito
 * exceptions: a client without the flow is InvalidParameterException "Auth flow not enabled for
 * this client", as InitiateAuth answers for a flow the client does not enable (an assumption:
 * the docs name the exceptions, not which applies).
 *
 * Assumptions: the guide's token endpoint page says a scope the client is not allowed "will be
 * ignored", but Cognito answers `invalid_scope` to a client_credentials request naming one (as
 * the guide's authorize page says for a scope that is not valid); a blank `scope` counts as
 * none; repeated scopes count once and the token lists them in the order asked (or, for all,
 * the client's order). Cognito answers these refusals without an error_description; the reason
 * is kept for the debugger.
 */
import type { AppClient } from './app-clients.js';
import { hasClientSecret } from './client-secrets.js';
import { InvalidParameterException, NotAuthorizedException } from './errors.js';
import { allowsOAuthFlow, isCustomScope, scopesOf } from './oauth.js';
import { OAuthError } from './oauth-errors.js';

/** A refusal of the grant: the OAuth error the client is answered, and why (what the debugger shows). */
export class GrantRefusal extends OAuthError {
  constructor(
    error: string,
    public readonly reason: string,
    status = 400,
  ) {
    super(error, undefined, status);
  }
}

/** The client may ask for a machine-to-machine token; its refusal otherwise. */
export function checkMachineClient(client: AppClient): void {
  if (!hasClientSecret(client)) throw new GrantRefusal('invalid_client', `the app client ${client.clientId} has no client secret`);
  if (allowsOAuthFlow(client, 'client_credentials')) return;
  const why = client.config.AllowedOAuthFlowsUserPoolClient ? 'does not allow the client_credentials flow' : 'is not allowed to use OAuth flows (AllowedOAuthFlowsUserPoolClient is false)';
  throw new GrantRefusal('unauthorized_client', `the app client ${client.clientId} ${why}`);
}

/** The explicit auth flow that lets a client call GetClientToken; no other flow may go with it. */
export const CLIENT_TOKEN_AUTH_FLOW = 'ALLOW_CLIENT_TOKEN_AUTH';

export function allowsClientTokenAuth(client: AppClient): boolean {
  return (client.config.ExplicitAuthFlows as readonly string[]).includes(CLIENT_TOKEN_AUTH_FLOW);
}

/** The client may ask GetClientToken for a machine-to-machine token; Cognito's refusal otherwise. */
export function checkClientTokenClient(client: AppClient): void {
  if (!hasClientSecret(client)) throw new NotAuthorizedException(`Client ${client.clientId} has no client secret.`);
  if (!allowsClientTokenAuth(client)) throw new InvalidParameterException('Auth flow not enabled for this client');
}

/**
 * The scopes the token carries: those asked (every allowed one when none is), each allowed to
 * the client and defined by a resource server of the pool (`poolScopes`, as `identifier/name`).
 */
export function grantedScopes(scope: string | undefined, client: AppClient, poolScopes: ReadonlySet<string>): string[] {
  const allowed = new Set(client.config.AllowedOAuthScopes);
  const asked = scopesOf(scope);
  if (asked.length === 0) {
    const all = client.config.AllowedOAuthScopes.filter((name) => poolScopes.has(name));
    if (all.length === 0) throw new GrantRefusal('invalid_scope', `the app client ${client.clientId} has no custom scope of a resource server of the pool`);
    return all;
  }
  for (const name of asked) {
    if (!isCustomScope(name)) throw new GrantRefusal('invalid_scope', `${name} is not a custom scope: client_credentials grants custom scopes only`);
    if (!allowed.has(name)) throw new GrantRefusal('invalid_scope', `${name} is not among the app client's AllowedOAuthScopes`);
    if (!poolScopes.has(name)) throw new GrantRefusal('invalid_scope', `${name} is not defined by a resource server of the pool`);
  }
  return asked;
}
