/** The app client settings CreateUserPoolClient and UpdateUserPoolClient share, with the model's constraints. */
import { ArnType, ProviderNameType, RedirectUrlType, ScopeType } from '../../model.js';
import { boolean, enumeration, integer, list, required, string, structure, type Members } from '../../shapes.js';

const TimeUnitsType = enumeration(['seconds', 'minutes', 'hours', 'days']);

const ExplicitAuthFlowsType = enumeration([
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
  'ALLOW_CLIENT_TOKEN_AUTH',
]);

const AnalyticsConfigurationType = structure({
  ApplicationId: string({ pattern: '[0-9a-fA-F]+' }),
  ApplicationArn: ArnType,
  RoleArn: ArnType,
  ExternalId: string(),
  UserDataShared: boolean(),
});

const RefreshTokenRotationType = structure({
  Feature: required(enumeration(['ENABLED', 'DISABLED'])),
  RetryGracePeriodSeconds: integer({ min: 0, max: 60 }),
});

export const ClientSecretType = string({ min: 24, max: 64, pattern: '[\\w+]+', sensitive: true });

export const clientSettingsMembers: Members = {
  RefreshTokenValidity: integer({ min: 0, max: 315360000 }),
  AccessTokenValidity: integer({ min: 1, max: 86400 }),
  IdTokenValidity: integer({ min: 1, max: 86400 }),
  TokenValidityUnits: structure({ AccessToken: TimeUnitsType, IdToken: TimeUnitsType, RefreshToken: TimeUnitsType }),
  ReadAttributes: list(string({ min: 1, max: 2048 })),
  WriteAttributes: list(string({ min: 1, max: 2048 })),
  ExplicitAuthFlows: list(ExplicitAuthFlowsType),
  SupportedIdentityProviders: list(ProviderNameType),
  CallbackURLs: list(RedirectUrlType, { max: 100 }),
  LogoutURLs: list(RedirectUrlType, { max: 100 }),
  DefaultRedirectURI: RedirectUrlType,
  AllowedOAuthFlows: list(enumeration(['code', 'implicit', 'client_credentials']), { max: 3 }),
  AllowedOAuthScopes: list(ScopeType, { max: 50 }),
  AllowedOAuthFlowsUserPoolClient: boolean(),
  AnalyticsConfiguration: AnalyticsConfigurationType,
  PreventUserExistenceErrors: enumeration(['LEGACY', 'ENABLED']),
  EnableTokenRevocation: boolean(),
  EnablePropagateAdditionalUserContextData: boolean(),
  AuthSessionValidity: integer({ min: 3, max: 15 }),
  RefreshTokenRotation: RefreshTokenRotationType,
};
