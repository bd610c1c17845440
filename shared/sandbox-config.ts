/**
 * The `--config FILE` format, which `GET /_sandbox/api/export` also answers: user pools with
 * their app clients (and their secrets), groups, identity providers, resource servers, domains,
 * hosted UI looks, users, risk, log delivery and session configurations and replicas; the
 * account's provisioned limits; and the local handler modules of Lambda triggers. Each entry is
 * what the matching Create* (or Set*) operation takes (the members a Describe* answer shows and a Create* does not take are
 * ignored), so the JSON `aws cognito-idp describe-user-pool` and `describe-user-pool-client`
 * print can be pasted into an entry. Pure types; no node, electron or vue here.
 */

/** A member the entry's operation takes, as the AWS JSON API writes it. */
type Members = Record<string, unknown>;

export interface ConfigUser {
  Username: string;
  /** Permanent password; omitted (and no PasswordVerifier): the user must be given one (FORCE_CHANGE_PASSWORD). */
  Password?: string;
  /** Attribute name to value, e.g. { "email": "a@example.com", "email_verified": "true" }. */
  Attributes?: Record<string, string>;
  Groups?: string[];
  Enabled?: boolean;
  /**
   * Exported users only: the user's password as the sandbox keeps it, never the password itself.
   * `Salt` and `Verifier` are the SRP-6a salt and verifier (hex) of the password for this pool id
   * and username, so they sign in only in a pool of the same `Id` under the same `Username`;
   * `Expires` (epoch ms) marks a temporary password.
   */
  PasswordVerifier?: { Salt: string; Verifier: string; Expires?: number };
  /** Exported users only: the status kept as it was (CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER). */
  UserStatus?: string;
  /** Exported users only: epoch ms, kept so ListUsers answers the same dates. */
  UserCreateDate?: number;
  UserLastModifiedDate?: number;
  /** Exported users only: the MFA factors turned on, the preferred one and the verified TOTP secret (base32). */
  Mfa?: { Enabled: string[]; Preferred?: string; SoftwareTokenSecret?: string };
}

export interface ConfigClient extends Members {
  ClientName: string;
  /** A fixed client id (26 lowercase alphanumerics is what Cognito's look like). */
  ClientId?: string;
  /** A fixed secret (the client then has one). */
  ClientSecret?: string;
  /** describe-user-pool-client's member: the pool a client entry given on its own belongs to. */
  UserPoolId?: string;
  /**
   * Exported clients only: every secret the client holds, oldest first (the oldest is what
   * DescribeUserPoolClient shows as ClientSecret). `ClientSecretCreateDate` is epoch ms; the id is
   * `<ClientId>--<ClientSecretCreateDate>`, so ListUserPoolClientSecrets answers the same ids.
   */
  ClientSecrets?: ConfigClientSecret[];
  /** The client's own SetRiskConfiguration input (without UserPoolId and ClientId), overriding the pool's. */
  RiskConfiguration?: Members;
  /** SetUserPoolClientSessionConfiguration's SSOSession, e.g. { "MaxValidityMinutes": 120 }. */
  SSOSession?: Members;
}

export interface ConfigClientSecret {
  ClientSecretId?: string;
  ClientSecretValue: string;
  /** Epoch milliseconds. */
  ClientSecretCreateDate?: number;
}

/** A secondary region of the pool (CreateUserPoolReplica, then UpdateUserPoolReplica for ACTIVE). */
export interface ConfigReplica {
  RegionName: string;
  Status?: 'ACTIVE' | 'INACTIVE';
  UserPoolTags?: Record<string, string>;
}

export interface ConfigPool extends Members {
  /** CreateUserPool's name; describe-user-pool's `Name` is read as it too. */
  PoolName?: string;
  Name?: string;
  /** A fixed pool id, `REGION_` followed by alphanumerics. */
  Id?: string;
  /** GetUserPoolMfaConfig's answer, applied with SetUserPoolMfaConfig after the pool is created. */
  MfaConfig?: Members;
  /** CreateUserPoolDomain inputs (without UserPoolId). describe-user-pool's `Domain` prefix is created when this is absent. */
  Domains?: Members[];
  /** CreateResourceServer inputs. */
  ResourceServers?: Members[];
  /** CreateIdentityProvider inputs (DescribeIdentityProvider's answer). */
  IdentityProviders?: Members[];
  Clients?: ConfigClient[];
  /** SetUICustomization inputs: `ClientId` absent for the pool's own (ALL); `ImageFile` base64. */
  UICustomizations?: Members[];
  /** CreateManagedLoginBranding inputs (ClientId, Settings, Assets, UseCognitoProvidedValues). */
  ManagedLoginBrandings?: Members[];
  /** CreateGroup inputs. */
  Groups?: Members[];
  Users?: ConfigUser[];
  /** The pool's SetRiskConfiguration input (without UserPoolId); the pool needs threat protection on. */
  RiskConfiguration?: Members;
  /** SetLogDeliveryConfiguration's LogConfigurations. */
  LogConfigurations?: Members[];
  /** SetUserPoolSessionConfiguration input (UserSessionTracking, TokenSession). */
  SessionConfiguration?: Members;
  Replicas?: ConfigReplica[];
}

/** An UpdateProvisionedLimit input: the account's rate for an API category. */
export interface ConfigProvisionedLimit {
  LimitDefinition: { LimitClass: string; Attributes: Record<string, string> };
  RequestedLimitValue: number;
}

export interface SandboxConfigFile {
  /** Set by the export: the sandbox that wrote it and when (ISO 8601). */
  exportedBy?: string;
  exported?: string;
  userPools?: ConfigPool[];
  /** The account's provisioned limits that differ from their defaults (set once the pools are made). */
  provisionedLimits?: ConfigProvisionedLimit[];
  /** Function name -> local handler module. */
  lambdaHandlers?: Record<string, string>;
}
