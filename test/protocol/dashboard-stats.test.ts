/**
 * `GET /_sandbox/api/stats` over real traffic from the AWS SDK: sign-ins that succeed and fail,
 * a PreSignUp function that fails, a throttle injected through the faults route (when the sandbox
 * has it), the debugger window's own calls left out; buckets that add up to the totals; live
 * events counted without a restart; a reset followed; bad queries refused as `bad_request`.
 */
import { GetUserCommand, InitiateAuthCommand, ListUsersCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardStats } from '../../shared/stats.js';
import { rawCall, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!Ada';
let sandbox: TestSandbox;
let poolId: string;
let clientId: string;
/** A pool whose PreSignUp function fails. */
let refusingClientId: string;

async function stats(query = ''): Promise<DashboardStats> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/stats${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as DashboardStats;
}

const signIn = (password: string) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD: password } }));

beforeAll(async () => {
  sandbox = await startSandboxWithHandlers({ 'callback-error': fixture('callback-error.cjs') });
  poolId = await createPool(sandbox.cognito, { PoolName: 'stats' });
  ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  await createAdminUser(sandbox.cognito, poolId, 'ada', { password: PASSWORD });
  const refusingPool = await createPool(sandbox.cognito, { PoolName: 'refusing', LambdaConfig: { PreSignUp: arn('callback-error') } });
  ({ clientId: refusingClientId } = await createClient(sandbox.cognito, refusingPool, { ClientName: 'app' }));
});

afterAll(async () => {
  await sandbox?.close();
});

describe('GET /_sandbox/api/stats', () => {
  it('counts sign-ins by outcome, failures by type, trigger errors and each operation’s latency, live', async () => {
    const before = await stats();
    expect(before.totals.signIns).toEqual({ succeeded: 0, failed: 0, abandoned: 0 });

    await signIn(PASSWORD);
    await signIn(PASSWORD);
    await expect(signIn('wrong-Passw0rd!')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(sandbox.cognito.send(new SignUpCommand({ ClientId: refusingClientId, Username: 'bob', Password: 'Passw0rd!Bob' }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
    });

    const after = await stats();
    expect(after.totals.signIns).toEqual({ succeeded: 2, failed: 1, abandoned: 0 });
    expect(after.totals.failures - before.totals.failures).toBe(2);
    expect(after.failuresByType).toEqual(
      expect.arrayContaining([
        { name: 'NotAuthorizedException', count: 1 },
        { name: 'UserLambdaValidationException', count: 1 },
      ]),
    );
    expect(after.totals.triggerErrors).toBe(1);
    expect(after.triggerErrorsByTrigger).toEqual([{ name: 'PreSignUp', count: 1 }]);
    const initiate = after.operations.find((op) => op.operation === 'InitiateAuth')!;
    expect(initiate).toMatchObject({ count: 3, errors: 1 });
    expect(initiate.p50).toBeLessThanOrEqual(initiate.p95);
    expect(initiate.p95).toBeLessThanOrEqual(initiate.max);
    expect(after.operations.find((op) => op.operation === 'CreateUserPool')).toMatchObject({ count: 2, errors: 0 });

    // The buckets cover the range and add up to the totals.
    const sum = (pick: (b: DashboardStats['buckets'][number]) => number) => after.buckets.reduce((n, b) => n + pick(b), 0);
    expect(sum((b) => b.signIns.succeeded)).toBe(2);
    expect(sum((b) => b.calls)).toBe(after.totals.calls);
    expect(after.buckets[0]!.start).toBeLessThanOrEqual(after.from);
    expect(after.buckets.at(-1)!.start + after.bucketMs).toBeGreaterThanOrEqual(after.to);
    // Without `from`, the range starts at the oldest event, or a second before `to` when all of it is newer.
    expect(after.from).toBe(Math.min(after.oldestEvent!, after.to - 1_000));
  });

  it('leaves out the debugger window’s own calls', async () => {
    const before = await stats();
    const answer = await rawCall(sandbox.url, 'ListUsers', { UserPoolId: poolId }, { 'x-cognito-sandbox-window': '1' });
    expect(answer.status).toBe(200);
    await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
    const after = await stats();
    expect(after.totals.calls - before.totals.calls).toBe(1);
    expect(after.operations.find((op) => op.operation === 'ListUsers')).toMatchObject({ count: 1 });
  });

  it('counts a throttle the faults route injects as TooManyRequestsException', async (context) => {
    const injected = await fetch(`${sandbox.url}/_sandbox/api/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'throttle', operation: 'GetUser', rate: 100 }),
    });
    if (injected.status === 404) return context.skip('the sandbox has no /faults route yet');
    expect(injected.status).toBe(201);
    try {
      await expect(sandbox.cognito.send(new GetUserCommand({ AccessToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    } finally {
      await fetch(`${sandbox.url}/_sandbox/api/faults`, { method: 'DELETE' });
    }
    const after = await stats();
    expect(after.totals.throttles).toBe(1);
    expect(after.failuresByType).toContainEqual({ name: 'TooManyRequestsException', count: 1 });
  });

  it('takes the range and bucket asked for', async () => {
    const last = await stats('?last=600000&bucket=60000');
    expect(last.bucketMs).toBe(60_000);
    expect(last.to - last.from).toBe(600_000);
    expect(last.buckets.length).toBeGreaterThanOrEqual(10);
    expect(last.buckets.length).toBeLessThanOrEqual(11);
    expect(last.totals.signIns.succeeded).toBe(2);

    const before = await stats(`?to=${last.oldestEvent}`);
    expect(before.totals).toMatchObject({ calls: 0, signIns: { succeeded: 0, failed: 0, abandoned: 0 } });
    expect(before.operations).toEqual([]);
  });

  it.each([
    ['from and last together', '?from=1&last=60000'],
    ['from after to', '?from=2000000&to=1000000'],
    ['a bucket cutting the range too fine', '?last=86400000&bucket=1000'],
    ['a bucket under a second', '?bucket=10'],
    ['a time that is no number', '?to=yesterday'],
    ['a parameter given twice', '?last=60000&last=120000'],
  ])('refuses %s as bad_request', async (_what, query) => {
    const response = await fetch(`${sandbox.url}/_sandbox/api/stats${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'bad_request' });
  });

  it('follows a reset: nothing is counted from before it', async () => {
    const reset = await fetch(`${sandbox.url}/_sandbox/api/admin/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    const after = await stats();
    expect(after.totals).toEqual({ signIns: { succeeded: 0, failed: 0, abandoned: 0 }, calls: 0, failures: 0, throttles: 0, triggerErrors: 0 });
    expect(after.operations).toEqual([]);
    // The new history begins with the reset itself.
    const [first] = sandbox.app.store.events.since(0, 1);
    expect(first!.type).toBe('sandbox.reset');
    expect(after.oldestEvent).toBe(first!.time);
  });
});
