/**
 * Cognito Identity's records as the sandbox keeps them: an identity pool's configuration, its
 * identities and the logins linked to them, and the temporary credentials it hands out. Field
 * names follow the API (DescribeIdentityPool, SetIdentityPoolRoles ...) where the API has them.
 */

/** An identity pool's records are kept by the store, which defines them (it cannot import this layer). */
export type {
  CognitoIdentityProvider,
  IdentityPool,
  MappingRule,
  MappingRuleMatchType,
  PrincipalTagAttributeMap,
  RoleMapping,
} from '../../store/repositories/identity-pools.js';

/** An identity and its logins are kept by the store too (store/repositories/identities.ts). */
export type { IdentityLogin, StoredIdentity } from '../../store/repositories/identities.js';

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
