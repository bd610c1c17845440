import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, awsCliPath } from '../support/aws-cli.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const cliMissing = !awsCliPath;
/** Each CLI call starts a Python interpreter: a second or more apiece on a busy 2-core machine. */
const CLI_RUN_MS = 120_000;
if (cliMissing) console.warn('AWS CLI not installed (apt-get install awscli): skipping the AWS CLI tests');

describe.skipIf(cliMissing)('the AWS CLI', () => {
  it('creates a pool, a client, users and groups and lists them back with filters', async () => {
    const cli = (...args: string[]) => awsCli(sandbox.url, ['cognito-idp', ...args]);

    const pool = await cli('create-user-pool', '--pool-name', 'cli-pool', '--alias-attributes', 'email');
    expect(pool.code, pool.stderr).toBe(0);
    const poolId: string = pool.json.UserPool.Id;
    expect(poolId).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/);

    const client = await cli('create-user-pool-client', '--user-pool-id', poolId, '--client-name', 'web');
    expect(client.code, client.stderr).toBe(0);
    expect(client.json.UserPoolClient.ClientId).toMatch(/^[a-z0-9]{26}$/);

    for (const [name, email] of [['alice', 'alice@example.com'], ['albert', 'albert@example.org'], ['bob', 'bob@example.com']]) {
      const user = await cli('admin-create-user', '--user-pool-id', poolId, '--username', name!,
        '--user-attributes', `Name=email,Value=${email}`, '--message-action', 'SUPPRESS');
      expect(user.code, user.stderr).toBe(0);
      expect(user.json.User.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    }

    const group = await cli('create-group', '--user-pool-id', poolId, '--group-name', 'admins', '--precedence', '1');
    expect(group.code, group.stderr).toBe(0);
    const added = await cli('admin-add-user-to-group', '--user-pool-id', poolId, '--username', 'alice', '--group-name', 'admins');
    expect(added.code, added.stderr).toBe(0);

    const filtered = await cli('list-users', '--user-pool-id', poolId, '--filter', 'email ^= "al"');
    expect(filtered.code, filtered.stderr).toBe(0);
    expect(filtered.json.Users.map((u: any) => u.Username).sort()).toEqual(['albert', 'alice']);

    const members = await cli('list-users-in-group', '--user-pool-id', poolId, '--group-name', 'admins');
    expect(members.json.Users.map((u: any) => u.Username)).toEqual(['alice']);

    const pools = await cli('list-user-pools', '--max-results', '10');
    expect(pools.json.UserPools.map((p: any) => p.Id)).toContain(poolId);
  }, CLI_RUN_MS);

  it('shows Cognito errors as the CLI shows AWS errors', async () => {
    const result = await awsCli(sandbox.url, ['cognito-idp', 'describe-user-pool', '--user-pool-id', 'us-east-1_missing00']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('ResourceNotFoundException');
    expect(result.stderr).toContain('User pool us-east-1_missing00 does not exist.');
  }, CLI_RUN_MS);
});
