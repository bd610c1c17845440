/** The user's groups in name order; `Limit` 0 or absent means Cognito's page of 60. */
import type {
  AdminListGroupsForUserCommandInput,
  AdminListGroupsForUserCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { PaginationKey, QueryLimitType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireUser } from '../../../../cognito/resources.js';
import { toGroupType } from './group-type.js';
import { DEFAULT_GROUP_PAGE_SIZE, page } from '../paging.js';

export const AdminListGroupsForUser = operation<
  AdminListGroupsForUserCommandInput,
  AdminListGroupsForUserCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    Username: required(UsernameType),
    UserPoolId: required(UserPoolIdType),
    Limit: QueryLimitType,
    NextToken: PaginationKey,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    const { items, nextToken } = page(
      `AdminListGroupsForUser:${pool.id}:${user.usernameKey}`,
      input.Limit || DEFAULT_GROUP_PAGE_SIZE,
      input.NextToken,
      (limit, after) => store.groups.groupsForUserPage(pool.id, user.usernameKey, limit, after),
      (group) => group.name,
    );
    return { Groups: items.map(toGroupType), ...(nextToken && { NextToken: nextToken }) };
  },
}));
