/**
 * The settings CreateUserPool and UpdateUserPool share, turned into the stored config with
 * Cognito's defaults. UpdateUserPool builds them from scratch too: a setting the request omits
 * goes back to its default, as Cognito documents ("Updating a user pool with the API").
 */
import type {
  CreateUserPoolCommandInput,
  LambdaConfigType,
  PasswordPolicyType,
  RecoveryOptionType,
  UserPoolPolicyType,
  VerificationMessageTemplateType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolConfig } from '../../../../store/repositories/user-pools.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import type { Members } from '../../shapes.js';
import { DEFAULT_PASSWORD_POLICY } from '../../../../cognito/pool-config.js';
import * as shapes from './shapes.js';

export type PoolSettingsInput = Pick<
  CreateUserPoolCommandInput,
  | 'Policies'
  | 'DeletionProtection'
  | 'LambdaConfig'
  | 'AutoVerifiedAttributes'
  | 'SmsVerificationMessage'
  | 'EmailVerificationMessage'
  | 'EmailVerificationSubject'
  | 'VerificationMessageTemplate'
  | 'SmsAuthenticationMessage'
  | 'UserAttributeUpdateSettings'
  | 'MfaConfiguration'
  | 'DeviceConfiguration'
  | 'EmailConfiguration'
  | 'SmsConfiguration'
  | 'AdminCreateUserConfig'
  | 'UserPoolAddOns'
  | 'AccountRecoverySetting'
  | 'UserPoolTier'
>;

/** Input members both operations accept for these settings. */
export const poolSettingsMembers: Members = {
  Policies: shapes.UserPoolPolicyType,
  DeletionProtection: shapes.DeletionProtectionType,
  LambdaConfig: shapes.LambdaConfigType,
  AutoVerifiedAttributes: shapes.VerifiedAttributesListType,
  SmsVerificationMessage: shapes.SmsMessageType,
  EmailVerificationMessage: shapes.EmailMessageType,
  EmailVerificationSubject: shapes.EmailSubjectType,
  VerificationMessageTemplate: shapes.VerificationMessageTemplateType,
  SmsAuthenticationMessage: shapes.SmsMessageType,
  UserAttributeUpdateSettings: shapes.UserAttributeUpdateSettingsType,
  MfaConfiguration: shapes.UserPoolMfaType,
  DeviceConfiguration: shapes.DeviceConfigurationType,
  EmailConfiguration: shapes.EmailConfigurationType,
  SmsConfiguration: shapes.SmsConfigurationType,
  AdminCreateUserConfig: shapes.AdminCreateUserConfigType,
  UserPoolAddOns: shapes.UserPoolAddOnsType,
  AccountRecoverySetting: shapes.AccountRecoverySettingType,
  UserPoolTier: shapes.UserPoolTierType,
};

function passwordPolicy(input: PoolSettingsInput): PasswordPolicyType {
  const requested = input.Policies?.PasswordPolicy;
  const unusedAccountDays = input.AdminCreateUserConfig?.UnusedAccountValidityDays;
  const temporaryDays = requested?.TemporaryPasswordValidityDays;
  if (unusedAccountDays !== undefined && temporaryDays !== undefined && unusedAccountDays !== temporaryDays) {
    throw new InvalidParameterException('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays');
  }
  const validityDays = temporaryDays ?? unusedAccountDays ?? DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays;
  if (!requested) return { ...DEFAULT_PASSWORD_POLICY, TemporaryPasswordValidityDays: validityDays };
  // A policy in the request is taken as a whole: a requirement it leaves out is off.
  return {
    MinimumLength: requested.MinimumLength ?? DEFAULT_PASSWORD_POLICY.MinimumLength,
    RequireUppercase: requested.RequireUppercase ?? false,
    RequireLowercase: requested.RequireLowercase ?? false,
    RequireNumbers: requested.RequireNumbers ?? false,
    RequireSymbols: requested.RequireSymbols ?? false,
    ...(requested.PasswordHistorySize !== undefined && { PasswordHistorySize: requested.PasswordHistorySize }),
    TemporaryPasswordValidityDays: validityDays,
  };
}

function policies(input: PoolSettingsInput): UserPoolPolicyType {
  const factors = input.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
  if (!factors.includes('PASSWORD')) {
    throw new InvalidParameterException('AllowedFirstAuthFactors must include PASSWORD.');
  }
  return { PasswordPolicy: passwordPolicy(input), SignInPolicy: { AllowedFirstAuthFactors: [...new Set(factors)] } };
}

