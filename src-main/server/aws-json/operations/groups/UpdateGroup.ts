/**
 * Changes only the properties the request names (Cognito: "updates any of the properties for
 * precedence, IAM role, or description"); an omitted property keeps its value.
 */
import type { UpdateGroupCommandInput, UpdateGroupCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ArnType, DescriptionType, GroupNameType, PrecedenceType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { toGroupType } from './group-type.js';
import { requireGroup } from './require-group.js';

export const UpdateGroup = operation<UpdateGroupCommandInput, UpdateGroupCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      GroupName: required(GroupNameType),
      UserPoolId: required(UserPoolIdType),
      Description: DescriptionType,
      RoleArn: ArnType,
      Precedence: PrecedenceType,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const group = requireGroup(store, pool.id, input.GroupName!);
      const updated = {
        ...group,
        ...(input.Description != null && { description: input.Description }),
        ...(input.RoleArn != null && { roleArn: input.RoleArn }),
        ...(input.Precedence != null && { precedence: input.Precedence }),
        modified: clock.now(),
      };
      store.groups.save(updated);
      return { Group: toGroupType(updated) };
    },
  }),
);
