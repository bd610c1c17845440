/** A user import job of the pool, with its status and counts as the importer left them. */
import type { DescribeUserImportJobCommandInput, DescribeUserImportJobCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireImportJob, toUserImportJobType, UserImportJobIdType } from './user-import-jobs.js';

export const DescribeUserImportJob = operation<
  DescribeUserImportJobCommandInput,
  DescribeUserImportJobCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType), JobId: required(UserImportJobIdType) }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    return { UserImportJob: toUserImportJobType(requireImportJob(store, pool.id, input.JobId!), clock.now()) };
  },
}));
