/**
 * The window's flow comparison (src-renderer/lib/flow-compare.ts): steps aligned by a longest
 * common subsequence (a step only one flow has does not shift the rest), fields compared with the
 * run-to-run values (jti, iat, exp, Session, codes, ids) set apart as expected differences.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxEvent, SandboxEventPayload } from '../../shared/events.js';
import { align, compareFlows, diffFields, flatten, isExpectedDifference, stepsOf } from '../../src-renderer/lib/flow-compare.js';

let seq = 0;
const event = (payload: SandboxEventPayload, flowId = 'f'): SandboxEvent => ({ seq: ++seq, time: 1_796_000_000_000 + seq, flowId, poolId: 'us-east-1_A', ...payload }) as SandboxEvent;

/** A password sign-in's events: right (tokens) or wrong (NotAuthorizedException). */
function signIn(right: boolean, n: number): SandboxEvent[] {
  const claims = { sub: 'sub-ada', 'cognito:username': 'ada', token_use: 'id', jti: `jti-${n}`, iat: 1_796_000_000 + n, exp: 1_796_003_600 + n };
  return [
    event({ type: 'flow.started', data: { kind: 'USER_PASSWORD_AUTH', clientId: 'client1', username: 'ada', machine: 'sign-in' } }),
    event({ type: 'flow.transitioned', data: { from: null, to: 'findingUser', event: 'xstate.init' } }),
    event({ type: 'flow.transitioned', data: { from: 'findingUser', to: 'verifyingPassword', event: 'xstate.done.actor.0' } }),
    ...(right
      ? [
          event({ type: 'flow.transitioned', data: { from: 'verifyingPassword', to: 'issuingTokens', event: 'xstate.done.actor.1' } }),
          event({ type: 'token.issued', data: { tokenUse: 'id', clientId: 'client1', username: 'ada', claims, token: `eyJ${n}` } }),
          event({ type: 'flow.ended', data: { outcome: 'success' } }),
        ]
      : [event({ type: 'flow.ended', data: { outcome: 'failure', reason: 'Incorrect username or password.' } })]),
    event({
      type: 'api.called',
      data: {
        service: 'AWSCognitoIdentityProviderService',
        operation: 'InitiateAuth',
        request: { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD: '***' } },
        ...(right
          ? { response: { AuthenticationResult: { AccessToken: `a${n}`, ExpiresIn: 3600 } } }
          : { error: { type: 'NotAuthorizedException', message: 'Incorrect username or password.' } }),
        status: right ? 200 : 400,
        ms: 10 + n,
        requestId: `req-${n}`,
      },
    }),
  ];
}

describe('align', () => {
  it('pairs equal keys in order and leaves each side’s extra steps unpaired where they are', () => {
    const pairs = align(['a', 'b', 'x', 'c', 'd'], ['a', 'b', 'c', 'y', 'd'], (s) => s);
    expect(pairs).toEqual([{ a: 'a', b: 'a' }, { a: 'b', b: 'b' }, { a: 'x' }, { a: 'c', b: 'c' }, { b: 'y' }, { a: 'd', b: 'd' }]);
  });

  it('does not pair index by index: one missing step keeps the rest aligned', () => {
    const pairs = align(['start', 'mfa', 'tokens', 'end'], ['start', 'tokens', 'end'], (s) => s);
    expect(pairs.filter((p) => p.a && p.b).map((p) => p.a)).toEqual(['start', 'tokens', 'end']);
    expect(pairs).toContainEqual({ a: 'mfa' });
  });

  it('handles empty sides and repeated keys', () => {
    expect(align([], ['a'], (s) => s)).toEqual([{ b: 'a' }]);
    expect(align(['a'], [], (s) => s)).toEqual([{ a: 'a' }]);
    expect(align(['r', 'r', 'r'], ['r', 'r'], (s) => s).filter((p) => p.a && p.b)).toHaveLength(2);
  });
});

