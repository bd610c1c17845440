/**
 * The window's reading of identity pools (src-renderer/lib/identity.ts, flow-model.ts and
 * admin/identity-pool-model.ts): login keys named, an identity flow folded into its timeline row
 * (its identity, its logins, the user a user pool login names) and filtered by its identity pool,
 * its steps and lanes, the role decision as rows (matched, no match, not evaluated, the chosen
 * one); the admin's identity-pool form to CreateIdentityPool / UpdateIdentityPool and back, and
 * the roles form to SetIdentityPoolRoles and back.
 */
import { describe, expect, it } from 'vitest';
import type { EventData, SandboxEvent, SandboxEventType } from '../../shared/events.js';
import {
  createPoolInput,
  identityPoolSection,
  mappingKeys,
  mockOidcArn,
  poolForm,
  poolFormProblems,
  rolesForm,
  rolesFormProblems,
  rolesInput,
  updatePoolInput,
} from '../../src-renderer/admin/identity-pool-model.js';
import { buildSteps, emptySummary, foldEvent, lanesOf, matchesFilters, NO_FILTERS } from '../../src-renderer/lib/flow-model.js';
import {
  isIdentityFlowEvent,
  isIdentityPoolId,
  loginChecksNote,
  loginLabel,
  oidcLoginKey,
  parseUserPoolKey,
  roleName,
  ruleRows,
  userPoolLoginKey,
} from '../../src-renderer/lib/identity.js';

const IDENTITY_POOL = 'us-east-1:0f3c2b1a-5d6e-4f70-8192-a3b4c5d6e7f8';
const IDENTITY = 'us-east-1:7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
const USER_POOL = 'us-east-1_AbCdEfGhI';
const USER_POOL_KEY = `cognito-idp.us-east-1.amazonaws.com/${USER_POOL}`;
const ADMINS = 'arn:aws:iam::000000000000:role/Admins';
const READERS = 'arn:aws:iam::000000000000:role/team/Readers';

let seq = 0;
function event<T extends SandboxEventType>(type: T, data: EventData<T>, flowId = 'flow-1'): SandboxEvent {
  seq += 1;
  return { seq, time: 50_000 + seq * 5, flowId, poolId: IDENTITY_POOL, type, data } as SandboxEvent;
}

const loginChecked = (passed = true): EventData<'identity.loginChecked'> => ({
  identityPoolId: IDENTITY_POOL,
  provider: USER_POOL_KEY,
  kind: 'cognito',
  checks: [
    { check: 'signature', passed: true, detail: 'RS256, kid k1' },
    { check: 'audience', passed, detail: passed ? 'aud is the provider’s ClientId' : 'aud 1234 is not the provider’s ClientId abcd' },
  ],
  passed,
  subject: 'sub-1',
  claims: { sub: 'sub-1', 'cognito:username': 'alice', 'cognito:groups': ['admins'] },
  ...(!passed && { error: { type: 'NotAuthorizedException', message: 'Invalid login token. Incorrect token audience.' } }),
});

const roleResolved: EventData<'identity.roleResolved'> = {
  identityPoolId: IDENTITY_POOL,
  identityId: IDENTITY,
  authenticated: true,
  mapping: { key: `${USER_POOL_KEY}:client1`, type: 'Rules', ambiguousRoleResolution: 'Deny' },
  rules: [
    { index: 0, claim: 'custom:tier', matchType: 'Equals', value: 'gold', roleArn: READERS, matched: false, why: 'the token has no custom:tier' },
    { index: 1, claim: 'cognito:groups', matchType: 'Contains', value: 'admin', roleArn: ADMINS, claimValue: ['admins'], matched: true, why: 'cognito:groups holds admins' },
    { index: 2, claim: 'email', matchType: 'StartsWith', value: 'a', roleArn: READERS, why: 'not evaluated: rule 2 matched' },
  ],
  decidedBy: 'rule',
  roleArn: ADMINS,
  reason: 'rule 2 matched: cognito:groups holds admins',
};

