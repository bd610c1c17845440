/**
 * `npx tsx bench/user-import.ts [--root DIR] [--rows 100000]` (part of `npm run bench`): a user
 * import job of 100,000 users against the headless server as its own process, with its data on
 * disk (every chunk journaled): the CSV file PUT to the pre-signed URL as curl does, the job
 * started, and while it runs, DescribeUserImportJob asked one at a time, as the window and
 * scripts poll, to show the server keeps answering (its tail is the store's checkpoints of a
 * database growing by 100,000 users, not the importer's 200-line chunks). Figures: users imported per second, the
 * whole job's time, the poll's latency during the import, the server's memory after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, fmt, option, percentile, printFigures, rssMb, startServer, stopServer, type Figure } from './support.js';

const ROWS = Number(option('--rows', '100000'));
const ROLE = 'arn:aws:iam::123456789012:role/CognitoImportRole';

function csvFile(header: string[], rows: number): Buffer {
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const values: Record<string, string> = {
      'cognito:username': `user${i}`,
      'cognito:mfa_enabled': 'false',
      email: `user${i}@example.com`,
      email_verified: 'true',
      given_name: `Given${i}`,
      family_name: 'Bench',
      updated_at: '1700000000',
    };
    lines.push(header.map((column) => values[column] ?? '').join(','));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-user-import-'));
const server = await startServer(dataDir);
try {
  const { url } = server;
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-import', AutoVerifiedAttributes: ['email'] });
  const poolId = UserPool.Id as string;
  const { CSVHeader } = await call(url, 'GetCSVHeader', { UserPoolId: poolId });
  const { UserImportJob } = await call(url, 'CreateUserImportJob', { UserPoolId: poolId, JobName: 'bench', CloudWatchLogsRoleArn: ROLE });
  const file = csvFile(CSVHeader, ROWS);
  const uploadStarted = performance.now();
  const put = await fetch(UserImportJob.PreSignedUrl, { method: 'PUT', headers: { 'x-amz-server-side-encryption': 'aws:kms' }, body: new Uint8Array(file) });
  if (put.status !== 200) throw new Error(`upload refused: ${put.status} ${await put.text()}`);
  const uploadMs = performance.now() - uploadStarted;

  const started = performance.now();
  await call(url, 'StartUserImportJob', { UserPoolId: poolId, JobId: UserImportJob.JobId });
  const polls: number[] = [];
  let job: any;
  for (;;) {
    const t = performance.now();
    job = (await call(url, 'DescribeUserImportJob', { UserPoolId: poolId, JobId: UserImportJob.JobId })).UserImportJob;
    polls.push(performance.now() - t);
    if (['Succeeded', 'Failed', 'Stopped'].includes(job.Status)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  if (job.Status !== 'Succeeded' || job.ImportedUsers !== ROWS) throw new Error(`import ended ${job.Status}: ${JSON.stringify(job)}`);
  polls.sort((a, b) => a - b);
  const perSecond = ROWS / seconds;
  const figures: Figure[] = [
    { what: `upload of the CSV file (${fmt(file.length / 1024 / 1024, 1)} MB) to the pre-signed URL`, figure: `${fmt(uploadMs)} ms` },
    { what: `import of ${fmt(ROWS)} users, start to Succeeded`, figure: `${fmt(seconds, 1)} s, ${fmt(perSecond)} users per s`, aim: '≥ 2,000 users per s', met: perSecond >= 2000 },
    { what: '  DescribeUserImportJob meanwhile, p50 / p95', figure: `${fmt(percentile(polls, 50), 1)} / ${fmt(percentile(polls, 95), 1)} ms`, aim: 'p95 < 500 ms', met: percentile(polls, 95) < 500 },
    { what: '  server memory after the import', figure: `${fmt(rssMb(server.child.pid!))} MB` },
  ];
  printFigures(`User import job of ${fmt(ROWS)} users (data on disk)`, figures);
} finally {
  await stopServer(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
