/** Small steps many operations share. */
import type { UserPool } from '../../../store/repositories/user-pools.js';
import type { Store } from '../../../store/index.js';
import { ResourceNotFoundException } from '../errors.js';

/** The pool, or Cognito's ResourceNotFoundException for an unknown id. */
export function requirePool(store: Store, userPoolId: string): UserPool {
  const pool = store.pools.findById(userPoolId);
  if (!pool) throw new ResourceNotFoundException(`User pool ${userPoolId} does not exist.`);
  return pool;
}

/** `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID`; the region is the pool id's prefix. */
export function userPoolArn(poolId: string, accountId: string): string {
  const region = poolId.slice(0, poolId.indexOf('_'));
  return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;
}

/** Epoch milliseconds to the epoch seconds (with fraction) AWS JSON puts on the wire. */
export function wireDate(ms: number): number {
  return ms / 1000;
}
