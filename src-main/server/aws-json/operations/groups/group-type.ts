import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import type { Group } from '../../../../store/repositories/groups.js';
import type { Wire } from '../../operation.js';
import { wireDate } from '../common.js';

/** A stored group as Cognito returns it: unset optional fields are left out. */
export function toGroupType(group: Group): Wire<GroupType> {
  return {
    GroupName: group.name,
    UserPoolId: group.poolId,
    ...(group.description !== undefined && { Description: group.description }),
    ...(group.roleArn !== undefined && { RoleArn: group.roleArn }),
    ...(group.precedence !== undefined && { Precedence: group.precedence }),
    LastModifiedDate: wireDate(group.modified),
    CreationDate: wireDate(group.created),
  };
}
