/**
 * What a hostile or careless client sends gets the error Cognito would send: never a 500, a
 * hang, or Node's bare status line; and a web page elsewhere cannot call the sandbox.
 */
import net from 'node:net';
import { CreateUserPoolCommand, GetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/config/args.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let poolId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ corsOrigins: ['https://app.example.com'] });
  poolId = (await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'hostile' }))).UserPool!.Id!;
});
afterAll(() => sandbox.close());

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function rawRequest(url: string, bytes: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => reject(new Error('no answer within 5 s')));
  });
}

function awsError(answer: string): { status: number; type: string | undefined; body: { __type: string; message: string } } {
  const [head, body] = answer.split('\r\n\r\n');
  return {
    status: Number(head!.split(' ')[1]),
    type: /x-amzn-ErrorType: (\S+)/i.exec(head!)?.[1],
    body: JSON.parse(body!),
  };
}

describe('targets named like Object properties', () => {
  it.each(['constructor.ListUserPools', '__proto__.ListUserPools', 'toString', 'hasOwnProperty.x', 'AWSCognitoIdentityProviderService.constructor', 'AWSCognitoIdentityProviderService.__proto__'])(
    '%s is an unknown operation',
    async (target) => {
      const r = await rawCall(sandbox.url, target.includes('.') ? target : `${target}.ListUserPools`, { MaxResults: 1 });
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe('UnknownOperationException');
    },
  );
});

