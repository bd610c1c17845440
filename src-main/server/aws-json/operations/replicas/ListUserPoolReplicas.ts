/**
 * A pool's replicas: the primary region first (`PRIMARY`, always `ACTIVE`), then the secondary
 * replicas by region, 60 to a page.
 *
 * Limitations: no second region serves a replica (see replicas.ts).
 */
import type { ListUserPoolReplicasCommandInput, ListUserPoolReplicasCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, string, structure } from '../../shapes.js';
import { page } from '../paging.js';
import { primaryReplicaType, toReplicaType } from './replicas.js';

const PAGE_SIZE = 60;

export const ListUserPoolReplicas = operation<ListUserPoolReplicasCommandInput, ListUserPoolReplicasCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({ UserPoolId: required(UserPoolIdType), NextToken: string({ min: 1, max: 131072 }) }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const firstPage = !input.NextToken;
      const { items, nextToken } = page(
        `ListUserPoolReplicas:${pool.id}`,
        firstPage ? PAGE_SIZE - 1 : PAGE_SIZE,
        input.NextToken || undefined,
        (limit, after) => store.userPoolReplicas.listPage(pool.id, limit, after),
        (replica) => replica.region,
      );
      const secondaries = items.map((replica) => toReplicaType(replica, options.accountId));
      return {
        UserPoolReplicas: firstPage ? [primaryReplicaType(pool, options.accountId), ...secondaries] : secondaries,
        ...(nextToken && { NextToken: nextToken }),
      };
    },
  }),
);
