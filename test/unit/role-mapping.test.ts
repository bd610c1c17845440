/**
 * Role mapping on its own (cognito/identity/role-mapping.ts): what SetIdentityPoolRoles accepts
 * beyond the model, which role GetCredentialsForIdentity gives (default roles, Token and Rules
 * mappings rule by rule, AmbiguousRoleResolution, CustomRoleArn, SAML roles) and the principal tags.
 */
import { describe, expect, it } from 'vitest';
import { CognitoError } from '../../src-main/cognito/errors.js';
import { checkRoleMappings, chooseRole, evaluateRules, principalTagsFor } from '../../src-main/cognito/identity/role-mapping.js';
import type { IdentityPool, MappingRule, RoleMapping, VerifiedLogin } from '../../src-main/cognito/identity/types.js';

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
    const tokenWithRules: RoleMapping = { ...token, RulesConfiguration: { Rules: [{ Claim: 'dept', MatchType: 'Equals', Value: 'x', RoleARN: 'not-checked' }] } };
    expect(() => checkRoleMappings(identityPool(), roles, { 'accounts.google.com': tokenWithRules })).not.toThrow();
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

const ADMIN_ROLE = 'arn:aws:iam::000000000000:role/Admin';
const EDITOR_ROLE = 'arn:aws:iam::000000000000:role/Editor';
const READER_ROLE = 'arn:aws:iam::000000000000:role/Reader';
const INVALID_CONFIGURATION = {
  type: 'InvalidIdentityPoolConfigurationException',
  message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
};

/** `clientId: null`: a login that does not say which app client its token is for. */
function userPoolLogin(claims: Record<string, unknown> = {}, clientId: string | null = CLIENT_ID): VerifiedLogin {
  return {
    provider: USER_POOL,
    kind: 'cognito',
    subject: 'user-sub',
    claims: { sub: 'user-sub', aud: CLIENT_ID, token_use: 'id', ...claims },
    ...(clientId !== null && { clientId }),
  };
}

const googleLogin = (claims: Record<string, unknown> = {}): VerifiedLogin => ({
  provider: 'accounts.google.com',
  kind: 'social',
  subject: 'google-sub',
  claims: { sub: 'google-sub', aud: 'google-app', ...claims },
});

const samlLogin = (samlRoles: string[] | undefined, claims: Record<string, unknown> = {}): VerifiedLogin => ({
  provider: SAML_ARN,
  kind: 'saml',
  subject: 'saml-user',
  claims,
  ...(samlRoles && { samlRoles }),
});

const rule = (Claim: string, MatchType: MappingRule['MatchType'], Value: string, RoleARN = ADMIN_ROLE): MappingRule => ({ Claim, MatchType, Value, RoleARN });

function rulesMapping(rules: MappingRule[], AmbiguousRoleResolution: RoleMapping['AmbiguousRoleResolution'] = 'Deny'): RoleMapping {
  return { Type: 'Rules', ...(AmbiguousRoleResolution && { AmbiguousRoleResolution }), RulesConfiguration: { Rules: rules } };
}