describe('nulls', () => {
  it('refuses a null inside a list as a value of the wrong type, naming the element', async () => {
    const cases: [string, object, string][] = [
      ['AdminCreateUser', { UserPoolId: poolId, Username: 'nora', UserAttributes: [null] }, "'userAttributes.1.member': expected a structure"],
      ['AddCustomAttributes', { UserPoolId: poolId, CustomAttributes: [null] }, "'customAttributes.1.member': expected a structure"],
      ['CreateResourceServer', { UserPoolId: poolId, Identifier: 'api', Name: 'api', Scopes: [null] }, "'scopes.1.member': expected a structure"],
      ['CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'c', AllowedOAuthScopes: ['openid', null] }, "'allowedOAuthScopes.2.member': expected a string"],
    ];
    for (const [operation, body, where] of cases) {
      const r = await rawCall(sandbox.url, operation, body);
      expect(r.status, operation).toBe(400);
      expect(r.json).toEqual({ __type: 'SerializationException', message: `Unexpected token null at ${where}` });
    }
  });

  it('takes a member given as null as absent: NextToken, PaginationToken, Limit', async () => {
    expect((await rawCall(sandbox.url, 'ListUserPools', { MaxResults: 5, NextToken: null })).status).toBe(200);
    expect((await rawCall(sandbox.url, 'ListUsers', { UserPoolId: poolId, PaginationToken: null, Limit: null })).status).toBe(200);
    expect((await rawCall(sandbox.url, 'ListGroups', { UserPoolId: poolId, NextToken: null })).status).toBe(200);
    expect((await rawCall(sandbox.url, 'ListUserPoolClients', { UserPoolId: poolId, NextToken: null })).status).toBe(200);
  });

  it('drops a null map value', async () => {
    const r = await rawCall(sandbox.url, 'CreateGroup', { UserPoolId: poolId, GroupName: 'g1' });
    expect(r.status).toBe(200);
    const tagged = await rawCall(sandbox.url, 'CreateUserPool', { PoolName: 'tags', UserPoolTags: { team: 'a', gone: null } });
    expect(tagged.status).toBe(200);
    expect(tagged.json.UserPool.UserPoolTags).toEqual({ team: 'a' });
  });
});

describe('requests Node refuses to parse', () => {
  it('answers headers over 16 KB with an AWS-shaped 431', async () => {
    const answer = await rawRequest(sandbox.url, `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`);
    const error = awsError(answer);
    expect(error.status).toBe(431);
    expect(error.type).toBe('RequestEntityTooLargeException');
    expect(error.body.__type).toBe('RequestEntityTooLargeException');
  });

  it('answers a header with bytes a header may not hold with an AWS-shaped 400', async () => {
    const answer = await rawRequest(sandbox.url, Buffer.from(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0000b\r\nContent-Length: 2\r\n\r\n{}`, 'latin1'));
    const error = awsError(answer);
    expect(error.status).toBe(400);
    expect(error.body.__type).toBe('SerializationException');
  });

  it('answers a malformed request line with an AWS-shaped 400', async () => {
    const error = awsError(await rawRequest(sandbox.url, 'NOT A REQUEST\r\n\r\n'));
    expect(error.status).toBe(400);
    expect(error.body.__type).toBe('SerializationException');
  });
});

describe('methods other than POST on /', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])('%s / is no operation', async (method) => {
    const response = await fetch(`${sandbox.url}/`, { method, headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' }, body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('GET / still opens the debugger', async () => {
    const response = await fetch(`${sandbox.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/_sandbox/');
  });
});

describe('browser access', () => {
  const target = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.DeleteUserPool' };

  it('refuses another web page: its preflight, and its request itself, which changes nothing', async () => {
    const preflight = await fetch(`${sandbox.url}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    const deleted = await fetch(`${sandbox.url}/`, { method: 'POST', headers: { ...target, origin: 'http://evil.example.com' }, body: JSON.stringify({ UserPoolId: poolId }) });
    expect(deleted.status).toBe(403);
    expect(deleted.headers.get('access-control-allow-origin')).toBeNull();
    expect(await deleted.json()).toMatchObject({ __type: 'AccessDeniedException' });
    expect((await sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).MfaConfiguration).toBe('OFF');

    const keys = await fetch(`${sandbox.url}/${poolId}/.well-known/jwks.json`, { headers: { origin: 'https://evil.example.com' } });
    expect(keys.status).toBe(403);
  });

  it('allows loopback pages on any port, and answers their Private Network Access preflight', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://app.localhost:8443', 'http://[::1]:8080']) {
      const preflight = await fetch(`${sandbox.url}/`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
      });
      expect(preflight.status, origin).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
    }
    const listed = await fetch(`${sandbox.url}/`, {
      method: 'POST',
      headers: { ...target, 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools', origin: 'http://localhost:5173' },
      body: JSON.stringify({ MaxResults: 1 }),
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('does not answer a Private Network Access preflight from another page', async () => {
    const preflight = await fetch(`${sandbox.url}/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-private-network')).toBeNull();
  });

  it('allows the origins listed with --cors-origin, and only those', async () => {
    const allowed = await fetch(`${sandbox.url}/`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetch(`${sandbox.url}/`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com.evil.net', 'access-control-request-method': 'POST' } });
    expect(other.status).toBe(403);
    const nullOrigin = await fetch(`${sandbox.url}/`, { method: 'OPTIONS', headers: { origin: 'null', 'access-control-request-method': 'POST' } });
    expect(nullOrigin.status).toBe(403);
  });

  it('reads --cors-origin from the command line, refusing what is not an origin', () => {
    expect(parseArgs(['--cors-origin', 'https://a.example.com', '--cors-origin=http://b.example.com:8080']).corsOrigins).toEqual([
      'https://a.example.com',
      'http://b.example.com:8080',
    ]);
    expect(() => parseArgs(['--cors-origin', 'https://a.example.com/path'])).toThrow(/is not an origin/);
    expect(() => parseArgs(['--cors-origin', '*'])).toThrow(/is not an origin/);
  });
});

describe('the debugger API', () => {
  it('refuses query parameters of the wrong kind with a JSON 400', async () => {
    for (const path of ['flows?limit=1.5', 'flows?before=abc', 'flows?limit=0', 'outbox?limit=1e3', 'outbox?to=a&to=b']) {
      const response = await fetch(`${sandbox.url}/_sandbox/api/${path}`);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ error: 'bad_request' });
    }
  });

  it('answers machine and flow ids named like Object properties with a JSON 404', async () => {
    for (const path of ['machines/constructor', 'machines/__proto__', 'machines/toString', 'flows/constructor']) {
      const response = await fetch(`${sandbox.url}/_sandbox/api/${path}`);
      expect(response.status, path).toBe(404);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: 'not_found' });
      expect(text).not.toContain('/work/');
    }
  });

  it.each(['1e308', '99999999999'])('resumes an event stream from Last-Event-ID %s (past the newest event) with the live events', async (lastEventId) => {
    const controller = new AbortController();
    const response = await fetch(`${sandbox.url}/_sandbox/api/events`, { headers: { 'last-event-id': lastEventId }, signal: controller.signal });
    const reader = response.body!.getReader();
    const marker = `live-${lastEventId}`;
    await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: marker }));
    let received = '';
    const timeout = setTimeout(() => controller.abort(), 5_000);
    try {
      while (!received.includes(marker)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += new TextDecoder().decode(chunk.value);
      }
    } catch {
      // aborted: nothing arrived in time
    } finally {
      clearTimeout(timeout);
      controller.abort();
    }
    expect(received).toContain(marker);
  });
});
