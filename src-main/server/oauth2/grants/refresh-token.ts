/**
 * grant_type=refresh_token: new ID and access tokens with the scopes the refresh token was
 * granted, through the same flow as GetTokensFromRefreshToken (pre token generation, the user's
 * state, rotation when the client has it on). A revoked, expired, unknown or foreign refresh
 * token is `invalid_grant`.
 */
import { CognitoError } from '../../../cognito/errors.js';
import { OAuthError } from '../../../cognito/oauth-errors.js';
import type { FlowCall } from '../../../flows/call.js';
import type { Services } from '../../../services.js';
import { tokenResponse, type TokenRequest, type TokenResponse } from '../token-response.js';

export const grantType = 'refresh_token';

export const parameters: ReadonlySet<string> = new Set(['refresh_token', 'scope']);

export const handler =
  (services: Pick<Services, 'flows'>) =>
  async ({ client, pool, params, secret }: TokenRequest, call: FlowCall): Promise<TokenResponse> => {
    if (!params.refresh_token) throw new OAuthError('invalid_request', 'refresh_token is missing');
    try {
      const tokens = await services.flows.signIn.refresh(
        { pool, client, refreshToken: params.refresh_token, clientSecret: secret, deviceKey: undefined, clientMetadata: undefined, kind: 'oauth-refresh' },
        call,
      );
      return tokenResponse(tokens);
    } catch (error) {
      if (error instanceof CognitoError && error.type === 'NotAuthorizedException') throw new OAuthError('invalid_grant', error.message);
      if (error instanceof CognitoError && error.type === 'RefreshTokenReuseException') throw new OAuthError('invalid_grant', error.message);
      throw error;
    }
  };
