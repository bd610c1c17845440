/**
 * Cognito's API categories as fault injection scopes them (shared/faults.ts): every operation
 * named is one of Cognito's user-pool operations, none is in two categories, the Developer
 * Guide's own examples sit where it puts them; and each fault described in words.
 */
import { describe, expect, it } from 'vitest';
import { API_CATEGORIES, DELIVERY_OPERATIONS, categoryOf, describeFault } from '../../shared/faults.js';
import { userPoolOperationNames } from '../../src-main/server/aws-json/catalogue.js';

describe('the API categories', () => {
  it('name only user-pool operations, each in one category', () => {
    const named = Object.values(API_CATEGORIES).flat();
    expect(named.filter((operation) => !userPoolOperationNames.includes(operation))).toEqual([]);
    expect(named.length).toBe(new Set(named).size);
  });

  it("put the guide's examples where the guide does", () => {
    expect(['SignUp', 'ConfirmSignUp', 'AdminCreateUser', 'AdminConfirmSignUp'].map(categoryOf)).toEqual(Array(4).fill('UserCreation'));
    expect(['InitiateAuth', 'RespondToAuthChallenge', 'AdminInitiateAuth', 'AdminRespondToAuthChallenge'].map(categoryOf)).toEqual(Array(4).fill('UserAuthentication'));
    expect(categoryOf('ForgotPassword')).toBe('UserAccountRecovery');
    expect(categoryOf('ResendConfirmationCode')).toBe('UserResourceRead');
    expect(categoryOf('RevokeToken')).toBe('UserToken');
    expect(categoryOf('ListUsers')).toBe('UserList');
    expect(categoryOf('GetIdentityPoolRoles')).toBeUndefined();
  });

  it('delivery faults name the operations that send codes, and the MFA codes of sign-in', () => {
    expect(DELIVERY_OPERATIONS.filter((operation) => operation !== 'Authentication' && !userPoolOperationNames.includes(operation))).toEqual([]);
  });
});

describe('a fault in words', () => {
  it.each([
    [{ kind: 'throttle', rate: 100 }, 'throttle on every operation'],
    [{ kind: 'throttle', category: 'UserAuthentication', rate: 50 }, 'throttle 50 % on UserAuthentication'],
    [{ kind: 'latency', operation: 'GetUser', poolId: 'us-east-1_abc', ms: 300, rate: 100 }, 'latency +300 ms on GetUser in us-east-1_abc'],
    [{ kind: 'trigger', trigger: 'PreSignUp', mode: 'throw', rate: 100 }, 'PreSignUp throws'],
    [{ kind: 'trigger', mode: 'timeout', rate: 10 }, 'every trigger times out (10 % of the time)'],
    [{ kind: 'delivery', channel: 'SMS', rate: 100 }, 'SMS delivery fails'],
    [{ kind: 'delivery', operation: 'SignUp', rate: 25 }, 'email and SMS delivery fails on SignUp (25 % of the time)'],
    [{ kind: 'idp', providerName: 'Okta', mode: 'error', rate: 100 }, 'identity provider Okta errors'],
  ] as const)('%j: %s', (fault, words) => {
    expect(describeFault(fault)).toBe(words);
  });
});
