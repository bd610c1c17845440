import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  CreateUserImportJobCommand,
  DescribeUserImportJobCommand,
  ForgotPasswordCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo, rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { testClock } from '../support/clock.js';
import { createClient, createPool } from '../support/world.js';
import type { SandboxEvent } from '../../shared/events.js';

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImportRole';

let sandbox: TestSandbox;
const clock = testClock(Date.UTC(2025, 0, 1));
const events: SandboxEvent[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  sandbox.app.bus.subscribe((event) => events.push(event));
});
afterAll(() => sandbox.close());

const emailPool = (extra: object = {}) =>
  createPool(sandbox.cognito, {
    PoolName: 'importing',
    AutoVerifiedAttributes: ['email'],
    Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
    ...extra,
  });
const header = async (UserPoolId: string) => (await sandbox.cognito.send(new GetCSVHeaderCommand({ UserPoolId }))).CSVHeader!;
const createJob = async (UserPoolId: string, JobName = 'import') =>
  (await sandbox.cognito.send(new CreateUserImportJobCommand({ UserPoolId, JobName, CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
const describeJob = async (UserPoolId: string, JobId: string) =>
  (await sandbox.cognito.send(new DescribeUserImportJobCommand({ UserPoolId, JobId }))).UserImportJob!;
const start = async (UserPoolId: string, JobId: string) => (await sandbox.cognito.send(new StartUserImportJobCommand({ UserPoolId, JobId }))).UserImportJob!;

/** A CSV file of `rows` (column → value) under `columns`, as the guide writes one. */
function csv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((column) => row[column] ?? '').join(','))].join('\n') + '\n';
}

const person = (username: string, extra: Record<string, string> = {}) => ({
  'cognito:username': username,
  'cognito:mfa_enabled': 'FALSE',
  email: `${username}@example.com`,
  email_verified: 'TRUE',
  ...extra,
});

/** The guide's curl: `curl -T file -H "x-amz-server-side-encryption:aws:kms" URL`. */
function upload(url: string, body: string, headers: Record<string, string> = { 'x-amz-server-side-encryption': 'aws:kms' }) {
  return fetch(url, { method: 'PUT', headers, body });
}

async function finished(poolId: string, jobId: string): Promise<UserImportJobType> {
  for (let i = 0; i < 400; i++) {
    const job = await describeJob(poolId, jobId);
    if (['Succeeded', 'Failed', 'Stopped'].includes(job.Status!)) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string } | undefined;
  expect(error, 'the call was expected to be refused').toBeDefined();
  return { name: error!.name, message: error!.message };
}

const logOf = (jobId: string) => sandbox.app.store.userImportJobs.logLines(jobId, { limit: 1000 }).map((line) => line.message);

describe('GetCSVHeader', () => {
  it("answers the guide's columns with the pool's custom attributes before cognito:mfa_enabled and cognito:username", async () => {
    const poolId = await emailPool();
    const columns = await header(poolId);
    expect(columns.slice(0, 3)).toEqual(['name', 'given_name', 'family_name']);
    expect(columns.slice(-4)).toEqual(['updated_at', 'custom:tier', 'cognito:mfa_enabled', 'cognito:username']);
    expect(columns).toHaveLength(22);
  });

  it('refuses an unknown pool and a malformed pool id', async () => {
    expect(await refusal(header('us-east-1_missing'))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await rawCall(sandbox.url, 'GetCSVHeader', { UserPoolId: 'no pool' })).json.__type).toBe('InvalidParameterException');
  });
});

