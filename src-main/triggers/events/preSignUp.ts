/**
 * Pre sign-up [guide: Pre sign-up Lambda trigger]. Fires on SignUp (PreSignUp_SignUp),
 * AdminCreateUser (PreSignUp_AdminCreateUser) and a federated user's first sign-in
 * (PreSignUp_ExternalProvider).
 *
 * request: userAttributes (the attributes being signed up with), validationData (SignUp's or
 * AdminCreateUser's ValidationData; null when none), clientMetadata (when passed).
 * response: autoConfirmUser, autoVerifyPhone, autoVerifyEmail, false as Cognito sends them.
 * Cognito ignores all three for PreSignUp_AdminCreateUser. The flow applies the rest of the
 * guide's rules: autoVerifyEmail/Phone need a non-null email/phone_number, and a verified alias
 * moves from the user who held it.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, type CommonInput } from './common.js';
import { readBoolean, responseOf } from './read.js';

export type PreSignUpSource = 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';

export interface PreSignUpRequest {
  userAttributes: StringMap;
  validationData: StringMap | null;
  clientMetadata?: StringMap;
}

export interface PreSignUpResponse {
  autoConfirmUser: boolean;
  autoVerifyPhone: boolean;
  autoVerifyEmail: boolean;
}

export type PreSignUpEvent = TriggerEvent<PreSignUpSource, PreSignUpRequest, PreSignUpResponse>;

export interface PreSignUpInput extends CommonInput {
  triggerSource: PreSignUpSource;
  userName: string;
  userAttributes: StringMap;
  validationData?: StringMap;
  clientMetadata?: StringMap;
}

export function preSignUpEvent(input: PreSignUpInput): PreSignUpEvent {
  return triggerEvent(
    input,
    {
      userAttributes: { ...input.userAttributes },
      validationData: input.validationData ? { ...input.validationData } : null,
      ...clientMetadataMember(input.clientMetadata),
    },
    { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
  );
}

export function readPreSignUpResponse(output: unknown, event: PreSignUpEvent): PreSignUpResponse {
  const response = responseOf(output);
  const decided = {
    autoConfirmUser: readBoolean(response.autoConfirmUser) ?? false,
    autoVerifyPhone: readBoolean(response.autoVerifyPhone) ?? false,
    autoVerifyEmail: readBoolean(response.autoVerifyEmail) ?? false,
  };
  if (event.triggerSource === 'PreSignUp_AdminCreateUser') {
    return { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false };
  }
  return decided;
}
