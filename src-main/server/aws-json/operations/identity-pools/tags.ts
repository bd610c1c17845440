/** Identity pools are the only taggable resource of Cognito Identity: an ARN names one, or nothing at all. */
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { identityPoolArn, identityPoolOfArn, requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import type { IdentityPool } from '../../../../cognito/identity/types.js';
import type { Store } from '../../../../store/index.js';

export const MAX_TAGS = 50;

/** The identity pool an ARN of this account names, or ResourceNotFoundException. */
export function requireTaggedIdentityPool(store: Store, accountId: string, resourceArn: string): IdentityPool {
  const identityPoolId = identityPoolOfArn(resourceArn);
  if (identityPoolId === undefined || identityPoolArn(identityPoolId, accountId) !== resourceArn) {
    throw new ResourceNotFoundException(`Resource '${resourceArn}' not found.`);
  }
  return requireIdentityPool(store, identityPoolId);
}