/** GetCredentialsForIdentity as its flow publishes it. */
function credentialsFlow(): SandboxEvent[] {
  seq = 0;
  return [
    event('flow.started', { kind: 'identity-credentials', machine: 'identity' }),
    event('identity.loginChecked', loginChecked()),
    event('identity.resolved', { identityPoolId: IDENTITY_POOL, identityId: IDENTITY, outcome: 'found', authenticated: true, logins: [USER_POOL_KEY] }),
    event('identity.roleResolved', roleResolved),
    event('identity.credentialsIssued', {
      identityPoolId: IDENTITY_POOL,
      identityId: IDENTITY,
      via: 'GetCredentialsForIdentity',
      roleArn: ADMINS,
      assumedRoleArn: 'arn:aws:sts::000000000000:assumed-role/Admins/CognitoIdentityCredentials',
      accessKeyId: 'ASIAABCDEFGHIJKLMNOP',
      expiration: 60_000 + 3_600_000,
    }),
    event('flow.ended', { outcome: 'success' }),
    event('api.called', {
      service: 'AWSCognitoIdentityService',
      operation: 'GetCredentialsForIdentity',
      request: { IdentityId: IDENTITY, Logins: { [USER_POOL_KEY]: 'eyJ…' } },
      response: { IdentityId: IDENTITY, Credentials: { AccessKeyId: 'ASIAABCDEFGHIJKLMNOP', SecretKey: '***' } },
      status: 200,
      ms: 12,
      requestId: 'r1',
    }),
  ];
}

describe('identity pools in the window: ids and login keys', () => {
  it('tells identity pool ids from user pool ids', () => {
    expect(isIdentityPoolId(IDENTITY_POOL)).toBe(true);
    expect(isIdentityPoolId('eu-west-2:0f3c2b1a-5d6e-4f70-8192-a3b4c5d6e7f8')).toBe(true);
    expect(isIdentityPoolId(USER_POOL)).toBe(false);
    expect(isIdentityPoolId(null)).toBe(false);
    expect(isIdentityPoolId('us-east-1:not-hex!')).toBe(false);
  });

  it('names each kind of login key', () => {
    expect(userPoolLoginKey(USER_POOL)).toBe(USER_POOL_KEY);
    expect(parseUserPoolKey(`${USER_POOL_KEY}:client1`)).toEqual({ userPoolId: USER_POOL, clientId: 'client1' });
    expect(parseUserPoolKey('accounts.google.com')).toBeUndefined();
    expect(loginLabel(USER_POOL_KEY)).toBe(`user pool ${USER_POOL}`);
    expect(loginLabel(`${USER_POOL_KEY}:client1`)).toBe(`user pool ${USER_POOL}, client client1`);
    expect(loginLabel('accounts.google.com')).toBe('Google');
    expect(loginLabel('graph.facebook.com')).toBe('Facebook');
    expect(loginLabel('arn:aws:iam::000000000000:saml-provider/Okta')).toBe('SAML Okta');
    expect(loginLabel('arn:aws:iam::000000000000:oidc-provider/login.example.com')).toBe('OIDC login.example.com');
    expect(loginLabel('cognito-identity.amazonaws.com')).toBe('Cognito Identity token');
    expect(loginLabel('http://127.0.0.1:9229/_cognito-identity')).toBe('Cognito Identity token');
    expect(loginLabel('login.mycompany.myapp', 'login.mycompany.myapp')).toBe('developer login.mycompany.myapp');
    expect(loginLabel('login.example.com')).toBe('login.example.com');
    expect(oidcLoginKey('arn:aws:iam::000000000000:oidc-provider/localhost:9229/_mock-idp/oidc')).toBe('localhost:9229/_mock-idp/oidc');
  });

  it('names a role by its ARN', () => {
    expect(roleName(ADMINS)).toBe('Admins');
    expect(roleName(READERS)).toBe('Readers');
    expect(roleName(undefined)).toBe('—');
    expect(roleName('not-an-arn')).toBe('not-an-arn');
  });
});

describe('an identity flow in the timeline', () => {
  it('folds its identity, its logins and the user its user pool login names', () => {
    const summary = credentialsFlow().reduce(foldEvent, emptySummary({ ...credentialsFlow()[0]!, flowId: 'flow-1' }));
    expect(summary).toMatchObject({ kind: 'identity-credentials', poolId: IDENTITY_POOL, identityId: IDENTITY, logins: [USER_POOL_KEY], username: 'alice', outcome: 'success' });
  });

  it('leaves the user unnamed for a login that is not a user pool’s', () => {
    seq = 0;
    const google = event('identity.loginChecked', { ...loginChecked(), provider: 'accounts.google.com', kind: 'oidc', claims: { sub: 'g1', 'cognito:username': 'x' } });
    const summary = foldEvent(emptySummary({ ...google, flowId: 'flow-1' }), google);
    expect(summary.username).toBeNull();
    expect(summary.logins).toEqual(['accounts.google.com']);
  });

  it('is found by its identity pool and by its identity id', () => {
    const events = credentialsFlow();
    const summary = events.reduce(foldEvent, emptySummary({ ...events[0]!, flowId: 'flow-1' }));
    expect(matchesFilters(summary, { ...NO_FILTERS, pool: IDENTITY_POOL })).toBe(true);
    expect(matchesFilters(summary, { ...NO_FILTERS, pool: USER_POOL })).toBe(false);
    expect(matchesFilters(summary, { ...NO_FILTERS, search: IDENTITY.slice(10, 20) })).toBe(true);
    expect(matchesFilters(summary, { ...NO_FILTERS, search: 'cognito-idp.us-east-1' })).toBe(true);
    expect(matchesFilters(summary, { ...NO_FILTERS, search: 'nowhere' })).toBe(false);
  });
});

