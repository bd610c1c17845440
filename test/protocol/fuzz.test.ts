/**
 * A fixed-seed fuzz of every surface a client can reach: thousands of hostile requests across
 * every implemented operation (members of the wrong type, nulls, huge and deep values, Object
 * property names, bad bodies and headers), the debugger API, the event stream and the OIDC
 * endpoints. Nothing may answer 5xx, hang, or answer an AWS JSON call with anything but AWS's
 * error shape. A failure prints the request that caused it.
 */
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userPoolOperationNames } from '../../src-main/server/aws-json/catalogue.js';
import { userPoolOperations } from '../../src-main/server/aws-json/operations/index.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const SEED = 20261205;
const AWS_JSON_REQUESTS = 6_000;
const OTHER_REQUESTS = 600;
const REQUEST_TIMEOUT_MS = 5_000;

/** mulberry32: a small, fast PRNG, the same sequence for the same seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

function nested(depth: number, leaf: unknown, asList: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asList ? [value] : { a: value };
  return value;
}

/** Values nothing should choke on. */
function hostileValue(r: Random): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => [],
    () => ({}),
    () => [null],
    () => '',
    () => ' ',
    () => 'x'.repeat(r.pick([129, 2049, 70_000])),
    () => '\u0000\u0001\u001f',
    () => '\ud800',
    () => '🙂'.repeat(40),
    () => r.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']),
    () => "'; DROP TABLE users; --",
    () => '../../../../etc/passwd',
    () => '%s%n%x{0}${x}',
    () => r.pick([-1, 0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 4294967296]),
    () => r.pick([true, false]),
    () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    () => ({ Name: r.pick([null, 5, '__proto__', 'email']), Value: r.pick([null, {}, 'x'.repeat(5000), 'a@b.c']) }),
    () => [{ Name: 'email', Value: null }, null, 'x', 7],
    () => nested(r.pick([64, 1_000, 3_000]), 'x', r.chance(0.5)),
    () => Object.fromEntries(Array.from({ length: r.pick([3, 200]) }, (_, i) => [`k${i}`, r.pick(['v', null, 1, {}])])),
    () => ({ constructor: 'x', __proto__: 'y', toString: 1 }),
  ];
  return r.pick(choices)();
}

/** Bodies that are not a JSON object at all. */
const RAW_BODIES = ['', '{', '[]', 'null', '"x"', '1e999999', '{"a":1}{"b":2}', '\u0000', `{"UserPoolId":"${'['.repeat(100_000)}"}`, '['.repeat(100_000) + ']'.repeat(100_000), '{"__proto__":{"x":1}}'];
const CONTENT_TYPES = ['application/x-amz-json-1.1', 'application/json', 'text/plain', '', 'application/x-amz-json-1.1; charset=utf-16'];

interface World {
  poolId: string;
  clientId: string;
  accessToken: string;
}

let sandbox: TestSandbox;

async function newWorld(): Promise<World> {
  const { UserPool } = await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'fuzz', AutoVerifiedAttributes: ['email'] }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await sandbox.cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'fuzz', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'] }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'alice', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }));
  await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice', Password: 'Passw0rd!', Permanent: true }));
  await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }));
  const signedIn = await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' } }));
  return { poolId, clientId, accessToken: signedIn.AuthenticationResult!.AccessToken! };
}

