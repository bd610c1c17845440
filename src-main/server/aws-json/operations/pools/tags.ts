/** Pools are the only taggable resource: an ARN names one pool, or nothing at all. */
import type { Store } from '../../../../store/index.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { userPoolArn } from '../common.js';

export const MAX_TAGS = 50;

export function requireTaggedPool(store: Store, accountId: string, resourceArn: string): UserPool {
  const poolId = resourceArn.match(/^arn:aws:cognito-idp:[a-z0-9-]+:\d+:userpool\/(.+)$/)?.[1];
  const pool = poolId === undefined ? undefined : store.pools.findById(poolId);
  if (!pool || userPoolArn(pool.id, accountId) !== resourceArn) {
    throw new ResourceNotFoundException(`Resource ${resourceArn} does not exist.`);
  }
  return pool;
}
