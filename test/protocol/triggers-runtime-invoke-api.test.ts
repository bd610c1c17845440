/**
 * Triggers behind the AWS Lambda Invoke API (--lambda-endpoint), against a tiny Invoke API
 * server the test runs on port 0, as SAM local, serverless-offline and LocalStack serve it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';
import { preSignUpEvent, readPreSignUpResponse } from '../../src-main/triggers/events/preSignUp.js';
import { Triggers } from '../../src-main/triggers/runtime.js';
import { fakeInvokeApi } from '../support/invoke-api.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { arn } from '../support/triggers.js';
import { createPool } from '../support/world.js';

const TAIL = ['START RequestId: 1 Version: $LATEST', '2024-01-01T00:00:00.000Z\t1\tINFO\thello from the api', 'END RequestId: 1'];

/** Each function name answers one way. */
function answer(functionName: string, event: any, response: http.ServerResponse): void {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  switch (functionName) {
    case 'api-confirm':
      return json(200, { ...event, response: { ...event.response, autoConfirmUser: true } }, { 'x-amz-log-result': Buffer.from(TAIL.join('\n') + '\n').toString('base64') });
    case 'api-throws':
      return json(200, { errorType: 'Error', errorMessage: 'Email domain not allowed', trace: ['Error: Email domain not allowed'] }, { 'x-amz-function-error': 'Unhandled' });
    case 'api-python-throws':
      return json(
        200,
        {
          errorMessage: 'domain not allowed',
          errorType: 'ValueError',
          requestId: '1',
          stackTrace: ['  File "/var/task/app.py", line 4, in handler\n    raise ValueError("domain not allowed")\n'],
        },
        { 'x-amz-function-error': 'Unhandled', 'x-amz-log-result': Buffer.from('START RequestId: 1\n[ERROR] ValueError: domain not allowed\nEND RequestId: 1\n').toString('base64') },
      );
    case 'api-missing':
      return json(404, { Type: 'User', message: 'Function not found: api-missing' }, { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awslambda/' });
    case 'api-garbage':
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"not": json');
      return;
    case 'api-slow':
      setTimeout(() => json(200, event), 2_000).unref();
      return;
    default:
      json(500, { message: 'unexpected function' });
  }
}

const api = fakeInvokeApi(answer);
const { received } = api;

let sandbox: TestSandbox;
let triggers: Triggers;
const events: SandboxEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ lambdaEndpoint: await api.listen() });
  sandbox.app.bus.subscribe((event) => events.push(event));
  triggers = new Triggers(sandbox.app.services, { handlers: { 'api-confirm-local': new URL('../fixtures/triggers/auto-confirm.cjs', import.meta.url).pathname } });
});

afterAll(async () => {
  await triggers?.close();
  await sandbox?.close();
  await api.close();
});

async function poolWith(LambdaConfig: LambdaConfigType): Promise<UserPool> {
  return sandbox.app.store.pools.findById(await createPool(sandbox.cognito, { PoolName: `invoke-api-${Math.random()}`, LambdaConfig }))!;
}

async function signUp(functionArn: string, using = triggers) {
  const pool = await poolWith({ PreSignUp: functionArn });
  const event = preSignUpEvent({ triggerSource: 'PreSignUp_SignUp', userPoolId: pool.id, clientId: 'client1', userName: 'alice', userAttributes: { email: 'alice@example.com' } });
  const since = events.at(-1)?.seq ?? 0;
  const outcome = await using.invoke({ pool, trigger: 'PreSignUp', event, read: (output) => readPreSignUpResponse(output, event) }).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  const published = events.filter((e) => e.seq > since && e.type.startsWith('trigger.'));
  return { ...outcome, event, published };
}

