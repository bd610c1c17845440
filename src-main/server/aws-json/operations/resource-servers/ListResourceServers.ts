/** Servers come in identifier order; without `MaxResults` a page holds the most allowed, 50. */
import type { ListResourceServersCommandInput, ListResourceServersCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { PaginationKey, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { integer, required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { page } from '../paging.js';
import { toResourceServerType } from './resource-server.js';

const MAX_PAGE_SIZE = 50;

export const ListResourceServers = operation<
  ListResourceServersCommandInput,
  ListResourceServersCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    MaxResults: integer({ min: 1, max: MAX_PAGE_SIZE }),
    NextToken: PaginationKey,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const { items, nextToken } = page(
      `ListResourceServers:${pool.id}`,
      input.MaxResults ?? MAX_PAGE_SIZE,
      input.NextToken,
      (limit, after) => store.resourceServers.listPage(pool.id, limit, after),
      (server) => server.identifier,
    );
    return { ResourceServers: items.map(toResourceServerType), ...(nextToken && { NextToken: nextToken }) };
  },
}));