describe('CreateUserImportJob', () => {
  it('answers a Created job with a pre-signed URL the sandbox serves, valid 15 minutes', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId, 'first import');
    expect(job).toMatchObject({ JobName: 'first import', UserPoolId: poolId, Status: 'Created', CloudWatchLogsRoleArn: ROLE, ImportedUsers: 0, SkippedUsers: 0, FailedUsers: 0 });
    expect(job.JobId).toMatch(/^import-[0-9a-zA-Z-]{10}$/);
    expect(job.CreationDate!.getTime()).toBe(clock.time);
    const url = new URL(job.PreSignedUrl!);
    expect(url.origin).toBe(sandbox.url);
    expect(url.pathname).toBe(`/_user-import/${job.JobId}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(events.some((e) => e.type === 'userImport.progressed' && e.data.jobId === job.JobId && e.data.status === 'Created')).toBe(true);
  });

  it('refuses bad names, bad role ARNs, unknown pools', async () => {
    const poolId = await emailPool();
    const bad = (body: object) => rawCall(sandbox.url, 'CreateUserImportJob', { UserPoolId: poolId, JobName: 'x', CloudWatchLogsRoleArn: ROLE, ...body });
    expect((await bad({ JobName: 'semi;colon' })).json.__type).toBe('InvalidParameterException');
    expect((await bad({ JobName: '' })).json.__type).toBe('InvalidParameterException');
    expect((await bad({ CloudWatchLogsRoleArn: 'role' })).json.__type).toBe('InvalidParameterException');
    expect((await bad({ PasswordHashingAlgorithm: 'MD5' })).json.__type).toBe('InvalidParameterException');
    expect((await bad({ CloudWatchLogsRoleArn: undefined })).json.__type).toBe('InvalidParameterException');
    expect(await refusal(createJob('us-east-1_missing'))).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('the pre-signed URL', () => {
  it('takes the curl-like PUT with the encryption header and answers an ETag; refuses what S3 refuses, as XML', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId);
    const body = csv(await header(poolId), [person('ann')]);
    const wrong = new URL(job.PreSignedUrl!);
    wrong.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const forged = await upload(wrong.toString(), body);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const unencrypted = await upload(job.PreSignedUrl!, body, {});
    expect(unencrypted.status).toBe(403);
    const fetched = await fetch(job.PreSignedUrl!);
    expect(fetched.status).toBe(405);
    expect(await fetched.text()).toContain('<Code>MethodNotAllowed</Code>');

    const put = await upload(job.PreSignedUrl!, body);
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    await start(poolId, job.JobId!);
    const late = await upload(job.PreSignedUrl!, body);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');
    await finished(poolId, job.JobId!);
  });

  it('expires after 15 minutes', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId);
    clock.time += 15 * 60 * 1000 + 1;
    const expired = await upload(job.PreSignedUrl!, 'x');
    expect(expired.status).toBe(403);
    const text = await expired.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
  });
});

describe('an import of a few thousand users', () => {
  it('imports them in the background as RESET_REQUIRED users, publishing progress, and they reset their password to sign in', async () => {
    const poolId = await emailPool();
    const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const rows = Array.from({ length: 3000 }, (_, i) => person(`user${i}`, { given_name: `Given\\, ${i}`, 'custom:tier': 'gold', birthdate: '02/01/1985' }));
    const job = await createJob(poolId, 'thousands');
    expect((await upload(job.PreSignedUrl!, csv(await header(poolId), rows))).status).toBe(200);
    const started = await start(poolId, job.JobId!);
    expect(started.Status).toBe('Pending');
    expect(started.StartDate).toBeDefined();

    const done = await finished(poolId, job.JobId!);
    expect(done).toMatchObject({ Status: 'Succeeded', ImportedUsers: 3000, SkippedUsers: 0, FailedUsers: 0, CompletionMessage: 'Import Job Completed Successfully.' });
    expect(done.CompletionDate).toBeDefined();
    const statuses = events.filter((e) => e.type === 'userImport.progressed' && e.data.jobId === job.JobId).map((e) => (e.data as { status: string }).status);
    expect(statuses).toContain('InProgress');
    expect(statuses.at(-1)).toBe('Succeeded');
    expect(logOf(job.JobId!)[0]).toBe('[SUCCEEDED] Line Number 2 - The import succeeded.');

    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'user2999' }));
    expect(user.UserStatus).toBe('RESET_REQUIRED');
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'given_name', Value: 'Given, 2999' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:tier', Value: 'gold' },
      ]),
    );

    const signIn = (password: string) =>
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'user7', PASSWORD: password } }));
    expect(await refusal(signIn('Whatever1!'))).toMatchObject({ name: 'PasswordResetRequiredException' });
    await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'user7' }));
    const { code } = await latestMessageTo(sandbox.url, 'user7@example.com');
    await sandbox.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'user7', ConfirmationCode: code, Password: 'NewPassw0rd!' }));
    expect((await signIn('NewPassw0rd!')).AuthenticationResult?.AccessToken).toBeDefined();
  }, 20_000);
});

describe('a failing file', () => {
  it('fails the job when the header does not match the pool', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId);
    const columns = (await header(poolId)).filter((c) => c !== 'cognito:mfa_enabled');
    await upload(job.PreSignedUrl!, csv([...columns, 'favourite_colour'], [person('ann')]));
    await start(poolId, job.JobId!);
    const done = await finished(poolId, job.JobId!);
    expect(done.Status).toBe('Failed');
    expect(done.CompletionMessage).toContain('missing column(s) cognito:mfa_enabled');
    expect(done.CompletionMessage).toContain('favourite_colour');
    expect(done.ImportedUsers).toBe(0);
  });

  it('logs each bad line as FAILED or SKIPPED with its line number, and counts them', async () => {
    const poolId = await emailPool();
    const existing = await createJob(poolId);
    await upload(existing.PreSignedUrl!, csv(await header(poolId), [person('taken')]));
    await start(poolId, existing.JobId!);
    await finished(poolId, existing.JobId!);

    const job = await createJob(poolId, 'mixed');
    const rows = [
      person('good'), // line 2
      person('taken'), // 3: exists in the pool
      person('good'), // 4: repeated in the file
      person('unverified', { email_verified: 'FALSE' }), // 5
      person('with space', {}), // 6
      person('mfa', { 'cognito:mfa_enabled': 'TRUE' }), // 7: MFA is off in the pool
      person('phone', { phone_number: '555-0100' }), // 8
      person('born', { birthdate: '1985-02-01' }), // 9
      person('noemail', { email: '' }), // 10
      person('maybe', { email_verified: 'yes' }), // 11
      person('second'), // 12
    ];
    await upload(job.PreSignedUrl!, csv(await header(poolId), rows) + 'short,line\n');
    await start(poolId, job.JobId!);
    const done = await finished(poolId, job.JobId!);
    expect(done).toMatchObject({ Status: 'Succeeded', ImportedUsers: 2, SkippedUsers: 2, FailedUsers: 8 });
    const log = logOf(job.JobId!);
    expect(log).toEqual([
      '[SUCCEEDED] Line Number 2 - The import succeeded.',
      '[SKIPPED] Line Number 3 - The user already exists.',
      '[SKIPPED] Line Number 4 - The user already exists.',
      '[FAILED] Line Number 5 - The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).',
      '[FAILED] Line Number 6 - The cognito:username value cannot contain spaces or tabs.',
      '[FAILED] Line Number 7 - cognito:mfa_enabled must be false for every user: MFA is off in the user pool.',
      '[FAILED] Line Number 8 - Invalid phone number format.',
      '[FAILED] Line Number 9 - birthdate must be a date in the format mm/dd/yyyy.',
      '[FAILED] Line Number 10 - Email is required to verify/un-verify an email',
      '[FAILED] Line Number 11 - email_verified must be true or false.',
      '[SUCCEEDED] Line Number 12 - The import succeeded.',
      expect.stringMatching(/^\[FAILED\] Line Number 13 - The line has 2 values where the header has 22 columns\.$/),
    ]);
  });

  it('ends Failed when no user was imported and some were refused; a job started without a file fails', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId);
    await upload(job.PreSignedUrl!, csv(await header(poolId), [person('a', { email_verified: 'FALSE' })]));
    await start(poolId, job.JobId!);
    expect(await finished(poolId, job.JobId!)).toMatchObject({
      Status: 'Failed',
      FailedUsers: 1,
      CompletionMessage: 'Too many users have failed or been skipped during the import.',
    });
    const empty = await createJob(poolId);
    await start(poolId, empty.JobId!);
    expect((await finished(poolId, empty.JobId!)).Status).toBe('Failed');
  });

  it('fails a file the parser cannot read', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId);
    await upload(job.PreSignedUrl!, `${(await header(poolId)).join(',')}\n"unterminated,${'x,'.repeat(21)}\n`);
    await start(poolId, job.JobId!);
    const done = await finished(poolId, job.JobId!);
    expect(done.Status).toBe('Failed');
    expect(done.CompletionMessage).toMatch(/unable to parse/);
  });
});

