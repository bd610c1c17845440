/**
 * A flow's life as the debugger window sees it (issue 15): pins (`PUT`/`DELETE
 * /_sandbox/api/flows/{id}/pin`, `flow.pinned`), the history's bounds (`GET /history`), the
 * Session's expiry in `flow.waiting`, flows the previous process left mid-step ending
 * `abandoned` after a restart, and a refresh naming the sign-in it continues (`continuesFlowId`).
 */
import {
  AdminCreateUserCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
let sandbox: TestSandbox;
let poolId: string;
let clientId: string;
let rotatingClientId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ historyEvents: 5_000 });
  poolId = await createPool(sandbox.cognito, { PoolName: 'lifecycle' });
  ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: 3 }));
  ({ clientId: rotatingClientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'rotating',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
  }));
});
afterAll(() => sandbox.close());

const api = (url: string, path: string, method = 'GET') => fetch(`${url}/_sandbox/api${path}`, { method });

/** The events of `type` published since `seq`. */
function published<T extends SandboxEvent['type']>(since: number, type: T): Extract<SandboxEvent, { type: T }>[] {
  return sandbox.app.bus.since(since).filter((e): e is Extract<SandboxEvent, { type: T }> => e.type === type);
}

async function signIn(username: string, client = clientId): Promise<{ flowId: string; refreshToken: string }> {
  const seq = sandbox.app.bus.lastSeq();
  const answer = await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
  return { flowId: published(seq, 'flow.started')[0]!.flowId!, refreshToken: answer.AuthenticationResult!.RefreshToken! };
}

