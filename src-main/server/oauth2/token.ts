/**
 * POST /oauth2/token: the client authenticates (client-auth.ts), names its grant, and gets tokens
 * as JSON, never cached. Every refusal is `{ "error", "error_description"? }`: 400, or 401 for a
 * client that failed Basic authentication; a grant the sandbox does not know is
 * `unsupported_grant_type`, one the client may not use `unauthorized_client`.
 */
import type { Request, Response } from 'express';
import type { OAuthFlowType } from '@aws-sdk/client-cognito-identity-provider';
import { allowsOAuthFlow } from '../../cognito/oauth.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { FlowCall } from '../../flows/call.js';
import type { Services } from '../../services.js';
import { authenticateClient } from './client-auth.js';
import { noteExchange } from './exchange.js';
import * as authorizationCode from './grants/authorization-code.js';
import * as clientCredentials from './grants/client-credentials.js';
import * as refreshToken from './grants/refresh-token.js';
import { isForm, singleValued } from './parameters.js';
import { sendOAuthError } from './send-error.js';
import type { TokenRequest, TokenResponse } from './token-response.js';

/** A grant's handler: the token response for an authenticated client's request. */
type Grant = (request: TokenRequest, call: FlowCall) => Promise<TokenResponse | { access_token: string; token_type: 'Bearer'; expires_in: number }>;

/** The OAuth flow a client must allow for each grant (refresh_token: any client holding one). */
const REQUIRED_FLOW: Record<string, OAuthFlowType | undefined> = {
  authorization_code: 'code',
  client_credentials: 'client_credentials',
  refresh_token: undefined,
};

export function tokenEndpoint(services: Services) {
  const grants: Record<string, Grant> = {
    [authorizationCode.grantType]: authorizationCode.handler(services),
    [refreshToken.grantType]: refreshToken.handler(services),
    [clientCredentials.grantType]: clientCredentials.handler(services),
  };

  return async (req: Request, res: Response) => {
    const call: FlowCall = { origin: `${req.protocol}://${req.headers.host}`, ...(req.headers['user-agent'] && { userAgent: req.headers['user-agent'] }) };
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    try {
      if (!isForm(req)) throw new OAuthError('invalid_request', 'The token endpoint takes application/x-www-form-urlencoded');
      const params = singleValued(req.body);
      const grantType = params.grant_type;
      if (!grantType) throw new OAuthError('invalid_request', 'grant_type is missing');
      const grant = grants[grantType];
      if (!grant) throw new OAuthError('unsupported_grant_type');
      const { client, pool, secret } = authenticateClient(services, req, params);
      noteExchange(res, { poolId: pool.id });
      const flow = REQUIRED_FLOW[grantType];
      if (flow && !allowsOAuthFlow(client, flow)) throw new OAuthError('unauthorized_client', `The client may not use the ${grantType} grant`);
      const response = await grant({ client, pool, params, ...(secret !== undefined && { secret }) }, call);
      noteExchange(res, { ...(call.flowId && { flowId: call.flowId }), response });
      res.status(200).json(response);
    } catch (error) {
      if (call.flowId) noteExchange(res, { flowId: call.flowId });
      sendOAuthError(res, error);
    }
  };
}
