/**
 * Custom message [guide: Custom message Lambda trigger]. Fires before Cognito sends a code:
 * CustomMessage_SignUp, _AdminCreateUser (the temporary password), _ResendCode,
 * _ForgotPassword, _UpdateUserAttribute, _VerifyUserAttribute, _Authentication (the SMS MFA
 * code; the guide's source table also prints `CustomMessage.Authentication`).
 *
 * request: userAttributes, codeParameter "{####}" (the code's placeholder), linkParameter
 * "{##Click Here##}" (the verification link's, for pools that verify by link),
 * usernameParameter ("{username}" for AdminCreateUser, null otherwise), clientMetadata (when
 * passed). response: smsMessage, emailMessage, emailSubject, null as Cognito sends them.
 *
 * Read back as Cognito applies it:
 *  - emailMessage or emailSubject from a pool whose EmailSendingAccount is not DEVELOPER is
 *    refused with InvalidLambdaResponseException (the guide says so; its wording is ours);
 *  - a message without the code placeholder (or the link placeholder, when verifying by link),
 *    or, for AdminCreateUser, without the username placeholder, or longer than Cognito allows
 *    (SMS 140, email 20,000, subject 140 characters) is not used: Cognito sends its own message instead
 *    (`fallbacks` says which and why).
 * `renderCustomMessage` puts the code and username in place of the placeholders.
 */
import { InvalidLambdaResponseException } from '../../cognito/errors.js';
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, type CommonInput } from './common.js';
import { readString, responseOf } from './read.js';

export type CustomMessageSource =
  | 'CustomMessage_SignUp'
  | 'CustomMessage_AdminCreateUser'
  | 'CustomMessage_ResendCode'
  | 'CustomMessage_ForgotPassword'
  | 'CustomMessage_UpdateUserAttribute'
  | 'CustomMessage_VerifyUserAttribute'
  | 'CustomMessage_Authentication';

export const CODE_PARAMETER = '{####}';
export const LINK_PARAMETER = '{##Click Here##}';
export const USERNAME_PARAMETER = '{username}';
export const SMS_MESSAGE_MAX = 140;
export const EMAIL_MESSAGE_MAX = 20_000;
/** As the pool's own EmailVerificationSubject. */
export const EMAIL_SUBJECT_MAX = 140;

export interface CustomMessageRequest {
  userAttributes: StringMap;
  codeParameter: string;
  linkParameter: string;
  usernameParameter: string | null;
  clientMetadata?: StringMap;
}

export interface CustomMessageResponse {
  smsMessage: string | null;
  emailMessage: string | null;
  emailSubject: string | null;
}

export type CustomMessageEvent = TriggerEvent<CustomMessageSource, CustomMessageRequest, CustomMessageResponse>;

export interface CustomMessageInput extends CommonInput {
  triggerSource: CustomMessageSource;
  userName: string;
  userAttributes: StringMap;
  clientMetadata?: StringMap;
}

export interface CustomMessageSettings {
  /** The pool's EmailConfiguration.EmailSendingAccount (COGNITO_DEFAULT when unset). */
  emailSendingAccount?: string;
  /** The pool confirms sign-ups with a link (VerificationMessageTemplate.DefaultEmailOption CONFIRM_WITH_LINK). */
  verifiesByLink?: boolean;
}

export type CustomMessageField = 'smsMessage' | 'emailMessage' | 'emailSubject';

export interface CustomMessage {
  smsMessage?: string;
  emailMessage?: string;
  emailSubject?: string;
  /** The messages Cognito did not use, sending its own instead. */
  fallbacks: { field: CustomMessageField; reason: string }[];
}

export function customMessageEvent(input: CustomMessageInput): CustomMessageEvent {
  return triggerEvent(
    input,
    {
      userAttributes: { ...input.userAttributes },
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: input.triggerSource === 'CustomMessage_AdminCreateUser' ? USERNAME_PARAMETER : null,
      ...clientMetadataMember(input.clientMetadata),
    },
    { smsMessage: null, emailMessage: null, emailSubject: null },
  );
}

/** Why Cognito would not use `message`, or undefined when it would. */
function unusable(message: string, max: number, placeholders: string[]): string | undefined {
  const missing = placeholders.filter((placeholder) => !message.includes(placeholder));
  if (missing.length > 0) return `does not contain ${missing.join(' and ')}`;
  if (message.length > max) return `is longer than ${max} characters`;
  return undefined;
}

export function readCustomMessageResponse(output: unknown, event: CustomMessageEvent, settings: CustomMessageSettings = {}): CustomMessage {
  const response = responseOf(output);
  const smsMessage = readString(response.smsMessage);
  const emailMessage = readString(response.emailMessage);
  const emailSubject = readString(response.emailSubject);
  if ((emailMessage !== null || emailSubject !== null) && settings.emailSendingAccount !== 'DEVELOPER') {
    throw new InvalidLambdaResponseException(
      'Invalid lambda response: emailMessage and emailSubject can be used only when the user pool EmailSendingAccount is DEVELOPER.',
    );
  }
  const result: CustomMessage = { fallbacks: [] };
  const username = event.request.usernameParameter ? [event.request.usernameParameter] : [];
  const emailPlaceholder = settings.verifiesByLink && isSignUpConfirmation(event) ? event.request.linkParameter : event.request.codeParameter;
  const candidates: [CustomMessageField, string | null, number, string[]][] = [
    ['smsMessage', smsMessage, SMS_MESSAGE_MAX, [event.request.codeParameter, ...username]],
    ['emailMessage', emailMessage, EMAIL_MESSAGE_MAX, [emailPlaceholder, ...username]],
    ['emailSubject', emailSubject, EMAIL_SUBJECT_MAX, []],
  ];
  for (const [field, message, max, placeholders] of candidates) {
    if (message === null) continue;
    const reason = unusable(message, max, placeholders);
    if (reason) result.fallbacks.push({ field, reason: `${field} ${reason}` });
    else result[field] = message;
  }
  return result;
}

function isSignUpConfirmation(event: CustomMessageEvent): boolean {
  return event.triggerSource === 'CustomMessage_SignUp' || event.triggerSource === 'CustomMessage_ResendCode';
}

/** The message as sent: the code (or link) and the username in place of their placeholders. */
export function renderCustomMessage(message: string, event: CustomMessageEvent, values: { code?: string; link?: string; username?: string }): string {
  let rendered = message;
  if (values.code !== undefined) rendered = rendered.split(event.request.codeParameter).join(values.code);
  if (values.link !== undefined) rendered = rendered.split(event.request.linkParameter).join(values.link);
  if (values.username !== undefined && event.request.usernameParameter) rendered = rendered.split(event.request.usernameParameter).join(values.username);
  return rendered;
}
