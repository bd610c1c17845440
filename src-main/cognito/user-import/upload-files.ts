/**
 * Where an import job's uploaded CSV file lives: under the data dir (`user-imports/JOBID.csv`),
 * so that a job resumes after a restart, or in the system's temporary folder for a sandbox kept
 * in memory. The file goes once its job is over, as Cognito deletes a job's data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxOptions } from '../../config/options.js';

function folderOf(options: Pick<SandboxOptions, 'dataDir'>): string {
  return options.dataDir ? path.join(options.dataDir, 'user-imports') : path.join(os.tmpdir(), 'cognito-sandbox-user-imports');
}

export function uploadPathOf(options: Pick<SandboxOptions, 'dataDir'>, jobId: string): string {
  return path.join(folderOf(options), `${jobId}.csv`);
}

/** A fresh file name beside the job's, for an upload in progress (renamed over it once whole). */
export function partialUploadPathOf(options: Pick<SandboxOptions, 'dataDir'>, jobId: string): string {
  fs.mkdirSync(folderOf(options), { recursive: true });
  return `${uploadPathOf(options, jobId)}.${process.pid}.${Date.now()}.part`;
}

export function removeUpload(options: Pick<SandboxOptions, 'dataDir'>, jobId: string): void {
  fs.rmSync(uploadPathOf(options, jobId), { force: true });
}
