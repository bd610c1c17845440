/**
 * GetTokensFromRefreshToken: new ID and access tokens from a refresh token, through the same
 * sign-in flow as REFRESH_TOKEN_AUTH (the user's state, pre token generation with
 * TokenGeneration_RefreshTokens). A client that rotates refresh tokens (RefreshTokenRotation
 * ENABLED) answers a new refresh token too, and the one sent keeps working for the client's
 * RetryGracePeriodSeconds, then is refused with RefreshTokenReuseException (../../../../tokens/tokens.ts).
 * A client with a secret needs ClientSecret. ClientMetadata is for the pre token generation
 * function (as its clientMetadata).
 *
 * Errors: ResourceNotFoundException for an unknown client; NotAuthorizedException for a missing
 * or wrong ClientSecret, a refresh token that is unknown or another client's ("Invalid Refresh
 * Token"), revoked (RevokeToken, GlobalSignOut: "Refresh Token has been revoked") or expired, and
 * for a disabled or deleted user; RefreshTokenReuseException for a rotated-out token past its
 * grace period; the pre token generation function's failures as Cognito surfaces them.
 *
 * DeviceKey, when sent, must be the device the refresh token was issued to; the new access token
 * carries that device (`device_key`) whether it is sent or not. Assumptions: the wording of the ClientSecret and reuse errors is
 * the sandbox's (the reference names the exceptions only); a ClientSecret sent to a client
 * without a secret is ignored.
 */
import type { GetTokensFromRefreshTokenCommandInput, GetTokensFromRefreshTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import { ClientIdType, ClientMetadataType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, string, structure } from '../../shapes.js';

const ClientSecretType = string({ min: 1, max: 64, pattern: '[\\w+]+', sensitive: true });
const DeviceKeyType = string({ min: 1, max: 55, pattern: '[\\w-]+_[0-9a-f-]+' });

export const GetTokensFromRefreshToken = operation<
  GetTokensFromRefreshTokenCommandInput,
  GetTokensFromRefreshTokenCommandOutput,
  Pick<Services, 'store' | 'flows'>
>(({ store, flows }) => ({
  input: structure({
    RefreshToken: required(TokenModelType),
    ClientId: required(ClientIdType),
    ClientSecret: ClientSecretType,
    DeviceKey: DeviceKeyType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { pool, client } = requireAppClient(store, input.ClientId!);
    const request = {
      pool,
      client,
      refreshToken: input.RefreshToken!,
      clientSecret: input.ClientSecret,
      deviceKey: input.DeviceKey,
      clientMetadata: input.ClientMetadata,
    };
    return { AuthenticationResult: await flows.signIn.refresh(request, context) };
  },
}));
