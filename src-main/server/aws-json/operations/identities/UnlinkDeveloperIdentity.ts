/**
 * UnlinkDeveloperIdentity: a developer user identifier leaves its identity (seen again, it makes a
 * new one); an identity left without logins stops answering.
 *
 * Errors (wording the sandbox's): an unknown pool or identity, a DeveloperProviderName that is not
 * the pool's, an identifier no identity holds: ResourceNotFoundException; an identifier another
 * identity holds: ResourceConflictException.
 */
import type { UnlinkDeveloperIdentityCommandInput, UnlinkDeveloperIdentityCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireDeveloperProvider, unlinkDeveloperIdentity } from '../../../../cognito/identity/identities.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { DeveloperProviderNameType, DeveloperUserIdentifierType, IdentityIdType, IdentityPoolIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const UnlinkDeveloperIdentity = operation<UnlinkDeveloperIdentityCommandInput, UnlinkDeveloperIdentityCommandOutput, Pick<Services, 'store' | 'clock' | 'ids' | 'bus'>>(
  (services) => ({
    input: structure({
      IdentityId: required(IdentityIdType),
      IdentityPoolId: required(IdentityPoolIdType),
      DeveloperProviderName: required(DeveloperProviderNameType),
      DeveloperUserIdentifier: required(DeveloperUserIdentifierType),
    }),
    handle(input) {
      const pool = requireIdentityPool(services.store, input.IdentityPoolId!);
      requireDeveloperProvider(pool, input.DeveloperProviderName!);
      unlinkDeveloperIdentity(services, pool, input.IdentityId!, input.DeveloperUserIdentifier!);
      return {};
    },
  }),
);
