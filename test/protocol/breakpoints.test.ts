/**
 * Breakpoints (debug/breakpoints.ts) on a real sandbox, driven by the AWS SDK: a flow paused
 * before a trigger, before token issue and before a message, resumed through the sandbox API in
 * every way (continue, edit, answer, fail, drop); canned answers; a trigger with no function; a
 * function behind the Invoke API; and the races: a client that disconnects while paused, two
 * breakpoints in one flow, a reset while paused. Hostile bodies get 400, never a 500.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import {
  AdminGetUserCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Breakpoint, BreakpointBody, PausedFlow } from '../../shared/breakpoints.js';
import type { SandboxEvent } from '../../shared/events.js';
import { fakeInvokeApi } from '../support/invoke-api.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, invoked, returned } from '../support/triggers.js';
import { createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

const api = fakeInvokeApi((functionName: string, event: any, response: ServerResponse) => {
  if (functionName === 'api-returns-event') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(event));
  response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ Type: 'User', message: `Function not found: ${functionName}` }));
});

let sandbox: TestSandbox;
const events: SandboxEvent[] = [];

beforeAll(async () => {
  const configFile = path.join(tempDir('breakpoints-'), 'sandbox.json');
  fs.writeFileSync(configFile, JSON.stringify({ lambdaHandlers: { 'returns-event': fixture('returns-event.cjs'), throws: fixture('throws.cjs') } }));
  sandbox = await startSandbox({ configFile, lambdaEndpoint: await api.listen() });
  sandbox.app.bus.subscribe((event) => events.push(event));
});

afterAll(async () => {
  await sandbox?.close();
  await api.close();
});

let pools = 0;
async function poolWith(LambdaConfig: LambdaConfigType = {}): Promise<{ poolId: string; clientId: string }> {
  const poolId = await createPool(sandbox.cognito, { PoolName: `breakpoints-${++pools}`, AutoVerifiedAttributes: ['email'], LambdaConfig });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return { poolId, clientId };
}

async function sandboxApi(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${sandbox.url}/_sandbox/api${route}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

async function addBreakpoint(body: BreakpointBody): Promise<Breakpoint> {
  const { status, json } = await sandboxApi('POST', '/breakpoints', body);
  expect(status).toBe(201);
  return json.breakpoint;
}

/** The next `flow.paused`, as GET /paused lists it. */
function nextPause(): Promise<PausedFlow> {
  const seen = events.length;
  return new Promise((resolve) => {
    const check = async () => {
      const paused = events.slice(seen).find((event) => event.type === 'flow.paused');
      if (!paused) return void setTimeout(check, 5);
      const { json } = await sandboxApi('GET', '/paused');
      resolve(json.paused.find((flow: PausedFlow) => flow.pauseId === (paused.data as { pauseId: string }).pauseId));
    };
    void check();
  });
}

async function resume(pauseId: string, body: object): Promise<void> {
  const { status, json } = await sandboxApi('POST', `/paused/${pauseId}`, body);
  expect(status, JSON.stringify(json)).toBe(200);
}

const signUp = (clientId: string, username: string, options: { abortSignal?: AbortSignal } = {}) =>
  sandbox.cognito.send(
    new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }),
    options,
  );