describe('chooseRole: the pool\'s default roles', () => {
  it('gives an unauthenticated identity the unauthenticated role, ignoring a CustomRoleArn', () => {
    expect(chooseRole({ pool: identityPool(), authenticated: false })).toEqual({
      authenticated: false,
      decidedBy: 'default',
      roleArn: UNAUTH_ROLE,
      reason: "an unauthenticated identity: the pool's unauthenticated role",
    });
    const custom = chooseRole({ pool: identityPool(), authenticated: false, customRoleArn: ADMIN_ROLE });
    expect(custom).toMatchObject({ decidedBy: 'default', roleArn: UNAUTH_ROLE, customRoleArn: ADMIN_ROLE });
    expect(custom.reason).toContain('CustomRoleArn ignored');
  });

  it('gives an authenticated identity without a mapping the authenticated role, ignoring a CustomRoleArn', () => {
    expect(chooseRole({ pool: identityPool(), authenticated: true, login: googleLogin() })).toMatchObject({
      decidedBy: 'default',
      roleArn: AUTH_ROLE,
      reason: "no role mapping for accounts.google.com: the pool's authenticated role",
    });
    expect(chooseRole({ pool: identityPool(), authenticated: true })).toMatchObject({ decidedBy: 'default', roleArn: AUTH_ROLE });
    const custom = chooseRole({ pool: identityPool(), authenticated: true, login: userPoolLogin({ 'cognito:roles': [ADMIN_ROLE] }), customRoleArn: ADMIN_ROLE });
    expect(custom).toMatchObject({ decidedBy: 'default', roleArn: AUTH_ROLE, customRoleArn: ADMIN_ROLE });
    expect(custom.reason).toContain('CustomRoleArn ignored');
  });

  it('denies with InvalidIdentityPoolConfigurationException when the pool has no such role', () => {
    const noRoles = identityPool({ Roles: {} });
    for (const authenticated of [true, false]) {
      const choice = chooseRole({ pool: noRoles, authenticated, login: googleLogin() });
      expect(choice.decidedBy).toBe('denied');
      expect(choice.roleArn).toBeUndefined();
      expect(choice.denied).toEqual(INVALID_CONFIGURATION);
    }
    expect(chooseRole({ pool: identityPool({ Roles: { authenticated: AUTH_ROLE } }), authenticated: false }).denied).toEqual(INVALID_CONFIGURATION);
  });

  it('uses a user pool mapping only under {provider}:{clientId} of the token\'s client', () => {
    const mapped = (key: string) => identityPool({ RoleMappings: { [key]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } });
    const login = userPoolLogin({ 'cognito:preferred_role': ADMIN_ROLE });
    expect(chooseRole({ pool: mapped(USER_POOL_KEY), authenticated: true, login })).toMatchObject({ decidedBy: 'token', roleArn: ADMIN_ROLE });
    expect(chooseRole({ pool: mapped(USER_POOL), authenticated: true, login })).toMatchObject({ decidedBy: 'default', roleArn: AUTH_ROLE });
    expect(chooseRole({ pool: mapped(`${USER_POOL}:otherclient`), authenticated: true, login })).toMatchObject({ decidedBy: 'default' });
    expect(chooseRole({ pool: mapped(USER_POOL_KEY), authenticated: true, login: userPoolLogin({ 'cognito:preferred_role': ADMIN_ROLE }, null) })).toMatchObject({
      decidedBy: 'default',
    });
  });
});