describe('fields', () => {
  it('flattens nested objects and lists to paths; empty ones stay as JSON', () => {
    expect(flatten({ a: { b: 1, c: [true, 'x'] }, d: {}, e: null })).toEqual({ 'a.b': 1, 'a.c.0': true, 'a.c.1': 'x', d: '{}', e: null });
  });

  it('sets apart what differs between any two runs', () => {
    expect(isExpectedDifference('claims.jti', 'a', 'b')).toBe(true);
    expect(isExpectedDifference('claims.iat', 1, 2)).toBe(true);
    expect(isExpectedDifference('response.Session', 'x', 'y')).toBe(true);
    expect(isExpectedDifference('body', 'Your code is 123456. ', 'Your code is 654321. ')).toBe(true);
    expect(isExpectedDifference('request.userName', '5f0c1a2b-0000-4000-8000-00000000000a', '5f0c1a2b-0000-4000-8000-00000000000b')).toBe(true);
    expect(isExpectedDifference('claims.email', 'ada@example.com', 'bob@example.com')).toBe(false);
    expect(isExpectedDifference('error.type', 'NotAuthorizedException', 'UserNotFoundException')).toBe(false);
  });

  it('says of each path whether it is the same, differs, is expected to, or is on one side only', () => {
    expect(diffFields({ a: 1, jti: 'x', only: 1 }, { a: 2, jti: 'y', other: 2 })).toEqual([
      { path: 'a', a: 1, b: 2, status: 'differs' },
      { path: 'jti', a: 'x', b: 'y', status: 'expected' },
      { path: 'only', a: 1, status: 'only-a' },
      { path: 'other', b: 2, status: 'only-b' },
    ]);
  });
});

describe('compareFlows', () => {
  it('two right sign-ins differ only in what always differs', () => {
    const { rows, counts } = compareFlows(signIn(true, 1), signIn(true, 2));
    expect(counts).toEqual({ same: rows.length, differs: 0, 'only-a': 0, 'only-b': 0 });
    const token = rows.find((row) => row.a?.kind === 'token')!;
    expect(token.fields.filter((f) => f.status === 'expected').map((f) => f.path)).toEqual(['claims.jti', 'claims.iat', 'claims.exp']);
    // Counting the expected ones makes them differences.
    expect(compareFlows(signIn(true, 1), signIn(true, 2), { countExpected: true }).counts.differs).toBeGreaterThan(0);
  });

  it('a right and a wrong password: the same start, the failure where the tokens were, the call’s result differing', () => {
    const { rows, counts } = compareFlows(signIn(true, 1), signIn(false, 2));
    expect(rows.map((row) => [row.status, row.a?.key ?? null, row.b?.key ?? null])).toEqual([
      ['same', 'flow.started', 'flow.started'],
      ['same', 'state findingUser', 'state findingUser'],
      ['same', 'state verifyingPassword', 'state verifyingPassword'],
      ['only-a', 'state issuingTokens', null],
      ['only-a', 'token id', null],
      ['differs', 'flow.ended', 'flow.ended'],
      ['differs', 'call InitiateAuth', 'call InitiateAuth'],
    ]);
    expect(counts).toEqual({ same: 3, differs: 2, 'only-a': 2, 'only-b': 0 });
    const call = rows.at(-1)!;
    expect(call.fields.find((f) => f.path === 'status')).toEqual({ path: 'status', a: 200, b: 400, status: 'differs' });
    expect(call.fields.find((f) => f.path === 'error.type')).toEqual({ path: 'error.type', b: 'NotAuthorizedException', status: 'only-b' });
    expect(call.fields.find((f) => f.path === 'response.AuthenticationResult.AccessToken')?.status).toBe('only-a');
    expect(call.fields.find((f) => f.path === 'ms')?.status).toBe('expected');
    expect(rows[5]!.fields.find((f) => f.path === 'outcome')).toMatchObject({ a: 'success', b: 'failure', status: 'differs' });
  });

  it('leaves out what says nothing of the flow’s course, and the raw token and request id', () => {
    const steps = stepsOf([
      event({ type: 'flow.pinned', data: { pinned: true } }),
      event({ type: 'flow.waiting', data: { state: 'awaiting', sessionExpires: 1 } }),
      ...signIn(true, 3),
    ]);
    expect(steps[0]!.key).toBe('flow.started');
    expect(Object.keys(steps.find((s) => s.kind === 'token')!.fields)).not.toContain('token');
    expect(Object.keys(steps.find((s) => s.kind === 'call')!.fields)).not.toContain('requestId');
  });
});
