/**
 * Custom SMS sender [guide: Custom sender Lambda triggers]. Replaces Cognito's own SMS
 * delivery: CustomSMSSender_SignUp, _ForgotPassword, _ResendCode, _VerifyUserAttribute,
 * _UpdateUserAttribute, _Authentication (the SMS MFA code), _AdminCreateUser (the guide's
 * table spells `_Resendcode`, its sample code `CustomSMSender_`). LambdaVersion V1_0.
 *
 * request: type "customSMSSenderRequestV1", code (encrypted with the pool's KMSKeyID key,
 * base64; see local-kms.ts), clientMetadata (when passed), userAttributes.
 * Cognito invokes it asynchronously and reads nothing back, so the event has no response.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, commonFields, type CommonInput } from './common.js';

export type CustomSmsSenderSource =
  | 'CustomSMSSender_SignUp'
  | 'CustomSMSSender_ForgotPassword'
  | 'CustomSMSSender_ResendCode'
  | 'CustomSMSSender_VerifyUserAttribute'
  | 'CustomSMSSender_UpdateUserAttribute'
  | 'CustomSMSSender_Authentication'
  | 'CustomSMSSender_AdminCreateUser';

export interface CustomSmsSenderRequest {
  type: 'customSMSSenderRequestV1';
  code: string | null;
  clientMetadata?: StringMap;
  userAttributes: StringMap;
}

export type CustomSmsSenderEvent = Omit<TriggerEvent<CustomSmsSenderSource, CustomSmsSenderRequest>, 'response'>;

export interface CustomSmsSenderInput extends CommonInput {
  triggerSource: CustomSmsSenderSource;
  userName: string;
  userAttributes: StringMap;
  /** The encrypted code (`Triggers.encryptCode`). */
  code: string | null;
  clientMetadata?: StringMap;
}

export function customSmsSenderEvent(input: CustomSmsSenderInput): CustomSmsSenderEvent {
  return {
    ...commonFields(input),
    request: {
      type: 'customSMSSenderRequestV1',
      code: input.code,
      ...clientMetadataMember(input.clientMetadata),
      userAttributes: { ...input.userAttributes },
    },
  };
}
