/**
 * What the admin pages know beyond the API: the choices their forms offer, how an edit becomes
 * an Update* request (Cognito's Update operations reset whatever a request omits, so an edit
 * sends back every setting it did not change), and the admin's place in the window's URL.
 */
import type * as Cognito from '@aws-sdk/client-cognito-identity-provider';
import type { FlowListItem } from '../../shared/debugger-api';
import type { AppClient, UserPool } from './cognito-api';

export const AUTH_FLOWS: { value: Cognito.ExplicitAuthFlowsType; label: string; hint: string }[] = [
  { value: 'ALLOW_USER_SRP_AUTH', label: 'USER_SRP_AUTH', hint: 'Secure Remote Password' },
  { value: 'ALLOW_USER_PASSWORD_AUTH', label: 'USER_PASSWORD_AUTH', hint: 'password sent to the API' },
  { value: 'ALLOW_ADMIN_USER_PASSWORD_AUTH', label: 'ADMIN_USER_PASSWORD_AUTH', hint: 'server side, with credentials' },
  { value: 'ALLOW_CUSTOM_AUTH', label: 'CUSTOM_AUTH', hint: 'Lambda challenges' },
  { value: 'ALLOW_USER_AUTH', label: 'USER_AUTH', hint: 'choice-based sign-in' },
  { value: 'ALLOW_REFRESH_TOKEN_AUTH', label: 'REFRESH_TOKEN_AUTH', hint: 'new tokens from a refresh token' },
];

export const OAUTH_FLOWS: Cognito.OAuthFlowType[] = ['code', 'implicit', 'client_credentials'];
export const OAUTH_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

/** The UpdateUserPool members DescribeUserPool shows (PoolName aside, which it calls Name). */
const POOL_SETTINGS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserPoolTier',
] as const satisfies readonly (keyof Cognito.UpdateUserPoolRequest & keyof UserPool)[];

/** UpdateUserPool with the pool's current settings, then `changes` on top. */
export function poolUpdate(pool: UserPool, changes: Partial<Cognito.UpdateUserPoolRequest>): Cognito.UpdateUserPoolRequest {
  const settings: Record<string, unknown> = {};
  for (const key of POOL_SETTINGS) if (pool[key] !== undefined) settings[key] = pool[key];
  return { UserPoolId: pool.Id, PoolName: pool.Name, ...settings, ...changes };
}

/** The UpdateUserPoolClient members DescribeUserPoolClient shows. */
const CLIENT_SETTINGS = [
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const satisfies readonly (keyof Cognito.UpdateUserPoolClientRequest & keyof AppClient)[];

/** UpdateUserPoolClient with the client's current settings, then `changes` on top. */
export function clientUpdate(client: AppClient, changes: Partial<Cognito.UpdateUserPoolClientRequest>): Cognito.UpdateUserPoolClientRequest {
  const settings: Record<string, unknown> = {};
  for (const key of CLIENT_SETTINGS) if (client[key] !== undefined) settings[key] = client[key];
  return { UserPoolId: client.UserPoolId, ClientId: client.ClientId, ...settings, ...changes };
}

/** One URL per line in a text area; an empty list is absent, as Cognito has it. */
export function linesToList(text: string): string[] | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length ? lines : undefined;
}

export type StatusTone = 'badge-success' | 'badge-warning' | 'badge-failure' | 'badge-active' | '';

/** A user's status as a coloured badge. */
export function userStatusTone(status: string | undefined): StatusTone {
  switch (status) {
    case 'CONFIRMED':
    case 'EXTERNAL_PROVIDER':
      return 'badge-success';
    case 'FORCE_CHANGE_PASSWORD':
    case 'RESET_REQUIRED':
      return 'badge-warning';
    case 'UNCONFIRMED':
      return 'badge-active';
    case 'ARCHIVED':
    case 'COMPROMISED':
      return 'badge-failure';
    default:
      return '';
  }
}

/** Attributes an admin cannot set or delete: Cognito manages them. */
export const MANAGED_ATTRIBUTES: ReadonlySet<string> = new Set(['sub', 'identities', 'cognito:user_status', 'cognito:mfa_enabled']);

/**
 * Where the admin is, in the window's `#/admin/<poolId>/<section>` URL: a section tab of the
 * pool, one user's page (`user:<username>`) or one app client's (`client:<clientId>`).
 */
export type AdminSection = 'users' | 'groups' | 'clients' | 'idps' | 'threat' | 'settings';
export const SECTIONS: { id: AdminSection; label: string }[] = [
  { id: 'users', label: 'Users' },
  { id: 'groups', label: 'Groups' },
  { id: 'clients', label: 'App clients' },
  { id: 'idps', label: 'Identity providers' },
  { id: 'threat', label: 'Threat protection' },
  { id: 'settings', label: 'Settings' },
];

export interface AdminPlace {
  section: AdminSection;
  username: string | null;
  clientId: string | null;
}

const USER_PREFIX = 'user:';
const CLIENT_PREFIX = 'client:';

export function parsePlace(tab: string | null): AdminPlace {
  if (tab?.startsWith(USER_PREFIX)) return { section: 'users', username: tab.slice(USER_PREFIX.length), clientId: null };
  if (tab?.startsWith(CLIENT_PREFIX)) return { section: 'clients', username: null, clientId: tab.slice(CLIENT_PREFIX.length) };
  const section = SECTIONS.find((s) => s.id === tab)?.id ?? 'users';
  return { section, username: null, clientId: null };
}

export function userTab(username: string): string {
  return `${USER_PREFIX}${username}`;
}

export function clientTab(clientId: string): string {
  return `${CLIENT_PREFIX}${clientId}`;
}

/**
 * The flows of one user: those in the user's pool that name them by username, sub or a sign-in
 * alias (a user signs in with their email in an email-as-username pool).
 */
export function flowsOfUser(flows: FlowListItem[], poolId: string, names: (string | undefined)[]): FlowListItem[] {
  const known = new Set(names.filter((n): n is string => !!n).map((n) => n.toLowerCase()));
  return flows.filter((flow) => flow.poolId === poolId && flow.username !== null && known.has(flow.username.toLowerCase()));
}

export function flowTone(flow: FlowListItem): StatusTone {
  if (flow.outcome === 'success') return 'badge-success';
  if (flow.outcome === 'failure') return 'badge-failure';
  if (flow.outcome) return 'badge-warning';
  return 'badge-active';
}

/** `2024-05-01 14:03` from epoch seconds (the API's dates). */
export function apiDate(epochSeconds: number | undefined): string {
  if (epochSeconds === undefined) return '—';
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
