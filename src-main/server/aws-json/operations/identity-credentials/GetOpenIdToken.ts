/**
 * GetOpenIdToken (the basic flow): an OpenID Connect token of the sandbox's Cognito Identity issuer
 * for the identity, valid ten minutes, to trade at STS AssumeRoleWithWebIdentity. An authenticated
 * identity must present one of its logins; a new login is linked, a login of another identity
 * merges the two (the answer names the identity that remains). A pool whose AllowClassicFlow is
 * false refuses: "Basic (classic) flow is not enabled, please use enhanced flow."
 */
import type { GetOpenIdTokenCommandInput, GetOpenIdTokenCommandOutput } from '@aws-sdk/client-cognito-identity';
import { IdentityIdType, LoginsMapType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import type { Services } from '../../../../services.js';

export const GetOpenIdToken = operation<GetOpenIdTokenCommandInput, GetOpenIdTokenCommandOutput, Pick<Services, 'flows'>>(({ flows }) => ({
  input: structure({
    IdentityId: required(IdentityIdType),
    Logins: LoginsMapType,
  }),
  handle(input, context) {
    return flows.identity.getOpenIdToken({ identityId: input.IdentityId!, ...(input.Logins && { logins: input.Logins }) }, context);
  },
}));
