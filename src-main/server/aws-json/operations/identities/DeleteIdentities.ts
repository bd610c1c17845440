/**
 * DeleteIdentities: 1-60 identities, with their logins (a deleted login is a new identity the next
 * time it is seen), and any identity merged into them.
 *
 * Assumption: an id no identity has is passed over, as a deletion that has nothing left to do;
 * UnprocessedIdentityIds (AccessDenied, InternalServerError) is therefore always empty here.
 */
import type { DeleteIdentitiesCommandInput, DeleteIdentitiesCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { IdentityIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { list, required, structure } from '../../shapes.js';

export const DeleteIdentities = operation<DeleteIdentitiesCommandInput, DeleteIdentitiesCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({ IdentityIdsToDelete: required(list(IdentityIdType, { min: 1, max: 60 })) }),
  handle(input) {
    store.identities.remove([...new Set(input.IdentityIdsToDelete!)]);
    return { UnprocessedIdentityIds: [] };
  },
}));
