/**
 * What the identity-pool pages know beyond the API: the pool's form and how it becomes a
 * CreateIdentityPool or UpdateIdentityPool request (UpdateIdentityPool replaces the whole pool,
 * so an edit sends back what the form does not show: its tags), the roles form and its
 * SetIdentityPoolRoles request, the providers a role mapping can be keyed by, and the admin's
 * place in the URL (`#/admin/<identityPoolId>/<section>`).
 */
import type * as Identity from '@aws-sdk/client-cognito-identity';
import { linesToList } from './admin-model';
import type { IdentityPool, RoleMapping } from './identity-api';
import { loginLabel, oidcLoginKey, parseUserPoolKey, PUBLIC_PROVIDERS, userPoolLoginKey } from '../lib/identity';

export interface UserPoolRow {
  userPoolId: string;
  clientId: string;
  serverSideTokenCheck: boolean;
}

export interface IdentityPoolForm {
  name: string;
  allowUnauthenticated: boolean;
  allowClassicFlow: boolean;
  userPools: UserPoolRow[];
  /** SupportedLoginProviders: login key → the app's id there (empty: not trusted). */
  social: Record<string, string>;
  /** One ARN per line. */
  oidcArns: string;
  samlArns: string;
  developerProviderName: string;
}

export function poolForm(pool?: IdentityPool): IdentityPoolForm {
  return {
    name: pool?.IdentityPoolName ?? '',
    allowUnauthenticated: pool?.AllowUnauthenticatedIdentities ?? false,
    allowClassicFlow: pool?.AllowClassicFlow ?? false,
    userPools: (pool?.CognitoIdentityProviders ?? []).map((provider) => ({
      userPoolId: parseUserPoolKey(provider.ProviderName ?? '')?.userPoolId ?? provider.ProviderName ?? '',
      clientId: provider.ClientId ?? '',
      serverSideTokenCheck: provider.ServerSideTokenCheck ?? false,
    })),
    social: Object.fromEntries(PUBLIC_PROVIDERS.map(({ key }) => [key, pool?.SupportedLoginProviders?.[key] ?? ''])),
    oidcArns: (pool?.OpenIdConnectProviderARNs ?? []).join('\n'),
    samlArns: (pool?.SamlProviderARNs ?? []).join('\n'),
    developerProviderName: pool?.DeveloperProviderName ?? '',
  };
}

/** What the form cannot send as it is (Cognito words the rest). */
export function poolFormProblems(form: IdentityPoolForm): string[] {
  const problems: string[] = [];
  if (!form.name.trim()) problems.push('Give the identity pool a name.');
  if (form.userPools.some((row) => !row.userPoolId || !row.clientId)) problems.push('Choose a user pool and an app client on every user pool row, or remove the row.');
  return problems;
}

/** The settings both CreateIdentityPool and UpdateIdentityPool take, from the form. */
function poolSettings(form: IdentityPoolForm): Omit<Identity.CreateIdentityPoolInput, 'IdentityPoolTags'> {
  const social = Object.fromEntries(
    Object.entries(form.social)
      .map(([key, id]) => [key, id.trim()] as const)
      .filter(([, id]) => id),
  );
  return {
    IdentityPoolName: form.name.trim(),
    AllowUnauthenticatedIdentities: form.allowUnauthenticated,
    AllowClassicFlow: form.allowClassicFlow,
    SupportedLoginProviders: social,
    CognitoIdentityProviders: form.userPools.map((row) => ({
      ProviderName: userPoolLoginKey(row.userPoolId),
      ClientId: row.clientId,
      ServerSideTokenCheck: row.serverSideTokenCheck,
    })),
    OpenIdConnectProviderARNs: linesToList(form.oidcArns) ?? [],
    SamlProviderARNs: linesToList(form.samlArns) ?? [],
    ...(form.developerProviderName.trim() && { DeveloperProviderName: form.developerProviderName.trim() }),
  };
}

export function createPoolInput(form: IdentityPoolForm): Identity.CreateIdentityPoolInput {
  return poolSettings(form);
}

/** UpdateIdentityPool replaces the pool: the form's settings, and the tags it does not show. */
export function updatePoolInput(pool: IdentityPool, form: IdentityPoolForm): Identity.IdentityPool {
  return { IdentityPoolId: pool.IdentityPoolId, ...poolSettings(form), ...(pool.IdentityPoolTags && { IdentityPoolTags: pool.IdentityPoolTags }) };
}

// ---------------------------------------------------------------------------------------------
// Roles and role mappings

export const MATCH_TYPES: readonly Identity.MappingRuleMatchType[] = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];

export interface RuleForm {
  claim: string;
  matchType: Identity.MappingRuleMatchType;
  value: string;
  roleArn: string;
}

