/**
 * App clients as Cognito enforces them: the defaults DescribeUserPoolClient leaves implicit
 * (token validities and their units, ReadAttributes / WriteAttributes, ExplicitAuthFlows, ...),
 * applied to a stored client.
 */
import type { ExplicitAuthFlowsType, OAuthFlowType, PreventUserExistenceErrorTypes, RefreshTokenRotationType, TimeUnitsType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../store/index.js';
import { STANDARD_ATTRIBUTE_NAMES } from '../../shared/standard-attributes.js';
import type { ClientSettings, StoredAppClient } from '../store/repositories/app-clients.js';

/**
 * The settings with Cognito's defaults applied where DescribeUserPoolClient leaves a field out:
 * what sign-in, token issuing and the OAuth endpoints enforce.
 */
export interface ClientConfig extends ClientSettings {
  RefreshTokenValidity: number;
  AccessTokenValidity: number;
  IdTokenValidity: number;
  TokenValidityUnits: { AccessToken: TimeUnitsType; IdToken: TimeUnitsType; RefreshToken: TimeUnitsType };
  /** Without a list of its own, the client reads the standard attributes (the verified flags included). */
  ReadAttributes: string[];
  /** Without a list of its own, the client writes the standard attributes (not `sub` nor the verified flags). */
  WriteAttributes: string[];
  ExplicitAuthFlows: ExplicitAuthFlowsType[];
  SupportedIdentityProviders: string[];
  CallbackURLs: string[];
  LogoutURLs: string[];
  AllowedOAuthFlows: OAuthFlowType[];
  AllowedOAuthScopes: string[];
  AllowedOAuthFlowsUserPoolClient: boolean;
  PreventUserExistenceErrors: PreventUserExistenceErrorTypes;
  EnableTokenRevocation: boolean;
  EnablePropagateAdditionalUserContextData: boolean;
  /** Minutes a sign-in session (a challenge's `Session`) lives. */
  AuthSessionValidity: number;
  RefreshTokenRotation: Required<RefreshTokenRotationType>;
}

/** An app client with Cognito's defaults applied: what sign-in, tokens and the OAuth endpoints enforce. */
export interface AppClient extends StoredAppClient {
  /** The settings with defaults applied. */
  config: ClientConfig;
  /** Token lifetimes in seconds, from the validities and their units. */
  tokenLifetimes: { access: number; id: number; refresh: number };
}

/** Attributes only Cognito (or an administrator) sets: no app client may write them. */
export const UNWRITABLE_ATTRIBUTES: ReadonlySet<string> = new Set(['sub', 'email_verified', 'phone_number_verified']);

export const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlowsType[] = Object.freeze([
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_CUSTOM_AUTH',
]);

export const DEFAULT_REFRESH_TOKEN_VALIDITY = 30;

const SECONDS_PER_UNIT: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** The validity units, each defaulted as Cognito does: hours for access and ID tokens, days for refresh tokens. */
export function validityUnits(units: ClientSettings['TokenValidityUnits']): ClientConfig['TokenValidityUnits'] {
  return {
    AccessToken: units?.AccessToken ?? 'hours',
    IdToken: units?.IdToken ?? 'hours',
    RefreshToken: units?.RefreshToken ?? 'days',
  };
}

export function toSeconds(value: number, unit: TimeUnitsType): number {
  return value * SECONDS_PER_UNIT[unit];
}

/** Seconds each token lives. */
export function tokenLifetimes(config: ClientConfig): AppClient['tokenLifetimes'] {
  const units = config.TokenValidityUnits;
  return {
    access: toSeconds(config.AccessTokenValidity, units.AccessToken),
    id: toSeconds(config.IdTokenValidity, units.IdToken),
    refresh: toSeconds(config.RefreshTokenValidity, units.RefreshToken),
  };
}

/**
 * The settings with every default applied that DescribeUserPoolClient leaves implicit. An access
 * or ID token without a validity of its own is given Cognito's one hour, in hours.
 */
export function effectiveConfig(settings: ClientSettings): ClientConfig {
  const units = validityUnits(settings.TokenValidityUnits);
  return {
    ...settings,
    RefreshTokenValidity: settings.RefreshTokenValidity ?? DEFAULT_REFRESH_TOKEN_VALIDITY,
    AccessTokenValidity: settings.AccessTokenValidity ?? 1,
    IdTokenValidity: settings.IdTokenValidity ?? 1,
    TokenValidityUnits: {
      AccessToken: settings.AccessTokenValidity ? units.AccessToken : 'hours',
      IdToken: settings.IdTokenValidity ? units.IdToken : 'hours',
      RefreshToken: units.RefreshToken,
    },
    ReadAttributes: settings.ReadAttributes ?? [...STANDARD_ATTRIBUTE_NAMES],
    WriteAttributes: settings.WriteAttributes ?? STANDARD_ATTRIBUTE_NAMES.filter((name) => !UNWRITABLE_ATTRIBUTES.has(name)),
    ExplicitAuthFlows: settings.ExplicitAuthFlows ?? [...DEFAULT_EXPLICIT_AUTH_FLOWS],
    SupportedIdentityProviders: settings.SupportedIdentityProviders ?? [],
    CallbackURLs: settings.CallbackURLs ?? [],
    LogoutURLs: settings.LogoutURLs ?? [],
    AllowedOAuthFlows: settings.AllowedOAuthFlows ?? [],
    AllowedOAuthScopes: settings.AllowedOAuthScopes ?? [],
    AllowedOAuthFlowsUserPoolClient: settings.AllowedOAuthFlowsUserPoolClient ?? false,
    PreventUserExistenceErrors: settings.PreventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: settings.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: settings.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: settings.AuthSessionValidity ?? 3,
    RefreshTokenRotation: {
      Feature: settings.RefreshTokenRotation?.Feature ?? 'DISABLED',
      RetryGracePeriodSeconds: settings.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0,
    },
  };
}


/** The stored client with Cognito's defaults applied. */
export function appClientOf(stored: StoredAppClient): AppClient {
  const config = effectiveConfig(stored.settings);
  return { ...stored, config, tokenLifetimes: tokenLifetimes(config) };
}

/** The client by id, whichever pool it belongs to. */
export function findAppClient(store: Store, clientId: string): AppClient | undefined {
  const stored = store.clients.findById(clientId);
  return stored && appClientOf(stored);
}
