/** AdminDeleteUserAttributes: removes attributes; required and immutable ones cannot go. */
import type { AdminDeleteUserAttributesCommandInput, AdminDeleteUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { AttributeNameListType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { applyAttributeChanges, checkAttributeDeletions, withVerificationConsequences } from '../../../../cognito/attributes.js';
import { requireUser } from '../../../../cognito/resources.js';

export const AdminDeleteUserAttributes = operation<
  AdminDeleteUserAttributesCommandInput,
  AdminDeleteUserAttributesCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    UserAttributeNames: required(AttributeNameListType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    checkAttributeDeletions(pool, input.UserAttributeNames!);
    const deletions = input.UserAttributeNames!.map((name) => ({ name, value: null }));
    const changes = withVerificationConsequences(user.attributes, deletions);
    store.users.save({ ...user, attributes: applyAttributeChanges(user.attributes, changes), modified: clock.now() });
    return {};
  },
}));
