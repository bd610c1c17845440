/**
 * Deletes a secondary replica; as in Cognito only an `INACTIVE` one (InvalidParameterException
 * otherwise). The primary region cannot be deleted this way.
 *
 * Limitations: no second region serves the replica (see replicas.ts); the answer says `DELETING`
 * and the replica is gone at once.
 */
import type { DeleteUserPoolReplicaCommandInput, DeleteUserPoolReplicaCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { RegionNameType, requireSecondaryReplica, toReplicaType } from './replicas.js';

export const DeleteUserPoolReplica = operation<
  DeleteUserPoolReplicaCommandInput,
  DeleteUserPoolReplicaCommandOutput,
  Pick<Services, 'store' | 'options'>
>(({ store, options }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType), RegionName: required(RegionNameType) }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const replica = requireSecondaryReplica(store, pool, input.RegionName!);
    if (replica.status !== 'INACTIVE') {
      throw new InvalidParameterException(`The replica in region ${replica.region} must be INACTIVE to be deleted.`);
    }
    store.userPoolReplicas.delete(pool.id, replica.region);
    return { UserPoolReplica: toReplicaType(replica, options.accountId, 'DELETING') };
  },
}));
