/**
 * What the user import operations share: the API model's shapes of a job's id and name, the
 * job as UserImportJobType answers it (a Created job not started within 24 hours is Expired, as
 * the guide says; the sandbox lets it expire after exactly 24), and the job lookup.
 */
import type { UserImportJobType } from '@aws-sdk/client-cognito-identity-provider';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import type { Store } from '../../../../store/index.js';
import type { StoredUserImportJob, UserImportJobStatus } from '../../../../store/repositories/user-import-jobs.js';
import type { Wire } from '../../operation.js';
import { enumeration, string } from '../../shapes.js';
import { wireDate } from '../common.js';

export const UserImportJobIdType = string({ min: 1, max: 55, pattern: 'import-[0-9a-zA-Z-]{10}' });
export const UserImportJobNameType = string({ min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' });
export const PasswordHashingAlgorithmType = enumeration(['BCRYPT', 'SCRYPT', 'ARGON2ID', 'PBKDF2_SHA256']);

/** How long a created job may wait for its start. */
export const EXPIRES_UNSTARTED_AFTER_MS = 24 * 60 * 60 * 1000;

/** The job's status as Cognito answers it now. */
export function currentStatus(job: StoredUserImportJob, now: number): UserImportJobStatus {
  return job.status === 'Created' && now - job.created >= EXPIRES_UNSTARTED_AFTER_MS ? 'Expired' : job.status;
}

export function toUserImportJobType(job: StoredUserImportJob, now: number): Wire<UserImportJobType> {
  return {
    JobName: job.jobName,
    JobId: job.jobId,
    UserPoolId: job.poolId,
    PreSignedUrl: job.preSignedUrl,
    CreationDate: wireDate(job.created),
    ...(job.started !== undefined && { StartDate: wireDate(job.started) }),
    ...(job.completed !== undefined && { CompletionDate: wireDate(job.completed) }),
    Status: currentStatus(job, now),
    CloudWatchLogsRoleArn: job.roleArn,
    ImportedUsers: job.imported,
    SkippedUsers: job.skipped,
    FailedUsers: job.failed,
    ...(job.completionMessage !== undefined && { CompletionMessage: job.completionMessage }),
    ...(job.hashingAlgorithm !== undefined && { PasswordHashingAlgorithm: job.hashingAlgorithm as UserImportJobType['PasswordHashingAlgorithm'] }),
  };
}

/** The pool's job, or ResourceNotFoundException. */
export function requireImportJob(store: Store, poolId: string, jobId: string): StoredUserImportJob {
  const job = store.userImportJobs.find(poolId, jobId);
  if (!job) throw new ResourceNotFoundException(`User import job ${jobId} does not exist in user pool ${poolId}.`);
  return job;
}
