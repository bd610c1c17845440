import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_POOLS_SERVICE, identityPoolOperationNames, USER_POOLS_SERVICE, userPoolOperationNames } from '../../src-main/server/aws-json/catalogue.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('AWS JSON 1.1 dispatch', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const r = await rawCall(sandbox.url, 'NoSuchOperation', {});
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ __type: 'UnknownOperationException', message: 'Unknown operation AWSCognitoIdentityProviderService.NoSuchOperation' });
    expect(r.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('implements every operation of both APIs: none answers UnsupportedOperationException', async () => {
    const targets = [
      ...userPoolOperationNames.map((name) => `${USER_POOLS_SERVICE}.${name}`),
      ...identityPoolOperationNames.map((name) => `${IDENTITY_POOLS_SERVICE}.${name}`),
    ];
    const unserved: string[] = [];
    for (const target of targets) {
      const r = await rawCall(sandbox.url, target, {});
      expect(r.status, target).toBeLessThan(500);
      if (r.json.__type === 'UnsupportedOperationException' || r.json.__type === 'UnknownOperationException') unserved.push(target);
    }
    expect(targets).toHaveLength(140 + 23);
    expect(unserved).toEqual([]);
  });

  it('routes identity-pool targets, which refuse a body breaking the model with ValidationException', async () => {
    const r = await rawCall(sandbox.url, 'AWSCognitoIdentityService.GetId', { IdentityPoolId: 'us-east-1_NotAnIdentityPool' });
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('ValidationException');
    expect(r.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(r.json.message).toBe(
      "1 validation error detected: Value 'us-east-1_NotAnIdentityPool' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    );
    const unknown = await rawCall(sandbox.url, 'AWSCognitoIdentityService.GetIdentities', {});
    expect(unknown.json.__type).toBe('UnknownOperationException');
  });

  it('refuses a body that is not JSON', async () => {
    const r = await rawCall(sandbox.url, 'ListUserPools', '{"MaxResults": ');
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('SerializationException');
  });

  it('answers a member of the wrong JSON type with SerializationException', async () => {
    for (const body of [
      { PoolName: 42 },
      { PoolName: 'p', Policies: 'strong' },
      { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: '8' } } },
      { PoolName: 'p', AutoVerifiedAttributes: 'email' },
      { PoolName: 'p', UserPoolTags: ['a'] },
    ]) {
      const r = await rawCall(sandbox.url, 'CreateUserPool', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.__type).toBe('SerializationException');
    }
  });

  it('collects every constraint violation into one InvalidParameterException, in AWS wording', async () => {
    const r = await rawCall(sandbox.url, 'ListUsers', { UserPoolId: 'bad id', Limit: 61 });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value 'bad id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; " +
        "Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
  });

  it('accepts application/json too, and an empty body as {}', async () => {
    const r = await rawCall(sandbox.url, 'ListUserPools', { MaxResults: 5 }, { 'content-type': 'application/json' });
    expect(r.status).toBe(200);
    expect(r.json.UserPools).toEqual([]);
    const empty = await rawCall(sandbox.url, 'ListUserPools', '');
    expect(empty.status).toBe(400);
    expect(empty.json.message).toContain("at 'maxResults' failed to satisfy constraint: Member must not be null");
  });

  it('refuses an unsupported content type', async () => {
    const r = await rawCall(sandbox.url, 'ListUserPools', '{}', { 'content-type': 'text/plain' });
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('SerializationException');
    expect(r.json.message).toContain('text/plain');
  });

  it('refuses an oversized body with 413 and stays up', async () => {
    const r = await rawCall(sandbox.url, 'ListUserPools', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(r.status).toBe(413);
    expect(r.json.__type).toBe('RequestEntityTooLargeException');
    const health = await fetch(`${sandbox.url}/_sandbox/api/health`);
    expect(health.status).toBe(200);
  });

  it('requires X-Amz-Target', async () => {
    const response = await fetch(sandbox.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).__type).toBe('UnknownOperationException');
  });

  it('answers CORS preflights so browser apps can call it', async () => {
    const response = await fetch(sandbox.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target');
  });

  it('refuses a non-loopback Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const port = new URL(sandbox.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/_sandbox/api/health', headers: { host: 'evil.example.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
