/**
 * Custom email sender [guide: Custom sender Lambda triggers]. Replaces Cognito's own email
 * delivery: CustomEmailSender_SignUp, _ForgotPassword, _ResendCode, _UpdateUserAttribute,
 * _VerifyUserAttribute, _AdminCreateUser, _AccountTakeOverNotification (the guide's sample
 * code also spells `_Resendcode`). LambdaVersion V1_0.
 *
 * request: type "customEmailSenderRequestV1", code (the code or temporary password encrypted
 * with the pool's KMSKeyID key, base64; see local-kms.ts; null when there is none, as for an
 * account-takeover notification), clientMetadata (when passed), userAttributes.
 * Cognito invokes it asynchronously and reads nothing back, so the event has no response.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, commonFields, type CommonInput } from './common.js';

export type CustomEmailSenderSource =
  | 'CustomEmailSender_SignUp'
  | 'CustomEmailSender_ForgotPassword'
  | 'CustomEmailSender_ResendCode'
  | 'CustomEmailSender_UpdateUserAttribute'
  | 'CustomEmailSender_VerifyUserAttribute'
  | 'CustomEmailSender_AdminCreateUser'
  | 'CustomEmailSender_AccountTakeOverNotification'
  | 'CustomEmailSender_Authentication';

export interface CustomEmailSenderRequest {
  type: 'customEmailSenderRequestV1';
  code: string | null;
  clientMetadata?: StringMap;
  userAttributes: StringMap;
}

export type CustomEmailSenderEvent = Omit<TriggerEvent<CustomEmailSenderSource, CustomEmailSenderRequest>, 'response'>;

export interface CustomEmailSenderInput extends CommonInput {
  triggerSource: CustomEmailSenderSource;
  userName: string;
  userAttributes: StringMap;
  /** The encrypted code (`Triggers.encryptCode`), or null. */
  code: string | null;
  clientMetadata?: StringMap;
}

export function customEmailSenderEvent(input: CustomEmailSenderInput): CustomEmailSenderEvent {
  return {
    ...commonFields(input),
    request: {
      type: 'customEmailSenderRequestV1',
      code: input.code,
      ...clientMetadataMember(input.clientMetadata),
      userAttributes: { ...input.userAttributes },
    },
  };
}