describe('chooseRole: Token mappings', () => {
  const pool = (AmbiguousRoleResolution?: RoleMapping['AmbiguousRoleResolution'], roles: Record<string, string> = { authenticated: AUTH_ROLE }) =>
    identityPool({ Roles: roles, RoleMappings: { [USER_POOL_KEY]: { Type: 'Token', ...(AmbiguousRoleResolution && { AmbiguousRoleResolution }) } } });
  const twoRoles = { 'cognito:roles': [ADMIN_ROLE, EDITOR_ROLE] };

  it('takes cognito:preferred_role, showing the token\'s roles', () => {
    expect(chooseRole({ pool: pool('Deny'), authenticated: true, login: userPoolLogin({ ...twoRoles, 'cognito:preferred_role': EDITOR_ROLE }) })).toEqual({
      authenticated: true,
      mapping: { key: USER_POOL_KEY, type: 'Token', ambiguousRoleResolution: 'Deny' },
      tokenRoles: { roles: [ADMIN_ROLE, EDITOR_ROLE], preferredRole: EDITOR_ROLE },
      decidedBy: 'token',
      roleArn: EDITOR_ROLE,
      reason: "the token's cognito:preferred_role",
    });
  });

  it('takes the only role of cognito:roles, as a list or a comma-separated string', () => {
    for (const roles of [[READER_ROLE], READER_ROLE, ` ${READER_ROLE} ,`])
      expect(chooseRole({ pool: pool('Deny'), authenticated: true, login: userPoolLogin({ 'cognito:roles': roles }) })).toMatchObject({
        decidedBy: 'token',
        roleArn: READER_ROLE,
        tokenRoles: { roles: [READER_ROLE] },
      });
    expect(
      chooseRole({ pool: pool('Deny'), authenticated: true, login: userPoolLogin({ 'cognito:roles': `${ADMIN_ROLE},${EDITOR_ROLE}` }) }).tokenRoles,
    ).toEqual({ roles: [ADMIN_ROLE, EDITOR_ROLE] });
  });

  it('takes a CustomRoleArn that is one of cognito:roles, over cognito:preferred_role', () => {
    expect(
      chooseRole({ pool: pool('Deny'), authenticated: true, login: userPoolLogin({ ...twoRoles, 'cognito:preferred_role': EDITOR_ROLE }), customRoleArn: ADMIN_ROLE }),
    ).toMatchObject({ decidedBy: 'custom', roleArn: ADMIN_ROLE, customRoleArn: ADMIN_ROLE });
  });

  it('denies a CustomRoleArn that is not one of cognito:roles, even with a preferred role or AuthenticatedRole resolution', () => {
    for (const claims of [{ ...twoRoles, 'cognito:preferred_role': EDITOR_ROLE }, {}]) {
      const choice = chooseRole({ pool: pool('AuthenticatedRole'), authenticated: true, login: userPoolLogin(claims), customRoleArn: READER_ROLE });
      expect(choice.decidedBy).toBe('denied');
      expect(choice.roleArn).toBeUndefined();
      expect(choice.denied).toEqual({
        type: 'NotAuthorizedException',
        message: `CustomRoleArn '${READER_ROLE}' is not one of the roles offered for: ${USER_POOL_KEY}.`,
      });
    }
  });

  it('resolves several roles without a preferred one, or none, by AmbiguousRoleResolution', () => {
    expect(chooseRole({ pool: pool('AuthenticatedRole'), authenticated: true, login: userPoolLogin(twoRoles) })).toMatchObject({
      decidedBy: 'ambiguous',
      roleArn: AUTH_ROLE,
      reason: "the token offers 2 roles and no cognito:preferred_role: AmbiguousRoleResolution gives the pool's authenticated role",
    });
    for (const resolution of ['Deny', undefined] as const) {
      const choice = chooseRole({ pool: pool(resolution), authenticated: true, login: userPoolLogin() });
      expect(choice.decidedBy).toBe('denied');
      expect(choice.denied).toEqual({ type: 'NotAuthorizedException', message: `The ambiguous role mapping rules for: ${USER_POOL_KEY} denied this request.` });
      expect(choice.reason).toMatch(/^the token has no cognito:roles: AmbiguousRoleResolution/);
    }
    expect(chooseRole({ pool: pool('AuthenticatedRole', {}), authenticated: true, login: userPoolLogin(twoRoles) }).denied).toEqual(INVALID_CONFIGURATION);
  });
});

