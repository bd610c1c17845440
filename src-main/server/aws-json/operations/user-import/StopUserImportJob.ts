/**
 * StopUserImportJob: a Pending job stops at once; an InProgress one becomes Stopping and the
 * importer stops it after the chunk of lines it is writing (the users written so far stay). The
 * answer waits for that (a moment), so it shows the job Stopped with "The Import Job was stopped
 * by the developer.", as the guide's sample does. A job that is not running is refused with
 * PreconditionNotMetException (wording the sandbox's); a stopped job cannot be started again.
 */
import type { StopUserImportJobCommandInput, StopUserImportJobCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { PreconditionNotMetException } from '../../../../cognito/errors.js';
import { requirePool } from '../../../../cognito/resources.js';
import { publishUserImport, STOPPED_BY_DEVELOPER, userImporterOf } from '../../../../cognito/user-import/importer.js';
import { removeUpload } from '../../../../cognito/user-import/upload-files.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { currentStatus, requireImportJob, toUserImportJobType, UserImportJobIdType } from './user-import-jobs.js';

/** How long the answer waits for the importer to finish its chunk. */
const STOP_WAIT_MS = 5_000;

export const StopUserImportJob = operation<
  StopUserImportJobCommandInput,
  StopUserImportJobCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids' | 'bus' | 'options'>
>((services) => ({
  input: structure({ UserPoolId: required(UserPoolIdType), JobId: required(UserImportJobIdType) }),
  async handle(input) {
    const { store, clock } = services;
    const pool = requirePool(store, input.UserPoolId!);
    const job = requireImportJob(store, pool.id, input.JobId!);
    const now = clock.now();
    const stopped = { completed: now, completionMessage: STOPPED_BY_DEVELOPER };
    if (store.userImportJobs.transition(job.jobId, ['Pending'], 'Stopped', stopped)) {
      removeUpload(services.options, job.jobId);
    } else if (store.userImportJobs.transition(job.jobId, ['InProgress'], 'Stopping')) {
      publishUserImport(services, requireImportJob(store, pool.id, job.jobId));
      await userImporterOf(services).settled(job.jobId, STOP_WAIT_MS);
    } else {
      throw new PreconditionNotMetException(`User import job ${job.jobId} cannot be stopped: its status is ${currentStatus(job, now)}.`);
    }
    const after = requireImportJob(store, pool.id, job.jobId);
    if (after.status === 'Stopped' && job.status === 'Pending') publishUserImport(services, after);
    return { UserImportJob: toUserImportJobType(after, clock.now()) };
  },
}));
