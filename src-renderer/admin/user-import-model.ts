/**
 * The import jobs card's logic: a job as the window shows it, kept current by the
 * `userImport.progressed` events (which carry what DescribeUserImportJob would answer, plus how
 * far into the file the importer is), its status badge and its progress.
 */
import type * as Cognito from '@aws-sdk/client-cognito-identity-provider';
import type { EventData } from '../../shared/events';
import type { StatusTone } from './admin-model';
import type { Wire } from './cognito-api';

export type UserImportJob = Wire<Cognito.UserImportJobType> & {
  /** From the events only: the bytes read out of the uploaded file's size. */
  bytesRead?: number;
  fileBytes?: number;
};

type Progress = EventData<'userImport.progressed'>;

const RUNNING = new Set(['Pending', 'InProgress', 'Stopping']);

export function isRunning(job: UserImportJob): boolean {
  return RUNNING.has(job.Status ?? '');
}

/** The job updated by one of its events. */
export function withProgress(job: UserImportJob, progress: Progress): UserImportJob {
  return {
    ...job,
    Status: progress.status as UserImportJob['Status'],
    ImportedUsers: progress.importedUsers,
    SkippedUsers: progress.skippedUsers,
    FailedUsers: progress.failedUsers,
    bytesRead: progress.bytesRead,
    ...(progress.fileBytes !== undefined && { fileBytes: progress.fileBytes }),
    ...(progress.completionMessage !== undefined && { CompletionMessage: progress.completionMessage }),
  };
}

/** The jobs with the events applied; a job the list does not hold yet (created elsewhere) is added first. */
export function applyProgress(jobs: readonly UserImportJob[], poolId: string, progress: Progress): UserImportJob[] {
  const index = jobs.findIndex((job) => job.JobId === progress.jobId);
  if (index >= 0) return jobs.map((job, i) => (i === index ? withProgress(job, progress) : job));
  const created: UserImportJob = { JobId: progress.jobId, JobName: progress.jobName, UserPoolId: poolId };
  return [withProgress(created, progress), ...jobs];
}

/** How much of the file is done, 0 to 1: the bytes read when known, else 1 once the job is over. */
export function progressOf(job: UserImportJob): number {
  if (job.Status === 'Succeeded') return 1;
  if (!job.fileBytes || job.bytesRead === undefined) return 0;
  return Math.min(1, job.bytesRead / job.fileBytes);
}

export function importStatusTone(status: string | undefined): StatusTone {
  switch (status) {
    case 'Succeeded':
      return 'badge-success';
    case 'Failed':
    case 'Expired':
      return 'badge-failure';
    case 'Pending':
    case 'InProgress':
    case 'Stopping':
      return 'badge-active';
    case 'Stopped':
      return 'badge-warning';
    default:
      return '';
  }
}