describe('chooseRole: Rules mappings', () => {
  const pool = (rules: MappingRule[], resolution?: RoleMapping['AmbiguousRoleResolution']) =>
    identityPool({ RoleMappings: { [USER_POOL_KEY]: rulesMapping(rules, resolution) } });
  const choose = (rules: MappingRule[], claims: Record<string, unknown>, customRoleArn?: string, resolution?: RoleMapping['AmbiguousRoleResolution']) =>
    chooseRole({ pool: pool(rules, resolution), authenticated: true, login: userPoolLogin(claims), ...(customRoleArn && { customRoleArn }) });

  it('evaluates in order; the first match wins and later rules are not evaluated', () => {
    const choice = choose(
      [rule('custom:dept', 'Equals', 'Sales', READER_ROLE), rule('cognito:groups', 'Contains', 'admins', ADMIN_ROLE), rule('email', 'Contains', '@', EDITOR_ROLE)],
      { 'custom:dept': 'Marketing', 'cognito:groups': ['admins', 'staff'], email: 'a@example.com' },
    );
    expect(choice).toMatchObject({ decidedBy: 'rule', roleArn: ADMIN_ROLE, reason: 'rule 2 matched: cognito:groups [admins, staff] holds admins' });
    expect(choice.rules).toEqual([
      { index: 0, claim: 'custom:dept', matchType: 'Equals', value: 'Sales', roleArn: READER_ROLE, claimValue: 'Marketing', matched: false, why: 'custom:dept is Marketing, not Sales' },
      { index: 1, claim: 'cognito:groups', matchType: 'Contains', value: 'admins', roleArn: ADMIN_ROLE, claimValue: ['admins', 'staff'], matched: true, why: 'cognito:groups [admins, staff] holds admins' },
      { index: 2, claim: 'email', matchType: 'Contains', value: '@', roleArn: EDITOR_ROLE, claimValue: 'a@example.com', why: 'not evaluated: rule 2 matched first' },
    ]);
  });

  it('falls back on AmbiguousRoleResolution when no rule matches', () => {
    const rules = [rule('custom:dept', 'Equals', 'Sales')];
    expect(choose(rules, { 'custom:dept': 'Legal' }, undefined, 'AuthenticatedRole')).toMatchObject({
      decidedBy: 'ambiguous',
      roleArn: AUTH_ROLE,
      reason: "no rule matched: AmbiguousRoleResolution gives the pool's authenticated role",
    });
    expect(choose(rules, { 'custom:dept': 'Legal' }, undefined, 'Deny')).toMatchObject({
      decidedBy: 'denied',
      denied: { type: 'NotAuthorizedException', message: `The ambiguous role mapping rules for: ${USER_POOL_KEY} denied this request.` },
    });
    expect(choose([], {}, undefined, 'Deny').reason).toMatch(/^the mapping has no rules/);
  });

  it('lets a CustomRoleArn pick any matching rule, evaluating every rule', () => {
    const rules = [rule('cognito:groups', 'Equals', 'staff', READER_ROLE), rule('cognito:groups', 'Equals', 'admins', ADMIN_ROLE), rule('cognito:groups', 'Equals', 'editors', EDITOR_ROLE)];
    const choice = choose(rules, { 'cognito:groups': ['staff', 'admins'] }, ADMIN_ROLE);
    expect(choice).toMatchObject({ decidedBy: 'custom', roleArn: ADMIN_ROLE, reason: 'CustomRoleArn is the role of rule 2, which matched: cognito:groups [staff, admins] holds admins' });
    expect(choice.rules?.map((r) => r.matched)).toEqual([true, true, false]);
  });

  it('denies a CustomRoleArn that is the role of no matching rule', () => {
    const rules = [rule('cognito:groups', 'Equals', 'staff', READER_ROLE), rule('cognito:groups', 'Equals', 'editors', EDITOR_ROLE)];
    for (const customRoleArn of [EDITOR_ROLE, AUTH_ROLE])
      expect(choose(rules, { 'cognito:groups': ['staff'] }, customRoleArn, 'AuthenticatedRole')).toMatchObject({
        decidedBy: 'denied',
        denied: { type: 'NotAuthorizedException', message: `CustomRoleArn '${customRoleArn}' is not one of the roles offered for: ${USER_POOL_KEY}.` },
        reason: 'CustomRoleArn is not the role of a matching rule',
      });
  });

  it('applies a mapping keyed by an OIDC provider\'s ARN or by its login key', () => {
    const oidcLogin: VerifiedLogin = { provider: 'localhost:9229/_mock-idp/oidc', kind: 'oidc', subject: 'o', claims: { locale: 'Sacramento' } };
    for (const key of [OIDC_ARN, 'localhost:9229/_mock-idp/oidc']) {
      const choice = chooseRole({
        pool: identityPool({ RoleMappings: { [key]: rulesMapping([rule('locale', 'Equals', 'Sacramento')]) } }),
        authenticated: true,
        login: oidcLogin,
      });
      expect(choice).toMatchObject({ decidedBy: 'rule', roleArn: ADMIN_ROLE, mapping: { key, type: 'Rules' } });
    }
  });
});

