/** Removing a user from a group it is not in succeeds and changes nothing. */
import type {
  AdminRemoveUserFromGroupCommandInput,
  AdminRemoveUserFromGroupCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { GroupNameType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireUser } from '../../../../cognito/resources.js';
import { requireGroup } from './require-group.js';

export const AdminRemoveUserFromGroup = operation<
  AdminRemoveUserFromGroupCommandInput,
  AdminRemoveUserFromGroupCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    GroupName: required(GroupNameType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    const group = requireGroup(store, pool.id, input.GroupName!);
    store.groups.removeMember(pool.id, group.name, user.usernameKey);
    return {};
  },
}));
