/** Providers come in name order; without `MaxResults` a page holds the most allowed, 60. */
import type { ListIdentityProvidersCommandInput, ListIdentityProvidersCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { PaginationKey, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { integer, required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { wireDate } from '../common.js';
import { page } from '../paging.js';

const MAX_PAGE_SIZE = 60;

export const ListIdentityProviders = operation<
  ListIdentityProvidersCommandInput,
  ListIdentityProvidersCommandOutput,
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
      `ListIdentityProviders:${pool.id}`,
      input.MaxResults ?? MAX_PAGE_SIZE,
      input.NextToken,
      (limit, after) => store.identityProviders.listPage(pool.id, limit, after),
      (provider) => provider.name,
    );
    return {
      Providers: items.map((provider) => ({
        ProviderName: provider.name,
        ProviderType: provider.type,
        LastModifiedDate: wireDate(provider.modified),
        CreationDate: wireDate(provider.created),
      })),
      ...(nextToken && { NextToken: nextToken }),
    };
  },
}));
