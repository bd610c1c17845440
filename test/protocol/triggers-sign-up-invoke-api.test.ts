/**
 * The sign-up side's triggers behind the AWS Lambda Invoke API (--lambda-endpoint), against an
 * Invoke API server the test runs on port 0, as SAM local, serverless-offline and LocalStack
 * serve it: the function receives exactly the event the debugger shows, its answer takes effect,
 * and its error (X-Amz-Function-Error) is Cognito's UserLambdaValidationException with no user left.
 */
import type { ServerResponse } from 'node:http';
import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ListUsersCommand,
  SignUpCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { fakeInvokeApi } from '../support/invoke-api.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { arn } from '../support/triggers.js';
import { createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

/** Each function answers one way. */
function answer(functionName: string, event: any, response: ServerResponse): void {
  const json = (body: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  switch (functionName) {
    case 'api-auto-confirm':
      return json({ ...event, response: { ...event.response, autoConfirmUser: true, autoVerifyEmail: true } });
    case 'api-returns-event':
      return json(event);
    case 'api-throws':
      return json({ errorType: 'Error', errorMessage: 'Email domain not allowed', trace: [] }, { 'x-amz-function-error': 'Unhandled' });
    case 'api-migrate':
      return json({ ...event, response: { ...event.response, userAttributes: { email: `${event.userName}@legacy.example`, email_verified: 'true' } } });
    default:
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ Type: 'User', message: `Function not found: ${functionName}` }));
  }
}

const api = fakeInvokeApi(answer);
const { received } = api;

let sandbox: TestSandbox;
const events: SandboxEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ lambdaEndpoint: await api.listen() });
  sandbox.app.bus.subscribe((event) => events.push(event));
});

afterAll(async () => {
  await sandbox?.close();
  await api.close();
});

let pools = 0;

async function world(LambdaConfig: LambdaConfigType) {
  const poolId = await createPool(sandbox.cognito, { PoolName: `api-${++pools}`, AutoVerifiedAttributes: ['email'], LambdaConfig });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app' });
  return { poolId, clientId };
}

const signUp = (clientId: string, Username: string, email: string) =>
  sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));

const usernames = async (poolId: string) => ((await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users ?? []).map((u) => u.Username);

/** What the debugger showed as sent, by function. */
function shownAsSent(functionName: string, since: number): unknown[] {
  return events
    .slice(since)
    .filter((e): e is Extract<SandboxEvent, { type: 'trigger.invoked' }> => e.type === 'trigger.invoked' && e.data.functionName === functionName)
    .map((e) => e.data.event);
}

describe('through the Lambda Invoke API', () => {
  it('PreSignUp_SignUp auto-confirms, then PostConfirmation_ConfirmSignUp runs; each function got the event the debugger shows', async () => {
    const w = await world({ PreSignUp: arn('api-auto-confirm'), PostConfirmation: arn('api-returns-event') });
    const since = events.length;
    const answered = await signUp(w.clientId, 'alice', 'alice@example.com');
    expect(answered.UserConfirmed).toBe(true);
    expect(answered.CodeDeliveryDetails).toBeUndefined();

    const [pre, post] = received.slice(-2);
    expect(pre).toMatchObject({ functionName: 'api-auto-confirm', event: { triggerSource: 'PreSignUp_SignUp', userName: 'alice', callerContext: { clientId: w.clientId } } });
    expect(pre!.event.request).toEqual({ userAttributes: { email: 'alice@example.com' }, validationData: null });
    expect(shownAsSent('api-auto-confirm', since)).toEqual([pre!.event]);
    expect(post).toMatchObject({ functionName: 'api-returns-event', event: { triggerSource: 'PostConfirmation_ConfirmSignUp', userName: 'alice' } });
    expect(post!.event.request.userAttributes).toMatchObject({ email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' });
    expect(shownAsSent('api-returns-event', since)).toEqual([post!.event]);
    expect((await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'alice' }))).UserStatus).toBe('CONFIRMED');
  });

  it("reports a function error (X-Amz-Function-Error) as UserLambdaValidationException, and creates no user", async () => {
    const w = await world({ PreSignUp: arn('api-throws') });
    await expect(signUp(w.clientId, 'bob', 'bob@example.com')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Email domain not allowed.',
    });
    expect(await usernames(w.poolId)).toEqual([]);
    expect(sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 10 })).toEqual([]);
  });

  it('PostConfirmation_ConfirmSignUp after a code, its error the call\'s while the user stays confirmed', async () => {
    const w = await world({ PostConfirmation: arn('api-throws') });
    await signUp(w.clientId, 'carl', 'carl@example.com');
    const [message] = sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 1 });
    await expect(sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: w.clientId, Username: 'carl', ConfirmationCode: message!.code! }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PostConfirmation failed with error Email domain not allowed.',
    });
    expect(received.at(-1)!.event.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
    expect((await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'carl' }))).UserStatus).toBe('CONFIRMED');
  });

  it('UserMigration_ForgotPassword creates the user the function describes, who is sent the code', async () => {
    const w = await world({ UserMigration: arn('api-migrate') });
    const answered = await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'dana' }));
    expect(answered.CodeDeliveryDetails).toEqual({ Destination: 'd***@l***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(received.at(-1)).toMatchObject({ functionName: 'api-migrate', event: { triggerSource: 'UserMigration_ForgotPassword', userName: 'dana', request: { validationData: null } } });
    expect(received.at(-1)!.event.request).not.toHaveProperty('password');
    expect(await usernames(w.poolId)).toEqual(['dana']);
    expect(sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 1 })[0]).toMatchObject({ destination: 'dana@legacy.example', purpose: 'ForgotPassword' });
  });
});
