/**
 * Adds a secondary region to a user pool. The region must differ from the pool's, and a pool has
 * one replica per region (a second in the same region is InvalidParameterException).
 *
 * Limitations: no second region serves the replica (see replicas.ts); the answer says `CREATING`
 * and the stored replica is `INACTIVE` at once.
 */
import type { CreateUserPoolReplicaCommandInput, CreateUserPoolReplicaCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType, UserPoolTagsType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { RegionNameType, poolRegion, toReplicaType } from './replicas.js';

export const CreateUserPoolReplica = operation<
  CreateUserPoolReplicaCommandInput,
  CreateUserPoolReplicaCommandOutput,
  Pick<Services, 'store' | 'clock' | 'options'>
>(({ store, clock, options }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    RegionName: required(RegionNameType),
    UserPoolTags: UserPoolTagsType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const region = input.RegionName!;
    if (region === poolRegion(pool)) {
      throw new InvalidParameterException(`The replica region must differ from the primary region ${region} of user pool ${pool.id}.`);
    }
    if (store.userPoolReplicas.find(pool.id, region)) {
      throw new InvalidParameterException(`User pool ${pool.id} already has a replica in region ${region}.`);
    }
    const now = clock.now();
    const replica = { poolId: pool.id, region, status: 'INACTIVE', tags: input.UserPoolTags ?? {}, created: now, modified: now };
    store.userPoolReplicas.insert(replica);
    return { UserPoolReplica: toReplicaType(replica, options.accountId, 'CREATING') };
  },
}));
