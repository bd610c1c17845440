/**
 * Pre token generation: the V1, V2 and V3 events, and their answers applied to the claims as
 * Cognito applies them [guide: Pre token generation Lambda trigger].
 */
import { describe, expect, it } from 'vitest';
import {
  customizeAccessTokenClaims,
  customizeIdTokenClaims,
  preTokenGenerationEvent,
  readPreTokenGenerationResponse,
  type PreTokenGenerationSource,
  type PreTokenGenerationVersion,
} from '../../src-main/triggers/events/preTokenGeneration.js';

const POOL = 'us-east-1_EXAMPLE12';
const attributes = { sub: 'a36036a8-9061-424d-a737-56d57dae7bc6', email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' };
const groups = { groupsToOverride: ['admins'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/admin'], preferredRole: 'arn:aws:iam::123456789012:role/admin' };
const unrecognizable = { type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' };

function event(lambdaVersion: PreTokenGenerationVersion, triggerSource: PreTokenGenerationSource = 'TokenGeneration_Authentication', clientMetadata?: Record<string, string>) {
  return preTokenGenerationEvent({
    lambdaVersion,
    triggerSource,
    userPoolId: POOL,
    clientId: 'client1',
    userName: 'alice',
    userAttributes: attributes,
    groupConfiguration: groups,
    scopes: ['aws.cognito.signin.user.admin'],
    clientMetadata,
  });
}

const answered = (sent: object, response: unknown) => ({ ...sent, response });

const idClaims = {
  sub: attributes.sub,
  'cognito:groups': ['admins'],
  'cognito:roles': ['arn:aws:iam::123456789012:role/admin'],
  'cognito:preferred_role': 'arn:aws:iam::123456789012:role/admin',
  email: 'alice@example.com',
  email_verified: true,
  aud: 'client1',
  token_use: 'id',
};
const accessClaims = { sub: attributes.sub, 'cognito:groups': ['admins'], client_id: 'client1', scope: 'aws.cognito.signin.user.admin openid', token_use: 'access', username: 'alice' };

describe('the events', () => {
  it.each<PreTokenGenerationSource>([
    'TokenGeneration_HostedAuth',
    'TokenGeneration_Authentication',
    'TokenGeneration_NewPasswordChallenge',
    'TokenGeneration_AuthenticateDevice',
    'TokenGeneration_RefreshTokens',
  ])('V1_0 %s: version "1", userAttributes, groupConfiguration object, clientMetadata; claimsOverrideDetails null', (triggerSource) => {
    const sent = event('V1_0', triggerSource, { k: 'v' });
    expect(JSON.stringify(sent)).toBe(
      JSON.stringify({
        version: '1',
        triggerSource,
        region: 'us-east-1',
        userPoolId: POOL,
        userName: 'alice',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client1' },
        request: { userAttributes: attributes, groupConfiguration: groups, clientMetadata: { k: 'v' } },
        response: { claimsOverrideDetails: null },
      }),
    );
  });

  it('V2_0: version "2", the access token scopes in the request; claimsAndScopeOverrideDetails null', () => {
    const sent = event('V2_0');
    expect(sent.version).toBe('2');
    expect(JSON.stringify(sent.request)).toBe(JSON.stringify({ userAttributes: attributes, groupConfiguration: groups, scopes: ['aws.cognito.signin.user.admin'] }));
    expect(sent.response).toEqual({ claimsAndScopeOverrideDetails: null });
  });

  it('V3_0: version "3", the same shape, and a client-credentials event without a user', () => {
    expect(event('V3_0').version).toBe('3');
    const machine = preTokenGenerationEvent({
      lambdaVersion: 'V3_0',
      triggerSource: 'TokenGeneration_ClientCredentials',
      userPoolId: POOL,
      clientId: 'client1',
      userName: null,
      userAttributes: {},
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      scopes: ['api/read'],
    });
    expect(machine).toMatchObject({ version: '3', userName: null, request: { userAttributes: {}, scopes: ['api/read'] } });
  });
});

describe('a V1 answer', () => {
  const sent = event('V1_0');

  it('leaves both tokens as they are when the response is untouched', () => {
    const customization = readPreTokenGenerationResponse(sent, sent);
    expect(customizeIdTokenClaims(idClaims, customization)).toEqual(idClaims);
    expect(customizeAccessTokenClaims(accessClaims, customization)).toEqual(accessClaims);
  });

  it('adds, overrides and suppresses ID token claims; suppression wins; the access token is untouched', () => {
    const customization = readPreTokenGenerationResponse(
      answered(sent, { claimsOverrideDetails: { claimsToAddOrOverride: { attribute_key: 'attribute_value', email: 'other@example.com', n: 7 }, claimsToSuppress: ['email'] } }),
      sent,
    );
    const { email: _suppressed, ...rest } = idClaims;
    expect(customizeIdTokenClaims(idClaims, customization)).toEqual({ ...rest, attribute_key: 'attribute_value', n: '7' });
    expect(customizeAccessTokenClaims(accessClaims, customization)).toEqual(accessClaims);
  });

  it('keeps the claims the guide lists as unchangeable, and says so', () => {
    const fixed = ['acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'cognito:username', 'exp', 'iat', 'identities', 'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'sub', 'token_use'];
    const customization = readPreTokenGenerationResponse(
      answered(sent, { claimsOverrideDetails: { claimsToAddOrOverride: Object.fromEntries(fixed.map((name) => [name, 'forged'])), claimsToSuppress: ['sub', 'aud'] } }),
      sent,
    );
    expect(customizeIdTokenClaims(idClaims, customization)).toEqual(idClaims);
    expect(customization.ignored.map((entry) => entry.name)).toEqual([...fixed, 'sub', 'aud']);
    expect(customization.ignored[0]).toEqual({ token: 'id', name: 'acr', reason: 'acr cannot be changed by a pre token generation function' });
  });

  it('sets group claims only through groupOverrideDetails', () => {
    const customization = readPreTokenGenerationResponse(answered(sent, { claimsOverrideDetails: { claimsToAddOrOverride: { 'cognito:groups': 'x' } } }), sent);
    expect(customizeIdTokenClaims(idClaims, customization)).toEqual(idClaims);
    expect(customization.ignored).toEqual([{ token: 'id', name: 'cognito:groups', reason: 'cognito:groups is set through groupOverrideDetails' }]);
  });

  it('replaces the groups in both tokens with groupOverrideDetails', () => {
    const customization = readPreTokenGenerationResponse(
      answered(sent, {
        claimsOverrideDetails: {
          groupOverrideDetails: { groupsToOverride: ['group-A', 'group-B'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/a'], preferredRole: 'arn:aws:iam::123456789012:role/a' },
        },
      }),
      sent,
    );
    expect(customizeIdTokenClaims(idClaims, customization)).toMatchObject({
      'cognito:groups': ['group-A', 'group-B'],
      'cognito:roles': ['arn:aws:iam::123456789012:role/a'],
      'cognito:preferred_role': 'arn:aws:iam::123456789012:role/a',
    });
    expect(customizeAccessTokenClaims(accessClaims, customization)['cognito:groups']).toEqual(['group-A', 'group-B']);
    expect(customizeAccessTokenClaims(accessClaims, customization)).not.toHaveProperty('cognito:roles');
  });

  it('suppresses the groups when groupOverrideDetails is null or empty', () => {
    for (const groupOverrideDetails of [null, {}]) {
      const customization = readPreTokenGenerationResponse(answered(sent, { claimsOverrideDetails: { groupOverrideDetails } }), sent);
      const id = customizeIdTokenClaims(idClaims, customization);
      expect(id).not.toHaveProperty('cognito:groups');
      expect(id).not.toHaveProperty('cognito:roles');
      expect(id).not.toHaveProperty('cognito:preferred_role');
      expect(customizeAccessTokenClaims(accessClaims, customization)).not.toHaveProperty('cognito:groups');
    }
  });

  it('refuses claim values that are not text, and lists that are not lists', () => {
    expect(() => readPreTokenGenerationResponse(answered(sent, { claimsOverrideDetails: { claimsToAddOrOverride: { a: { nested: 1 } } } }), sent)).toThrow(
      expect.objectContaining(unrecognizable),
    );
    expect(() => readPreTokenGenerationResponse(answered(sent, { claimsOverrideDetails: { claimsToSuppress: 'email' } }), sent)).toThrow(expect.objectContaining(unrecognizable));
  });
});

describe('a V2 / V3 answer', () => {
  it('changes both tokens: claims of any JSON type, and scopes added and suppressed', () => {
    for (const version of ['V2_0', 'V3_0'] as const) {
      const sent = event(version);
      const customization = readPreTokenGenerationResponse(
        answered(sent, {
          claimsAndScopeOverrideDetails: {
            idTokenGeneration: { claimsToAddOrOverride: { family_name: 'xyz', favorite_number: 2, tags: ['a', 'b'] }, claimsToSuppress: ['email', 'birthdate'] },
            accessTokenGeneration: {
              claimsToAddOrOverride: { plan: { tier: 'gold' } },
              claimsToSuppress: ['username'],
              scopesToAdd: ['scope1', 'openid', 'scope2'],
              scopesToSuppress: ['openid', 'phone_number'],
            },
          },
        }),
        sent,
      );
      const { email: _email, ...idRest } = idClaims;
      expect(customizeIdTokenClaims(idClaims, customization)).toEqual({ ...idRest, family_name: 'xyz', favorite_number: 2, tags: ['a', 'b'] });
      expect(customizeAccessTokenClaims(accessClaims, customization)).toEqual({
        ...accessClaims,
        plan: { tier: 'gold' },
        scope: 'aws.cognito.signin.user.admin scope1 scope2',
      });
      expect(customization.ignored).toEqual([{ token: 'access', name: 'username', reason: 'username cannot be changed by a pre token generation function' }]);
    }
  });

  it('keeps the access token claims Cognito fixes, the scope claim itself among them', () => {
    const sent = event('V2_0');
    const customization = readPreTokenGenerationResponse(
      answered(sent, { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { client_id: 'x', scope: 'admin', sub: 'x', token_use: 'id' } } } }),
      sent,
    );
    expect(customizeAccessTokenClaims(accessClaims, customization)).toEqual(accessClaims);
    expect(customization.ignored.map((entry) => entry.name)).toEqual(['client_id', 'scope', 'sub', 'token_use']);
  });

  it('removes the scope claim when every scope is suppressed, and ignores scopes with blank space', () => {
    const sent = event('V2_0');
    const customization = readPreTokenGenerationResponse(
      answered(sent, { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['two words'], scopesToSuppress: ['aws.cognito.signin.user.admin', 'openid'] } } }),
      sent,
    );
    expect(customizeAccessTokenClaims(accessClaims, customization)).not.toHaveProperty('scope');
    expect(customization.ignored).toEqual([{ token: 'access', name: 'two words', reason: 'a scope cannot be empty or contain blank space' }]);
  });

  it('replaces the groups with groupOverrideDetails, and leaves them when it is absent', () => {
    const sent = event('V2_0');
    const replaced = readPreTokenGenerationResponse(answered(sent, { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['group-C'] } } }), sent);
    expect(customizeAccessTokenClaims(accessClaims, replaced)['cognito:groups']).toEqual(['group-C']);
    expect(customizeIdTokenClaims(idClaims, replaced)).not.toHaveProperty('cognito:roles');
    const kept = readPreTokenGenerationResponse(answered(sent, { claimsAndScopeOverrideDetails: { idTokenGeneration: {} } }), sent);
    expect(customizeIdTokenClaims(idClaims, kept)).toEqual(idClaims);
  });

  it('reads a V1-shaped answer to a V2 event as no change', () => {
    const sent = event('V2_0');
    const customization = readPreTokenGenerationResponse(answered(sent, { claimsOverrideDetails: { claimsToSuppress: ['email'] } }), sent);
    expect(customizeIdTokenClaims(idClaims, customization)).toEqual(idClaims);
  });
});
