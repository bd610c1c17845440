/**
 * grant_type=authorization_code: the code the hosted login issued, redeemed once by the client it
 * was issued to, with the same redirect_uri and, when the authorize request sent a PKCE
 * challenge, the code_verifier. Answers the tokens the login issued: the ID token only with the
 * `openid` scope, and a refresh token.
 */
import { OAuthError } from '../../../cognito/oauth-errors.js';
import type { FlowCall } from '../../../flows/call.js';
import type { Services } from '../../../services.js';
import type { TokenRequest, TokenResponse } from '../token-response.js';
import { tokenResponse } from '../token-response.js';

export const grantType = 'authorization_code';

export const parameters: ReadonlySet<string> = new Set(['code', 'redirect_uri', 'code_verifier']);

export const handler =
  (services: Pick<Services, 'flows'>) =>
  async ({ client, params }: TokenRequest, call: FlowCall): Promise<TokenResponse> => {
    if (!params.code) throw new OAuthError('invalid_request', 'code is missing');
    const tokens = await services.flows.hostedLogin.redeem(
      params.code,
      {
        clientId: client.clientId,
        ...(params.redirect_uri !== undefined && { redirectUri: params.redirect_uri }),
        ...(params.code_verifier !== undefined && { codeVerifier: params.code_verifier }),
      },
      call,
    );
    return tokenResponse(tokens);
  };
