/** The real AWS CLI (Debian's `awscli`), pointed at the sandbox with --endpoint-url. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { tempDir } from './sandbox.js';

export const awsCliPath = ['/usr/bin/aws', '/usr/local/bin/aws'].find((p) => fs.existsSync(p));

export function awsCli(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  const home = tempDir('aws-cli-home-');
  return new Promise((resolve) => {
    execFile(
      awsCliPath!,
      [...args, '--endpoint-url', url, '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        let json: any;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout, stderr, json });
      },
    );
  });
}
