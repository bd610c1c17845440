/**
 * grant_type=client_credentials at /oauth2/token (machine-to-machine): the app client, already
 * authenticated by client-auth.ts, gets an access token for custom scopes and nothing else
 * (flows/client-credentials/). Parameters: `scope` (space-separated custom scopes; none means
 * every custom scope of the client) and `aws_client_metadata` (a URL-encoded JSON object of
 * strings, handed to a V3_0 pre token generation function as clientMetadata).
 *
 * Assumption: an aws_client_metadata that is not a JSON object of strings is `invalid_request`
 * (the guide does not say how Cognito refuses it).
 */
import { OAuthError } from '../../../cognito/oauth-errors.js';
import type { FlowCall } from '../../../flows/call.js';
import type { Services } from '../../../services.js';
import type { StringMap } from '../../../triggers/types.js';
import type { TokenRequest, TokenResponse } from '../token-response.js';

export const grantType = 'client_credentials';

/** The parameters this grant reads, beyond grant_type and the client's credentials. */
export const parameters: ReadonlySet<string> = new Set(['scope', 'aws_client_metadata']);

const badMetadata = () => new OAuthError('invalid_request', 'aws_client_metadata must be a JSON object whose values are strings');

/** The aws_client_metadata parameter as the ClientMetadata it stands for. */
export function readClientMetadata(value: string | undefined): StringMap | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw badMetadata();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badMetadata();
  if (!Object.values(parsed).every((entry) => typeof entry === 'string')) throw badMetadata();
  return { ...(parsed as StringMap) };
}

export const handler =
  (services: Pick<Services, 'flows'>) =>
  async (request: TokenRequest, call: FlowCall): Promise<TokenResponse> => {
    const { scope, aws_client_metadata: metadata } = request.params;
    const clientMetadata = readClientMetadata(metadata);
    return services.flows.clientCredentials.grant(
      { pool: request.pool, client: request.client, ...(scope !== undefined && { scope }), ...(clientMetadata && { clientMetadata }) },
      call,
    );
  };