describe('pins', () => {
  it('pins and unpins a flow, each change published once in the flow, the list saying so', async () => {
    await createAdminUser(sandbox.cognito, poolId, 'pinned-person', { password: PASSWORD });
    const { flowId } = await signIn('pinned-person');
    const seq = sandbox.app.bus.lastSeq();

    const pin = await api(sandbox.url, `/flows/${flowId}/pin`, 'PUT');
    expect(pin.status).toBe(200);
    expect(await pin.json()).toEqual({ flowId, pinned: true });
    expect((await api(sandbox.url, `/flows/${flowId}/pin`, 'PUT')).status).toBe(200);
    expect(published(seq, 'flow.pinned').map((e) => [e.flowId, e.poolId, e.data])).toEqual([[flowId, poolId, { pinned: true }]]);
    const listed = (await (await api(sandbox.url, '/flows')).json()) as { id: string; pinned: boolean }[];
    expect(listed.find((flow) => flow.id === flowId)?.pinned).toBe(true);
    expect(sandbox.app.store.flowPins.isPinned(flowId)).toBe(true);

    const unpin = await api(sandbox.url, `/flows/${flowId}/pin`, 'DELETE');
    expect(await unpin.json()).toEqual({ flowId, pinned: false });
    expect(await (await api(sandbox.url, `/flows/${flowId}/pin`, 'DELETE')).json()).toEqual({ flowId, pinned: false });
    expect(published(seq, 'flow.pinned').map((e) => e.data.pinned)).toEqual([true, false]);
    expect(((await (await api(sandbox.url, `/flows/${flowId}`)).json()) as { pinned: boolean }).pinned).toBe(false);
    expect(sandbox.app.store.flowPins.isPinned(flowId)).toBe(false);
  });

  it('answers 404 for a flow the sandbox does not have, pinning nothing', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const response = await api(sandbox.url, '/flows/no-such-flow/pin', method);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not_found', message: 'No flow no-such-flow.' });
    }
    expect(sandbox.app.store.flowPins.isPinned('no-such-flow')).toBe(false);
    expect((await api(sandbox.url, '/flows/x/pin', 'POST')).status).toBe(404);
  });

  it('is refused to another origin', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/api/flows/x/pin`, { method: 'PUT', headers: { origin: 'https://elsewhere.example' } });
    expect(response.status).toBe(403);
  });
});

describe('the history bound', () => {
  it('is served as --history-events set it', async () => {
    expect(await (await api(sandbox.url, '/history')).json()).toEqual({ maxEvents: 5_000, maxBytes: 16 * 1024 * 1024 });
  });
});

describe('a flow waiting for the client', () => {
  it('publishes when its Session expires, by the client’s AuthSessionValidity', async () => {
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'waiting', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
    const seq = sandbox.app.bus.lastSeq();
    await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'waiting', PASSWORD: 'Temp0rary!' } }));
    const [waiting] = published(seq, 'flow.waiting');
    const flow = sandbox.app.store.flows.findById(waiting!.flowId!)!;
    expect(waiting!.data).toEqual({ state: flow.state, sessionExpires: flow.sessionExpires });
    expect(waiting!.data.sessionExpires - waiting!.time).toBeGreaterThan(3 * 60_000 - 1_000);
    expect(waiting!.data.sessionExpires - waiting!.time).toBeLessThanOrEqual(3 * 60_000);
  });
});

describe('a refresh', () => {
  it('names the sign-in that issued its refresh token (REFRESH_TOKEN_AUTH)', async () => {
    await createAdminUser(sandbox.cognito, poolId, 'refresher', { password: PASSWORD });
    const signedIn = await signIn('refresher');
    const seq = sandbox.app.bus.lastSeq();
    await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signedIn.refreshToken } }));
    const [started] = published(seq, 'flow.started');
    expect(started!.data).toMatchObject({ kind: 'REFRESH_TOKEN_AUTH', continuesFlowId: signedIn.flowId });
  });

  it('names it through rotated tokens too (GetTokensFromRefreshToken)', async () => {
    await createAdminUser(sandbox.cognito, poolId, 'rotator', { password: PASSWORD });
    const signedIn = await signIn('rotator', rotatingClientId);
    const seq = sandbox.app.bus.lastSeq();
    const first = await sandbox.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotatingClientId, RefreshToken: signedIn.refreshToken }));
    expect(first.AuthenticationResult!.RefreshToken).not.toBe(signedIn.refreshToken);
    await sandbox.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotatingClientId, RefreshToken: first.AuthenticationResult!.RefreshToken! }));
    expect(published(seq, 'flow.started').map((e) => e.data.continuesFlowId)).toEqual([signedIn.flowId, signedIn.flowId]);
  });

  it('a sign-in itself continues nothing; a refused refresh starts no flow', async () => {
    await createAdminUser(sandbox.cognito, poolId, 'plain', { password: PASSWORD });
    const seq = sandbox.app.bus.lastSeq();
    await signIn('plain');
    expect(published(seq, 'flow.started')[0]!.data.continuesFlowId).toBeUndefined();
    const before = sandbox.app.bus.lastSeq();
    await expect(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'not-a-token' } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect(published(before, 'flow.started')).toEqual([]);
  });
});

describe('after a restart', () => {
  it('ends as abandoned the flows left mid-step, and leaves a waiting flow answerable', async () => {
    const dataDir = tempDir('flow-lifecycle-');
    let first: TestSandbox | undefined = await startSandbox({ dataDir });
    const pool = await createPool(first.cognito, { PoolName: 'restarted' });
    const { clientId: app } = await createClient(first.cognito, pool, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    await first.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'patient', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
    const challenge = await first.cognito.send(new InitiateAuthCommand({ ClientId: app, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'patient', PASSWORD: 'Temp0rary!' } }));
    // What a process stopped mid-step leaves: a flow started, neither waiting nor ended; one with a stored row, one without.
    first.app.bus.publish('flow.started', { kind: 'USER_SRP_AUTH', clientId: app, username: 'patient', machine: 'sign-in' }, { flowId: 'mid-step', poolId: pool });
    const now = Date.now();
    first.app.store.flows.save({
      id: 'saved-mid-step', poolId: pool, clientId: app, kind: 'USER_SRP_AUTH', username: 'patient', state: 'password.verifying',
      snapshot: null, sessionHash: null, sessionExpires: null, created: now, updated: now, ended: null, outcome: null,
    });
    first.app.bus.publish('flow.started', { kind: 'USER_SRP_AUTH', clientId: app, machine: 'sign-in' }, { flowId: 'saved-mid-step', poolId: pool });
    await first.close();
    first = undefined;

    const second = await startSandbox({ dataDir });
    try {
      const endOf = (flowId: string) => second.app.store.events.forFlow(flowId).filter((e) => e.type === 'flow.ended').map((e) => e.data);
      const reason = 'the sandbox stopped while the flow ran a step: its machine went with that process, so it can never continue';
      expect(endOf('mid-step')).toEqual([{ outcome: 'abandoned', reason }]);
      expect(endOf('saved-mid-step')).toEqual([{ outcome: 'abandoned', reason }]);
      expect(second.app.store.flows.findById('saved-mid-step')).toMatchObject({ outcome: 'abandoned' });
      expect(second.app.store.events.forFlow('mid-step')[1]?.poolId).toBe(pool);
      const answered = await second.cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: app, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session!, ChallengeResponses: { USERNAME: 'patient', NEW_PASSWORD: 'Perman3nt!' } }),
      );
      expect(answered.AuthenticationResult?.AccessToken).toBeTruthy();
    } finally {
      await second.close();
    }
    // A third start finds nothing left to end.
    const third = await startSandbox({ dataDir });
    try {
      expect(third.app.store.events.forFlow('mid-step').filter((e) => e.type === 'flow.ended')).toHaveLength(1);
    } finally {
      await third.close();
    }
  });
});
