/** LIMITATIONS: lists the pools of every region, not only the region the request was signed for. */
import type { ListUserPoolsCommandInput, ListUserPoolsCommandOutput, UserPoolDescriptionType } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { PaginationKey, PoolQueryLimitType } from '../../model.js';
import { operation, type Wire } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { wireDate } from '../common.js';

/** The token names the last pool of the previous page. */
function encodeToken(poolId: string): string {
  return Buffer.from(poolId, 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  const poolId = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(poolId) || encodeToken(poolId) !== token) {
    throw new InvalidParameterException('Invalid pagination token.');
  }
  return poolId;
}

function description(pool: UserPool): Wire<UserPoolDescriptionType> {
  return {
    Id: pool.id,
    Name: pool.name,
    LambdaConfig: pool.config.LambdaConfig ?? {},
    LastModifiedDate: wireDate(pool.modified),
    CreationDate: wireDate(pool.created),
  };
}

export const ListUserPools = operation<ListUserPoolsCommandInput, ListUserPoolsCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({ NextToken: PaginationKey, MaxResults: required(PoolQueryLimitType) }),
  handle(input) {
    const limit = input.MaxResults!;
    const after = input.NextToken === undefined ? undefined : decodeToken(input.NextToken);
    const page = store.pools.listPage(limit + 1, after);
    const pools = page.slice(0, limit);
    return {
      UserPools: pools.map(description),
      ...(page.length > limit && { NextToken: encodeToken(pools[pools.length - 1]!.id) }),
    };
  },
}));