const statusOf = async (poolId: string, username: string) => (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus;

const flowEvents = (flowId: string | null) => events.filter((event) => event.flowId === flowId);

describe('a breakpoint on a trigger', () => {
  it('pauses the sign-up before the function runs, shows the exact event and the client, and continue runs the function unchanged', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    const breakpoint = await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const pausing = nextPause();
    const call = signUp(clientId, 'carol');
    const paused = await pausing;
    expect(paused).toMatchObject({ breakpointId: breakpoint.id, point: 'trigger', trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', functionConfigured: true, poolId, userName: 'carol', clientId });
    expect(paused.event).toMatchObject({ triggerSource: 'PreSignUp_SignUp', userName: 'carol', request: { userAttributes: { email: 'carol@example.com' } }, response: { autoConfirmUser: false } });
    // The AWS SDK for JavaScript v3 waits for ever: no countdown.
    expect(paused.client).toMatchObject({ name: 'AWS SDK for JavaScript v3', timeoutMs: null });
    expect(paused.clientGivesUpAt).toBeNull();
    expect(invoked(flowEvents(paused.flowId))).toHaveLength(0);

    await resume(paused.pauseId, { action: 'continue' });
    const answer = await call;
    expect(answer.UserConfirmed).toBe(false);
    const flow = flowEvents(paused.flowId);
    expect(invoked(flow)).toHaveLength(1);
    expect(invoked(flow)[0]!.data.editedAtBreakpoint).toBeUndefined();
    expect(flow.find((event) => event.type === 'flow.resumed')?.data).toMatchObject({ pauseId: paused.pauseId, action: 'continue' });
    expect((await sandboxApi('GET', '/paused')).json.paused).toEqual([]);
  });

  it('edit: the function runs with the edited event, and trigger.invoked shows it as edited', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const pausing = nextPause();
    const call = signUp(clientId, 'dave');
    const paused = await pausing;
    const event = paused.event as any;
    await resume(paused.pauseId, { action: 'edit', event: { ...event, response: { ...event.response, autoConfirmUser: true, autoVerifyEmail: true } } });
    expect((await call).UserConfirmed).toBe(true);
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    const [sent] = invoked(flowEvents(paused.flowId));
    expect(sent!.data).toMatchObject({ editedAtBreakpoint: true, event: { response: { autoConfirmUser: true } } });
  });

  it('answer: no function runs, the answer is read as a returned event, and a bad one is InvalidLambdaResponseException', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('throws') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    let pausing = nextPause();
    let call = signUp(clientId, 'erin');
    let paused = await pausing;
    await resume(paused.pauseId, { action: 'answer', response: { ...(paused.event as object), response: { autoConfirmUser: true } } });
    expect((await call).UserConfirmed).toBe(true);
    const [answered] = returned(flowEvents(paused.flowId));
    expect(answered!.data).toMatchObject({ byHand: { action: 'answer', canned: false }, response: { response: { autoConfirmUser: true } } });
    expect(answered!.data.error).toBeUndefined();

    pausing = nextPause();
    call = signUp(clientId, 'frank');
    paused = await pausing;
    await resume(paused.pauseId, { action: 'answer', response: { response: { autoConfirmUser: { yes: 1 } } } });
    await expect(call).rejects.toMatchObject({ name: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
    await expect(statusOf(poolId, 'frank')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('fail: the call fails with UserLambdaValidationException "{Trigger} failed with error {message}." and no user is left', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const pausing = nextPause();
    const call = signUp(clientId, 'gina');
    const paused = await pausing;
    await resume(paused.pauseId, { action: 'fail', message: 'No sign-ups today' });
    await expect(call).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error No sign-ups today.' });
    await expect(statusOf(poolId, 'gina')).rejects.toMatchObject({ name: 'UserNotFoundException' });
    const [failed] = returned(flowEvents(paused.flowId));
    expect(failed!.data).toMatchObject({ byHand: { action: 'fail' }, error: { type: 'UserLambdaValidationException' }, functionError: { errorMessage: 'No sign-ups today' } });
  });

  it('respondWith and failWith answer at once, without pausing; only the matching user or client is stopped', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('throws') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp', userName: 'HANK', respondWith: { response: { autoConfirmUser: true } } });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp', userName: 'ivy', failWith: 'Canned refusal' });
    expect((await signUp(clientId, 'hank')).UserConfirmed).toBe(true);
    await expect(signUp(clientId, 'ivy')).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error Canned refusal.' });
    // Nobody else matches: the function itself runs (and throws).
    await expect(signUp(clientId, 'jack')).rejects.toMatchObject({ message: 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.' });
    expect(events.some((event) => event.type === 'flow.paused' && event.poolId === poolId)).toBe(false);
  });

  it('with NO function configured: pauses all the same, is answered by hand, and continue goes on as Cognito does without the trigger', async () => {
    const { poolId, clientId } = await poolWith();
    const breakpoint = await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    let pausing = nextPause();
    let call = signUp(clientId, 'kate');
    let paused = await pausing;
    expect(paused.functionConfigured).toBe(false);
    await resume(paused.pauseId, { action: 'answer', response: { ...(paused.event as object), response: { autoConfirmUser: true } } });
    expect((await call).UserConfirmed).toBe(true);
    expect(invoked(flowEvents(paused.flowId))[0]!.data.functionName).toMatch(/no function/);

    pausing = nextPause();
    call = signUp(clientId, 'liam');
    paused = await pausing;
    await resume(paused.pauseId, { action: 'continue' });
    expect((await call).UserConfirmed).toBe(false);
    expect(invoked(flowEvents(paused.flowId))).toHaveLength(0);

    // The same breakpoint asked again is the one there (200, not a second one).
    const again = await sandboxApi('POST', '/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignUp' });
    expect(again).toMatchObject({ status: 200, json: { breakpoint: { id: breakpoint.id } } });
    // Switched off, the breakpoint no longer makes the trigger run at all.
    expect((await sandboxApi('PUT', `/breakpoints/${breakpoint.id}/enabled`, { enabled: false })).json.breakpoint.enabled).toBe(false);
    const quiet = await signUp(clientId, 'mona');
    expect(quiet.UserConfirmed).toBe(false);
    expect(events.filter((event) => event.type === 'flow.paused' && event.poolId === poolId)).toHaveLength(2);
  });

  it('pauses a function behind the Invoke API, and the function then gets the edited event', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('api-returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const pausing = nextPause();
    const call = signUp(clientId, 'nina');
    const paused = await pausing;
    const event = paused.event as any;
    await resume(paused.pauseId, { action: 'edit', event: { ...event, request: { ...event.request, clientMetadata: { edited: 'yes' } }, response: { ...event.response, autoConfirmUser: true } } });
    expect((await call).UserConfirmed).toBe(true);
    expect(api.received.at(-1)!.event).toMatchObject({ userName: 'nina', request: { clientMetadata: { edited: 'yes' } }, response: { autoConfirmUser: true } });
  });
});

describe('breakpoints before tokens and messages', () => {
  it('tokens: shows the claims about to be signed, and edit signs the claims given', async () => {
    const { poolId, clientId } = await poolWith();
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'olga', MessageAction: 'SUPPRESS' }));
    await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'olga', Password: PASSWORD, Permanent: true }));
    await addBreakpoint({ poolId, point: 'tokens', userName: 'olga' });
    const pausing = nextPause();
    const call = sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'olga', PASSWORD } }));
    const paused = await pausing;
    const shown = paused.event as { idToken: Record<string, unknown>; accessToken: Record<string, unknown> };
    expect(shown.idToken).toMatchObject({ 'cognito:username': 'olga', token_use: 'id', aud: clientId });
    expect(shown.accessToken).toMatchObject({ username: 'olga', token_use: 'access', client_id: clientId });
    await resume(paused.pauseId, { action: 'edit', claims: { idToken: { ...shown.idToken, 'custom:tier': 'gold' } } });
    const { AuthenticationResult } = await call;
    expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({ 'custom:tier': 'gold', 'cognito:username': 'olga' });
    expect(decodeJwt(AuthenticationResult!.AccessToken!)).toMatchObject(shown.accessToken);
  });

  it('message: edit changes what reaches the outbox; drop sends nothing and the call still succeeds', async () => {
    const { poolId, clientId } = await poolWith();
    const breakpoint = await addBreakpoint({ poolId, point: 'message' });
    let pausing = nextPause();
    let call = signUp(clientId, 'paul');
    let paused = await pausing;
    expect(paused.event).toMatchObject({ channel: 'EMAIL', destination: 'paul@example.com', purpose: 'SignUp' });
    await resume(paused.pauseId, { action: 'edit', message: { subject: 'Edited subject', body: 'Edited body' } });
    expect((await call).CodeDeliveryDetails?.Destination).toBeTruthy();
    const outbox = async (to: string) => (await sandboxApi('GET', `/outbox?to=${encodeURIComponent(to)}`)).json as { subject: string; body: string }[];
    expect(await outbox('paul@example.com')).toMatchObject([{ subject: 'Edited subject', body: 'Edited body' }]);

    pausing = nextPause();
    call = signUp(clientId, 'quinn');
    paused = await pausing;
    await resume(paused.pauseId, { action: 'drop' });
    expect((await call).CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect(await outbox('quinn@example.com')).toEqual([]);
    expect(await statusOf(poolId, 'quinn')).toBe('UNCONFIRMED');
    await sandboxApi('DELETE', `/breakpoints/${breakpoint.id}`);
  });
});

