/**
 * The `token.issued` events say what PreTokenGeneration changed: a V2 function (run as a local
 * module) adds, overrides and suppresses claims and replaces the groups; claims Cognito keeps
 * (sub, client_id) are not counted as overridden; a pool without the trigger carries no changes.
 */
import { AdminAddUserToGroupCommand, CreateGroupCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventData } from '../../shared/events.js';
import { arn, PASSWORD, startTriggerSandbox, type TriggerSandbox } from '../fixtures/triggers/sign-in-sandbox.js';

let sandbox: TriggerSandbox;
beforeAll(async () => {
  sandbox = await startTriggerSandbox('local module');
});
afterAll(() => sandbox.close());

async function issuedChanges(poolId: string, clientId: string) {
  const { tokens } = await sandbox.observe(() =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } })),
  );
  return Object.fromEntries(tokens.map((event) => [(event.data as EventData<'token.issued'>).tokenUse, (event.data as EventData<'token.issued'>).claimsChanged]));
}

it('marks the claims a V2 function added, overrode and suppressed in each token', async () => {
  const { poolId, clientId } = await sandbox.world({
    PreTokenGeneration: arn('pre-token-v2'),
    PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('pre-token-v2') },
  });
  await sandbox.newUser(poolId, 'alice', { email: 'alice@example.com', email_verified: 'true' });
  await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
  await sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'alice', GroupName: 'admins' }));

  const changes = await issuedChanges(poolId, clientId);
  expect(changes.id).toEqual({ added: expect.arrayContaining(['tier', 'roles']), overridden: ['cognito:groups'], suppressed: ['email'] });
  expect(changes.id!.added).not.toContain('sub');
  expect(changes.access!.added).toEqual(expect.arrayContaining(['tier', 'limits']));
  expect(changes.access!.overridden).toEqual(expect.arrayContaining(['cognito:groups', 'scope']));
  expect(changes.access!.overridden).not.toContain('client_id');
  expect(changes.refresh).toBeUndefined();
});

it('a pool without the trigger: no changes on any token', async () => {
  const { poolId, clientId } = await sandbox.world({});
  await sandbox.newUser(poolId, 'alice');
  const changes = await issuedChanges(poolId, clientId);
  expect(Object.keys(changes).sort()).toEqual(['access', 'id', 'refresh']);
  expect(Object.values(changes).every((change) => change === undefined)).toBe(true);
});