describe('the Lambda Invoke API at --lambda-endpoint', () => {
  it('POSTs the event to /2015-03-31/functions/NAME/invocations and applies the answer, with the log tail', async () => {
    received.length = 0;
    const { value, event, published } = await signUp(arn('api-confirm'));

    expect(value).toEqual({ autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ functionName: 'api-confirm', qualifier: null, event });
    expect(received[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse', 'x-amz-log-type': 'Tail' });
    expect(published.map((e) => e.type)).toEqual(['trigger.invoked', 'trigger.returned']);
    expect(published[0]!.data).toEqual({ trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', functionName: 'api-confirm', event });
    expect(published[1]!.data).toMatchObject({ functionName: 'api-confirm', response: { ...event, response: { ...event.response, autoConfirmUser: true } }, logs: TAIL });
  });

  it('passes an alias or version of the ARN as Qualifier', async () => {
    received.length = 0;
    await signUp(`${arn('api-confirm')}:live`);
    expect(received.map((r) => [r.functionName, r.qualifier])).toEqual([['api-confirm', 'live']]);
  });

  it('treats an X-Amz-Function-Error answer as the function throwing', async () => {
    const { error, published } = await signUp(arn('api-throws'));
    expect(error).toMatchObject({ type: 'UserLambdaValidationException', message: 'PreSignUp failed with error Email domain not allowed.' });
    expect(published[1]!.data).toMatchObject({ error: { type: 'UserLambdaValidationException', message: 'PreSignUp failed with error Email domain not allowed.' } });
  });

  it("publishes what the function threw, its stack (Node's trace, Python's stackTrace) and the log tail", async () => {
    const node = (await signUp(arn('api-throws'))).published[1]!.data;
    expect(node).toMatchObject({ functionError: { errorType: 'Error', errorMessage: 'Email domain not allowed', trace: ['Error: Email domain not allowed'] } });
    const python = (await signUp(arn('api-python-throws'))).published[1]!.data;
    expect(python).toMatchObject({
      error: { type: 'UserLambdaValidationException', message: 'PreSignUp failed with error domain not allowed.' },
      functionError: { errorType: 'ValueError', errorMessage: 'domain not allowed', trace: ['  File "/var/task/app.py", line 4, in handler', '    raise ValueError("domain not allowed")'] },
      logs: ['START RequestId: 1', '[ERROR] ValueError: domain not allowed', 'END RequestId: 1'],
    });
  });

  it("reports the Lambda service's own error (no such function) as UnexpectedLambdaException", async () => {
    const { error } = await signUp(arn('api-missing'));
    expect(error).toMatchObject({ type: 'UnexpectedLambdaException', message: 'PreSignUp invocation failed due to error ResourceNotFoundException.' });
  });

  it('refuses a payload that is not JSON with InvalidLambdaResponseException', async () => {
    const { error, published } = await signUp(arn('api-garbage'));
    expect(error).toMatchObject({ type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
    expect(published[1]!.data).toMatchObject({ response: '{"not": json' });
  });

  it('gives up on a function slower than the limit after three attempts', async () => {
    const quick = new Triggers(sandbox.app.services, { timeoutMs: 300 });
    received.length = 0;
    const { error, published } = await signUp(arn('api-slow'), quick);
    expect(error).toMatchObject({ type: 'UnexpectedLambdaException', message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.' });
    expect(received.map((r) => r.functionName)).toEqual(['api-slow', 'api-slow', 'api-slow']);
    expect(published.filter((e) => e.type === 'trigger.returned')).toHaveLength(3);
  });

  it('says so when the endpoint cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new Triggers({ ...sandbox.app.services, options: { ...sandbox.app.services.options, lambdaEndpoint: `http://127.0.0.1:${port}` } });

    const { error } = await signUp(arn('api-confirm'), unreachable);

    expect(error).toMatchObject({
      type: 'UnexpectedLambdaException',
      message: `PreSignUp invocation failed due to error could not reach the Lambda endpoint http://127.0.0.1:${port} (ECONNREFUSED).`,
    });
  });

  it('prefers a local handler module of the same name to the endpoint', async () => {
    received.length = 0;
    const { value } = await signUp(arn('api-confirm-local'));
    expect(value).toEqual({ autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    expect(received).toHaveLength(0);
  });
});
