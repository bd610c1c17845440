/**
 * `api.called` carries each call as DevTools would show it: method, path, request and response
 * headers with every credential masked, the User-Agent and the client it names, sizes; the
 * debugger window's own calls marked `origin: 'window'` by the header it sends.
 */
import { DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserAttribute, CognitoUserPool, type ISignUpResult } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCalled, SandboxEvent } from '../../shared/events.js';
import { callerOf, clientSoftware } from '../../shared/user-agent.js';
import { WINDOW_CALL_HEADER } from '../../src-main/server/aws-json/router.js';
import { callback } from '../support/callback.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

type Call = ApiCalled['data'];

/** The one api.called that `action` caused. */
async function callDuring(action: () => Promise<unknown>): Promise<Call> {
  const events = await eventsDuring(sandbox.app, () => action().catch(() => undefined));
  const calls = events.filter((e: SandboxEvent): e is SandboxEvent & ApiCalled => e.type === 'api.called');
  expect(calls).toHaveLength(1);
  return calls[0]!.data;
}

describe('api.called as DevTools shows it', () => {
  it('records a signed AWS SDK call: method, path, headers with the signature masked, the SDK and its version, sizes', async () => {
    let signature = '';
    sandbox.cognito.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        signature = request.headers.authorization?.match(/Signature=([0-9a-f]+)/)?.[1] ?? '';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'readSignature' },
    );
    try {
      const call = await callDuring(() => sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 5 })));
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(call)).not.toContain(signature);
      expect(call.origin).toBeUndefined();
      const http = call.http!;
      expect(http).toMatchObject({ method: 'POST', path: '/', client: { name: 'AWS SDK for JavaScript v3', version: expect.stringMatching(/^3\.\d+\.\d+$/) } });
      expect(http.requestHeaders.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDSANDBOX\/\d{8}\/us-east-1\/cognito-idp\/aws4_request, SignedHeaders=[\w;-]+, Signature=\*\*\*$/,
      );
      expect(http.requestHeaders['x-amz-target']).toBe('AWSCognitoIdentityProviderService.ListUserPools');
      expect(http.userAgent).toMatch(new RegExp(`^aws-sdk-js/${http.client!.version!.replace(/\./g, '\\.')} .*api/cognito-identity-provider#`));
      expect(http.requestBytes).toBe(JSON.stringify({ MaxResults: 5 }).length);
      expect(http.responseHeaders['x-amzn-requestid']).toBe(call.requestId);
      expect(http.responseHeaders['content-type']).toMatch(/^application\/x-amz-json-1\.1/);
      expect(http.responseBytes).toBe(JSON.stringify(call.response).length);
    } finally {
      sandbox.cognito.middlewareStack.remove('readSignature');
    }
  });

  it('masks bearer tokens, session tokens and cookie values, keeping the names', async () => {
    const call = await callDuring(() =>
      rawCall(sandbox.url, 'DescribeUserPool', { UserPoolId: 'us-east-1_headers01' }, {
        authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret-part.signature',
        'x-amz-security-token': 'IQoJb3JpZ2luX2VjEA-session-token',
        cookie: 'session=abc123secret; theme=dark',
        'user-agent': 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.debian command/cognito-idp.describe-user-pool',
      }),
    );
    const json = JSON.stringify(call);
    for (const secret of ['eyJhbGciOiJSUzI1NiJ9', 'secret-part', 'IQoJb3JpZ2luX2VjEA', 'abc123secret']) expect(json).not.toContain(secret);
    expect(call.http!.requestHeaders).toMatchObject({
      authorization: 'Bearer ***',
      'x-amz-security-token': '***',
      cookie: 'session=***; theme=***',
    });
    expect(call.http!.client).toEqual({ name: 'AWS CLI', version: '2.15.30' });
    expect(call.error?.type).toBe('ResourceNotFoundException');
    expect(call.http!.responseHeaders['x-amzn-errortype']).toBe('ResourceNotFoundException');
  });

  it('marks the window\'s own calls by the header it sends, and no other call', async () => {
    const fromWindow = await callDuring(() => rawCall(sandbox.url, 'ListUserPools', { MaxResults: 1 }, { [WINDOW_CALL_HEADER]: '1' }));
    expect(fromWindow.origin).toBe('window');
    expect(fromWindow.http!.requestHeaders[WINDOW_CALL_HEADER]).toBe('1');

    const otherValue = await callDuring(() => rawCall(sandbox.url, 'ListUserPools', { MaxResults: 1 }, { [WINDOW_CALL_HEADER]: 'yes' }));
    expect(otherValue.origin).toBeUndefined();
    const sdk = await callDuring(() => sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' })));
    expect(sdk.origin).toBeUndefined();
  });

  it('records refused calls too: an unknown target, a body that is not JSON', async () => {
    const unknown = await callDuring(() => rawCall(sandbox.url, 'AWSCognitoIdentityProviderService.NoSuchThing', {}));
    expect(unknown).toMatchObject({ status: 400, error: { type: 'UnknownOperationException' }, http: { method: 'POST', path: '/' } });
    const garbled = await callDuring(() => rawCall(sandbox.url, 'ListUserPools', '{"MaxResults":', { [WINDOW_CALL_HEADER]: '1' }));
    expect(garbled).toMatchObject({ error: { type: 'SerializationException' }, origin: 'window', http: { requestBytes: 14 } });
  });

  it('names amazon-cognito-identity-js from the User-Agent it sends', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'ua' });
    const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' });
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url });
    const call = await callDuring(() => {
      const signedUp = callback<ISignUpResult>();
      pool.signUp('ua-user', 'Passw0rd!', [new CognitoUserAttribute({ Name: 'email', Value: 'ua@example.com' })], [], signedUp.done);
      return signedUp.result;
    });
    expect(call.operation).toBe('SignUp');
    expect(call.http!.client).toEqual({ name: 'amazon-cognito-identity-js' });
    expect(call.http!.requestHeaders['x-amz-user-agent']).toMatch(/^aws-amplify\/5\./);
    expect(call.http!.userAgent).toBe(call.http!.requestHeaders['x-amz-user-agent']);
  });
});

