/** What the token endpoint's grants take and answer. */
import type { AppClient } from '../../cognito/app-clients.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { AuthenticationResult } from '../../tokens/tokens.js';
import type { OAuthParams } from './parameters.js';

/** A token request from an authenticated client. */
export interface TokenRequest {
  client: AppClient;
  pool: UserPool;
  params: OAuthParams;
  /** The client's secret as presented. */
  secret?: string;
}

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** The tokens as the token endpoint answers them, in Cognito's order. */
export function tokenResponse(tokens: AuthenticationResult): TokenResponse {
  return {
    access_token: tokens.AccessToken,
    ...(tokens.IdToken && { id_token: tokens.IdToken }),
    ...(tokens.RefreshToken && { refresh_token: tokens.RefreshToken }),
    token_type: 'Bearer',
    expires_in: tokens.ExpiresIn,
  };
}
