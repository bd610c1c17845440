/**
 * Fault injection, as the server keeps it (src-main/debug/faults.ts) and the window shows it:
 * what a fault is, Cognito's API categories with their operations, and a fault in words.
 * Pure types and constants; no node, electron or vue here.
 */

export type FaultKind = 'throttle' | 'latency' | 'trigger' | 'delivery' | 'idp';
export const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'latency', 'trigger', 'delivery', 'idp'];

/** A trigger fault: the function times out (Cognito's 5 s, three tries) or throws. */
export type TriggerFaultMode = 'timeout' | 'throw';
/** An identity provider fault: its token endpoint answers an error (SAML: a Responder status), or does not answer in time. */
export type IdpFaultMode = 'error' | 'timeout';
export type FaultChannel = 'EMAIL' | 'SMS';

/** What `POST /_sandbox/api/faults` takes. Absent scope members mean "any": every pool, every operation. */
export interface FaultSpec {
  kind: FaultKind;
  poolId?: string;
  /** An AWS JSON operation (throttle, latency), or the operation that sends the message (delivery). */
  operation?: string;
  /** One of Cognito's API categories (throttle, latency, delivery): every operation in it. */
  category?: string;
  /** How often it hits, 0 to 100 (%): 100 by default. */
  rate?: number;
  /** Latency: the milliseconds added, 1 to 60,000. */
  ms?: number;
  trigger?: string;
  mode?: TriggerFaultMode | IdpFaultMode;
  /** Delivery: the channel that fails (both when absent). */
  channel?: FaultChannel;
  /** Idp: the identity provider's name in the pool (any when absent). */
  providerName?: string;
  /** Trigger `throw`: the function's error message; idp `error`: what the provider says. */
  message?: string;
}

export interface Fault extends FaultSpec {
  id: string;
  rate: number;
  /** Epoch ms. */
  created: number;
  /** How many times it has hit. */
  hits: number;
  /** The fault in words: `throttle 50 % on UserAuthentication`. */
  description: string;
}

/**
 * What a delivery fault's `operation` may name: the operations that send a code or an invitation,
 * and `Authentication`, the MFA codes sent at sign-in (InitiateAuth, RespondToAuthChallenge, the hosted UI).
 */
export const DELIVERY_OPERATIONS = [
  'SignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'GetUserAttributeVerificationCode',
  'UpdateUserAttributes',
  'AdminCreateUser',
  'AdminResetUserPassword',
  'Authentication',
] as const;

/** Trigger names as LambdaConfig names them (and Cognito's trigger errors). */
export const TRIGGER_NAMES = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
  'CustomMessage',
  'CustomEmailSender',
  'CustomSMSSender',
] as const;

/**
 * Cognito's user-pool API categories (the request-rate quotas: the Developer Guide's "API
 * operation categories and request rate quotas", with the category names Service Quotas uses
 * today) and the operations in each.
 *
 * Assumptions where the guide's table is older than the API: GetTokensFromRefreshToken counts as
 * UserAuthentication; GetUserAuthFactors and AdminGetUserAuthFactors as UserRead; the WebAuthn
 * credential operations as UserResourceRead/Update; GetUserAttributeVerificationCode as
 * UserResourceRead (the guide's "GetUserAttributeValues" / "GetUserAttributeMembership" name no
 * operation); AdminDeleteUser and DeleteUser as UserDeletion, CreateUserPool as UserPoolCreation and
 * DeleteUserPool as UserPoolDeletion (the categories Service Quotas lists); the newer pool resources
 * (branding, terms, log delivery, session configurations, client secrets, replicas, limits) as
 * UserPoolResourceRead/Update or UserPoolClientRead/Update by what they touch. UserFederation's
 * requests are the hosted UI's federated sign-ins (no AWS JSON operation); ClientAuthentication's
 * are the token endpoint's client_credentials grants. Identity-pool operations have per-operation
 * quotas and no category.
 */