/** PreTokenGeneration and PreTokenGenerationConfig name the same function; Cognito fills either from the other. */
function lambdaConfig(requested: LambdaConfigType = {}): LambdaConfigType {
  const config: LambdaConfigType = { ...requested };
  const versioned = config.PreTokenGenerationConfig;
  if (config.PreTokenGeneration && versioned && versioned.LambdaArn !== config.PreTokenGeneration) {
    throw new InvalidParameterException('PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function.');
  }
  if (config.PreTokenGeneration && !versioned) {
    config.PreTokenGenerationConfig = { LambdaVersion: 'V1_0', LambdaArn: config.PreTokenGeneration };
  }
  if (versioned && !config.PreTokenGeneration) config.PreTokenGeneration = versioned.LambdaArn;
  if ((config.CustomSMSSender || config.CustomEmailSender) && !config.KMSKeyID) {
    throw new InvalidParameterException('KMSKeyID is required when a CustomSMSSender or CustomEmailSender trigger is configured.');
  }
  return config;
}

/** The template, with the legacy top-level fields filling what it leaves out. */
function verificationMessageTemplate(input: PoolSettingsInput): VerificationMessageTemplateType {
  const template = input.VerificationMessageTemplate ?? {};
  return dropUndefined({
    SmsMessage: template.SmsMessage ?? input.SmsVerificationMessage,
    EmailMessage: template.EmailMessage ?? input.EmailVerificationMessage,
    EmailSubject: template.EmailSubject ?? input.EmailVerificationSubject,
    EmailMessageByLink: template.EmailMessageByLink,
    EmailSubjectByLink: template.EmailSubjectByLink,
    DefaultEmailOption: template.DefaultEmailOption ?? 'CONFIRM_WITH_CODE',
  });
}

function attributeUpdateSettings(input: PoolSettingsInput) {
  const attributes = input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  const autoVerified = input.AutoVerifiedAttributes ?? [];
  const notVerified = attributes.filter((name) => !autoVerified.includes(name));
  if (notVerified.length > 0) {
    throw new InvalidParameterException(
      `Attributes that require verification before update must be auto-verified: ${notVerified.join(', ')} is not in AutoVerifiedAttributes.`,
    );
  }
  return { AttributesRequireVerificationBeforeUpdate: [...new Set(attributes)] };
}

function emailConfiguration(input: PoolSettingsInput) {
  const configuration = { ...input.EmailConfiguration, EmailSendingAccount: input.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT' };
  if (configuration.EmailSendingAccount === 'DEVELOPER' && !configuration.SourceArn) {
    throw new InvalidParameterException('SourceArn is required when EmailSendingAccount is DEVELOPER.');
  }
  return configuration;
}

function adminCreateUserConfig(input: PoolSettingsInput, temporaryPasswordDays: number) {
  const requested = input.AdminCreateUserConfig ?? {};
  return dropUndefined({
    AllowAdminCreateUserOnly: requested.AllowAdminCreateUserOnly ?? false,
    UnusedAccountValidityDays: temporaryPasswordDays,
    InviteMessageTemplate: requested.InviteMessageTemplate,
  });
}

function checkRecoveryMechanisms(mechanisms: RecoveryOptionType[]): void {
  const priorities = new Set(mechanisms.map((m) => m.Priority));
  const names = new Set(mechanisms.map((m) => m.Name));
  if (priorities.size !== mechanisms.length || names.size !== mechanisms.length) {
    throw new InvalidParameterException('RecoveryMechanisms must have unique names and unique priorities.');
  }
  if (names.has('admin_only') && mechanisms.length > 1) {
    throw new InvalidParameterException('admin_only cannot be combined with another recovery mechanism.');
  }
}

/**
 * The mutable part of a pool's config, in the order DescribeUserPool lists it. Settings Cognito
 * omits when unset stay absent.
 */
export function buildPoolSettings(input: PoolSettingsInput): Partial<UserPoolConfig> {
  const builtPolicies = policies(input);
  const template = verificationMessageTemplate(input);
  if (input.AccountRecoverySetting?.RecoveryMechanisms) checkRecoveryMechanisms(input.AccountRecoverySetting.RecoveryMechanisms);
  return dropUndefined({
    Policies: builtPolicies,
    DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: lambdaConfig(input.LambdaConfig),
    AutoVerifiedAttributes: input.AutoVerifiedAttributes?.length ? [...new Set(input.AutoVerifiedAttributes)] : undefined,
    SmsVerificationMessage: template.SmsMessage,
    EmailVerificationMessage: template.EmailMessage,
    EmailVerificationSubject: template.EmailSubject,
    VerificationMessageTemplate: template,
    SmsAuthenticationMessage: input.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: attributeUpdateSettings(input),
    MfaConfiguration: input.MfaConfiguration ?? 'OFF',
    DeviceConfiguration: input.DeviceConfiguration,
    EmailConfiguration: emailConfiguration(input),
    SmsConfiguration: input.SmsConfiguration,
    AdminCreateUserConfig: adminCreateUserConfig(input, builtPolicies.PasswordPolicy!.TemporaryPasswordValidityDays!),
    UserPoolAddOns: input.UserPoolAddOns,
    AccountRecoverySetting: input.AccountRecoverySetting,
    UserPoolTier: input.UserPoolTier ?? 'ESSENTIALS',
  });
}

export const MFA_NEEDS_SMS_MESSAGE = 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional';

export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
