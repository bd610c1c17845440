/**
 * The fields every trigger event starts with [guide: User pool Lambda trigger common
 * parameters], in Cognito's order: version, triggerSource, region, userPoolId, userName,
 * callerContext { awsSdkVersion, clientId }; then the trigger's request and response.
 *
 * Details real events show beyond the guide's outline:
 *  - a call without an app client (AdminCreateUser, ...) has callerContext.clientId
 *    "CLIENT_ID_NOT_APPLICABLE";
 *  - awsSdkVersion names the caller's SDK ("aws-sdk-js-3.901.0"), "aws-sdk-unknown-unknown"
 *    when Cognito cannot tell (hosted UI, raw HTTP);
 *  - an existing user's userAttributes carry `sub`, `cognito:user_status` and, for a verified
 *    alias, `cognito:email_alias` / `cognito:phone_number_alias`; every value is a string;
 *  - clientMetadata is present only when the API call passed ClientMetadata.
 */
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { CallerContext, StringMap, TriggerEvent } from '../types.js';

export const CLIENT_ID_NOT_APPLICABLE = 'CLIENT_ID_NOT_APPLICABLE';
export const UNKNOWN_SDK_VERSION = 'aws-sdk-unknown-unknown';

/** What each builder needs for the common fields. */
export interface CommonInput {
  userPoolId: string;
  /** The app client the call came through; omitted for admin calls that name none. */
  clientId?: string | null;
  /** As `awsSdkVersionOf(userAgent)` reads it from the caller's User-Agent. */
  awsSdkVersion?: string;
}

/** The region a pool id names: `us-east-1` of `us-east-1_AbC123xyZ`. */
export function regionOf(userPoolId: string): string {
  return userPoolId.slice(0, userPoolId.indexOf('_'));
}

/** `aws-sdk-js-3.901.0` from a User-Agent such as `aws-sdk-js/3.901.0 ua/2.1 os/linux ...`. */
export function awsSdkVersionOf(userAgent: string | undefined): string {
  const match = /\baws-sdk-([a-z0-9]+)\/(\S+)/i.exec(userAgent ?? '');
  return match ? `aws-sdk-${match[1]!.toLowerCase()}-${match[2]}` : UNKNOWN_SDK_VERSION;
}

export function callerContextOf(input: CommonInput): CallerContext {
  return { awsSdkVersion: input.awsSdkVersion ?? UNKNOWN_SDK_VERSION, clientId: input.clientId ?? CLIENT_ID_NOT_APPLICABLE };
}

export type CommonFields<Source extends string> = Omit<TriggerEvent<Source>, 'request' | 'response'>;

/** The common fields, in Cognito's order. */
export function commonFields<Source extends string>(input: CommonInput & { triggerSource: Source; userName: string | null; version?: string }): CommonFields<Source> {
  return {
    version: input.version ?? '1',
    triggerSource: input.triggerSource,
    region: regionOf(input.userPoolId),
    userPoolId: input.userPoolId,
    userName: input.userName,
    callerContext: callerContextOf(input),
  };
}

/** A whole event: the common fields, then request and response. */
export function triggerEvent<Source extends string, Request, Response>(
  input: CommonInput & { triggerSource: Source; userName: string | null; version?: string },
  request: Request,
  response: Response,
): TriggerEvent<Source, Request, Response> {
  return { ...commonFields(input), request, response };
}

/** `{ clientMetadata }` when the call passed ClientMetadata, else nothing (spread it into a request). */
export function clientMetadataMember(clientMetadata: StringMap | undefined): { clientMetadata?: StringMap } {
  return clientMetadata === undefined ? {} : { clientMetadata: { ...clientMetadata } };
}

/** `{ userNotFound }` when the app client prevents user existence errors, else nothing. */
export function userNotFoundMember(userNotFound: boolean | undefined): { userNotFound?: boolean } {
  return userNotFound === undefined ? {} : { userNotFound };
}

const ALIASABLE = ['email', 'phone_number'] as const;

/** An existing user's attributes as trigger events show them. */
export function userAttributesOf(user: StoredUser, pool?: Pick<UserPool, 'config'>): StringMap {
  const attributes: StringMap = {};
  for (const { Name, Value } of user.attributes) attributes[Name] = Value;
  attributes['cognito:user_status'] = user.status;
  const aliases = new Set<string>([...(pool?.config.AliasAttributes ?? []), ...(pool?.config.UsernameAttributes ?? [])]);
  for (const name of ALIASABLE) {
    if (aliases.has(name) && attributes[name] && attributes[`${name}_verified`] === 'true') {
      attributes[`cognito:${name}_alias`] = attributes[name]!;
    }
  }
  return attributes;
}