describe('evaluateRules: each match type, and what must not match', () => {
  const outcome = (r: MappingRule, claims: Record<string, unknown>) => {
    const [evaluation] = evaluateRules([r], claims);
    return { matched: evaluation.matched, why: evaluation.why };
  };

  it('Equals compares the whole text, case-sensitively', () => {
    expect(outcome(rule('custom:dept', 'Equals', 'Sales'), { 'custom:dept': 'Sales' })).toEqual({ matched: true, why: 'custom:dept is Sales' });
    expect(outcome(rule('custom:dept', 'Equals', 'Sales'), { 'custom:dept': 'sales' })).toEqual({ matched: false, why: 'custom:dept is sales, not Sales' });
    expect(outcome(rule('custom:dept', 'Equals', 'Sales'), { 'custom:dept': 'Sales team' }).matched).toBe(false);
    expect(outcome(rule('custom:level', 'Equals', '5'), { 'custom:level': 5 }).matched).toBe(true);
    expect(outcome(rule('email_verified', 'Equals', 'true'), { email_verified: true }).matched).toBe(true);
  });

  it('NotEqual matches another value, and is skipped when the claim is absent', () => {
    expect(outcome(rule('custom:dept', 'NotEqual', 'Sales'), { 'custom:dept': 'Legal' })).toEqual({ matched: true, why: 'custom:dept is Legal, not Sales' });
    expect(outcome(rule('custom:dept', 'NotEqual', 'Sales'), { 'custom:dept': 'Sales' })).toEqual({ matched: false, why: 'custom:dept is Sales' });
    expect(outcome(rule('custom:dept', 'NotEqual', 'Sales'), {})).toEqual({ matched: false, why: 'custom:dept is absent: NotEqual skipped' });
    expect(outcome(rule('custom:dept', 'NotEqual', 'Sales'), { 'custom:dept': null })).toEqual({ matched: false, why: 'custom:dept is absent: NotEqual skipped' });
  });

  it('StartsWith and Contains on text', () => {
    expect(outcome(rule('email', 'StartsWith', 'alice'), { email: 'alice@example.com' })).toEqual({ matched: true, why: 'email alice@example.com starts with alice' });
    expect(outcome(rule('email', 'StartsWith', 'example'), { email: 'alice@example.com' })).toEqual({
      matched: false,
      why: 'email alice@example.com does not start with example',
    });
    expect(outcome(rule('email', 'Contains', '@example.com'), { email: 'alice@example.com' })).toEqual({ matched: true, why: 'email alice@example.com contains @example.com' });
    expect(outcome(rule('email', 'Contains', '@Example.com'), { email: 'alice@example.com' })).toEqual({
      matched: false,
      why: 'email alice@example.com does not contain @Example.com',
    });
  });

  it('an absent claim matches no rule', () => {
    for (const matchType of ['Equals', 'StartsWith', 'Contains'] as const)
      expect(outcome(rule('custom:dept', matchType, 'Sales'), { email: 'x' })).toEqual({ matched: false, why: 'custom:dept is absent' });
  });

  it('a list claim matches when one of its elements does; NotEqual when none equals', () => {
    const groups = { 'cognito:groups': ['superadmins', 'staff'] };
    expect(outcome(rule('cognito:groups', 'Equals', 'staff'), groups)).toEqual({ matched: true, why: 'cognito:groups [superadmins, staff] holds staff' });
    expect(outcome(rule('cognito:groups', 'Equals', 'admins'), groups)).toEqual({ matched: false, why: 'cognito:groups [superadmins, staff] does not hold admins' });
    expect(outcome(rule('cognito:groups', 'Contains', 'admin'), groups)).toEqual({ matched: true, why: 'cognito:groups [superadmins, staff]: superadmins contains admin' });
    expect(outcome(rule('cognito:groups', 'Contains', 'editor'), groups)).toEqual({ matched: false, why: 'no element of cognito:groups [superadmins, staff] contains editor' });
    expect(outcome(rule('cognito:groups', 'StartsWith', 'sta'), groups)).toEqual({ matched: true, why: 'cognito:groups [superadmins, staff]: staff starts with sta' });
    expect(outcome(rule('cognito:groups', 'StartsWith', 'admins'), groups)).toEqual({ matched: false, why: 'no element of cognito:groups [superadmins, staff] starts with admins' });
    expect(outcome(rule('cognito:groups', 'NotEqual', 'staff'), groups)).toEqual({ matched: false, why: 'cognito:groups [superadmins, staff] holds staff' });
    expect(outcome(rule('cognito:groups', 'NotEqual', 'admins'), groups)).toEqual({ matched: true, why: 'cognito:groups [superadmins, staff] does not hold admins' });
    expect(outcome(rule('cognito:groups', 'Equals', 'admins'), { 'cognito:groups': [] }).matched).toBe(false);
    expect(outcome(rule('amr', 'Equals', 'authenticated'), { amr: ['authenticated', 'accounts.google.com'] }).matched).toBe(true);
  });

  it('a stored rule of an unknown match type matches nothing', () => {
    const odd = { ...rule('custom:dept', 'Equals', 'Sales'), MatchType: 'Matches' } as unknown as MappingRule;
    expect(outcome(odd, { 'custom:dept': 'Sales' })).toEqual({ matched: false, why: 'unknown match type Matches' });
    expect(outcome(odd, { 'custom:dept': ['Sales'] }).matched).toBe(false);
  });
});