/** A plausible value for a member, so that requests get past the first check and reach the operation. */
function plausible(member: string, world: World, r: Random): unknown {
  const values: Record<string, () => unknown> = {
    UserPoolId: () => world.poolId,
    ClientId: () => world.clientId,
    Username: () => r.pick(['alice', 'alice@example.com', 'nobody']),
    GroupName: () => 'readers',
    AccessToken: () => world.accessToken,
    Token: () => world.accessToken,
    AuthFlow: () => r.pick(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'CUSTOM_AUTH', 'USER_AUTH', 'ADMIN_USER_PASSWORD_AUTH']),
    AuthParameters: () => ({ USERNAME: 'alice', PASSWORD: 'Passw0rd!', SRP_A: r.pick(['0', 'ff', 'zz', '1'.repeat(800)]), REFRESH_TOKEN: 'x' }),
    ChallengeName: () => r.pick(['PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED', 'CUSTOM_CHALLENGE', 'SMS_MFA']),
    ChallengeResponses: () => ({ USERNAME: 'alice', ANSWER: 'x', NEW_PASSWORD: 'x', PASSWORD_CLAIM_SIGNATURE: 'x', PASSWORD_CLAIM_SECRET_BLOCK: 'x', TIMESTAMP: 'x' }),
    Session: () => 'x'.repeat(r.pick([20, 100])),
    UserAttributes: () => [{ Name: 'email', Value: 'a@example.com' }],
    AttributeNames: () => ['email'],
    PoolName: () => 'fuzz-pool',
    ClientName: () => 'fuzz-client',
    Password: () => 'Passw0rd!',
    ConfirmationCode: () => '123456',
    Identifier: () => 'api',
    Name: () => 'name',
    Domain: () => `fuzz-${r.int(1e6)}`,
    ProviderName: () => 'Google',
    ProviderType: () => 'Google',
    ResourceArn: () => `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${world.poolId}`,
  };
  return (values[member] ?? (() => hostileValue(r)))();
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function describeRequest(init: RequestInit & { url: string }): string {
  const body = typeof init.body === 'string' ? init.body : '';
  return `${init.method ?? 'GET'} ${init.url} ${JSON.stringify(init.headers)} ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body}`;
}

