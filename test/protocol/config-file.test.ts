import fs from 'node:fs';
import path from 'node:path';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { startSandbox, tempDir } from '../support/sandbox.js';

const config = {
  userPools: [
    {
      Id: 'us-east-1_Sandbox01',
      PoolName: 'my-app',
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireSymbols: false } },
      Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
      Clients: [
        { ClientName: 'web', ClientId: 'webclient0000000000000000a', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        { ClientName: 'backend', GenerateSecret: true, ClientSecret: 'backendsecret00000000000000000000000000000000000000' },
      ],
      Groups: [{ GroupName: 'admins', Precedence: 1, Description: 'Administrators' }],
      Users: [
        {
          Username: 'alice',
          Password: 'Passw0rd1',
          Attributes: { email: 'alice@example.com', email_verified: 'true', 'custom:tenant': 'acme' },
          Groups: ['admins'],
        },
        { Username: 'bob', Attributes: { email: 'bob@example.com' } },
      ],
    },
    { PoolName: 'second-pool' },
  ],
};

function writeConfig(content: unknown): string {
  const file = path.join(tempDir(), 'sandbox.config.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('--config', () => {
  it('creates the declared pools, clients, groups and users, and again changes nothing', async () => {
    const dataDir = tempDir();
    const configFile = writeConfig(config);
    for (let run = 0; run < 2; run++) {
      const sandbox = await startSandbox({ dataDir, configFile });
      const { cognito } = sandbox;
      const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      expect(pools.UserPools!.map((p) => p.Name).sort()).toEqual(['my-app', 'second-pool']);

      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Sandbox01' }));
      expect(UserPool!.Policies!.PasswordPolicy!.RequireSymbols).toBe(false);
      expect(UserPool!.SchemaAttributes!.map((a) => a.Name)).toContain('custom:tenant');

      const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: 'us-east-1_Sandbox01', MaxResults: 60 }));
      expect(clients.UserPoolClients!.map((c) => c.ClientName).sort()).toEqual(['backend', 'web']);
      const backend = clients.UserPoolClients!.find((c) => c.ClientName === 'backend')!;
      const described = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: 'us-east-1_Sandbox01', ClientId: backend.ClientId }));
      expect(described.UserPoolClient!.ClientSecret).toBe('backendsecret00000000000000000000000000000000000000');
      expect(clients.UserPoolClients!.find((c) => c.ClientName === 'web')!.ClientId).toBe('webclient0000000000000000a');

      const alice = await cognito.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Sandbox01', Username: 'alice' }));
      expect(alice.UserStatus).toBe('CONFIRMED');
      expect(alice.UserAttributes).toContainEqual({ Name: 'custom:tenant', Value: 'acme' });
      const bob = await cognito.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Sandbox01', Username: 'bob' }));
      expect(bob.UserStatus).toBe('FORCE_CHANGE_PASSWORD');

      const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: 'us-east-1_Sandbox01', Username: 'alice' }));
      expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['admins']);
      const users = await cognito.send(new ListUsersCommand({ UserPoolId: 'us-east-1_Sandbox01' }));
      expect(users.Users).toHaveLength(2);
      await sandbox.close();
    }
  });

  it('refuses to start on an invalid entry, naming it', async () => {
    const configFile = writeConfig({ userPools: [{ PoolName: 'bad pool!' }] });
    await expect(startSandbox({ configFile })).rejects.toThrow(/userPools\[0\] \(bad pool!\): InvalidParameterException/);
  });

  it('refuses a file that is not a sandbox config', async () => {
    const configFile = writeConfig({ pools: [] });
    await expect(startSandbox({ configFile })).rejects.toThrow(/expected \{"userPools": \[\.\.\.\], "lambdaHandlers": \{\.\.\.\}\}/);
  });
});