describe('StartUserImportJob and StopUserImportJob', () => {
  it('stops a running job mid-way; the users written so far stay', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId, 'big');
    const rows = Array.from({ length: 20_000 }, (_, i) => person(`u${i}`));
    await upload(job.PreSignedUrl!, csv(await header(poolId), rows));
    await start(poolId, job.JobId!);
    for (let i = 0; i < 200 && (await describeJob(poolId, job.JobId!)).ImportedUsers === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const { UserImportJob } = await sandbox.cognito.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
    expect(UserImportJob).toMatchObject({ Status: 'Stopped', CompletionMessage: 'The Import Job was stopped by the developer.' });
    expect(UserImportJob!.ImportedUsers).toBeGreaterThan(0);
    expect(UserImportJob!.ImportedUsers).toBeLessThan(20_000);
    expect(await refusal(start(poolId, job.JobId!))).toMatchObject({ name: 'PreconditionNotMetException' });
  }, 20_000);

  it('refuses what cannot be started or stopped, and unknown jobs', async () => {
    const poolId = await emailPool();
    const job = await createJob(poolId);
    const stop = (JobId: string) => sandbox.cognito.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId }));
    expect(await refusal(stop(job.JobId!))).toMatchObject({ name: 'PreconditionNotMetException' });
    expect(await refusal(start(poolId, 'import-0000000000'))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(describeJob(poolId, 'import-0000000000'))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await rawCall(sandbox.url, 'StartUserImportJob', { UserPoolId: poolId, JobId: 'job-1' })).json.__type).toBe('InvalidParameterException');
    const otherPool = await emailPool();
    expect(await refusal(describeJob(otherPool, job.JobId!))).toMatchObject({ name: 'ResourceNotFoundException' });

    const noAutoVerify = await createPool(sandbox.cognito, { PoolName: 'unverified' });
    const blocked = await createJob(noAutoVerify);
    expect(await refusal(start(noAutoVerify, blocked.JobId!))).toMatchObject({ name: 'PreconditionNotMetException' });

    clock.time += 24 * 60 * 60 * 1000;
    expect((await describeJob(poolId, job.JobId!)).Status).toBe('Expired');
    expect(await refusal(start(poolId, job.JobId!))).toMatchObject({ name: 'PreconditionNotMetException' });
  });
});

