/**
 * Named shapes shared by many operations, with the constraints the Cognito API reference gives
 * them. An operation file composes its input from these.
 */
import { boolean, enumeration, integer, list, map, string, structure, required } from './shapes.js';

const anyPrintable = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';

export const UserPoolIdType = string({ min: 1, max: 55, pattern: '[\\w-]+_[0-9a-zA-Z]+' });
export const ClientIdType = string({ min: 1, max: 128, pattern: '[\\w+]+', sensitive: false });
export const UsernameType = string({ min: 1, max: 128, pattern: anyPrintable, sensitive: false });
export const PasswordType = string({ max: 256, pattern: '[\\S]+', sensitive: true });
export const GroupNameType = string({ min: 1, max: 128, pattern: anyPrintable });
export const DescriptionType = string({ max: 2048 });
export const ArnType = string({ min: 20, max: 2048, pattern: 'arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?' });
export const PrecedenceType = integer({ min: 0, max: 2147483647 });
export const PaginationKey = string({ min: 1, pattern: '[\\S]+' });
export const SearchPaginationTokenType = string({ min: 1, pattern: '[\\S]+' });
export const QueryLimitType = integer({ min: 0, max: 60 });
export const PoolQueryLimitType = integer({ min: 1, max: 60 });
export const AttributeNameType = string({ min: 1, max: 32, pattern: anyPrintable });
export const AttributeValueType = string({ max: 2048, sensitive: false });
export const CustomAttributeNameType = string({ min: 1, max: 20, pattern: anyPrintable });
export const UserPoolNameType = string({ min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' });
export const ClientNameType = string({ min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' });
export const RedirectUrlType = string({ min: 1, max: 1024, pattern: anyPrintable });
export const ScopeType = string({ min: 1, max: 256, pattern: '[\\x21\\x23-\\x5B\\x5D-\\x7E]+' });
export const DomainType = string({ min: 1, max: 63, pattern: '[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?' });
export const ResourceServerIdentifierType = string({ min: 1, max: 256, pattern: '[\\x21\\x23-\\x5B\\x5D-\\x7E]+' });
export const ResourceServerNameType = string({ min: 1, max: 256, pattern: '[\\w\\s+=,.@-]+' });
export const ResourceServerScopeNameType = string({ min: 1, max: 256, pattern: '[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+' });
export const ResourceServerScopeDescriptionType = string({ min: 1, max: 256 });
export const ProviderNameTypeV1 = string({ min: 1, max: 32, pattern: '[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+' });
export const ProviderNameType = string({ min: 1, max: 32, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+' });
export const IdpIdentifierType = string({ min: 1, max: 40, pattern: '[\\w\\s+=.@-]+' });
export const TagKeysType = string({ min: 1, max: 128 });
export const TagValueType = string({ min: 0, max: 256 });
export const UserPoolTagsType = map(TagKeysType, TagValueType, { max: 50 });
export const UserFilterType = string({ max: 256 });
export const ClientMetadataType = map(string(), string());
/** An access or refresh token: a secret, so validation messages never echo it. */
export const TokenModelType = string({ pattern: '[A-Za-z0-9-_=.]+', sensitive: true });

export const AttributeType = structure({
  Name: required(AttributeNameType),
  Value: AttributeValueType,
});
export const AttributeListType = list(AttributeType);
export const AttributeNameListType = list(AttributeNameType);

export const DeliveryMediumType = enumeration(['SMS', 'EMAIL']);
export const DeliveryMediumListType = list(DeliveryMediumType);
export const MessageActionType = enumeration(['RESEND', 'SUPPRESS']);
export const BooleanType = boolean();

// ---- Authentication (InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge)

/** The AuthFlowType enum in the API model's order (validation messages list it so). */
export const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;
export const AuthFlowType = enumeration(AUTH_FLOWS);
export const ChallengeNameType = enumeration([
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
]);
export const AuthParametersType = map(string(), string({ sensitive: true }));
export const ChallengeResponsesType = map(string(), string({ sensitive: true }));
export const SessionType = string({ min: 20, max: 2048 });
export const AnalyticsMetadataType = structure({ AnalyticsEndpointId: string() });
export const UserContextDataType = structure({ IpAddress: string(), EncodedData: string() });
export const ContextDataType = structure({
  IpAddress: required(string()),
  ServerName: required(string()),
  ServerPath: required(string()),
  HttpHeaders: required(list(structure({ headerName: string(), headerValue: string() }))),
  EncodedData: string(),
});

// ---- Self-service (sign-up and password recovery); SecretHash is shared with sign-in ----
export const SecretHashType = string({ min: 1, max: 128, pattern: '[\\w+=/]+', sensitive: true });
export const ConfirmationCodeType = string({ min: 1, max: 2048, pattern: '[\\S]+', sensitive: true });
