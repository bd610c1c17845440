/**
 * UpdateIdentityPool: replaces the pool's configuration with the one given, as Cognito does ("If
 * you don't provide a value for a parameter, Amazon Cognito sets it to its default value"); the
 * DeveloperProviderName stays when omitted and cannot change once set.
 *
 * Assumptions: IdentityPoolTags omitted keep the pool's tags (given, they replace them); the
 * roles, role mappings and principal tag maps are untouched, also for providers the update
 * removes.
 */
import type { UpdateIdentityPoolCommandInput, UpdateIdentityPoolCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { describeIdentityPool, requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { IdentityPoolIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { identityPoolMembers, identityPoolOf } from './identity-pool-input.js';

export const UpdateIdentityPool = operation<UpdateIdentityPoolCommandInput, UpdateIdentityPoolCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({ IdentityPoolId: required(IdentityPoolIdType), ...identityPoolMembers }),
    handle(input) {
      const current = requireIdentityPool(store, input.IdentityPoolId!);
      const pool = identityPoolOf(input, { IdentityPoolId: current.IdentityPoolId, now: clock.now() }, current);
      store.identityPools.save(pool);
      return describeIdentityPool(pool);
    },
  }),
);
