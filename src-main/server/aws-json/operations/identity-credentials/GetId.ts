/**
 * GetId: the identity of the logins given in the identity pool, made when the logins are new (or,
 * with no logins, a new unauthenticated identity when the pool allows guests). Runs the identity
 * flow: each login's token checked, the identity found, made, linked or merged.
 *
 * Limitations: AccountId is accepted and not compared (the sandbox is one account).
 */
import type { GetIdCommandInput, GetIdCommandOutput } from '@aws-sdk/client-cognito-identity';
import { AccountIdType, IdentityPoolIdType, LoginsMapType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import type { Services } from '../../../../services.js';

export const GetId = operation<GetIdCommandInput, GetIdCommandOutput, Pick<Services, 'flows'>>(({ flows }) => ({
  input: structure({
    AccountId: AccountIdType,
    IdentityPoolId: required(IdentityPoolIdType),
    Logins: LoginsMapType,
  }),
  handle(input, context) {
    return flows.identity.getId({ identityPoolId: input.IdentityPoolId!, ...(input.Logins && { logins: input.Logins }) }, context);
  },
}));
