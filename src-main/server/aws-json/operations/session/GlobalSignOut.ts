/**
 * GlobalSignOut: the signed-in user's refresh tokens are revoked and their access tokens are
 * refused by the user-pool APIs from now on. Tokens already issued still verify offline until
 * they expire, as Cognito's do.
 */
import type { GlobalSignOutCommandInput, GlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';

export const GlobalSignOut = operation<GlobalSignOutCommandInput, GlobalSignOutCommandOutput, Pick<Services, 'tokens' | 'store'>>(
  (services) => ({
    input: structure({ AccessToken: required(TokenModelType) }),
    async handle(input) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      services.tokens.signOutEverywhere(pool.id, user.sub);
      return {};
    },
  }),
);
