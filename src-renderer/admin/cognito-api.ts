/**
 * A tiny typed client for the Cognito user-pool API, spoken exactly as any client speaks it:
 * `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>` and an AWS JSON 1.1
 * body. The admin pages use nothing else to change the sandbox, so whatever they do shows up
 * in the debugger like any app's call. Request and response types are the AWS SDK's own, with
 * dates as they travel (epoch seconds).
 */
import type * as Cognito from '@aws-sdk/client-cognito-identity-provider';

/** The SDK's shapes as they are on the wire: its `Date` fields are epoch-second numbers. */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

interface Operations {
  ListUserPools: [Cognito.ListUserPoolsRequest, Cognito.ListUserPoolsResponse];
  CreateUserPool: [Cognito.CreateUserPoolRequest, Cognito.CreateUserPoolResponse];
  DescribeUserPool: [Cognito.DescribeUserPoolRequest, Cognito.DescribeUserPoolResponse];
  UpdateUserPool: [Cognito.UpdateUserPoolRequest, Cognito.UpdateUserPoolResponse];
  DeleteUserPool: [Cognito.DeleteUserPoolRequest, object];
  ListUserPoolClients: [Cognito.ListUserPoolClientsRequest, Cognito.ListUserPoolClientsResponse];
  CreateUserPoolClient: [Cognito.CreateUserPoolClientRequest, Cognito.CreateUserPoolClientResponse];
  DescribeUserPoolClient: [Cognito.DescribeUserPoolClientRequest, Cognito.DescribeUserPoolClientResponse];
  UpdateUserPoolClient: [Cognito.UpdateUserPoolClientRequest, Cognito.UpdateUserPoolClientResponse];
  DeleteUserPoolClient: [Cognito.DeleteUserPoolClientRequest, object];
  ListUsers: [Cognito.ListUsersRequest, Cognito.ListUsersResponse];
  AdminCreateUser: [Cognito.AdminCreateUserRequest, Cognito.AdminCreateUserResponse];
  AdminGetUser: [Cognito.AdminGetUserRequest, Cognito.AdminGetUserResponse];
  AdminDeleteUser: [Cognito.AdminDeleteUserRequest, object];
  AdminEnableUser: [Cognito.AdminEnableUserRequest, Cognito.AdminEnableUserResponse];
  AdminDisableUser: [Cognito.AdminDisableUserRequest, Cognito.AdminDisableUserResponse];
  AdminConfirmSignUp: [Cognito.AdminConfirmSignUpRequest, Cognito.AdminConfirmSignUpResponse];
  AdminSetUserPassword: [Cognito.AdminSetUserPasswordRequest, Cognito.AdminSetUserPasswordResponse];
  AdminUpdateUserAttributes: [Cognito.AdminUpdateUserAttributesRequest, Cognito.AdminUpdateUserAttributesResponse];
  AdminDeleteUserAttributes: [Cognito.AdminDeleteUserAttributesRequest, Cognito.AdminDeleteUserAttributesResponse];
  AdminListGroupsForUser: [Cognito.AdminListGroupsForUserRequest, Cognito.AdminListGroupsForUserResponse];
  AdminAddUserToGroup: [Cognito.AdminAddUserToGroupRequest, object];
  AdminRemoveUserFromGroup: [Cognito.AdminRemoveUserFromGroupRequest, object];
  ListGroups: [Cognito.ListGroupsRequest, Cognito.ListGroupsResponse];
  CreateGroup: [Cognito.CreateGroupRequest, Cognito.CreateGroupResponse];
  UpdateGroup: [Cognito.UpdateGroupRequest, Cognito.UpdateGroupResponse];
  DeleteGroup: [Cognito.DeleteGroupRequest, object];
  ListUsersInGroup: [Cognito.ListUsersInGroupRequest, Cognito.ListUsersInGroupResponse];
  GetUserPoolMfaConfig: [Cognito.GetUserPoolMfaConfigRequest, Cognito.GetUserPoolMfaConfigResponse];
  SetUserPoolMfaConfig: [Cognito.SetUserPoolMfaConfigRequest, Cognito.SetUserPoolMfaConfigResponse];
  AdminSetUserMFAPreference: [Cognito.AdminSetUserMFAPreferenceRequest, Cognito.AdminSetUserMFAPreferenceResponse];
  AdminDeleteSoftwareToken: [Cognito.AdminDeleteSoftwareTokenRequest, Cognito.AdminDeleteSoftwareTokenResponse];
  AdminListDevices: [Cognito.AdminListDevicesRequest, Cognito.AdminListDevicesResponse];
  AdminUpdateDeviceStatus: [Cognito.AdminUpdateDeviceStatusRequest, Cognito.AdminUpdateDeviceStatusResponse];
  AdminForgetDevice: [Cognito.AdminForgetDeviceRequest, object];
  CreateUserPoolDomain: [Cognito.CreateUserPoolDomainRequest, Cognito.CreateUserPoolDomainResponse];
  DeleteUserPoolDomain: [Cognito.DeleteUserPoolDomainRequest, object];
  ListIdentityProviders: [Cognito.ListIdentityProvidersRequest, Cognito.ListIdentityProvidersResponse];
  CreateIdentityProvider: [Cognito.CreateIdentityProviderRequest, Cognito.CreateIdentityProviderResponse];
  DescribeIdentityProvider: [Cognito.DescribeIdentityProviderRequest, Cognito.DescribeIdentityProviderResponse];
  UpdateIdentityProvider: [Cognito.UpdateIdentityProviderRequest, Cognito.UpdateIdentityProviderResponse];
  DeleteIdentityProvider: [Cognito.DeleteIdentityProviderRequest, object];
  AdminLinkProviderForUser: [Cognito.AdminLinkProviderForUserRequest, Cognito.AdminLinkProviderForUserResponse];
  AdminDisableProviderForUser: [Cognito.AdminDisableProviderForUserRequest, Cognito.AdminDisableProviderForUserResponse];
  ListUserPoolClientSecrets: [Cognito.ListUserPoolClientSecretsRequest, Cognito.ListUserPoolClientSecretsResponse];
  AddUserPoolClientSecret: [Cognito.AddUserPoolClientSecretRequest, Cognito.AddUserPoolClientSecretResponse];
  DeleteUserPoolClientSecret: [Cognito.DeleteUserPoolClientSecretRequest, object];
  AdminListUserSessions: [Cognito.AdminListUserSessionsRequest, Cognito.AdminListUserSessionsResponse];
  AdminRevokeUserSession: [Cognito.AdminRevokeUserSessionRequest, object];
  GetUserPoolSessionConfiguration: [Cognito.GetUserPoolSessionConfigurationRequest, Cognito.GetUserPoolSessionConfigurationResponse];
  SetUserPoolSessionConfiguration: [Cognito.SetUserPoolSessionConfigurationRequest, Cognito.SetUserPoolSessionConfigurationResponse];
  GetUserPoolClientSessionConfiguration: [Cognito.GetUserPoolClientSessionConfigurationRequest, Cognito.GetUserPoolClientSessionConfigurationResponse];
  SetUserPoolClientSessionConfiguration: [Cognito.SetUserPoolClientSessionConfigurationRequest, Cognito.SetUserPoolClientSessionConfigurationResponse];
  DescribeRiskConfiguration: [Cognito.DescribeRiskConfigurationRequest, Cognito.DescribeRiskConfigurationResponse];
  SetRiskConfiguration: [Cognito.SetRiskConfigurationRequest, Cognito.SetRiskConfigurationResponse];
  AdminUpdateAuthEventFeedback: [Cognito.AdminUpdateAuthEventFeedbackRequest, object];
}