/** Why an AWS JSON answer is not AWS-shaped, or undefined. */
function notAwsShaped(answer: Answer): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return undefined;
  let body: { __type?: unknown; message?: unknown };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `status ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (typeof body.__type !== 'string' || typeof body.message !== 'string') return `status ${answer.status} without __type and message: ${answer.text.slice(0, 200)}`;
  if (answer.headers.get('x-amzn-errortype') !== body.__type) return `x-amzn-ErrorType ${answer.headers.get('x-amzn-errortype')} is not ${body.__type}`;
  return undefined;
}

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('fuzzing with a fixed seed', () => {
  it(`answers ${AWS_JSON_REQUESTS} hostile AWS JSON calls across every implemented operation in AWS's error shape, never 5xx`, { timeout: 120_000 }, async () => {
    const r = random(SEED);
    const implemented = Object.keys(userPoolOperations);
    const members = new Map(implemented.map((name) => [name, userPoolOperations[name]!(sandbox.app.services).input.members ?? []]));
    const targets = [
      ...implemented,
      ...userPoolOperationNames.slice(0, 10),
      'constructor',
      '__proto__',
      'toString',
      '',
    ];
    const failures: string[] = [];
    const logged = vi.spyOn(console, 'error');
    let world = await newWorld();
    for (let i = 0; i < AWS_JSON_REQUESTS; i++) {
      if (i % 1_000 === 999) world = await newWorld();
      const operation = r.pick(targets);
      const service = r.chance(0.95) ? 'AWSCognitoIdentityProviderService' : r.pick(['AWSCognitoIdentityService', 'constructor', '__proto__', 'hasOwnProperty', '']);
      let body: string;
      if (r.chance(0.05)) body = r.pick(RAW_BODIES);
      else {
        const record: Record<string, unknown> = {};
        for (const member of members.get(operation) ?? ['UserPoolId', 'ClientId']) if (r.chance(0.8)) record[member] = plausible(member, world, r);
        const names = [...(members.get(operation) ?? []), '__proto__', 'constructor', 'Unknown'];
        for (let k = 0; k < 1 + r.int(3); k++) record[r.pick(names)] = hostileValue(r);
        body = JSON.stringify(record);
      }
      const headers: Record<string, string> = { 'content-type': r.chance(0.93) ? CONTENT_TYPES[0]! : r.pick(CONTENT_TYPES), 'x-amz-target': `${service}.${operation}` };
      if (r.chance(0.03)) headers['x-amz-target'] = r.pick(['', '.', '..', 'AWSCognitoIdentityProviderService.', `AWSCognitoIdentityProviderService.${'A'.repeat(5000)}`]);
      const request = { url: `${sandbox.url}/`, method: 'POST', headers, body };
      try {
        const problem = notAwsShaped(await send(request.url, request));
        if (problem) failures.push(`${problem}\n    for ${describeRequest(request)}`);
      } catch (error) {
        failures.push(`${(error as Error).message}\n    for ${describeRequest(request)}`);
      }
    }
    expect(failures.slice(0, 10), `${failures.length} of ${AWS_JSON_REQUESTS} failed`).toEqual([]);
    // Every call reached the debugger: nothing failed to publish its api.called event.
    expect(logged.mock.calls.map((call) => String(call[0]))).toEqual([]);
    logged.mockRestore();
  });

  it(`answers ${OTHER_REQUESTS} hostile requests to the debugger API, the event stream and the OIDC endpoints without 5xx or a hang`, { timeout: 60_000 }, async () => {
    const r = random(SEED + 1);
    const encode = (text: string) => {
      try {
        return encodeURIComponent(text);
      } catch {
        return '%ED%A0%80'; // a lone surrogate, as raw bytes
      }
    };
    const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
    const word = () => encode(text(r.pick([hostileValue(r), 'constructor', '__proto__', '1.5', '-1', '1e308', 'NaN', 'x'.repeat(3000), '', '%00'])).slice(0, 4000));
    const paths = [
      () => `/_sandbox/api/flows?limit=${word()}&before=${word()}`,
      () => `/_sandbox/api/flows/${word()}`,
      () => `/_sandbox/api/machines/${word()}`,
      () => `/_sandbox/api/outbox?to=${word()}&pool=${word()}&limit=${word()}`,
      () => `/_sandbox/api/kms-keys?keyId=${word()}`,
      () => `/_sandbox/api/${word()}`,
      () => `/_sandbox/api/pools?${word()}=${word()}`,
      () => `/${word()}/.well-known/jwks.json`,
      () => `/${word()}/.well-known/openid-configuration`,
      () => `/oauth2/${word()}`,
      () => `/_sandbox/${word()}`,
    ];
    const failures: string[] = [];
    for (let i = 0; i < OTHER_REQUESTS; i++) {
      const request = { url: `${sandbox.url}${r.pick(paths)()}`, method: r.pick(['GET', 'GET', 'GET', 'POST', 'DELETE', 'OPTIONS']) };
      try {
        const answer = await send(request.url, request);
        if (answer.status >= 500) failures.push(`status ${answer.status}: ${answer.text.slice(0, 200)}\n    for ${describeRequest(request)}`);
        if (answer.status >= 400 && request.url.includes('/_sandbox/api/') && !/^application\/json/.test(answer.headers.get('content-type') ?? '')) {
          failures.push(`status ${answer.status} answered as ${answer.headers.get('content-type')}\n    for ${describeRequest(request)}`);
        }
      } catch (error) {
        failures.push(`${(error as Error).message}\n    for ${describeRequest(request)}`);
      }
    }
    for (const lastEventId of ['1e308', '-1', 'NaN', '9007199254740993', 'x', '1.5', '0', '99999999999999999999']) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 2_000);
      try {
        const response = await fetch(`${sandbox.url}/_sandbox/api/events`, { headers: { 'last-event-id': lastEventId }, signal: controller.signal });
        if (response.status >= 500) failures.push(`events with Last-Event-ID ${lastEventId}: status ${response.status}`);
        else if (response.ok) {
          const reader = response.body!.getReader();
          const first = await reader.read();
          if (first.done) failures.push(`events with Last-Event-ID ${lastEventId}: the stream closed at once`);
        }
      } catch (error) {
        failures.push(`events with Last-Event-ID ${lastEventId}: ${(error as Error).message} (nothing arrived within 2 s)`);
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    }
    expect(failures.slice(0, 10), `${failures.length} failed`).toEqual([]);
  });
});
