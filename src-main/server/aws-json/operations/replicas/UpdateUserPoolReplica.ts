/**
 * Activates or deactivates a secondary replica (`ACTIVE` / `INACTIVE`). The primary region is not
 * a replica to update (InvalidParameterException).
 *
 * Limitations: no second region serves the replica (see replicas.ts); its status is only stored.
 */
import type { UpdateUserPoolReplicaCommandInput, UpdateUserPoolReplicaCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { RegionNameType, ReplicaUpdateStatusType, requireSecondaryReplica, toReplicaType } from './replicas.js';

export const UpdateUserPoolReplica = operation<
  UpdateUserPoolReplicaCommandInput,
  UpdateUserPoolReplicaCommandOutput,
  Pick<Services, 'store' | 'clock' | 'options'>
>(({ store, clock, options }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    RegionName: required(RegionNameType),
    Status: required(ReplicaUpdateStatusType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const replica = requireSecondaryReplica(store, pool, input.RegionName!);
    const updated = { ...replica, status: input.Status!, modified: clock.now() };
    store.userPoolReplicas.saveStatus(pool.id, updated.region, updated.status, updated.modified);
    return { UserPoolReplica: toReplicaType(updated, options.accountId) };
  },
}));