describe('an identity flow’s sequence', () => {
  it('draws each identity step, the credentials to the app, in the call’s place', () => {
    const steps = buildSteps(credentialsFlow());
    expect(steps.map((step) => [step.from, step.to, step.label, step.tone])).toEqual([
      ['client', 'sandbox', 'GetCredentialsForIdentity', 'neutral'],
      ['sandbox', 'sandbox', 'flow started: identity-credentials', 'neutral'],
      ['sandbox', 'sandbox', `user pool ${USER_POOL} login accepted`, 'ok'],
      ['sandbox', 'sandbox', 'identity found', 'ok'],
      ['sandbox', 'sandbox', 'role Admins', 'ok'],
      ['sandbox', 'client', 'AWS credentials issued', 'token'],
      ['sandbox', 'sandbox', 'flow ended: success', 'ok'],
      ['sandbox', 'client', '200 OK', 'ok'],
    ]);
    expect(steps[2]!.note).toBe('2 checks passed');
    expect(steps[5]!.note).toBe('ASIAABCDEFGHIJKLMNOP');
    expect(lanesOf(steps).map((lane) => lane.id)).toEqual(['client', 'sandbox']);
  });

  it('says which check refused a login, and a denial in red', () => {
    seq = 0;
    const refused = event('identity.loginChecked', loginChecked(false));
    const denied = event('identity.roleResolved', {
      ...roleResolved,
      rules: [{ ...roleResolved.rules![0]! }],
      decidedBy: 'denied',
      roleArn: undefined,
      denied: { type: 'NotAuthorizedException', message: 'The ambiguous role mapping rules for: x denied this request.' },
      reason: 'no rule matched; AmbiguousRoleResolution is Deny',
    });
    const [login, role] = buildSteps([refused, denied]);
    expect(login).toMatchObject({ label: `user pool ${USER_POOL} login refused`, tone: 'error', note: 'audience failed: aud 1234 is not the provider’s ClientId abcd' });
    expect(role).toMatchObject({ label: 'no role: denied', tone: 'error' });
    expect(loginChecksNote({ ...loginChecked(false), checks: [] })).toBe('NotAuthorizedException: Invalid login token. Incorrect token audience.');
  });

  it('names STS calls, and adds the provider’s lane when a login check called it', () => {
    seq = 0;
    const events = [
      event('flow.started', { kind: 'sts-web-identity', machine: 'identity' }),
      event('http.exchanged', { lane: 'idp', method: 'GET', path: 'http://localhost:9229/_mock-idp/oidc/jwks', query: {}, status: 200, response: { keys: [{}] }, ms: 2 }),
      event('api.called', { service: 'AWSSecurityTokenServiceV20110615', operation: 'AssumeRoleWithWebIdentity', request: {}, status: 200, ms: 9, requestId: 'r2' }),
    ];
    const steps = buildSteps(events);
    expect(steps[0]!.label).toBe('STS AssumeRoleWithWebIdentity');
    expect(lanesOf(steps).map((lane) => lane.id)).toEqual(['client', 'sandbox', 'idp']);
    expect(isIdentityFlowEvent(events[0]!)).toBe(true);
    expect(isIdentityFlowEvent(event('flow.started', { kind: 'sign-in' }))).toBe(false);
  });

  it('lays the rules out as the decision table shows them', () => {
    const rows = ruleRows(roleResolved);
    expect(rows.map((row) => [row.status, row.tokenValue, row.chosen])).toEqual([
      ['no match', '—', false],
      ['matched', '["admins"]', true],
      ['not evaluated', '—', false],
    ]);
    // A rule that matched but lost to a CustomRoleArn or a denial is not the chosen one.
    expect(ruleRows({ ...roleResolved, decidedBy: 'denied' }).some((row) => row.chosen)).toBe(false);
  });
});

