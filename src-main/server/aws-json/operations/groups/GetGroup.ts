import type { GetGroupCommandInput, GetGroupCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { GroupNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { toGroupType } from './group-type.js';
import { requireGroup } from './require-group.js';

export const GetGroup = operation<GetGroupCommandInput, GetGroupCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    GroupName: required(GroupNameType),
    UserPoolId: required(UserPoolIdType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    return { Group: toGroupType(requireGroup(store, pool.id, input.GroupName!)) };
  },
}));
