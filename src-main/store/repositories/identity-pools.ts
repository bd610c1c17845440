/**
 * Identity pools (Cognito Identity): each pool's configuration as DescribeIdentityPool answers
 * it, and beside it what its own operations set (tags, roles, role mappings, principal tag maps).
 * Field names follow the API (DescribeIdentityPool, SetIdentityPoolRoles ...).
 */
import type { Db } from '../db.js';

/** A user pool app client an identity pool trusts (`CognitoIdentityProviders`). */
export interface CognitoIdentityProvider {
  /** `cognito-idp.{region}.amazonaws.com/{userPoolId}`: the login key Amplify sends. */
  ProviderName: string;
  ClientId: string;
  /** Check with the user pool that the token was not revoked (signed out) before trusting it. */
  ServerSideTokenCheck?: boolean;
}

export type MappingRuleMatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

export interface MappingRule {
  Claim: string;
  MatchType: MappingRuleMatchType;
  Value: string;
  RoleARN: string;
}

export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRule[] };
}

/** SetPrincipalTagAttributeMap for one provider: tag key → the provider's claim or attribute. */
export interface PrincipalTagAttributeMap {
  UseDefaults: boolean;
  PrincipalTags: Record<string, string>;
}

export interface IdentityPool {
  /** `{region}:{uuid}`. */
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  /**
   * Absent when never set: GetOpenIdToken refuses the basic flow only when it is false
   * ("Basic (classic) flow is not enabled, please use enhanced flow."), as Cognito does.
   */
  AllowClassicFlow?: boolean;
  /** Public providers: `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`, `appleid.apple.com` → the app's id there. */
  SupportedLoginProviders: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs: string[];
  CognitoIdentityProviders: CognitoIdentityProvider[];
  SamlProviderARNs: string[];
  IdentityPoolTags: Record<string, string>;
  /** `authenticated` / `unauthenticated` → role ARN (SetIdentityPoolRoles). */
  Roles: Record<string, string>;
  /** Login key (or `{userPoolProvider}:{clientId}`) → how its users' roles are chosen. */
  RoleMappings: Record<string, RoleMapping>;
  /** Provider name as SetPrincipalTagAttributeMap named it → its principal tag attribute map, when one was set. */
  PrincipalTagAttributeMaps: Record<string, PrincipalTagAttributeMap>;
  /** Epoch milliseconds. */
  created: number;
  updated: number;
}

/** Where a page of pools ends: pools are listed by creation time, then id. */
export interface IdentityPoolCursor {
  created: number;
  id: string;
}

/** The members UpdateIdentityPool replaces, kept as one JSON column. */
export type IdentityPoolConfig = Pick<
  IdentityPool,
  | 'AllowUnauthenticatedIdentities'
  | 'AllowClassicFlow'
  | 'SupportedLoginProviders'
  | 'DeveloperProviderName'
  | 'OpenIdConnectProviderARNs'
  | 'CognitoIdentityProviders'
  | 'SamlProviderARNs'
>;

interface Row {
  id: string;
  name: string;
  config: string;
  tags: string;
  roles: string;
  role_mappings: string;
  principal_tag_maps: string;
  created: number;
  updated: number;
}

function fromRow(row: Row): IdentityPool {
  const config: IdentityPoolConfig = JSON.parse(row.config);
  return {
    IdentityPoolId: row.id,
    IdentityPoolName: row.name,
    ...config,
    IdentityPoolTags: JSON.parse(row.tags),
    Roles: JSON.parse(row.roles),
    RoleMappings: JSON.parse(row.role_mappings),
    PrincipalTagAttributeMaps: JSON.parse(row.principal_tag_maps),
    created: row.created,
    updated: row.updated,
  };
}

function configOf(pool: IdentityPool): string {
  const config: IdentityPoolConfig = {
    AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
    ...(pool.AllowClassicFlow !== undefined && { AllowClassicFlow: pool.AllowClassicFlow }),
    SupportedLoginProviders: pool.SupportedLoginProviders,
    ...(pool.DeveloperProviderName !== undefined && { DeveloperProviderName: pool.DeveloperProviderName }),
    OpenIdConnectProviderARNs: pool.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: pool.CognitoIdentityProviders,
    SamlProviderARNs: pool.SamlProviderARNs,
  };
  return JSON.stringify(config);
}

/** The row's values after its id, in the column order of INSERT and UPDATE below. */
function valuesOf(pool: IdentityPool): (string | number)[] {
  return [
    pool.IdentityPoolName,
    configOf(pool),
    JSON.stringify(pool.IdentityPoolTags),
    JSON.stringify(pool.Roles),
    JSON.stringify(pool.RoleMappings),
    JSON.stringify(pool.PrincipalTagAttributeMaps),
    pool.updated,
  ];
}

export class IdentityPoolsRepository {
  constructor(private readonly db: Db) {}

  find(id: string): IdentityPool | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM identity_pools WHERE id = ?', [id]));
    return row && fromRow(row);
  }

  /** Up to `limit` pools in creation order, after `after` (exclusive; a cursor stays valid when its pool is deleted). */
  page(after: IdentityPoolCursor | undefined, limit: number): IdentityPool[] {
    return this.db
      .read((tx) =>
        after === undefined
          ? tx.all<Row>('SELECT * FROM identity_pools ORDER BY created, id LIMIT ?', [limit])
          : tx.all<Row>('SELECT * FROM identity_pools WHERE created > ? OR (created = ? AND id > ?) ORDER BY created, id LIMIT ?', [
              after.created,
              after.created,
              after.id,
              limit,
            ]),
      )
      .map(fromRow);
  }

  count(): number {
    return this.db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM identity_pools')!.n);
  }

  insert(pool: IdentityPool): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO identity_pools (id, name, config, tags, roles, role_mappings, principal_tag_maps, updated, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [pool.IdentityPoolId, ...valuesOf(pool), pool.created],
      ),
    );
  }

  /** Writes everything but the id and creation time. */
  save(pool: IdentityPool): void {
    this.db.write((tx) =>
      tx.run(
        'UPDATE identity_pools SET name = ?, config = ?, tags = ?, roles = ?, role_mappings = ?, principal_tag_maps = ?, updated = ? WHERE id = ?',
        [...valuesOf(pool), pool.IdentityPoolId],
      ),
    );
  }

  remove(id: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM identity_pools WHERE id = ?', [id])) > 0;
  }
}
