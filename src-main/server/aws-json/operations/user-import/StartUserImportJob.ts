/**
 * StartUserImportJob: a Created job becomes Pending and the importer takes it up in the
 * background (cognito/user-import/importer.ts); jobs run one at a time, in the order they were
 * started. A job in any other status, or an expired one, is refused with
 * PreconditionNotMetException, and so is a pool without auto-verified attributes ("If the user
 * pool has no auto-verified attributes, the import job will not start"). A job started before
 * its file was uploaded ends Failed. Refusal wording is the sandbox's.
 */
import type { StartUserImportJobCommandInput, StartUserImportJobCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { PreconditionNotMetException } from '../../../../cognito/errors.js';
import { requirePool } from '../../../../cognito/resources.js';
import { publishUserImport, userImporterOf } from '../../../../cognito/user-import/importer.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { currentStatus, requireImportJob, toUserImportJobType, UserImportJobIdType } from './user-import-jobs.js';

export const StartUserImportJob = operation<
  StartUserImportJobCommandInput,
  StartUserImportJobCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids' | 'bus' | 'options'>
>((services) => ({
  input: structure({ UserPoolId: required(UserPoolIdType), JobId: required(UserImportJobIdType) }),
  handle(input) {
    const { store, clock } = services;
    const pool = requirePool(store, input.UserPoolId!);
    const job = requireImportJob(store, pool.id, input.JobId!);
    const now = clock.now();
    const status = currentStatus(job, now);
    if (status !== 'Created') throw new PreconditionNotMetException(`User import job ${job.jobId} cannot be started: its status is ${status}.`);
    if ((pool.config.AutoVerifiedAttributes ?? []).length === 0) {
      throw new PreconditionNotMetException('The user pool has no auto-verified attributes (email or phone_number): users cannot be imported into it.');
    }
    if (!store.userImportJobs.transition(job.jobId, ['Created'], 'Pending', { started: now })) {
      throw new PreconditionNotMetException(`User import job ${job.jobId} cannot be started: it was started already.`);
    }
    const pending = requireImportJob(store, pool.id, job.jobId);
    publishUserImport(services, pending);
    userImporterOf(services).wake();
    return { UserImportJob: toUserImportJobType(pending, now) };
  },
}));