describe('races', () => {
  it('a client that disconnects while paused ends the flow as abandoned, and nothing more happens for its request', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const controller = new AbortController();
    const pausing = nextPause();
    const call = signUp(clientId, 'rita', { abortSignal: controller.signal });
    const paused = await pausing;
    const ended = new Promise<SandboxEvent>((resolve) => {
      const stop = sandbox.app.bus.subscribe((event) => {
        if (event.type === 'flow.ended' && event.flowId === paused.flowId) {
          stop();
          resolve(event);
        }
      });
    });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect((await ended).data).toMatchObject({ outcome: 'abandoned', reason: expect.stringMatching(/disconnected while the flow was paused/) });
    const flow = flowEvents(paused.flowId);
    expect(flow.find((event) => event.type === 'flow.resumed')?.data).toMatchObject({ action: 'abandoned' });
    expect(invoked(flow)).toHaveLength(0);
    expect((await sandboxApi('GET', '/paused')).json.paused).toEqual([]);
    expect((await sandboxApi('POST', `/paused/${paused.pauseId}`, { action: 'continue' })).status).toBe(404);
    const { Users } = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
    expect(Users).toEqual([]);
  });

  it('two breakpoints in one flow pause one after the other', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    await addBreakpoint({ poolId, point: 'message' });
    let pausing = nextPause();
    const call = signUp(clientId, 'sam');
    const first = await pausing;
    expect(first.point).toBe('trigger');
    pausing = nextPause();
    await resume(first.pauseId, { action: 'continue' });
    const second = await pausing;
    expect(second).toMatchObject({ point: 'message', flowId: first.flowId });
    expect((await sandboxApi('GET', '/paused')).json.paused).toHaveLength(1);
    await resume(second.pauseId, { action: 'continue' });
    expect((await call).UserConfirmed).toBe(false);
    const pauses = flowEvents(first.flowId).filter((event) => event.type === 'flow.paused' || event.type === 'flow.resumed');
    expect(pauses.map((event) => [event.type, (event.data as { pauseId: string }).pauseId])).toEqual([
      ['flow.paused', first.pauseId],
      ['flow.resumed', first.pauseId],
      ['flow.paused', second.pauseId],
      ['flow.resumed', second.pauseId],
    ]);
  });

  it('a reset while paused releases every pause: the waiting requests get an AWS-shaped error, not a hang', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const failure = (call: Promise<unknown>) => call.then(() => undefined, (error: unknown) => error);
    let pausing = nextPause();
    const first = failure(signUp(clientId, 'tara'));
    await pausing;
    pausing = nextPause();
    const second = failure(signUp(clientId, 'uma'));
    await pausing;
    expect((await sandboxApi('GET', '/paused')).json.paused).toHaveLength(2);
    const reset = await sandboxApi('POST', '/admin/reset');
    expect(reset.status).toBe(200);
    for (const call of [first, second]) expect(await call).toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.` });
    expect((await sandboxApi('GET', '/paused')).json.paused).toEqual([]);
    expect((await sandboxApi('GET', '/breakpoints')).json.breakpoints).toEqual([]);
  });
});

describe('the routes refuse hostile input with 400', () => {
  it('bodies that are not breakpoints, answers that do not fit the pause, unknown ids', async () => {
    const { poolId, clientId } = await poolWith();
    const refused = async (method: string, route: string, body: unknown, message: RegExp) => {
      const { status, json } = await sandboxApi(method, route, body);
      expect(status, JSON.stringify(json)).toBe(400);
      expect(json).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) });
    };
    await refused('POST', '/breakpoints', '{"poolId":', /readable JSON/);
    await refused('POST', '/breakpoints', [1, 2], /JSON object/);
    await refused('POST', '/breakpoints', { point: 'trigger', trigger: 'PreSignUp' }, /poolId/);
    await refused('POST', '/breakpoints', { poolId: 'us-east-1_nope', point: 'trigger', trigger: 'PreSignUp' }, /does not exist/);
    await refused('POST', '/breakpoints', { poolId, point: 'everywhere' }, /point must be one of/);
    await refused('POST', '/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignOut' }, /trigger must be one of/);
    await refused('POST', '/breakpoints', { poolId, point: 'tokens', trigger: 'PreSignUp' }, /trigger is for point/);
    await refused('POST', '/breakpoints', { poolId, point: 'message', failWith: 'x' }, /need point 'trigger'/);
    await refused('POST', '/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignUp', respondWith: {}, failWith: 'x' }, /not both/);
    await refused('POST', '/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignUp', userName: { $ne: 1 } }, /userName must be text/);
    await refused('POST', '/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignUp', failWith: 7 }, /failWith/);
    const { status: unsupported } = await sandboxApi('POST', '/breakpoints', undefined);
    expect(unsupported).toBe(400);
    expect((await sandboxApi('DELETE', '/breakpoints/nope', undefined)).status).toBe(404);
    await refused('PUT', '/breakpoints/nope/enabled', { enabled: 'yes' }, /enabled must be true or false/);
    expect((await sandboxApi('PUT', '/breakpoints/nope/enabled', { enabled: true })).status).toBe(404);
    expect((await sandboxApi('POST', '/paused/nope', { action: 'continue' })).status).toBe(404);

    // Answers that do not fit where the flow is paused.
    await addBreakpoint({ poolId, point: 'tokens' });
    await addBreakpoint({ poolId, point: 'message' });
    const pausing = nextPause();
    const call = signUp(clientId, 'vera');
    const paused = await pausing;
    const route = `/paused/${paused.pauseId}`;
    await refused('POST', route, { action: 'answer', response: {} }, /At a message breakpoint, action must be one of continue, edit, drop/);
    await refused('POST', route, { action: 'edit', message: 'hi' }, /message must be an object/);
    await refused('POST', route, { action: 'edit', message: { body: 5 } }, /message.body/);
    await refused('POST', route, { action: 'edit', claims: {} }, /message must be an object/);
    await refused('POST', route, { action: ['continue'] }, /action must be one of/);
    expect((await sandboxApi('GET', '/paused')).json.paused).toHaveLength(1);
    await resume(paused.pauseId, { action: 'continue' });
    await call;
  });

  it('a trigger pause refuses an edit without an object event, an answer without response, a failure without message', async () => {
    const { poolId, clientId } = await poolWith({ PreSignUp: arn('returns-event') });
    await addBreakpoint({ poolId, point: 'trigger', trigger: 'PreSignUp' });
    const pausing = nextPause();
    const call = signUp(clientId, 'walt');
    const paused = await pausing;
    const route = `/paused/${paused.pauseId}`;
    for (const [body, message] of [
      [{ action: 'edit', event: 'x' }, /edit needs event/],
      [{ action: 'answer' }, /answer needs response/],
      [{ action: 'fail', message: '' }, /fail needs message/],
      [{ action: 'drop' }, /action must be one of continue, edit, answer, fail/],
    ] as const) {
      const { status, json } = await sandboxApi('POST', route, body);
      expect(status).toBe(400);
      expect(json.message).toMatch(message);
    }
    await resume(paused.pauseId, { action: 'continue' });
    expect((await call).UserSub).toBeTruthy();
  });
});

describe('across a restart', () => {
  it('breakpoints are kept, as an IDE keeps them; paused flows are not', async () => {
    const dataDir = tempDir('breakpoints-restart-');
    const first = await startSandbox({ dataDir });
    const poolId = await createPool(first.cognito, { PoolName: 'kept' });
    const response = await fetch(`${first.url}/_sandbox/api/breakpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ poolId, point: 'trigger', trigger: 'PreSignUp', userName: 'zoe', respondWith: { response: { autoConfirmUser: true } } }),
    });
    const { breakpoint } = (await response.json()) as { breakpoint: Breakpoint };
    await first.close();
    const second = await startSandbox({ dataDir });
    try {
      const kept = (await (await fetch(`${second.url}/_sandbox/api/breakpoints`)).json()) as { breakpoints: Breakpoint[] };
      expect(kept.breakpoints).toEqual([breakpoint]);
      expect(((await (await fetch(`${second.url}/_sandbox/api/paused`)).json()) as { paused: unknown[] }).paused).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