describe('chooseRole: SAML roles', () => {
  const choose = (login: VerifiedLogin, customRoleArn?: string, pool = identityPool()) =>
    chooseRole({ pool, authenticated: true, login, ...(customRoleArn && { customRoleArn }) });

  it('uses the assertion\'s only role', () => {
    expect(choose(samlLogin([READER_ROLE]))).toEqual({
      authenticated: true,
      tokenRoles: { roles: [READER_ROLE] },
      decidedBy: 'saml',
      roleArn: READER_ROLE,
      reason: 'the only role of the SAML assertion',
    });
  });

  it('takes a CustomRoleArn among the assertion\'s roles, and denies one it does not offer', () => {
    expect(choose(samlLogin([READER_ROLE, EDITOR_ROLE]), EDITOR_ROLE)).toMatchObject({ decidedBy: 'custom', roleArn: EDITOR_ROLE });
    for (const roles of [[READER_ROLE, EDITOR_ROLE], undefined])
      expect(choose(samlLogin(roles), ADMIN_ROLE)).toMatchObject({
        decidedBy: 'denied',
        denied: { type: 'NotAuthorizedException', message: `CustomRoleArn '${ADMIN_ROLE}' is not one of the roles offered for: ${SAML_ARN}.` },
      });
  });

  it('falls back to the authenticated role when the assertion offers none, or several and no CustomRoleArn', () => {
    expect(choose(samlLogin([READER_ROLE, EDITOR_ROLE]))).toMatchObject({
      decidedBy: 'default',
      roleArn: AUTH_ROLE,
      reason: "the SAML assertion offers 2 roles and no CustomRoleArn chose one: the pool's authenticated role",
    });
    expect(choose(samlLogin(undefined))).toMatchObject({ decidedBy: 'default', roleArn: AUTH_ROLE });
    expect(choose(samlLogin([]), undefined, identityPool({ Roles: {} })).denied).toEqual(INVALID_CONFIGURATION);
  });

  it('applies a Rules mapping of the SAML provider to its attributes', () => {
    const pool = identityPool({ RoleMappings: { [SAML_ARN]: rulesMapping([rule('department', 'Equals', 'finance', EDITOR_ROLE)]) } });
    expect(choose(samlLogin([READER_ROLE], { department: ['hr', 'finance'] }), undefined, pool)).toMatchObject({ decidedBy: 'rule', roleArn: EDITOR_ROLE });
    expect(choose(samlLogin([READER_ROLE], { department: ['hr'] }), undefined, pool).decidedBy).toBe('denied');
  });
});

