/**
 * Role mapping on its own (cognito/identity/role-mapping.ts): what SetIdentityPoolRoles accepts
 * beyond the model, which role GetCredentialsForIdentity gives (default roles, Token and Rules
 * mappings rule by rule, AmbiguousRoleResolution, CustomRoleArn, SAML roles) and the principal tags.
 */
import { describe, expect, it } from 'vitest';
import { CognitoError } from '../../src-main/cognito/errors.js';
import { checkRoleMappings } from '../../src-main/cognito/identity/role-mapping.js';
import type { IdentityPool, RoleMapping } from '../../src-main/cognito/identity/types.js';

const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Roles1234';
const CLIENT_ID = 'rolesclient';
const USER_POOL_KEY = `${USER_POOL}:${CLIENT_ID}`;
const OIDC_ARN = 'arn:aws:iam::000000000000:oidc-provider/localhost:9229/_mock-idp/oidc';
const SAML_ARN = 'arn:aws:iam::000000000000:saml-provider/Corp';
const AUTH_ROLE = 'arn:aws:iam::000000000000:role/Auth';
const UNAUTH_ROLE = 'arn:aws:iam::000000000000:role/Unauth';

function identityPool(overrides: Partial<IdentityPool> = {}): IdentityPool {
  return {
    IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
    IdentityPoolName: 'roles',
    AllowUnauthenticatedIdentities: true,
    SupportedLoginProviders: { 'accounts.google.com': 'google-app', 'www.amazon.com': 'amzn1.application-oa2-client.x' },
    OpenIdConnectProviderARNs: [OIDC_ARN],
    CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT_ID }],
    SamlProviderARNs: [SAML_ARN],
    IdentityPoolTags: {},
    Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
    RoleMappings: {},
    PrincipalTagAttributeMaps: {},
    created: 0,
    updated: 0,
    ...overrides,
  };
}

function refusal(run: () => unknown): { type: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof CognitoError) return { type: error.type, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const token: RoleMapping = { Type: 'Token', AmbiguousRoleResolution: 'Deny' };

describe('checkRoleMappings (SetIdentityPoolRoles beyond the model)', () => {
  const roles = { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE };

  it('accepts a mapping for every kind of provider of the pool', () => {
    expect(() =>
      checkRoleMappings(identityPool(), roles, {
        [USER_POOL_KEY]: token,
        'accounts.google.com': token,
        [OIDC_ARN]: token,
        'localhost:9229/_mock-idp/oidc': token,
        [SAML_ARN]: {
          Type: 'Rules',
          AmbiguousRoleResolution: 'AuthenticatedRole',
          RulesConfiguration: { Rules: [{ Claim: 'dept', MatchType: 'Equals', Value: 'x', RoleARN: AUTH_ROLE }] },
        },
      }),
    ).not.toThrow();
    expect(() => checkRoleMappings(identityPool(), {}, undefined)).not.toThrow();
  });

  it('refuses a key that is not a provider of the pool, with Cognito\'s text', () => {
    for (const key of [USER_POOL, `${USER_POOL}:otherclient`, `https://${USER_POOL}`, 'graph.facebook.com', 'developer.example'])
      expect(refusal(() => checkRoleMappings(identityPool({ DeveloperProviderName: 'developer.example' }), roles, { [key]: token }))).toEqual({
        type: 'InvalidParameterException',
        message: `(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`,
      });
  });

  it('requires AmbiguousRoleResolution for Token and Rules, and RulesConfiguration for Rules', () => {
    expect(refusal(() => checkRoleMappings(identityPool(), roles, { [USER_POOL_KEY]: { Type: 'Token' } }))).toEqual({
      type: 'InvalidParameterException',
      message: `AmbiguousRoleResolution is required for role mapping type Token: (${USER_POOL_KEY}).`,
    });
    expect(refusal(() => checkRoleMappings(identityPool(), roles, { 'accounts.google.com': { Type: 'Rules', RulesConfiguration: { Rules: [] } } })).message).toBe(
      'AmbiguousRoleResolution is required for role mapping type Rules: (accounts.google.com).',
    );
    expect(refusal(() => checkRoleMappings(identityPool(), roles, { 'accounts.google.com': { Type: 'Rules', AmbiguousRoleResolution: 'Deny' } }))).toEqual({
      type: 'InvalidParameterException',
      message: 'RulesConfiguration is required for role mapping type Rules: (accounts.google.com).',
    });
  });

  it('refuses a role that is not an IAM role ARN, in Roles and in a rule', () => {
    expect(refusal(() => checkRoleMappings(identityPool(), { authenticated: 'my-stack-SomeRole-KBKHTR8P6UC2' }, undefined))).toEqual({
      type: 'NotAuthorizedException',
      message: "Access to Role 'my-stack-SomeRole-KBKHTR8P6UC2' is forbidden.",
    });
    expect(refusal(() => checkRoleMappings(identityPool(), { unauthenticated: 'arn:aws:iam::180971085012ole/x' }, undefined)).type).toBe('NotAuthorizedException');
    const badRule: RoleMapping = {
      Type: 'Rules',
      AmbiguousRoleResolution: 'Deny',
      RulesConfiguration: { Rules: [{ Claim: 'dept', MatchType: 'Equals', Value: 'x', RoleARN: 'arn:aws:s3:::bucket/role' }] },
    };
    expect(refusal(() => checkRoleMappings(identityPool(), roles, { 'accounts.google.com': badRule }))).toEqual({
      type: 'NotAuthorizedException',
      message: "Access to Role 'arn:aws:s3:::bucket/role' is forbidden.",
    });
  });

  it('answers the model\'s own limits as the router does: 10 mappings, two role keys', () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.example`, token]));
    const pool = identityPool({ SupportedLoginProviders: Object.fromEntries(Object.keys(eleven).map((k) => [k, 'app'])) });
    expect(refusal(() => checkRoleMappings(pool, roles, eleven))).toEqual({
      type: 'ValidationException',
      message:
        "1 validation error detected: Value '{...}' at 'roleMappings' failed to satisfy constraint: Member must have length less than or equal to 10",
    });
    const ten = Object.fromEntries(Object.entries(eleven).slice(0, 10));
    expect(() => checkRoleMappings(pool, roles, ten)).not.toThrow();
    expect(refusal(() => checkRoleMappings(identityPool(), { admin: AUTH_ROLE }, undefined))).toEqual({
      type: 'ValidationException',
      message:
        "1 validation error detected: Value 'admin' at 'roles.key' failed to satisfy constraint: Member must satisfy regular expression pattern: (un)?authenticated",
    });
  });
});
