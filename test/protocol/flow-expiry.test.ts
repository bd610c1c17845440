/**
 * A flow waiting on the client ends as `expired` once its Session expires (issue 15): a
 * NEW_PASSWORD_REQUIRED challenge left unanswered past the client's AuthSessionValidity.
 */
import { AdminCreateUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { FlowRunner } from '../../src-main/flows/runner.js';
import { testClock } from '../support/clock.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

const MINUTE = 60_000;
const clock = testClock(Date.UTC(2025, 0, 2, 3, 4, 5));
let sandbox: TestSandbox;
let clientId: string;
let poolId: string;

beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  poolId = await createPool(sandbox.cognito, { PoolName: 'expiry' });
  ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], AuthSessionValidity: 3 }));
});
afterAll(() => sandbox.close());

/** A sign-in left waiting at NEW_PASSWORD_REQUIRED: its flow id and Session. */
async function waitingSignIn(username: string): Promise<{ flowId: string; session: string }> {
  await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
  const seq = sandbox.app.bus.lastSeq();
  const answer = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Temp0rary!' } }),
  );
  expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const started = sandbox.app.bus.since(seq).find((e) => e.type === 'flow.started')!;
  return { flowId: started.flowId!, session: answer.Session! };
}

const ended = (flowId: string) =>
  sandbox.app.store.events.forFlow(flowId).filter((e): e is Extract<SandboxEvent, { type: 'flow.ended' }> => e.type === 'flow.ended');

const answerWith = (username: string, session: string) =>
  sandbox.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'Perman3nt!' },
    }),
  );

describe('a flow whose Session expires while it waits', () => {
  it('keeps waiting, Session in hand, until the Session expires', async () => {
    const { flowId } = await waitingSignIn('patient');
    clock.time += 2 * MINUTE;
    expect(sandbox.app.services.flows.runner.endExpired()).toBe(0);
    expect(ended(flowId)).toEqual([]);
    const flow = sandbox.app.store.flows.findById(flowId)!;
    expect(flow.ended).toBeNull();
    expect(flow.sessionExpires).toBe(clock.time + 1 * MINUTE);
  });

  it('ends as expired once the Session expires, and the late answer is refused as expired', async () => {
    const { flowId, session } = await waitingSignIn('walked-away');
    clock.time += 3 * MINUTE + 1;
    expect(sandbox.app.services.flows.runner.endExpired()).toBeGreaterThanOrEqual(1);
    const [end] = ended(flowId);
    expect(end?.data).toEqual({ outcome: 'expired', reason: 'the Session expired while the flow waited for the client' });
    expect(sandbox.app.store.flows.findById(flowId)).toMatchObject({ outcome: 'expired', snapshot: null });
    // Once only.
    expect(sandbox.app.services.flows.runner.endExpired()).toBe(0);
    await expect(answerWith('walked-away', session)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    // Told once, as a Session found just expired is.
    await expect(answerWith('walked-away', session)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(ended(flowId)).toHaveLength(1);
  });

  it('is ended by a runner built after a restart, for flows left waiting before it', async () => {
    const { flowId } = await waitingSignIn('restarted');
    clock.time += 4 * MINUTE;
    const again = new FlowRunner({ store: sandbox.app.store, bus: sandbox.app.bus, clock, ids: sandbox.app.services.ids });
    // The new runner's timer is armed for an expiry already past: it fires at once.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended(flowId).map((e) => e.data.outcome)).toEqual(['expired']);
    expect(again.endExpired()).toBe(0);
  });

  it('an unknown or garbage Session is still refused as invalid, not expired', async () => {
    await expect(answerWith('nobody', 'x'.repeat(60))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });
});
