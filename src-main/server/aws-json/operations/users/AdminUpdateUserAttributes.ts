/**
 * AdminUpdateUserAttributes: sets (or, with a blank value, deletes) attributes, developer-only
 * ones included. A changed email or phone number is no longer verified unless the request sets
 * its *_verified flag.
 *
 * Limitations: no verification code is sent for a changed email / phone number in pools that
 * auto-verify it, and AttributesRequireVerificationBeforeUpdate does not hold the new value back
 * (both come with the attribute-verification work); the CustomMessage trigger is not invoked.
 */
import type { AdminUpdateUserAttributesCommandInput, AdminUpdateUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { AttributeListType, ClientMetadataType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { claimAliases } from '../../../../cognito/aliases.js';
import { applyAttributeChanges, checkAttributeChanges } from '../../../../cognito/attributes.js';
import { requireUser } from '../../../../cognito/resources.js';

export const AdminUpdateUserAttributes = operation<
  AdminUpdateUserAttributesCommandInput,
  AdminUpdateUserAttributesCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    UserAttributes: required(AttributeListType),
    ClientMetadata: ClientMetadataType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    const changes = checkAttributeChanges(pool, user.attributes, input.UserAttributes!, 'admin');
    const now = clock.now();
    const updated: StoredUser = { ...user, attributes: applyAttributeChanges(user.attributes, changes), modified: now };
    const losers = claimAliases(store, pool, updated, { force: false, creating: false, now });
    store.transaction(() => {
      for (const loser of losers) store.users.save(loser);
      store.users.save(updated);
    });
    return {};
  },
}));
