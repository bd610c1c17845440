/**
 * The claims of Cognito's ID and access tokens, as the guide's samples show them. Pure
 * functions: the caller supplies times and ids.
 */
import { USER_ADMIN_SCOPE } from '../cognito/oauth.js';
import { IDENTITIES, identitiesClaim } from '../cognito/federation/identities.js';
import type { Group } from '../store/repositories/groups.js';

export interface UserClaimsSource {
  sub: string;
  username: string;
  attributes: { Name: string; Value: string }[];
}

export interface TokenContext {
  issuer: string;
  clientId: string;
  user: UserClaimsSource;
  groups: Group[];
  /** Attribute names the app client may read. */
  readableAttributes: ReadonlySet<string>;
  /** Epoch seconds. */
  authTime: number;
  issuedAt: number;
  expiresAt: number;
  /** Present when the client has token revocation on. */
  jti?: string;
  originJti?: string;
  eventId: string;
  scope?: string;
  /** The OAuth authorize request's nonce (ID token only). */
  nonce?: string;
  /** The device the sign-in used or was handed (access token only). */
  deviceKey?: string;
}

export type Claims = Record<string, unknown>;


/** Attributes whose claim is not a string. */
function claimValue(name: string, value: string): unknown {
  switch (name) {
    case 'email_verified':
    case 'phone_number_verified':
      return value === 'true';
    case 'updated_at': {
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
    case 'address':
      return { formatted: value };
    default:
      return value;
  }
}

/**
 * `cognito:preferred_role`: the role of the group with the best (lowest) precedence; groups
 * without precedence come last; a tie between different roles leaves it unset.
 */
export function preferredRole(groups: Group[]): string | undefined {
  const withRoles = groups.filter((g) => g.roleArn);
  if (withRoles.length === 0) return undefined;
  const rank = (g: Group) => g.precedence ?? Number.POSITIVE_INFINITY;
  const best = Math.min(...withRoles.map(rank));
  const roles = new Set(withRoles.filter((g) => rank(g) === best).map((g) => g.roleArn));
  return roles.size === 1 ? [...roles][0] : undefined;
}

/** The IAM roles of the user's groups, each once. */
export function groupRoles(groups: Group[]): string[] {
  return [...new Set(groups.map((g) => g.roleArn).filter((r): r is string => !!r))];
}

function groupClaims(groups: Group[]): Claims {
  if (groups.length === 0) return {};
  const roles = groupRoles(groups);
  const preferred = preferredRole(groups);
  return {
    'cognito:groups': groups.map((g) => g.name),
    ...(roles.length > 0 && { 'cognito:roles': roles }),
    ...(preferred && { 'cognito:preferred_role': preferred }),
  };
}

function revocationClaims(context: TokenContext): Claims {
  return context.jti ? { jti: context.jti, origin_jti: context.originJti } : {};
}

export function idTokenClaims(context: TokenContext): Claims {
  const attributes: Claims = {};
  for (const { Name, Value } of context.user.attributes) {
    // A federated user's providers are in every ID token, as an array (guide: "Linking federated users").
    if (Name === IDENTITIES) attributes[Name] = identitiesClaim(Value);
    if (Name === 'sub' || Name === IDENTITIES || !context.readableAttributes.has(Name)) continue;
    attributes[Name] = claimValue(Name, Value);
  }
  return {
    sub: context.user.sub,
    ...groupClaims(context.groups),
    ...attributes,
    iss: context.issuer,
    'cognito:username': context.user.username,
    aud: context.clientId,
    ...(context.nonce !== undefined && { nonce: context.nonce }),
    event_id: context.eventId,
    token_use: 'id',
    auth_time: context.authTime,
    exp: context.expiresAt,
    iat: context.issuedAt,
    ...revocationClaims(context),
  };
}

export function accessTokenClaims(context: TokenContext): Claims {
  const groups = groupClaims(context.groups)['cognito:groups'];
  return {
    sub: context.user.sub,
    ...(context.deviceKey !== undefined && { device_key: context.deviceKey }),
    ...(groups !== undefined && { 'cognito:groups': groups }),
    iss: context.issuer,
    client_id: context.clientId,
    event_id: context.eventId,
    token_use: 'access',
    // Through the user pools API (not OAuth) the access token has the user-pool APIs' scope alone.
    scope: context.scope ?? USER_ADMIN_SCOPE,
    auth_time: context.authTime,
    exp: context.expiresAt,
    iat: context.issuedAt,
    ...revocationClaims(context),
    username: context.user.username,
  };
}
