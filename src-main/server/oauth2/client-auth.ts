/**
 * Who is calling the token and revocation endpoints: `client_secret_basic` (an Authorization
 * header `Basic base64(client_id:client_secret)`) or `client_secret_post` (client_id and
 * client_secret in the form), or a public client naming itself with client_id. A client with a
 * secret must present one of its secrets (it may hold several while it rotates them). Refusals are `invalid_client`, 401 with `WWW-Authenticate` when the
 * Authorization header was used (RFC 6749 §5.2), 400 otherwise.
 */
import type { Request } from 'express';
import { findAppClient, type AppClient } from '../../cognito/app-clients.js';
import { hasClientSecret, matchesClientSecret } from '../../cognito/client-secrets.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { Services } from '../../services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { OAuthParams } from './parameters.js';

export interface AuthenticatedClient {
  client: AppClient;
  pool: UserPool;
  /** The secret as presented (the refresh flow checks it again as GetTokensFromRefreshToken does). */
  secret?: string;
}

/** An invalid_client refusal; `basic` says the Authorization header was tried. */
export class InvalidClient extends OAuthError {
  constructor(
    description: string,
    readonly basic: boolean,
  ) {
    super('invalid_client', description, basic ? 401 : 400);
  }
}

/** The Basic credentials of the Authorization header, RFC 6749 §2.3.1 (each part form-urlencoded). */
function basicCredentials(header: string): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const part = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return { clientId: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
}

export function authenticateClient(services: Pick<Services, 'store'>, req: Request, params: OAuthParams): AuthenticatedClient {
  const header = req.headers.authorization;
  const basic = header !== undefined;
  let clientId = params.client_id;
  let secret = params.client_secret;
  if (header !== undefined) {
    const credentials = basicCredentials(header);
    if (!credentials) throw new InvalidClient('The Authorization header is not Basic client credentials', true);
    if (clientId !== undefined && clientId !== credentials.clientId) throw new InvalidClient('client_id does not match the Authorization header', true);
    if (secret !== undefined) throw new InvalidClient('Use one client authentication method only', true);
    ({ clientId, secret } = credentials);
  }
  if (!clientId) throw new InvalidClient('client_id is missing', basic);
  const client = findAppClient(services.store, clientId);
  const pool = client && services.store.pools.findById(client.poolId);
  if (!client || !pool) throw new InvalidClient('Client does not exist', basic);
  const confidential = hasClientSecret(client);
  if (confidential && !matchesClientSecret(client, secret)) throw new InvalidClient('Client authentication failed', basic);
  if (!confidential && secret !== undefined && secret !== '') throw new InvalidClient('The client has no secret', basic);
  return { client, pool, ...(secret !== undefined && { secret }) };
}
