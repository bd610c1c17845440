/** Input shapes of the pool operations, with the constraints the Cognito API reference gives. */
import { ArnType, CustomAttributeNameType } from '../../model.js';
import { boolean, enumeration, integer, list, required, string, structure } from '../../shapes.js';

const printable = '\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}';

export const SmsMessageType = string({ min: 6, max: 140, pattern: '.*\\{####\\}.*' });
export const EmailMessageType = string({ min: 6, max: 20000, pattern: `[${printable}\\s*]*\\{####\\}[${printable}\\s*]*` });
export const EmailSubjectType = string({ min: 1, max: 140, pattern: `[${printable}\\s]+` });
const EmailMessageByLinkType = string({
  min: 6,
  max: 20000,
  pattern: `[${printable}\\s*]*\\{##[${printable}\\s*]*##\\}[${printable}\\s*]*`,
});
const EmailMfaSubjectType = string({ min: 1, max: 140, pattern: `[${printable}\\s\\-]+` });

export const UserPoolMfaType = enumeration(['OFF', 'ON', 'OPTIONAL']);
const VerifiedAttributeType = enumeration(['phone_number', 'email']);
const AuthFactorType = enumeration(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']);
const AttributeDataTypeShape = enumeration(['String', 'Number', 'DateTime', 'Boolean']);

const PasswordPolicyType = structure({
  MinimumLength: integer({ min: 6, max: 99 }),
  RequireUppercase: boolean(),
  RequireLowercase: boolean(),
  RequireNumbers: boolean(),
  RequireSymbols: boolean(),
  PasswordHistorySize: integer({ min: 0, max: 24 }),
  TemporaryPasswordValidityDays: integer({ min: 0, max: 365 }),
});

export const UserPoolPolicyType = structure({
  PasswordPolicy: PasswordPolicyType,
  SignInPolicy: structure({ AllowedFirstAuthFactors: list(AuthFactorType) }),
});

const lambdaVersion = (versions: string[]) => structure({ LambdaVersion: required(enumeration(versions)), LambdaArn: required(ArnType) });

export const LambdaConfigType = structure({
  PreSignUp: ArnType,
  CustomMessage: ArnType,
  PostConfirmation: ArnType,
  PreAuthentication: ArnType,
  PostAuthentication: ArnType,
  DefineAuthChallenge: ArnType,
  CreateAuthChallenge: ArnType,
  VerifyAuthChallengeResponse: ArnType,
  PreTokenGeneration: ArnType,
  UserMigration: ArnType,
  PreTokenGenerationConfig: lambdaVersion(['V1_0', 'V2_0', 'V3_0']),
  CustomSMSSender: lambdaVersion(['V1_0']),
  CustomEmailSender: lambdaVersion(['V1_0']),
  KMSKeyID: ArnType,
  InboundFederation: lambdaVersion(['V1_0']),
});

export const VerifiedAttributesListType = list(VerifiedAttributeType);
export const AliasAttributesListType = list(enumeration(['phone_number', 'email', 'preferred_username']));
export const UsernameAttributesListType = list(enumeration(['phone_number', 'email']));

export const VerificationMessageTemplateType = structure({
  SmsMessage: SmsMessageType,
  EmailMessage: EmailMessageType,
  EmailSubject: EmailSubjectType,
  EmailMessageByLink: EmailMessageByLinkType,
  EmailSubjectByLink: EmailSubjectType,
  DefaultEmailOption: enumeration(['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE']),
});

export const UserAttributeUpdateSettingsType = structure({ AttributesRequireVerificationBeforeUpdate: VerifiedAttributesListType });

export const DeviceConfigurationType = structure({ ChallengeRequiredOnNewDevice: boolean(), DeviceOnlyRememberedOnUserPrompt: boolean() });

export const EmailConfigurationType = structure({
  SourceArn: ArnType,
  ReplyToEmailAddress: string({ pattern: `[${printable}]+@[${printable}]+` }),
  EmailSendingAccount: enumeration(['COGNITO_DEFAULT', 'DEVELOPER']),
  From: string(),
  ConfigurationSet: string({ min: 1, max: 64, pattern: '[a-zA-Z0-9_-]+' }),
});

export const SmsConfigurationType = structure({
  SnsCallerArn: ArnType,
  ExternalId: string(),
  SnsRegion: string({ min: 5, max: 32, pattern: '[-\\w]+' }),
  EumsSms: structure({
    CallerArn: required(ArnType),
    ExternalId: string(),
    OriginationIdentity: string(),
    ConfigurationSetName: string(),
    InEntityId: string(),
    InTemplateId: string(),
    Region: string({ min: 5, max: 32, pattern: '[-\\w]+' }),
  }),
});

export const AdminCreateUserConfigType = structure({
  AllowAdminCreateUserOnly: boolean(),
  UnusedAccountValidityDays: integer({ min: 0, max: 365 }),
  InviteMessageTemplate: structure({ SMSMessage: SmsMessageType, EmailMessage: EmailMessageType, EmailSubject: EmailSubjectType }),
});

export const SchemaAttributeType = structure({
  Name: CustomAttributeNameType,
  AttributeDataType: AttributeDataTypeShape,
  DeveloperOnlyAttribute: boolean(),
  Mutable: boolean(),
  Required: boolean(),
  NumberAttributeConstraints: structure({ MinValue: string(), MaxValue: string() }),
  StringAttributeConstraints: structure({ MinLength: string(), MaxLength: string() }),
});

export const UserPoolAddOnsType = structure({
  AdvancedSecurityMode: required(enumeration(['OFF', 'AUDIT', 'ENFORCED'])),
  AdvancedSecurityAdditionalFlows: structure({ CustomAuthMode: enumeration(['AUDIT', 'ENFORCED']) }),
});

export const UsernameConfigurationType = structure({ CaseSensitive: required(boolean()) });

export const AccountRecoverySettingType = structure({
  RecoveryMechanisms: list(
    structure({
      Priority: required(integer({ min: 1, max: 2 })),
      Name: required(enumeration(['verified_email', 'verified_phone_number', 'admin_only'])),
    }),
    { min: 1, max: 2 },
  ),
});

export const DeletionProtectionType = enumeration(['ACTIVE', 'INACTIVE']);
export const UserPoolTierType = enumeration(['LITE', 'ESSENTIALS', 'PLUS']);

export const SmsMfaConfigType = structure({ SmsAuthenticationMessage: SmsMessageType, SmsConfiguration: SmsConfigurationType });
export const SoftwareTokenMfaConfigType = structure({ Enabled: boolean() });
export const EmailMfaConfigType = structure({ Message: EmailMessageType, Subject: EmailMfaSubjectType });
export const WebAuthnConfigurationType = structure({
  RelyingPartyId: string({ min: 1, max: 63 }),
  UserVerification: enumeration(['required', 'preferred']),
  FactorConfiguration: enumeration(['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION']),
});
