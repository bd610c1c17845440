/**
 * MergeDeveloperIdentities: the source developer user's identity merged into the destination
 * user's (its logins move; it stops answering); a source user no identity holds is linked to the
 * destination's identity. Answers the destination's identity id.
 *
 * Errors: an unknown pool or destination user, or a DeveloperProviderName that is not the pool's,
 * ResourceNotFoundException; the two identities holding different users of one provider,
 * ResourceConflictException; more than 20 logins together, LimitExceededException (the limit is
 * documented, the exception is assumed).
 */
import type { MergeDeveloperIdentitiesCommandInput, MergeDeveloperIdentitiesCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { mergeDeveloperIdentities, requireDeveloperProvider } from '../../../../cognito/identity/identities.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { DeveloperProviderNameType, DeveloperUserIdentifierType, IdentityPoolIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const MergeDeveloperIdentities = operation<MergeDeveloperIdentitiesCommandInput, MergeDeveloperIdentitiesCommandOutput, Pick<Services, 'store' | 'clock' | 'ids' | 'bus'>>(
  (services) => ({
    input: structure({
      SourceUserIdentifier: required(DeveloperUserIdentifierType),
      DestinationUserIdentifier: required(DeveloperUserIdentifierType),
      DeveloperProviderName: required(DeveloperProviderNameType),
      IdentityPoolId: required(IdentityPoolIdType),
    }),
    handle(input) {
      const pool = requireIdentityPool(services.store, input.IdentityPoolId!);
      requireDeveloperProvider(pool, input.DeveloperProviderName!);
      return { IdentityId: mergeDeveloperIdentities(services, pool, input.SourceUserIdentifier!, input.DestinationUserIdentifier!) };
    },
  }),
);
