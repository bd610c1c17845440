/**
 * The message triggers behind the AWS Lambda Invoke API (--lambda-endpoint), against an Invoke
 * API server the test runs: CustomMessage's answer in the outbox, its error failing the call with
 * nothing written, and a CustomSMSSender receiving the code encrypted with the pool's local KMS
 * key (which a function outside the sandbox is given to decrypt it).
 */
import type { ServerResponse } from 'node:http';
import {
  ListUsersCommand,
  SignUpCommand,
  type CreateUserPoolCommandInput,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt } from '../../src-main/triggers/local-kms.js';
import { fakeInvokeApi } from '../support/invoke-api.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { arn } from '../support/triggers.js';
import { createClient, createPool } from '../support/world.js';

const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab';

function answer(functionName: string, event: any, response: ServerResponse): void {
  const json = (body: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  switch (functionName) {
    case 'api-custom-sms':
      return json({ ...event, response: { ...event.response, smsMessage: `Code for ${event.userName}: ${event.request.codeParameter}` } });
    case 'api-throws':
      return json({ errorType: 'Error', errorMessage: 'Template service down', trace: [] }, { 'x-amz-function-error': 'Unhandled' });
    case 'api-sms-sender':
      // Cognito reads nothing back from a custom sender.
      return json(null);
    default:
      response.writeHead(404).end();
  }
}

const api = fakeInvokeApi(answer);
const { received } = api;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ lambdaEndpoint: await api.listen() });
});

afterAll(async () => {
  await sandbox?.close();
  await api.close();
});

let pools = 0;

async function world(LambdaConfig: LambdaConfigType, pool: Partial<CreateUserPoolCommandInput> = {}) {
  const poolId = await createPool(sandbox.cognito, { PoolName: `api-messages-${++pools}`, AutoVerifiedAttributes: ['phone_number'], LambdaConfig, ...pool });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app' });
  return { poolId, clientId };
}

const signUp = (clientId: string, Username: string, phone: string) =>
  sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'phone_number', Value: phone }] }));

const outbox = (poolId: string) => sandbox.app.store.outbox.list({ poolId, limit: 10 }).reverse();

describe('through the Lambda Invoke API', () => {
  it("CustomMessage_SignUp: the function's SMS in the outbox", async () => {
    const w = await world({ CustomMessage: arn('api-custom-sms') });
    await signUp(w.clientId, 'ann', '+15555550130');
    expect(received.at(-1)).toMatchObject({
      functionName: 'api-custom-sms',
      event: { triggerSource: 'CustomMessage_SignUp', userName: 'ann', request: { codeParameter: '{####}', userAttributes: { phone_number: '+15555550130' } } },
    });
    const [message] = outbox(w.poolId);
    expect(message).toMatchObject({ channel: 'SMS', destination: '+15555550130', body: `Code for ann: ${message!.code}` });
  });

  it('a CustomMessage error fails the sign-up with UserLambdaValidationException; no user, no message', async () => {
    const w = await world({ CustomMessage: arn('api-throws') });
    await expect(signUp(w.clientId, 'ben', '+15555550131')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'CustomMessage failed with error Template service down.',
    });
    expect((await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: w.poolId }))).Users).toEqual([]);
    expect(outbox(w.poolId)).toEqual([]);
  });

  it('CustomSMSSender_SignUp: the function gets the code encrypted with the local KMS key; the outbox records the hand-over', async () => {
    const w = await world({ CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('api-sms-sender') }, KMSKeyID: KMS_KEY });
    await signUp(w.clientId, 'cleo', '+15555550132');
    const { event } = received.at(-1)!;
    expect(event).toMatchObject({ triggerSource: 'CustomSMSSender_SignUp', userName: 'cleo', request: { type: 'customSMSSenderRequestV1' } });
    expect(event).not.toHaveProperty('response');
    const [message] = outbox(w.poolId);
    expect(message!.body).toBe('Delivery handed to the CustomSMSSender function api-sms-sender (CustomSMSSender_SignUp): Cognito sends no message itself.');
    // What a function outside the sandbox does: fetch the key, then decrypt.
    const keyResponse = await fetch(`${sandbox.url}/_sandbox/api/kms-keys?keyId=${encodeURIComponent(KMS_KEY)}`);
    const { key } = (await keyResponse.json()) as { key: string };
    expect(key).toBe(sandbox.app.store.kmsKeys.find(KMS_KEY)!.material);
    expect((await decrypt(event.request.code, { key })).plaintext.toString()).toBe(message!.code);
  });

  it('serves no key for a KMSKeyID the sandbox has not used, and makes none', async () => {
    const unused = 'arn:aws:kms:us-east-1:123456789012:key/never-used';
    const response = await fetch(`${sandbox.url}/_sandbox/api/kms-keys?keyId=${encodeURIComponent(unused)}`);
    expect(response.status).toBe(404);
    expect(sandbox.app.store.kmsKeys.find(unused)).toBeUndefined();
  });
});
