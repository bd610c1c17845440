/**
 * Typed reads of a stored pool's configuration, for every area that needs them (users, auth,
 * messaging). The config is exactly what DescribeUserPool returns; these accessors add the
 * defaults Cognito applies when a setting is absent.
 */
import type {
  MessageTemplateType,
  PasswordPolicyType,
  SchemaAttributeType,
  VerificationMessageTemplateType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../store/repositories/user-pools.js';

export const DEFAULT_PASSWORD_POLICY: Readonly<Required<Omit<PasswordPolicyType, 'PasswordHistorySize'>>> = Object.freeze({
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
});

/** The messages Cognito sends when a pool does not set its own. */
export const DEFAULT_VERIFICATION_MESSAGES: Readonly<Required<Omit<VerificationMessageTemplateType, 'DefaultEmailOption'>>> = Object.freeze({
  SmsMessage: 'Your verification code is {####}. ',
  EmailMessage: 'Your verification code is {####}. ',
  EmailSubject: 'Your verification code',
  EmailMessageByLink: 'Please click the link below to verify your email address. {##Verify Email##} ',
  EmailSubjectByLink: 'Your verification link',
});

export const DEFAULT_INVITE_MESSAGES: Readonly<Required<MessageTemplateType>> = Object.freeze({
  SMSMessage: 'Your username is {username} and temporary password is {####}. ',
  EmailMessage: 'Your username is {username} and temporary password is {####}. ',
  EmailSubject: 'Your temporary password',
});

export const DEFAULT_SMS_AUTHENTICATION_MESSAGE = 'Your authentication code is {####}. ';

/** Assumed defaults for email MFA (the reference gives none): the SMS message's wording. */
export const DEFAULT_EMAIL_MFA_MESSAGES = Object.freeze({ Subject: 'Your authentication code', Message: 'Your authentication code is {####}. ' });

/** The pool's password policy, complete (the stored one always is; this only types it). */
export function passwordPolicyOf(pool: UserPool): Required<Omit<PasswordPolicyType, 'PasswordHistorySize'>> & Pick<PasswordPolicyType, 'PasswordHistorySize'> {
  return { ...DEFAULT_PASSWORD_POLICY, ...pool.config.Policies?.PasswordPolicy };
}

/** Every attribute of the pool: standard ones, then `custom:` (and `dev:custom:`) ones. */
export function schemaOf(pool: UserPool): SchemaAttributeType[] {
  return pool.config.SchemaAttributes ?? [];
}

export function schemaAttribute(pool: UserPool, name: string): SchemaAttributeType | undefined {
  return schemaOf(pool).find((attribute) => attribute.Name === name);
}

/** Names of the attributes a user must have (always includes `sub`). */
export function requiredAttributeNames(pool: UserPool): string[] {
  return schemaOf(pool)
    .filter((attribute) => attribute.Required)
    .map((attribute) => attribute.Name!);
}

/** Usernames are case sensitive unless the pool says otherwise (the API's default). */
export function isUsernameCaseSensitive(pool: UserPool): boolean {
  return pool.config.UsernameConfiguration?.CaseSensitive ?? true;
}

/** The verification messages in force: the pool's own, falling back to Cognito's defaults. */
export function verificationMessagesOf(pool: UserPool): Required<VerificationMessageTemplateType> {
  return {
    ...DEFAULT_VERIFICATION_MESSAGES,
    DefaultEmailOption: 'CONFIRM_WITH_CODE',
    ...withoutUndefined(pool.config.VerificationMessageTemplate ?? {}),
  };
}

export function inviteMessagesOf(pool: UserPool): Required<MessageTemplateType> {
  return { ...DEFAULT_INVITE_MESSAGES, ...withoutUndefined(pool.config.AdminCreateUserConfig?.InviteMessageTemplate ?? {}) };
}

export function smsAuthenticationMessageOf(pool: UserPool): string {
  return pool.config.SmsAuthenticationMessage ?? DEFAULT_SMS_AUTHENTICATION_MESSAGE;
}

/** The email MFA code's subject and message: the pool's EmailMfaConfiguration, else the defaults. */
export function emailMfaMessagesOf(pool: UserPool): { Subject: string; Message: string } {
  const configured = pool.mfaFactors?.email ?? {};
  return { Subject: configured.Subject ?? DEFAULT_EMAIL_MFA_MESSAGES.Subject, Message: configured.Message ?? DEFAULT_EMAIL_MFA_MESSAGES.Message };
}

/** Which MFA factors users of this pool may use (SetUserPoolMfaConfig turns them on). */
export function enabledMfaFactors(pool: UserPool): { sms: boolean; softwareToken: boolean; email: boolean } {
  const factors = pool.mfaFactors ?? {};
  return { sms: factors.sms === true, softwareToken: factors.softwareToken === true, email: factors.email !== undefined };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
