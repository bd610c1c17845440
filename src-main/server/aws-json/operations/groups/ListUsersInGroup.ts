/** Members come in username-key order; `Limit` 0 or absent means Cognito's page of 60. */
import type { ListUsersInGroupCommandInput, ListUsersInGroupCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { GroupNameType, PaginationKey, QueryLimitType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { toUserType } from '../../wire/user-type.js';
import { DEFAULT_GROUP_PAGE_SIZE, page } from '../paging.js';
import { requireGroup } from './require-group.js';

export const ListUsersInGroup = operation<ListUsersInGroupCommandInput, ListUsersInGroupCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      GroupName: required(GroupNameType),
      Limit: QueryLimitType,
      NextToken: PaginationKey,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const group = requireGroup(store, pool.id, input.GroupName!);
      // Memberships are removed with their user in the same statement, so every key resolves.
      const membersAfter = (limit: number, after: string): StoredUser[] =>
        store.groups
          .memberKeysPage(pool.id, group.name, limit, after)
          .map((key) => store.users.findByKey(pool.id, key))
          .filter((user) => user !== undefined);
      const { items, nextToken } = page(
        `ListUsersInGroup:${pool.id}:${group.name}`,
        input.Limit || DEFAULT_GROUP_PAGE_SIZE,
        input.NextToken,
        membersAfter,
        (user) => user.usernameKey,
      );
      return { Users: items.map((user) => toUserType(user)), ...(nextToken && { NextToken: nextToken }) };
    },
  }),
);
