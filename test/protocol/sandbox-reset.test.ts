import {
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { eventsDuring } from '../support/events.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A pool with a client, a group, and a user whose invitation sits in the outbox; and a flow. */
async function populate(target: TestSandbox) {
  const { UserPool } = await target.cognito.send(new CreateUserPoolCommand({ PoolName: 'to-reset' }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await target.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app' }));
  await target.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
  await target.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'alice',
      UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
      DesiredDeliveryMediums: ['EMAIL'],
    }),
  );
  const now = Date.now();
  target.app.store.flows.save({
    id: 'flow-to-reset',
    poolId,
    clientId: UserPoolClient!.ClientId!,
    kind: 'sign-in',
    username: 'alice',
    state: 'done',
    snapshot: null,
    sessionHash: null,
    sessionExpires: null,
    created: now,
    updated: now,
    ended: now,
    outcome: 'success',
  });
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

function reset(url: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/_sandbox/api/admin/reset`, { method: 'POST', headers });
}

async function getJson(url: string) {
  return (await fetch(url)).json();
}

describe('POST /_sandbox/api/admin/reset', () => {
  it('deletes every pool with its clients, users and groups, the flows, the outbox and the history', async () => {
    sandbox = await startSandbox();
    const { poolId, clientId } = await populate(sandbox);
    await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'second' }));

    const response = await reset(sandbox.url);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { deleted: { events: number } };
    expect(body).toMatchObject({ reset: true, deleted: { userPools: 2, flows: 1, messages: 1 } });
    expect(body.deleted.events).toBeGreaterThan(0);

    expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
    await expect(sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${poolId} does not exist.`,
    });
    await expect(sandbox.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(await getJson(`${sandbox.url}/_sandbox/api/flows`)).toEqual([]);
    expect(await getJson(`${sandbox.url}/_sandbox/api/outbox`)).toEqual([]);
    expect(sandbox.app.store.users.findByKey(poolId, 'alice')).toBeUndefined();
  });

  it('switches faults off and sets the clock back to real time, and says so as sandbox.reset, the first event of the new history', async () => {
    sandbox = await startSandbox();
    await populate(sandbox);
    const api = (path: string, method: string, body?: unknown) =>
      fetch(`${sandbox!.url}/_sandbox/api${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    expect((await api('/clock', 'POST', { advanceSeconds: 86_400 })).status).toBe(200);
    expect((await api('/faults', 'POST', { kind: 'throttle', rate: 100 })).status).toBe(201);

    let answer: Record<string, unknown> = {};
    const events = await eventsDuring(sandbox.app, async () => (answer = await (await reset(sandbox!.url)).json()));
    expect(answer).toMatchObject({ reset: true, releasedPauses: 0, faultsCleared: 1, clockOffsetMs: expect.any(Number) });
    expect(answer.clockOffsetMs as number).toBeGreaterThanOrEqual(86_400_000);
    expect(await (await api('/clock', 'GET')).json()).toMatchObject({ offsetMs: 0, real: true });
    expect((await (await api('/faults', 'GET')).json()).faults).toEqual([]);
    await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));

    const announced = events.find((e): e is Extract<SandboxEvent, { type: 'sandbox.reset' }> => e.type === 'sandbox.reset')!;
    expect(announced.data).toEqual({ deleted: answer.deleted, releasedPauses: 0, faultsCleared: 1, clockOffsetMs: answer.clockOffsetMs });
    const history = sandbox.app.store.events.since(0, 10).map((e) => e.type);
    expect(history.slice(0, 3)).toEqual(['sandbox.reset', 'faults.changed', 'clock.changed']);
  });

  it('answers with counts only: nothing it deleted is in the answer', async () => {
    sandbox = await startSandbox();
    await populate(sandbox);
    const text = await (await reset(sandbox.url)).text();
    expect(Object.keys(JSON.parse(text).deleted).sort()).toEqual(['events', 'flows', 'messages', 'userPools']);
    expect(text).not.toMatch(/alice|to-reset|us-east-1_/);
  });

  it('is refused to other origins and leaves everything in place', async () => {
    sandbox = await startSandbox();
    const { poolId } = await populate(sandbox);
    const refused = await reset(sandbox.url, { origin: 'http://evil.example' });
    expect(refused.status).toBe(403);
    const crossSite = await reset(sandbox.url, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const { UserPool } = await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool!.Id).toBe(poolId);
    expect(await getJson(`${sandbox.url}/_sandbox/api/outbox`)).toHaveLength(1);
  });

  it('is a POST: a GET changes nothing', async () => {
    sandbox = await startSandbox();
    await populate(sandbox);
    const response = await fetch(`${sandbox.url}/_sandbox/api/admin/reset`);
    expect(response.status).toBe(404);
    expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toHaveLength(1);
  });

  it('is durable: a restarted sandbox is still empty, and new pools work', async () => {
    const dataDir = tempDir();
    sandbox = await startSandbox({ dataDir });
    await populate(sandbox);
    const seqBefore = sandbox.app.store.events.lastSeq();
    expect((await reset(sandbox.url)).status).toBe(200);
    await sandbox.close();

    sandbox = await startSandbox({ dataDir });
    // Event numbers never repeat, so an open window's Last-Event-ID stays meaningful.
    expect(sandbox.app.store.events.lastSeq()).toBeGreaterThanOrEqual(seqBefore);
    expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
    expect(await getJson(`${sandbox.url}/_sandbox/api/outbox`)).toEqual([]);
    const { poolId } = await populate(sandbox);
    const { UserPool } = await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool!.Name).toBe('to-reset');
  });
});