describe('the admin’s identity-pool form', () => {
  const described = {
    IdentityPoolId: IDENTITY_POOL,
    IdentityPoolName: 'app_identities',
    AllowUnauthenticatedIdentities: true,
    AllowClassicFlow: false,
    SupportedLoginProviders: { 'accounts.google.com': 'google-client' },
    DeveloperProviderName: 'login.example.app',
    OpenIdConnectProviderARNs: ['arn:aws:iam::000000000000:oidc-provider/login.example.com'],
    CognitoIdentityProviders: [{ ProviderName: USER_POOL_KEY, ClientId: 'client1', ServerSideTokenCheck: true }],
    SamlProviderARNs: ['arn:aws:iam::000000000000:saml-provider/Okta'],
    IdentityPoolTags: { team: 'web' },
  };

  it('sends back what DescribeIdentityPool gave, tags included, when nothing was changed', () => {
    expect(updatePoolInput(described, poolForm(described))).toEqual(described);
  });

  it('turns a new pool’s form into CreateIdentityPool, empty providers left out', () => {
    const form = poolForm();
    form.name = ' app ';
    form.userPools.push({ userPoolId: USER_POOL, clientId: 'client1', serverSideTokenCheck: false });
    form.social['graph.facebook.com'] = ' 1234 ';
    form.oidcArns = '\narn:aws:iam::000000000000:oidc-provider/a.example\n\n';
    expect(createPoolInput(form)).toEqual({
      IdentityPoolName: 'app',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      SupportedLoginProviders: { 'graph.facebook.com': '1234' },
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_KEY, ClientId: 'client1', ServerSideTokenCheck: false }],
      OpenIdConnectProviderARNs: ['arn:aws:iam::000000000000:oidc-provider/a.example'],
      SamlProviderARNs: [],
    });
  });

  it('says what it cannot send', () => {
    const form = poolForm();
    expect(poolFormProblems(form)).toEqual(['Give the identity pool a name.']);
    form.name = 'x';
    form.userPools.push({ userPoolId: USER_POOL, clientId: '', serverSideTokenCheck: false });
    expect(poolFormProblems(form)).toEqual(['Choose a user pool and an app client on every user pool row, or remove the row.']);
  });

  it('offers every provider of the pool as a role mapping key, user pools with their client', () => {
    expect(mappingKeys(described).map((entry) => entry.key)).toEqual([
      `${USER_POOL_KEY}:client1`,
      'accounts.google.com',
      'login.example.com',
      'arn:aws:iam::000000000000:saml-provider/Okta',
    ]);
    expect(mockOidcArn('000000000000', 'http://localhost:9229')).toBe('arn:aws:iam::000000000000:oidc-provider/localhost:9229/_mock-idp/oidc');
  });

  it('round-trips roles and role mappings through SetIdentityPoolRoles’ input', () => {
    const roles = {
      Roles: { authenticated: READERS },
      RoleMappings: {
        [`${USER_POOL_KEY}:client1`]: {
          Type: 'Rules' as const,
          AmbiguousRoleResolution: 'Deny' as const,
          RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains' as const, Value: 'admins', RoleARN: ADMINS }] },
        },
        'accounts.google.com': { Type: 'Token' as const, AmbiguousRoleResolution: 'AuthenticatedRole' as const },
      },
    };
    expect(rolesInput(IDENTITY_POOL, rolesForm(roles))).toEqual({ IdentityPoolId: IDENTITY_POOL, ...roles });
    expect(rolesFormProblems(rolesForm(roles))).toEqual([]);
  });

  it('says what a roles form lacks before Cognito does', () => {
    const form = rolesForm({});
    form.mappings.push({ key: 'accounts.google.com', type: 'Rules', ambiguous: 'Deny', rules: [] });
    form.mappings.push({ key: 'accounts.google.com', type: 'Rules', ambiguous: 'Deny', rules: [{ claim: '', matchType: 'Equals', value: 'x', roleArn: '' }] });
    expect(rolesFormProblems(form)).toEqual([
      'A provider can have only one role mapping.',
      'The Rules mapping for Google needs at least one rule.',
      'Every rule of Google needs a claim and a role ARN.',
    ]);
  });

  it('knows its sections in the URL', () => {
    expect(identityPoolSection('roles')).toBe('roles');
    expect(identityPoolSection('identities')).toBe('identities');
    expect(identityPoolSection(null)).toBe('providers');
    expect(identityPoolSection('user:alice')).toBe('providers');
  });
});
