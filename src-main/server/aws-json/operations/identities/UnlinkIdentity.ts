/**
 * UnlinkIdentity (public: no AWS credentials needed): the identity's logins of the providers in
 * LoginsToRemove leave it, once Logins prove the caller is its user: every login is checked as
 * GetId checks it (checkLogins: NotAuthorizedException, ExternalServiceException), and at least one
 * must be held by the identity ("Logins don't match. ..."). An identity left without logins stops
 * answering; the logins removed make new identities the next time they are seen.
 *
 * Assumption: a provider in LoginsToRemove that the identity holds no login of is passed over.
 */
import type { UnlinkIdentityCommandInput, UnlinkIdentityCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentity, unlinkLogins } from '../../../../cognito/identity/identities.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { checkLogins } from '../../../../cognito/identity/logins.js';
import { IdentityIdType, LoginsListType, LoginsMapType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const UnlinkIdentity = operation<UnlinkIdentityCommandInput, UnlinkIdentityCommandOutput, Pick<Services, 'store' | 'clock' | 'ids' | 'bus' | 'options'>>(
  (services) => ({
    input: structure({
      IdentityId: required(IdentityIdType),
      Logins: required(LoginsMapType),
      LoginsToRemove: required(LoginsListType),
    }),
    async handle(input, context) {
      const pool = requireIdentityPool(services.store, requireIdentity(services.store, input.IdentityId!).IdentityPoolId);
      const verified = await checkLogins(services, pool, input.Logins!, { origin: context.origin, region: context.region, call: 'UnlinkIdentity' });
      unlinkLogins(services, pool, input.IdentityId!, verified, input.LoginsToRemove!);
      return {};
    },
  }),
);