describe('principalTagsFor', () => {
  const withMap = (key: string, UseDefaults: boolean, PrincipalTags: Record<string, string> = {}) =>
    identityPool({ PrincipalTagAttributeMaps: { [key]: { UseDefaults, PrincipalTags } } });

  it('gives no tags when the provider has no attribute map', () => {
    expect(principalTagsFor(identityPool(), userPoolLogin())).toEqual({});
    expect(principalTagsFor(withMap('accounts.google.com', true), userPoolLogin())).toEqual({});
  });

  it('defaults: username from sub and client from aud, the map keyed by the user pool or by {provider}:{clientId}', () => {
    for (const key of [USER_POOL, USER_POOL_KEY])
      expect(principalTagsFor(withMap(key, true), userPoolLogin())).toEqual({ username: 'user-sub', client: CLIENT_ID });
    expect(principalTagsFor(withMap('www.amazon.com', true), { provider: 'www.amazon.com', kind: 'social', subject: 'amzn1.account.X', claims: { user_id: 'amzn1.account.X', aud: 'amzn1.application-oa2-client.x' } })).toEqual({
      username: 'amzn1.account.X',
      client: 'amzn1.application-oa2-client.x',
    });
  });

  it('defaults fall back to the login\'s subject and app id when the token lacks the claims', () => {
    const facebook = identityPool({ SupportedLoginProviders: { 'graph.facebook.com': '492844718097981' }, PrincipalTagAttributeMaps: { 'graph.facebook.com': { UseDefaults: true, PrincipalTags: {} } } });
    expect(principalTagsFor(facebook, { provider: 'graph.facebook.com', kind: 'social', subject: '112177216992379', claims: { id: '112177216992379' } })).toEqual({
      username: '112177216992379',
      client: '492844718097981',
    });
  });

  it('defaults for SAML read the nameidentifier and name claims; a Cognito Identity token gives none', () => {
    const login = samlLogin(undefined, {
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier': 'auth0|5e28d196f8f55a0eaaa95de3',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': ['user123@gmail.com'],
    });
    expect(principalTagsFor(withMap(SAML_ARN, true), login)).toEqual({ username: 'auth0|5e28d196f8f55a0eaaa95de3', name: 'user123@gmail.com' });
    const identityToken: VerifiedLogin = { provider: 'cognito-identity.amazonaws.com', kind: 'cognito-identity', subject: 'us-east-1:x', claims: { sub: 'us-east-1:x', aud: 'p' } };
    expect(principalTagsFor(withMap('cognito-identity.amazonaws.com', true), identityToken)).toEqual({});
  });

  it('a custom map gives tag = claim for each single short value, and skips the rest', () => {
    const pool = withMap(USER_POOL_KEY, false, {
      department: 'custom:dept',
      level: 'custom:level',
      team: 'cognito:groups',
      groups: 'groups',
      missing: 'custom:none',
      long: 'custom:long',
      empty: 'custom:empty',
    });
    const login = userPoolLogin({ 'custom:dept': 'legal', 'custom:level': 3, 'cognito:groups': ['staff'], groups: ['a', 'b'], 'custom:long': 'x'.repeat(257), 'custom:empty': '' });
    expect(principalTagsFor(pool, login)).toEqual({ department: 'legal', level: '3', team: 'staff' });
  });

  it('UseDefaults overrides a custom map', () => {
    expect(principalTagsFor(withMap(USER_POOL_KEY, true, { department: 'custom:dept' }), userPoolLogin({ 'custom:dept': 'legal' }))).toEqual({
      username: 'user-sub',
      client: CLIENT_ID,
    });
  });
});