export interface MappingForm {
  key: string;
  type: 'Token' | 'Rules';
  ambiguous: 'AuthenticatedRole' | 'Deny';
  rules: RuleForm[];
}

export interface RolesForm {
  authenticated: string;
  unauthenticated: string;
  mappings: MappingForm[];
}

export function emptyRule(): RuleForm {
  return { claim: 'cognito:groups', matchType: 'Contains', value: '', roleArn: '' };
}

export function rolesForm(roles: { Roles?: Record<string, string>; RoleMappings?: Record<string, RoleMapping> }): RolesForm {
  return {
    authenticated: roles.Roles?.authenticated ?? '',
    unauthenticated: roles.Roles?.unauthenticated ?? '',
    mappings: Object.entries(roles.RoleMappings ?? {}).map(([key, mapping]) => ({
      key,
      type: mapping.Type === 'Rules' ? 'Rules' : 'Token',
      ambiguous: mapping.AmbiguousRoleResolution === 'Deny' ? 'Deny' : 'AuthenticatedRole',
      rules: (mapping.RulesConfiguration?.Rules ?? []).map((rule) => ({
        claim: rule.Claim ?? '',
        matchType: rule.MatchType ?? 'Equals',
        value: rule.Value ?? '',
        roleArn: rule.RoleARN ?? '',
      })),
    })),
  };
}

export function rolesInput(identityPoolId: string, form: RolesForm): Identity.SetIdentityPoolRolesInput {
  const roles: Record<string, string> = {};
  if (form.authenticated.trim()) roles.authenticated = form.authenticated.trim();
  if (form.unauthenticated.trim()) roles.unauthenticated = form.unauthenticated.trim();
  const mappings: Record<string, RoleMapping> = {};
  for (const mapping of form.mappings) {
    mappings[mapping.key] = {
      Type: mapping.type,
      AmbiguousRoleResolution: mapping.ambiguous,
      ...(mapping.type === 'Rules' && {
        RulesConfiguration: {
          Rules: mapping.rules.map((rule) => ({ Claim: rule.claim.trim(), MatchType: rule.matchType, Value: rule.value, RoleARN: rule.roleArn.trim() })),
        },
      }),
    };
  }
  return { IdentityPoolId: identityPoolId, Roles: roles, RoleMappings: mappings };
}

export function rolesFormProblems(form: RolesForm): string[] {
  const problems: string[] = [];
  const keys = form.mappings.map((mapping) => mapping.key);
  if (keys.some((key) => !key)) problems.push('Choose the provider of every role mapping.');
  if (new Set(keys).size !== keys.length) problems.push('A provider can have only one role mapping.');
  for (const mapping of form.mappings) {
    if (mapping.type !== 'Rules') continue;
    if (mapping.rules.length === 0) problems.push(`The Rules mapping for ${loginLabel(mapping.key)} needs at least one rule.`);
    if (mapping.rules.some((rule) => !rule.claim.trim() || !rule.roleArn.trim()))
      problems.push(`Every rule of ${loginLabel(mapping.key)} needs a claim and a role ARN.`);
  }
  return problems;
}

/** The providers a role mapping can be keyed by: each user pool with its client, each public provider, OIDC issuer and SAML provider. */
export function mappingKeys(pool: IdentityPool): { key: string; label: string }[] {
  const keys = [
    ...(pool.CognitoIdentityProviders ?? []).map((provider) => `${provider.ProviderName}:${provider.ClientId}`),
    ...Object.keys(pool.SupportedLoginProviders ?? {}),
    ...(pool.OpenIdConnectProviderARNs ?? []).map(oidcLoginKey),
    ...(pool.SamlProviderARNs ?? []),
  ];
  return keys.map((key) => ({ key, label: loginLabel(key, pool.DeveloperProviderName) }));
}

/** The IAM OIDC provider ARN of the sandbox's built-in mock OIDC provider, reached at `origin`. */
export function mockOidcArn(accountId: string, origin: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${origin.replace(/^https?:\/\//, '')}/_mock-idp/oidc`;
}

// ---------------------------------------------------------------------------------------------
// The admin's place

export type IdentityPoolSection = 'providers' | 'roles' | 'identities';
export const IDENTITY_POOL_SECTIONS: { id: IdentityPoolSection; label: string }[] = [
  { id: 'providers', label: 'Settings and providers' },
  { id: 'roles', label: 'Roles' },
  { id: 'identities', label: 'Identities' },
];

export function identityPoolSection(tab: string | null): IdentityPoolSection {
  return IDENTITY_POOL_SECTIONS.find((section) => section.id === tab)?.id ?? 'providers';
}