describe('callerOf', () => {
  const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
  it('prefers the header naming an SDK, and of two the fuller', () => {
    const full = 'aws-sdk-js/3.1.0 ua/2.0 os/linux lang/js md/browser#Chrome_124 api/cognito-identity-provider#3.1.0';
    expect(callerOf({ userAgent: browser, amzUserAgent: full })).toEqual({ userAgent: full, client: { name: 'AWS SDK for JavaScript v3', version: '3.1.0' } });
    expect(callerOf({ userAgent: full, amzUserAgent: 'aws-sdk-js/3.1.0' })).toMatchObject({ userAgent: full });
    expect(callerOf({ userAgent: 'node', amzUserAgent: 'aws-amplify/5.0.4' })).toEqual({ userAgent: 'aws-amplify/5.0.4', client: { name: 'amazon-cognito-identity-js' } });
    expect(callerOf({ userAgent: browser })).toEqual({ userAgent: browser, client: { name: 'a browser' } });
    expect(callerOf({})).toEqual({});
  });
});

describe('clientSoftware', () => {
  it.each([
    ['aws-sdk-js/3.614.0 ua/2.0 os/linux#6.1 lang/js md/nodejs#20.11.0 api/cognito-identity-provider#3.614.0', { name: 'AWS SDK for JavaScript v3', version: '3.614.0' }],
    ['aws-amplify/6.3.4 auth/4 framework/0', { name: 'Amplify', version: '6.3.4' }],
    ['aws-amplify/5.0.4 auth framework/1', { name: 'amazon-cognito-identity-js' }],
    ['Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1 lang/python#3.11.4 Botocore/1.34.0', { name: 'boto3', version: '1.34.0' }],
    ['Botocore/1.34.0 ua/2.0 os/linux#6.1 lang/python#3.11.4', { name: 'botocore', version: '1.34.0' }],
    ['aws-cli/1.22.34 Python/3.10.12 Linux/6.1 botocore/1.23.34', { name: 'AWS CLI', version: '1.22.34' }],
    ['APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 aws-sdk-go-v2/1.25.3', { name: 'Terraform', version: '1.7.5' }],
    ['aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17', { name: 'AWS SDK for Java v2', version: '2.25.0' }],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', { name: 'a browser' }],
  ])('%s', (userAgent, expected) => {
    expect(clientSoftware(userAgent)).toEqual(expected);
  });

  it('names nothing for an empty or unknown agent', () => {
    expect(clientSoftware('')).toBeUndefined();
    expect(clientSoftware(undefined)).toBeUndefined();
    expect(clientSoftware('my-own-client')).toBeUndefined();
  });
});
