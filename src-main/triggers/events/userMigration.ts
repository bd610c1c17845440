/**
 * Migrate user [guide: Migrate user Lambda trigger]. Fires when no user matches the name at a
 * password sign-in (UserMigration_Authentication) or at ForgotPassword
 * (UserMigration_ForgotPassword).
 *
 * userName: what the user typed. request: password (sign-in only), validationData (the sign-in
 * call's ClientMetadata; null when none), clientMetadata (AdminRespondToAuthChallenge's or
 * ForgotPassword's, when passed). There is no userAttributes in the request: no user exists.
 * response: userAttributes, finalUserStatus, messageAction, desiredDeliveryMediums,
 * forceAliasCreation, enableSMSMFA, null as Cognito sends them.
 *
 * Read back as Cognito applies it: no userAttributes means the user is not migrated (Cognito
 * answers UserNotFoundException "Exception migrating user in app client CLIENT_ID", see
 * `notMigrated`); finalUserStatus is CONFIRMED only when it says so, else RESET_REQUIRED;
 * messageAction SUPPRESS skips the welcome message; desiredDeliveryMediums defaults to SMS;
 * forceAliasCreation and enableSMSMFA default to false. The password policy is not applied to
 * the migrated password (the flow's business, as are alias clashes and the `username` rule).
 */
import { UserNotFoundException } from '../../cognito/errors.js';
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, type CommonInput } from './common.js';
import { readBoolean, readString, readStringList, readStringMap, responseOf, unrecognizable } from './read.js';

export type UserMigrationSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

export interface UserMigrationRequest {
  password?: string;
  validationData: StringMap | null;
  clientMetadata?: StringMap;
}

export interface UserMigrationResponse {
  userAttributes: StringMap | null;
  forceAliasCreation: boolean | null;
  enableSMSMFA: boolean | null;
  finalUserStatus: string | null;
  messageAction: string | null;
  desiredDeliveryMediums: string[] | null;
}

export type UserMigrationEvent = TriggerEvent<UserMigrationSource, UserMigrationRequest, UserMigrationResponse>;

export interface UserMigrationInput extends CommonInput {
  triggerSource: UserMigrationSource;
  userName: string;
  /** The password typed at sign-in; never sent for ForgotPassword. */
  password?: string;
  validationData?: StringMap;
  clientMetadata?: StringMap;
}

export type DeliveryMedium = 'EMAIL' | 'SMS';

export interface MigratedUser {
  userAttributes: StringMap;
  finalUserStatus: 'CONFIRMED' | 'RESET_REQUIRED';
  suppressWelcomeMessage: boolean;
  desiredDeliveryMediums: DeliveryMedium[];
  forceAliasCreation: boolean;
  enableSMSMFA: boolean;
}

export function userMigrationEvent(input: UserMigrationInput): UserMigrationEvent {
  const password = input.triggerSource === 'UserMigration_Authentication' && input.password !== undefined ? { password: input.password } : {};
  return triggerEvent(
    input,
    {
      ...password,
      validationData: input.validationData ? { ...input.validationData } : null,
      ...clientMetadataMember(input.clientMetadata),
    },
    {
      userAttributes: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
    },
  );
}

function deliveryMediums(value: unknown): DeliveryMedium[] {
  const mediums = readStringList(value);
  if (!mediums || mediums.length === 0) return ['SMS'];
  if (!mediums.every((medium): medium is DeliveryMedium => medium === 'EMAIL' || medium === 'SMS')) throw unrecognizable();
  return [...new Set(mediums)];
}

/** The migrated user, or undefined when the function gave no userAttributes (not migrated). */
export function readUserMigrationResponse(output: unknown): MigratedUser | undefined {
  const response = responseOf(output);
  const userAttributes = readStringMap(response.userAttributes);
  const finalUserStatus = readString(response.finalUserStatus);
  const messageAction = readString(response.messageAction);
  const migrated: MigratedUser = {
    userAttributes: userAttributes ?? {},
    finalUserStatus: finalUserStatus === 'CONFIRMED' ? 'CONFIRMED' : 'RESET_REQUIRED',
    suppressWelcomeMessage: messageAction === 'SUPPRESS',
    desiredDeliveryMediums: deliveryMediums(response.desiredDeliveryMediums),
    forceAliasCreation: readBoolean(response.forceAliasCreation) ?? false,
    enableSMSMFA: readBoolean(response.enableSMSMFA) ?? false,
  };
  return userAttributes ? migrated : undefined;
}

/** What Cognito answers when the function did not migrate the user. */
export function notMigrated(clientId: string): InstanceType<typeof UserNotFoundException> {
  return new UserNotFoundException(`Exception migrating user in app client ${clientId}`);
}
