/**
 * RevokeToken: revokes a refresh token and every access token minted from it, for the app client
 * it was issued to. The client authenticates with one of its secrets when it has any. As at the revoke
 * endpoint, a token that is unknown, already revoked or another client's is answered with
 * success and changes nothing.
 *
 * The wording of the client-authentication, disabled-revocation and token-type errors is the
 * sandbox's: the reference names the exceptions but not their messages. RevokeAssociatedSessions
 * LINKED also ends the SSO (hosted UI) session the token's session came through, when the pool
 * tracks sessions; the other token sessions begun through it stay.
 */
import type { RevokeTokenCommandInput, RevokeTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { decodeProtectedHeader } from 'jose';
import type { Services } from '../../../../services.js';
import type { AppClient } from '../../../../cognito/app-clients.js';
import { UnauthorizedException, UnsupportedOperationException, UnsupportedTokenTypeException } from '../../../../cognito/errors.js';
import { ClientIdType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { ClientSecretType, RevokeAssociatedSessionsType } from './shapes.js';
import { findAppClient } from '../../../../cognito/app-clients.js';
import { hasClientSecret, matchesClientSecret } from '../../../../cognito/client-secrets.js';
import { revokeParentSsoSession } from '../../../../cognito/user-sessions.js';

function authenticatedClient(services: Pick<Services, 'store'>, clientId: string, clientSecret: string | undefined): AppClient {
  const client = findAppClient(services.store, clientId);
  if (!client) throw new UnauthorizedException('Client authentication failed.');
  if (hasClientSecret(client) && !matchesClientSecret(client, clientSecret)) throw new UnauthorizedException('Client authentication failed.');
  return client;
}

/** ID and access tokens are signed JWTs (three parts); refresh tokens are not. */
function isSignedJwt(token: string): boolean {
  if (token.split('.').length !== 3) return false;
  try {
    decodeProtectedHeader(token);
    return true;
  } catch {
    return false;
  }
}

export const RevokeToken = operation<RevokeTokenCommandInput, RevokeTokenCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock'>>(
  ({ tokens, store, clock }) => ({
    input: structure({
      Token: required(TokenModelType),
      ClientId: required(ClientIdType),
      ClientSecret: ClientSecretType,
      RevokeAssociatedSessions: RevokeAssociatedSessionsType,
    }),
    handle(input) {
      const client = authenticatedClient({ store }, input.ClientId!, input.ClientSecret);
      if (!client.config.EnableTokenRevocation) throw new UnsupportedOperationException('Token revocation is not enabled for this client.');
      if (isSignedJwt(input.Token!)) throw new UnsupportedTokenTypeException('Only refresh tokens can be revoked.');
      const family = tokens.revokeRefreshToken(input.Token!, client);
      if (family && input.RevokeAssociatedSessions === 'LINKED') revokeParentSsoSession({ store, clock }, family);
      return {};
    },
  }),
);
