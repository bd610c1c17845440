/**
 * GetOpenIdTokenForDeveloperIdentity: the back end of an app that authenticates its own users
 * vouches for one (Logins holds the pool's developer provider name → the user's identifier) and gets
 * the identity and an OpenID token for it (TokenDuration seconds, fifteen minutes by default).
 * Other logins in the map are checked and linked as GetId links them; IdentityId links the
 * developer user to an existing identity.
 *
 * Limitations: the call is accepted without verifying its SigV4 signature, as every sandbox call is.
 */
import type {
  GetOpenIdTokenForDeveloperIdentityCommandInput,
  GetOpenIdTokenForDeveloperIdentityCommandOutput,
} from '@aws-sdk/client-cognito-identity';
import { IdentityIdType, IdentityPoolIdType, LoginsMapType, PrincipalTagsType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { integer, required, structure } from '../../shapes.js';
import type { Services } from '../../../../services.js';

export const GetOpenIdTokenForDeveloperIdentity = operation<
  GetOpenIdTokenForDeveloperIdentityCommandInput,
  GetOpenIdTokenForDeveloperIdentityCommandOutput,
  Pick<Services, 'flows'>
>(({ flows }) => ({
  input: structure({
    IdentityPoolId: required(IdentityPoolIdType),
    IdentityId: IdentityIdType,
    Logins: required(LoginsMapType),
    PrincipalTags: PrincipalTagsType,
    TokenDuration: integer({ min: 1, max: 86400 }),
  }),
  handle(input, context) {
    return flows.identity.getOpenIdTokenForDeveloperIdentity(
      {
        identityPoolId: input.IdentityPoolId!,
        logins: input.Logins!,
        ...(input.IdentityId && { identityId: input.IdentityId }),
        ...(input.PrincipalTags && { principalTags: input.PrincipalTags }),
        ...(input.TokenDuration !== undefined && { tokenDuration: input.TokenDuration }),
      },
      context,
    );
  },
}));
