import fs from 'node:fs';
import path from 'node:path';
import { CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { runToEnd, startServerProcess } from '../support/process.js';
import { cognitoClient, tempDir } from '../support/sandbox.js';

describe('npm run server', () => {
  it('prints its usage with --help', async () => {
    const result = await runToEnd(['--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--port', '--host', '--data-dir', '--region', '--lambda-endpoint', '--config']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('refuses an unknown flag with its usage and exit code 2', async () => {
    const result = await runToEnd(['--prot', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --prot');
  });

  it('announces its URL once it answers, and exits 0 on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await startServerProcess(['--data-dir', tempDir()]);
      const health = await fetch(`${server.url}/_sandbox/api/health`);
      expect(health.status).toBe(200);
      server.child.kill(signal);
      expect(await server.exited).toBe(0);
    }
  });

  it('says what --config loaded, and which pools it found already there', async () => {
    const dataDir = tempDir();
    const configFile = path.join(tempDir(), 'team.config.json');
    fs.writeFileSync(configFile, JSON.stringify({
      userPools: [
        {
          PoolName: 'app',
          Clients: [{ ClientName: 'web' }, { ClientName: 'backend' }],
          Groups: [{ GroupName: 'admins' }],
          Users: [{ Username: 'alice', Password: 'Passw0rd!1' }, { Username: 'bob' }],
        },
        { PoolName: 'partners', Clients: [{ ClientName: 'portal' }], Users: [{ Username: 'carol' }] },
      ],
    }));
    const first = await startServerProcess(['--data-dir', dataDir, '--config', configFile]);
    expect(first.output()).toContain('Loaded team.config.json: 2 pools (app, partners), 3 clients, 3 users, 1 group\n');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServerProcess(['--data-dir', dataDir, '--config', configFile]);
    expect(second.output()).toContain(
      'Loaded team.config.json: 2 pools (app, partners), 3 clients, 3 users, 1 group; 2 pools were already here (app, partners): entries already there left as they were\n',
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('keeps every acknowledged write through kill -9', async () => {
    const dataDir = tempDir();
    const first = await startServerProcess(['--data-dir', dataDir]);
    const client = cognitoClient(first.url);
    const writes = 40;
    for (let i = 0; i < writes; i++) {
      await client.send(new CreateUserPoolCommand({ PoolName: `durable-${i}` }));
    }
    first.child.kill('SIGKILL'); // right after the last answer
    expect(await first.exited).toBe('SIGKILL');
    client.destroy();

    const second = await startServerProcess(['--data-dir', dataDir]);
    const again = cognitoClient(second.url);
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await again.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
      names.push(...page.UserPools!.map((p) => p.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names.sort()).toEqual(Array.from({ length: writes }, (_, i) => `durable-${i}`).sort());
    again.destroy();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
