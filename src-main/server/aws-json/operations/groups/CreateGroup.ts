/** Limitations: the 10,000-groups-per-pool quota is not enforced. */
import type { CreateGroupCommandInput, CreateGroupCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { GroupExistsException } from '../../../../cognito/errors.js';
import { ArnType, DescriptionType, GroupNameType, PrecedenceType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { toGroupType } from './group-type.js';

export const CreateGroup = operation<CreateGroupCommandInput, CreateGroupCommandOutput, Pick<Services, 'store' | 'clock'>>(
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
      if (store.groups.find(pool.id, input.GroupName!)) throw new GroupExistsException('A group with the name already exists.');
      const now = clock.now();
      const group = {
        poolId: pool.id,
        name: input.GroupName!,
        description: input.Description,
        roleArn: input.RoleArn,
        precedence: input.Precedence,
        created: now,
        modified: now,
      };
      store.groups.insert(group);
      return { Group: toGroupType(group) };
    },
  }),
);
