/** Groups come in name order; `Limit` 0 or absent means Cognito's page of 60. */
import type { ListGroupsCommandInput, ListGroupsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { PaginationKey, QueryLimitType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { toGroupType } from './group-type.js';
import { DEFAULT_GROUP_PAGE_SIZE, page } from '../paging.js';

export const ListGroups = operation<ListGroupsCommandInput, ListGroupsCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Limit: QueryLimitType,
    NextToken: PaginationKey,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const { items, nextToken } = page(
      `ListGroups:${pool.id}`,
      input.Limit || DEFAULT_GROUP_PAGE_SIZE,
      input.NextToken,
      (limit, after) => store.groups.listPage(pool.id, limit, after),
      (group) => group.name,
    );
    return { Groups: items.map(toGroupType), ...(nextToken && { NextToken: nextToken }) };
  },
}));
