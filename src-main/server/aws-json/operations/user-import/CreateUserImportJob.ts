/**
 * CreateUserImportJob: a Created job and the pre-signed URL its CSV file is PUT to, served by the
 * sandbox itself at `{origin}/_user-import/{JobId}` (server/user-import-upload.ts) and valid 15
 * minutes, as S3's would be. At most 1,000 jobs per pool (Cognito's quota): LimitExceededException.
 *
 * Limitations: the CloudWatchLogsRoleArn is kept and answered, never assumed; the job's log is
 * kept by the sandbox and shown in the window. PasswordHashingAlgorithm is kept and answered, but
 * the sandbox imports no password hashes: imported users are RESET_REQUIRED either way.
 */
import { randomBytes } from 'node:crypto';
import type { CreateUserImportJobCommandInput, CreateUserImportJobCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { LimitExceededException } from '../../../../cognito/errors.js';
import { requirePool } from '../../../../cognito/resources.js';
import { publishUserImport } from '../../../../cognito/user-import/importer.js';
import type { StoredUserImportJob } from '../../../../store/repositories/user-import-jobs.js';
import { ArnType, UserPoolIdType } from '../../model.js';
import { operation, type RequestContext } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { PasswordHashingAlgorithmType, toUserImportJobType, UserImportJobNameType } from './user-import-jobs.js';

const MAX_JOBS_PER_POOL = 1_000;
const URL_VALID_SECONDS = 900;

/** `20240131T235959Z`, the form of X-Amz-Date. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function preSignedUrl(context: RequestContext, jobId: string, signature: string, now: number): string {
  const date = amzDate(now);
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `SANDBOX/${date.slice(0, 8)}/${context.region}/s3/aws4_request`,
    'X-Amz-Date': date,
    'X-Amz-Expires': String(URL_VALID_SECONDS),
    'X-Amz-SignedHeaders': 'host;x-amz-server-side-encryption',
    'X-Amz-Signature': signature,
  });
  return `${context.origin}/_user-import/${jobId}?${query}`;
}

export const CreateUserImportJob = operation<
  CreateUserImportJobCommandInput,
  CreateUserImportJobCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids' | 'bus'>
>((services) => ({
  input: structure({
    JobName: required(UserImportJobNameType),
    UserPoolId: required(UserPoolIdType),
    CloudWatchLogsRoleArn: required(ArnType),
    PasswordHashingAlgorithm: PasswordHashingAlgorithmType,
  }),
  handle(input, context) {
    const { store, clock, ids } = services;
    const pool = requirePool(store, input.UserPoolId!);
    if (store.userImportJobs.countInPool(pool.id) >= MAX_JOBS_PER_POOL) {
      throw new LimitExceededException(`The user pool ${pool.id} has reached its limit of ${MAX_JOBS_PER_POOL} user import jobs.`);
    }
    const now = clock.now();
    const jobId = `import-${ids.uuid().replace(/-/g, '').slice(0, 10)}`;
    const urlSignature = randomBytes(32).toString('hex');
    const job: StoredUserImportJob = {
      jobId,
      poolId: pool.id,
      jobName: input.JobName!,
      roleArn: input.CloudWatchLogsRoleArn!,
      ...(input.PasswordHashingAlgorithm && { hashingAlgorithm: input.PasswordHashingAlgorithm }),
      preSignedUrl: preSignedUrl(context, jobId, urlSignature, now),
      urlSignature,
      status: 'Created',
      created: now,
      imported: 0,
      skipped: 0,
      failed: 0,
      linesRead: 0,
      bytesRead: 0,
    };
    store.userImportJobs.insert(job);
    publishUserImport(services, job);
    return { UserImportJob: toUserImportJobType(job, now) };
  },
}));
