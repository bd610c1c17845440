/**
 * The window's reading of a trigger's answer (src-renderer/lib/trigger-diff.ts): what the
 * function changed in the event it received, grouped as Cognito reads it (response set, request
 * and the rest ignored), with arrays compared whole and null response members "set".
 */
import { describe, expect, it } from 'vitest';
import { diffTriggerAnswer, lastKey, parseLogLine, sameJson, showValue, splitPath, summarizeDiff } from '../../src-renderer/lib/trigger-diff.js';

const preSignUp = {
  version: '1',
  triggerSource: 'PreSignUp_SignUp',
  region: 'us-east-1',
  userPoolId: 'us-east-1_abc',
  userName: 'ana',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client1' },
  request: { userAttributes: { email: 'ana@example.com' }, validationData: null },
  response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
};

const preTokenV2 = {
  ...preSignUp,
  version: '2',
  triggerSource: 'TokenGeneration_Authentication',
  request: { userAttributes: { sub: 'u1', email: 'ana@example.com' }, groupConfiguration: { groupsToOverride: ['a'], iamRolesToOverride: [], preferredRole: null }, scopes: ['openid'] },
  response: { claimsAndScopeOverrideDetails: null },
};

describe('diffTriggerAnswer', () => {
  it('lists the response members a PreSignUp function set, and says the request is untouched', () => {
    const answer = structuredClone(preSignUp);
    answer.response.autoConfirmUser = true;
    answer.response.autoVerifyEmail = true;
    const diff = diffTriggerAnswer(preSignUp, answer);
    expect(diff.response).toEqual([
      { path: 'autoConfirmUser', kind: 'changed', before: false, after: true },
      { path: 'autoVerifyEmail', kind: 'changed', before: false, after: true },
    ]);
    expect(diff.request).toEqual([]);
    expect(diff.other).toEqual([]);
    expect(summarizeDiff(diff)).toBe('response: 2 changed · request untouched');
  });

  it('expands a response member Cognito sent as null into each leaf the function set; arrays whole; odd keys quoted', () => {
    const answer = structuredClone(preTokenV2) as Record<string, any>;
    answer.response = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { 'custom:tier': 'gold', email: 'x@example.com' }, claimsToSuppress: ['phone_number', 'locale'] },
        groupOverrideDetails: {},
      },
    };
    const diff = diffTriggerAnswer(preTokenV2, answer);
    expect(diff.response).toEqual([
      { path: 'claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride["custom:tier"]', kind: 'set', after: 'gold' },
      { path: 'claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride.email', kind: 'set', after: 'x@example.com', overrides: 'ana@example.com' },
      { path: 'claimsAndScopeOverrideDetails.idTokenGeneration.claimsToSuppress', kind: 'set', after: ['phone_number', 'locale'] },
      { path: 'claimsAndScopeOverrideDetails.groupOverrideDetails', kind: 'set', after: {} },
    ]);
    expect(summarizeDiff(diff)).toBe("response: 4 set (1 claim overriding the user's attribute) · request untouched");
  });

  it('marks a V1 claim override only where it replaces an attribute with another value', () => {
    const v1 = { ...preSignUp, request: { userAttributes: { email: 'ana@example.com', 'custom:tier': 'gold' } }, response: { claimsOverrideDetails: null } };
    const answer = {
      ...v1,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { email: 'ana@example.com', 'custom:tier': 'silver', team: 'blue', limits: { daily: 10 } } } },
    };
    const rows = diffTriggerAnswer(v1, answer).response.map(({ path, overrides }) => [path, overrides]);
    expect(rows).toEqual([
      ['claimsOverrideDetails.claimsToAddOrOverride.email', undefined],
      ['claimsOverrideDetails.claimsToAddOrOverride["custom:tier"]', 'gold'],
      ['claimsOverrideDetails.claimsToAddOrOverride.team', undefined],
      ['claimsOverrideDetails.claimsToAddOrOverride.limits', undefined],
    ]);
    // A claim's value is shown whole, even an object.
    expect(diffTriggerAnswer(v1, answer).response.at(-1)).toMatchObject({ kind: 'set', after: { daily: 10 } });
  });

  it('reports changes to the request and to other members as such (Cognito ignores them), removals, and arrays compared whole', () => {
    const answer = structuredClone(preTokenV2) as Record<string, any>;
    answer.request.groupConfiguration.groupsToOverride = ['a', 'b'];
    delete answer.request.scopes;
    answer.userName = 'someone-else';
    const diff = diffTriggerAnswer(preTokenV2, answer);
    expect(diff.request).toEqual([
      { path: 'groupConfiguration.groupsToOverride', kind: 'changed', before: ['a'], after: ['a', 'b'] },
      { path: 'scopes', kind: 'removed', before: ['openid'] },
    ]);
    expect(diff.other).toEqual([{ path: 'userName', kind: 'changed', before: 'ana', after: 'someone-else' }]);
    expect(diff.response).toEqual([]);
    expect(summarizeDiff(diff)).toBe('response unchanged · request: 2 changes (ignored by Cognito) · 1 other member changed (ignored by Cognito)');
  });

  it('a member set back to null is removed; member order does not count', () => {
    const answer = { ...preSignUp, response: { autoVerifyPhone: false, autoVerifyEmail: false, autoConfirmUser: null } };
    expect(diffTriggerAnswer(preSignUp, answer).response).toEqual([{ path: 'autoConfirmUser', kind: 'removed', before: false, after: null }]);
  });

  it('an answer that is not an event is not comparable', () => {
    for (const answer of ['all good', null, [preSignUp], 42]) {
      const diff = diffTriggerAnswer(preSignUp, answer);
      expect(diff.comparable).toBe(false);
      expect(summarizeDiff(diff)).toBe('The answer is not an event: nothing to compare');
    }
    expect(diffTriggerAnswer(preSignUp, structuredClone(preSignUp))).toEqual({ comparable: true, response: [], request: [], other: [] });
  });
});

describe('helpers', () => {
  it('sameJson compares JSON values', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });

  it('showValue and parseLogLine', () => {
    expect(showValue(undefined)).toBe('absent');
    expect(showValue({ a: 'b', n: [1, null] })).toBe('{"a": "b", "n": [1, null]}');
    expect(splitPath('claimsOverrideDetails.claimsToAddOrOverride.tier')).toEqual({ parent: 'claimsOverrideDetails.claimsToAddOrOverride.', key: 'tier' });
    expect(splitPath('a.claimsToAddOrOverride["custom:tier"]')).toEqual({ parent: 'a.claimsToAddOrOverride', key: '["custom:tier"]' });
    expect(splitPath('autoConfirmUser')).toEqual({ parent: '', key: 'autoConfirmUser' });
    expect(lastKey('a.claimsToAddOrOverride["custom:tier"]')).toBe('custom:tier');
    expect(parseLogLine('2026-01-01T00:00:00.000Z\treq-1\tWARN\tlow\tbalance')).toEqual({ time: '2026-01-01T00:00:00.000Z', level: 'WARN', message: 'low\tbalance' });
    expect(parseLogLine('START RequestId: 1 Version: $LATEST')).toEqual({ message: 'START RequestId: 1 Version: $LATEST' });
  });
});
