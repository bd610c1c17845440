/**
 * ListIdentityPools: the pools in creation order, MaxResults (1-60) at a time; NextToken names
 * where the previous page ended, so pages stay whole while pools come and go.
 *
 * Limitations: lists the pools of every region, not only the region the request was signed for
 * (as ListUserPools does in the sandbox). A token that is not one of ours is refused with
 * InvalidParameterException, in the sandbox's words.
 */
import type { ListIdentityPoolsCommandInput, ListIdentityPoolsCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import type { IdentityPool } from '../../../../cognito/identity/types.js';
import type { IdentityPoolCursor } from '../../../../store/repositories/identity-pools.js';
import { PaginationKeyType, QueryLimitType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { page } from '../paging.js';
import { required, structure } from '../../shapes.js';

/** A page's last pool as the paging key: `{created}:{id}` (ids hold colons, creation times do not). */
const keyOf = (pool: IdentityPool): string => `${pool.created}:${pool.IdentityPoolId}`;

function cursorOf(key: string): IdentityPoolCursor | undefined {
  if (key === '') return undefined;
  const colon = key.indexOf(':');
  const created = Number(key.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(created)) throw new InvalidParameterException('Invalid pagination token.');
  return { created, id: key.slice(colon + 1) };
}

export const ListIdentityPools = operation<ListIdentityPoolsCommandInput, ListIdentityPoolsCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({ MaxResults: required(QueryLimitType), NextToken: PaginationKeyType }),
    handle(input) {
      const { items, nextToken } = page(
        'ListIdentityPools',
        input.MaxResults!,
        input.NextToken,
        (limit, after) => store.identityPools.page(cursorOf(after), limit),
        keyOf,
      );
      return {
        IdentityPools: items.map((pool) => ({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: pool.IdentityPoolName })),
        ...(nextToken !== undefined && { NextToken: nextToken }),
      };
    },
  }),
);