describe('ListUserImportJobs', () => {
  it('lists newest first, MaxResults at a time, with a PaginationToken', async () => {
    const poolId = await emailPool();
    for (const name of ['one', 'two', 'three']) await createJob(poolId, name);
    const list = (MaxResults: number, PaginationToken?: string) =>
      sandbox.cognito.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults, PaginationToken }));
    const first = await list(2);
    expect(first.UserImportJobs!.map((j) => j.JobName)).toEqual(['three', 'two']);
    const second = await list(2, first.PaginationToken);
    expect(second.UserImportJobs!.map((j) => j.JobName)).toEqual(['one']);
    expect(second.PaginationToken).toBeUndefined();
    expect((await rawCall(sandbox.url, 'ListUserImportJobs', { UserPoolId: poolId, MaxResults: 0 })).json.__type).toBe('InvalidParameterException');
    expect((await rawCall(sandbox.url, 'ListUserImportJobs', { UserPoolId: poolId })).json.__type).toBe('InvalidParameterException');
    expect(await refusal(list(2, 'bogus'))).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('a sandbox stopped while a job runs', () => {
  it('resumes the job where it was at the next start, importing each line once', async () => {
    const dataDir = tempDir('user-import-resume-');
    let first: TestSandbox | undefined = await startSandbox({ dataDir });
    const poolId = await createPool(first.cognito, { PoolName: 'resumed', AutoVerifiedAttributes: ['email'] });
    const { CSVHeader } = await first.cognito.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
    const { UserImportJob } = await first.cognito.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'resumed', CloudWatchLogsRoleArn: ROLE }));
    const jobId = UserImportJob!.JobId!;
    await upload(UserImportJob!.PreSignedUrl!, csv(CSVHeader!, Array.from({ length: 8_000 }, (_, i) => person(`r${i}`))));
    await first.cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }));
    while (first.app.store.userImportJobs.findById(jobId)!.imported === 0) await new Promise((r) => setTimeout(r, 5));
    await first.close();
    first = undefined;

    const second = await startSandbox({ dataDir });
    try {
      const interrupted = second.app.store.userImportJobs.findById(jobId)!;
      expect(interrupted.status).toBe('InProgress');
      expect(interrupted.imported).toBeLessThan(8_000);
      let job = interrupted;
      for (let i = 0; i < 400 && job.status === 'InProgress'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = second.app.store.userImportJobs.findById(jobId)!;
      }
      expect(job).toMatchObject({ status: 'Succeeded', imported: 8_000, skipped: 0, failed: 0 });
      expect(second.app.store.pools.countUsers(poolId)).toBe(8_000);
    } finally {
      await second.close();
    }
  }, 20_000);
});
