/**
 * The pool's user import jobs, newest first ("from last created to first created"), MaxResults
 * (1 to 60) at a time, with a PaginationToken while more follow.
 */
import type { ListUserImportJobsCommandInput, ListUserImportJobsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { PaginationKey, PoolQueryLimitType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { page } from '../paging.js';
import { toUserImportJobType } from './user-import-jobs.js';

export const ListUserImportJobs = operation<ListUserImportJobsCommandInput, ListUserImportJobsCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({ UserPoolId: required(UserPoolIdType), MaxResults: required(PoolQueryLimitType), PaginationToken: PaginationKey }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const { items, nextToken } = page(
        `ListUserImportJobs:${pool.id}`,
        input.MaxResults!,
        input.PaginationToken,
        (limit, after) => store.userImportJobs.listNewestFirst(pool.id, limit, after === '' ? undefined : Number(after)),
        (item) => String(item.seq),
      );
      const now = clock.now();
      return { UserImportJobs: items.map(({ job }) => toUserImportJobType(job, now)), ...(nextToken && { PaginationToken: nextToken }) };
    },
  }),
);