export const API_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  UserAuthentication: ['InitiateAuth', 'RespondToAuthChallenge', 'AdminInitiateAuth', 'AdminRespondToAuthChallenge', 'GetTokensFromRefreshToken'],
  UserCreation: ['SignUp', 'ConfirmSignUp', 'AdminCreateUser', 'AdminConfirmSignUp'],
  UserFederation: [],
  UserAccountRecovery: ['ChangePassword', 'ConfirmForgotPassword', 'ForgotPassword', 'AdminResetUserPassword', 'AdminSetUserPassword'],
  UserRead: ['AdminGetUser', 'GetUser', 'GetUserAuthFactors', 'AdminGetUserAuthFactors'],
  UserUpdate: [
    'AdminAddUserToGroup',
    'AdminDeleteUserAttributes',
    'AdminUpdateUserAttributes',
    'AdminDisableUser',
    'AdminEnableUser',
    'AdminLinkProviderForUser',
    'AdminDisableProviderForUser',
    'VerifyUserAttribute',
    'DeleteUserAttributes',
    'UpdateUserAttributes',
    'AdminUserGlobalSignOut',
    'GlobalSignOut',
    'AdminRemoveUserFromGroup',
  ],
  UserDeletion: ['AdminDeleteUser', 'DeleteUser'],
  UserToken: ['RevokeToken'],
  UserResourceRead: [
    'AdminGetDevice',
    'AdminListGroupsForUser',
    'AdminListDevices',
    'GetDevice',
    'ListDevices',
    'GetUserAttributeVerificationCode',
    'ResendConfirmationCode',
    'AdminListUserAuthEvents',
    'ListWebAuthnCredentials',
    'AdminListUserSessions',
    'ListUserSessions',
  ],
  UserResourceUpdate: [
    'AdminForgetDevice',
    'AdminUpdateAuthEventFeedback',
    'AdminSetUserMFAPreference',
    'AdminSetUserSettings',
    'AdminUpdateDeviceStatus',
    'UpdateDeviceStatus',
    'UpdateAuthEventFeedback',
    'ConfirmDevice',
    'SetUserMFAPreference',
    'SetUserSettings',
    'VerifySoftwareToken',
    'AssociateSoftwareToken',
    'ForgetDevice',
    'AdminDeleteSoftwareToken',
    'StartWebAuthnRegistration',
    'CompleteWebAuthnRegistration',
    'DeleteWebAuthnCredential',
    'AdminRevokeUserSession',
    'RevokeUserSession',
  ],
  UserList: ['ListUsers', 'ListUsersInGroup'],
  UserPoolRead: ['DescribeUserPool', 'ListUserPools'],
  UserPoolUpdate: ['UpdateUserPool'],
  UserPoolCreation: ['CreateUserPool'],
  UserPoolDeletion: ['DeleteUserPool'],
  UserPoolResourceRead: [
    'DescribeIdentityProvider',
    'DescribeResourceServer',
    'DescribeUserImportJob',
    'DescribeUserPoolDomain',
    'GetCSVHeader',
    'GetGroup',
    'GetSigningCertificate',
    'GetIdentityProviderByIdentifier',
    'GetUserPoolMfaConfig',
    'ListGroups',
    'ListIdentityProviders',
    'ListResourceServers',
    'ListTagsForResource',
    'ListUserImportJobs',
    'DescribeRiskConfiguration',
    'GetUICustomization',
    'GetLogDeliveryConfiguration',
    'DescribeManagedLoginBranding',
    'DescribeManagedLoginBrandingByClient',
    'DescribeTerms',
    'DescribeTermsByClient',
    'ListTerms',
    'GetUserPoolSessionConfiguration',
    'ListUserPoolReplicas',
    'GetProvisionedLimit',
  ],
  UserPoolResourceUpdate: [
    'AddCustomAttributes',
    'CreateGroup',
    'CreateIdentityProvider',
    'CreateResourceServer',
    'CreateUserImportJob',
    'CreateUserPoolDomain',
    'DeleteGroup',
    'DeleteIdentityProvider',
    'DeleteResourceServer',
    'DeleteUserPoolDomain',
    'SetUserPoolMfaConfig',
    'StartUserImportJob',
    'StopUserImportJob',
    'UpdateGroup',
    'UpdateIdentityProvider',
    'UpdateResourceServer',
    'UpdateUserPoolDomain',
    'SetRiskConfiguration',
    'SetUICustomization',
    'TagResource',
    'UntagResource',
    'SetLogDeliveryConfiguration',
    'CreateManagedLoginBranding',
    'UpdateManagedLoginBranding',
    'DeleteManagedLoginBranding',
    'CreateTerms',
    'UpdateTerms',
    'DeleteTerms',
    'SetUserPoolSessionConfiguration',
    'CreateUserPoolReplica',
    'UpdateUserPoolReplica',
    'DeleteUserPoolReplica',
    'UpdateProvisionedLimit',
  ],
  UserPoolClientRead: ['DescribeUserPoolClient', 'ListUserPoolClients', 'ListUserPoolClientSecrets', 'GetUserPoolClientSessionConfiguration'],
  UserPoolClientUpdate: [
    'CreateUserPoolClient',
    'DeleteUserPoolClient',
    'UpdateUserPoolClient',
    'AddUserPoolClientSecret',
    'DeleteUserPoolClientSecret',
    'SetUserPoolClientSessionConfiguration',
  ],
  ClientAuthentication: [],
};

const CATEGORY_OF = new Map<string, string>(Object.entries(API_CATEGORIES).flatMap(([category, operations]) => operations.map((operation) => [operation, category] as const)));

/** The user-pool operation's API category, if it has one. */
export function categoryOf(operation: string): string | undefined {
  return CATEGORY_OF.get(operation);
}

/** The fault in words, as the window lists it and `fault.injected` names it: `throttle 50 % on UserAuthentication`. */
export function describeFault(fault: FaultSpec & { rate: number }): string {
  const rate = fault.rate === 100 ? '' : ` ${fault.rate} %`;
  const often = fault.rate === 100 ? '' : ` (${fault.rate} % of the time)`;
  const scope = [fault.operation ?? fault.category, fault.poolId && `in ${fault.poolId}`].filter(Boolean).join(' ');
  const where = (what: string | undefined) => (what ? ` on ${what}` : '');
  switch (fault.kind) {
    case 'throttle':
      return `throttle${rate}${where(scope || 'every operation')}`;
    case 'latency':
      return `latency +${fault.ms ?? 0} ms${rate}${where(scope || 'every operation')}`;
    case 'trigger':
      return `${fault.trigger ?? 'every trigger'} ${fault.mode === 'throw' ? 'throws' : 'times out'}${fault.poolId ? ` in ${fault.poolId}` : ''}${often}`;
    case 'delivery':
      return `${fault.channel ?? 'email and SMS'} delivery fails${where(scope)}${often}`;
    case 'idp':
      return `identity provider ${fault.providerName ?? '(any)'} ${fault.mode === 'timeout' ? 'times out' : 'errors'}${fault.poolId ? ` in ${fault.poolId}` : ''}${often}`;
  }
}
