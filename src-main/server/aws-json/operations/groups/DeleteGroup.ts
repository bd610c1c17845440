/**
 * Deletes the group with its memberships. The developer guide's older "only groups with no
 * members can be deleted" does not hold for the API: Cognito deletes a group with members.
 */
import type { DeleteGroupCommandInput, DeleteGroupCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { GroupNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireGroup } from './require-group.js';

export const DeleteGroup = operation<DeleteGroupCommandInput, DeleteGroupCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    GroupName: required(GroupNameType),
    UserPoolId: required(UserPoolIdType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const group = requireGroup(store, pool.id, input.GroupName!);
    store.groups.delete(pool.id, group.name);
    return {};
  },
}));
