import { describe, expect, it } from 'vitest';
import { parseFunctionArn } from '../../src-main/triggers/arn.js';
import {
  awsSdkVersionOf,
  callerContextOf,
  commonFields,
  regionOf,
  userAttributesOf,
} from '../../src-main/triggers/events/common.js';
import { readBoolean, readString, readStringList, readStringMap, responseOf } from '../../src-main/triggers/events/read.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';

const unrecognizable = { type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' };

describe('Lambda function ARNs', () => {
  it('parses a function ARN into its parts', () => {
    expect(parseFunctionArn('arn:aws:lambda:eu-west-1:123456789012:function:my-fn_1')).toEqual({
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn_1',
      region: 'eu-west-1',
      accountId: '123456789012',
      functionName: 'my-fn_1',
    });
  });

  it('keeps an alias or version as the qualifier', () => {
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:123456789012:function:fn:live')?.qualifier).toBe('live');
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:123456789012:function:fn:7')?.qualifier).toBe('7');
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST')?.qualifier).toBe('$LATEST');
  });

  it('accepts the other partitions', () => {
    expect(parseFunctionArn('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn')?.functionName).toBe('fn');
    expect(parseFunctionArn('arn:aws-cn:lambda:cn-north-1:123456789012:function:fn')?.region).toBe('cn-north-1');
  });

  it('refuses what is not a function ARN', () => {
    expect(parseFunctionArn('arn:aws:kms:us-east-1:123456789012:key/abc')).toBeUndefined();
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:123456789012:layer:fn')).toBeUndefined();
    expect(parseFunctionArn('my-function')).toBeUndefined();
  });
});

describe('common fields', () => {
  it('are version, triggerSource, region, userPoolId, userName, callerContext, in that order', () => {
    const fields = commonFields({ triggerSource: 'PreSignUp_SignUp', userPoolId: 'eu-west-2_AbC123xyZ', userName: 'alice', clientId: 'client1', awsSdkVersion: 'aws-sdk-js-3.901.0' });
    expect(Object.keys(fields)).toEqual(['version', 'triggerSource', 'region', 'userPoolId', 'userName', 'callerContext']);
    expect(fields).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: 'eu-west-2',
      userPoolId: 'eu-west-2_AbC123xyZ',
      userName: 'alice',
      callerContext: { awsSdkVersion: 'aws-sdk-js-3.901.0', clientId: 'client1' },
    });
  });

  it('name the region of the pool', () => {
    expect(regionOf('ap-southeast-2_X7Tklyh83')).toBe('ap-southeast-2');
  });

  it('say CLIENT_ID_NOT_APPLICABLE and aws-sdk-unknown-unknown when there is no client or known SDK', () => {
    expect(callerContextOf({ userPoolId: 'us-east-1_a' })).toEqual({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' });
    expect(callerContextOf({ userPoolId: 'us-east-1_a', clientId: null })).toEqual({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' });
  });

  it("read the caller's SDK from its User-Agent", () => {
    expect(awsSdkVersionOf('aws-sdk-js/3.901.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.19.0 api/cognito-identity-provider#3.901.0')).toBe('aws-sdk-js-3.901.0');
    expect(awsSdkVersionOf('aws-cli/2.15.0 Python/3.11 Linux/6.1 exe/x86_64 prompt/off command/cognito-idp.sign-up')).toBe('aws-sdk-unknown-unknown');
    expect(awsSdkVersionOf('aws-sdk-java/2.25.1 Linux/6.1')).toBe('aws-sdk-java-2.25.1');
    expect(awsSdkVersionOf(undefined)).toBe('aws-sdk-unknown-unknown');
  });
});

describe("an existing user's attributes in an event", () => {
  const user = {
    status: 'CONFIRMED',
    attributes: [
      { Name: 'sub', Value: 'a36036a8-9061-424d-a737-56d57dae7bc6' },
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'phone_number', Value: '+15555550100' },
      { Name: 'phone_number_verified', Value: 'false' },
    ],
  } as StoredUser;

  it('are strings, with sub and cognito:user_status', () => {
    expect(userAttributesOf(user)).toEqual({
      sub: 'a36036a8-9061-424d-a737-56d57dae7bc6',
      email: 'alice@example.com',
      email_verified: 'true',
      phone_number: '+15555550100',
      phone_number_verified: 'false',
      'cognito:user_status': 'CONFIRMED',
    });
  });

  it('carry cognito:*_alias for a verified alias only', () => {
    const attributes = userAttributesOf(user, { config: { AliasAttributes: ['email', 'phone_number'] } });
    expect(attributes['cognito:email_alias']).toBe('alice@example.com');
    expect(attributes).not.toHaveProperty('cognito:phone_number_alias');
    expect(userAttributesOf(user, { config: { UsernameAttributes: ['email'] } })['cognito:email_alias']).toBe('alice@example.com');
    expect(userAttributesOf(user, { config: {} })).not.toHaveProperty('cognito:email_alias');
  });
});

describe('reading a returned event as Cognito binds it', () => {
  it("takes the response member, {} when it is left out or null", () => {
    expect(responseOf({ response: { a: 1 } })).toEqual({ a: 1 });
    expect(responseOf({ request: {} })).toEqual({});
    expect(responseOf({ response: null })).toEqual({});
  });

  it('refuses an answer that is not an event object', () => {
    for (const output of [null, 'ok', 42, true, [], [{}]]) expect(() => responseOf(output)).toThrow(expect.objectContaining(unrecognizable));
    expect(() => responseOf({ response: 'yes' })).toThrow(expect.objectContaining(unrecognizable));
    expect(() => responseOf({ response: [] })).toThrow(expect.objectContaining(unrecognizable));
  });

  it('reads booleans, taking "true"/"false" too, and null as absent', () => {
    expect([true, false, 'true', 'false', null, undefined].map(readBoolean)).toEqual([true, false, true, false, null, null]);
    for (const value of ['yes', 1, {}, []]) expect(() => readBoolean(value)).toThrow(expect.objectContaining(unrecognizable));
  });

  it('reads strings, taking numbers and booleans as text', () => {
    expect(['a', 2, false, null, undefined].map(readString)).toEqual(['a', '2', 'false', null, null]);
    for (const value of [{}, ['a']]) expect(() => readString(value)).toThrow(expect.objectContaining(unrecognizable));
  });

  it('reads string maps and lists, dropping null members', () => {
    expect(readStringMap({ a: 'x', b: 2, c: null })).toEqual({ a: 'x', b: '2' });
    expect(readStringList(['a', 1, null])).toEqual(['a', '1']);
    expect(() => readStringMap(['a'])).toThrow(expect.objectContaining(unrecognizable));
    expect(() => readStringMap({ a: { nested: true } })).toThrow(expect.objectContaining(unrecognizable));
    expect(() => readStringList('a')).toThrow(expect.objectContaining(unrecognizable));
  });
});
