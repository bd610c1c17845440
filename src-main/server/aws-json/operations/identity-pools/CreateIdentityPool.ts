/**
 * CreateIdentityPool: a new identity pool `{region}:{uuid}` in the request's region, with the
 * configuration given (cognito/identity/identity-pool-config.ts says what it accepts beyond the
 * model). Roles are set afterwards, with SetIdentityPoolRoles.
 *
 * Assumptions: the quota of 1,000 identity pools per account is enforced across all regions
 * (LimitExceededException, in the sandbox's words); pool names need not be unique, as in Cognito.
 */
import type { CreateIdentityPoolCommandInput, CreateIdentityPoolCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { LimitExceededException } from '../../../../cognito/errors.js';
import { describeIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { operation } from '../../operation.js';
import { structure } from '../../shapes.js';
import { identityPoolMembers, identityPoolOf } from './identity-pool-input.js';

export const MAX_IDENTITY_POOLS = 1000;

export const CreateIdentityPool = operation<
  CreateIdentityPoolCommandInput,
  CreateIdentityPoolCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids'>
>(({ store, clock, ids }) => ({
  input: structure(identityPoolMembers),
  handle(input, context) {
    if (store.identityPools.count() >= MAX_IDENTITY_POOLS) {
      throw new LimitExceededException(`An account can have at most ${MAX_IDENTITY_POOLS} identity pools.`);
    }
    const pool = identityPoolOf(input, { IdentityPoolId: `${context.region}:${ids.uuid()}`, now: clock.now() });
    store.identityPools.insert(pool);
    return describeIdentityPool(pool);
  },
}));