export type Operation = keyof Operations;
export type Input<Op extends Operation> = Operations[Op][0];
export type Output<Op extends Operation> = Wire<Operations[Op][1]>;

export type UserPool = Wire<Cognito.UserPoolType>;
export type UserPoolSummary = Wire<Cognito.UserPoolDescriptionType>;
export type AppClient = Wire<Cognito.UserPoolClientType>;
export type User = Wire<Cognito.UserType>;
export type Group = Wire<Cognito.GroupType>;
export type Device = Wire<Cognito.DeviceType>;
export type SessionDescription = Wire<Cognito.SessionDescriptionType>;
export type IdentityProvider = Wire<Cognito.IdentityProviderType>;
export type ProviderSummary = Wire<Cognito.ProviderDescription>;
export type Attribute = Cognito.AttributeType;

/** An error answer, as Cognito words it: its type (`__type`) and message. */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = type;
  }
}

/** `com.amazonaws.cognito#UserNotFoundException` or `UserNotFoundException:` → `UserNotFoundException`. */
function errorType(raw: string): string {
  return raw.split('#').pop()!.split(':')[0]!.trim();
}

export async function cognito<Op extends Operation>(operation: Op, input: Input<Op>): Promise<Output<Op>> {
  return (await awsJson(`AWSCognitoIdentityProviderService.${operation}`, input)) as Output<Op>;
}

/** One AWS JSON 1.1 call (`X-Amz-Target: Service.Operation`); an error answer throws `CognitoError`. */
export async function awsJson(target: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch('/', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': target,
        // The API calls view hides the window's own calls unless asked (api.called's origin).
        'X-Cognito-Sandbox-Window': '1',
      },
      body: JSON.stringify(input),
    });
  } catch (error) {
    throw new CognitoError('NetworkError', `The sandbox did not answer: ${(error as Error).message}`, 0);
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    const type = errorType(String(body.__type ?? response.headers.get('x-amzn-ErrorType') ?? 'UnknownError'));
    throw new CognitoError(type, String(body.message ?? body.Message ?? `HTTP ${response.status}`), response.status);
  }
  return body;
}

/** Every page of a paged list operation, in order. */
export async function collectPages<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

/** A user's attributes as a map. */
export function attributeMap(attributes: Attribute[] | undefined): Record<string, string> {
  return Object.fromEntries((attributes ?? []).map((a) => [a.Name!, a.Value ?? '']));
}
