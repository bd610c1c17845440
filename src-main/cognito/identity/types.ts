/**
 * Cognito Identity's records as the sandbox keeps them: an identity pool's configuration, its
 * identities and the logins linked to them, and the temporary credentials it hands out. Field
 * names follow the API (DescribeIdentityPool, SetIdentityPoolRoles ...) where the API has them.
 */

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
  /** Login key → its principal tag attribute map, when one was set. */
  PrincipalTagAttributeMaps: Record<string, PrincipalTagAttributeMap>;
  created: number;
  updated: number;
}

/** A login linked to an identity: the provider's login key and who the user is there. */
export interface IdentityLogin {
  /** The login key: `cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12`, `accounts.google.com`, a developer provider name, an OIDC provider's issuer host, a SAML provider ARN. */
  provider: string;
  /** The user at that provider: the token's `sub`, a Facebook or Amazon user id, a developer user identifier. */
  subject: string;
  linked: number;
}

export interface StoredIdentity {
  /** `{region}:{uuid}`. */
  IdentityId: string;
  IdentityPoolId: string;
  logins: IdentityLogin[];
  created: number;
  updated: number;
  /** Set when this identity was merged into another (it no longer answers; the other does). */
  mergedInto?: string;
  /** Epoch ms it stopped answering: merged into another, or its last login unlinked (ListIdentities' HideDisabled hides it). */
  disabled?: number;
}

/** Temporary AWS credentials as GetCredentialsForIdentity and AssumeRoleWithWebIdentity answer them. */
export interface IssuedCredentials {
  AccessKeyId: string;
  SecretKey: string;
  SessionToken: string;
  /** Epoch milliseconds. */
  Expiration: number;
}

/** What a login's token proved, once every check passed (cognito/identity/logins.ts). */
export interface VerifiedLogin {
  /** The login key as sent. */
  provider: string;
  kind: 'cognito' | 'oidc' | 'saml' | 'social' | 'cognito-identity';
  subject: string;
  /** The token's claims (SAML: its attributes, multi-valued ones as arrays); role mapping and principal tags read these. */
  claims: Record<string, unknown>;
  /** A user pool login: the app client the token was issued to (role mappings may be keyed `{provider}:{clientId}`). */
  clientId?: string;
  /** A SAML login: the roles the assertion offers (`https://aws.amazon.com/SAML/Attributes/Role`), as role ARNs. */
  samlRoles?: string[];
}
