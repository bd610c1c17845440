/**
 * Turns the settings of a CreateUserPoolClient or UpdateUserPoolClient request into what the
 * client keeps, checking each the way Cognito does. Both operations build the settings afresh:
 * an update that leaves a setting out resets it to its default.
 */
import { CLIENT_TOKEN_AUTH_FLOW } from '../../../../cognito/client-credentials.js';
import { isCustomScope } from '../../../../cognito/oauth.js';
import type { UpdateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_EXPLICIT_AUTH_FLOWS, DEFAULT_REFRESH_TOKEN_VALIDITY, UNWRITABLE_ATTRIBUTES, toSeconds, validityUnits } from '../../../../cognito/app-clients.js';
import { type ClientSettings } from '../../../../store/repositories/app-clients.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { InvalidOAuthFlowException, InvalidParameterException, ScopeDoesNotExistException } from '../../../../cognito/errors.js';

export type SettingsRequest = Omit<UpdateUserPoolClientCommandInput, 'UserPoolId' | 'ClientId' | 'ClientName'>;

export interface SettingsContext {
  pool: UserPool;
  /** Whether the client has (or is getting) a client secret. */
  hasSecret: boolean;
  /** Which request this is, as Cognito's messages name it. */
  action: 'creating' | 'updating';
  /** The pool's custom scopes (`identifier/name`); asked only when a request names one. */
  scopeNames: () => string[];
  /** The pool's identity provider names; asked only when a request names one. */
  providerNames: () => string[];
}

const ACCESS_AND_ID_RANGE = { min: 5 * 60, max: 24 * 3600 };
const REFRESH_RANGE = { min: 60 * 60, max: 3650 * 24 * 3600 };
const DEFAULT_ACCESS_AND_ID_SECONDS = 3600;

/** A list the request leaves empty counts as not given; repeats count once. */
function given<T>(values: T[] | undefined): T[] | undefined {
  const present = values?.filter((value) => value != null) ?? [];
  return present.length > 0 ? [...new Set(present)] : undefined;
}

export function checkExplicitAuthFlows(flows: string[] | undefined): void {
  if (!flows) return;
  const modern = flows.some((flow) => flow.startsWith('ALLOW_'));
  const legacy = flows.some((flow) => !flow.startsWith('ALLOW_'));
  if (modern && legacy) {
    throw new InvalidParameterException("Auth flow name with prefix 'ALLOW' cannot be used with legacy auth flow names.");
  }
}

/**
 * ALLOW_CLIENT_TOKEN_AUTH (GetClientToken) "is mutually exclusive with user authentication flows.
 * It must be the only authentication flow that you configure for the app client", and the client
 * needs a secret [SDK docs]. Assumption: both are refused when the client is created or updated,
 * as InvalidParameterException (as client_credentials without a secret is refused); the wording
 * is the sandbox's.
 */
export function checkClientTokenAuthFlow(flows: string[] | undefined, hasSecret: boolean): void {
  if (!flows?.includes(CLIENT_TOKEN_AUTH_FLOW)) return;
  if (flows.length > 1) throw new InvalidParameterException(`${CLIENT_TOKEN_AUTH_FLOW} cannot be used with other authentication flows.`);
  if (!hasSecret) throw new InvalidParameterException(`${CLIENT_TOKEN_AUTH_FLOW} can not be selected if client does not have a client secret.`);
}

/**
 * Validities are bare integers on the wire; their ranges hold per token type once the unit is
 * applied: access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 10 years. A
 * refresh validity of 0 or none is Cognito's 30, in the refresh token's unit.
 */
export function checkTokenValidity(request: SettingsRequest): void {
  const units = validityUnits(request.TokenValidityUnits);
  const refresh = toSeconds(request.RefreshTokenValidity || DEFAULT_REFRESH_TOKEN_VALIDITY, units.RefreshToken);
  const access = request.AccessTokenValidity ? toSeconds(request.AccessTokenValidity, units.AccessToken) : undefined;
  const id = request.IdTokenValidity ? toSeconds(request.IdTokenValidity, units.IdToken) : undefined;
  const outOfRange = (seconds: number | undefined, range: { min: number; max: number }) =>
    seconds !== undefined && (seconds < range.min || seconds > range.max);
  if (outOfRange(access, ACCESS_AND_ID_RANGE) || outOfRange(id, ACCESS_AND_ID_RANGE) || outOfRange(refresh, REFRESH_RANGE)) {
    throw new InvalidParameterException('Invalid range for token validity.');
  }
  if ((access ?? DEFAULT_ACCESS_AND_ID_SECONDS) > refresh || (id ?? DEFAULT_ACCESS_AND_ID_SECONDS) > refresh) {
    throw new InvalidParameterException(
      'Access and Id Token expiration times must be less than or equal to refresh token expiration times.',
    );
  }
}

/**
 * Read and write permissions name attributes of the pool. Nobody writes `sub`, the verified flags
 * or developer-only attributes through a client, and a write list must keep every required
 * attribute writable.
 */
export function checkAttributePermissions(
  read: string[] | undefined,
  write: string[] | undefined,
  pool: UserPool,
  action: SettingsContext['action'],
): void {
  const schema = pool.config.SchemaAttributes ?? [];
  const names = new Set(schema.map((attribute) => attribute.Name!));
  if (read?.some((name) => !names.has(name))) {
    throw new InvalidParameterException(`Invalid read attributes specified while ${action} a client`);
  }
  if (!write) return;
  const writable = (name: string) => names.has(name) && !UNWRITABLE_ATTRIBUTES.has(name) && !name.startsWith('dev:');
  const requiredAttributes = schema
    .filter((attribute) => attribute.Required && !UNWRITABLE_ATTRIBUTES.has(attribute.Name!))
    .map((attribute) => attribute.Name!);
  if (!write.every(writable) || !requiredAttributes.every((name) => write.includes(name))) {
    throw new InvalidParameterException(`Invalid write attributes specified while ${action} a client`);
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A redirect URL is absolute, has no fragment, and uses HTTPS unless it points at this machine. */
export function checkRedirectUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidParameterException(`${url} is not a valid URL.`);
  }
  if (parsed.protocol === 'http:' && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new InvalidParameterException(`${url} cannot use the HTTP protocol.`);
  }
  if (url.includes('#')) throw new InvalidParameterException(`${url} cannot use fragment`);
}

function checkRedirectUrls(callbacks: string[] | undefined, logouts: string[] | undefined, defaultRedirect: string | undefined): void {
  callbacks?.forEach(checkRedirectUrl);
  logouts?.forEach(checkRedirectUrl);
  if (defaultRedirect == null) return;
  checkRedirectUrl(defaultRedirect);
  if (!callbacks?.includes(defaultRedirect)) {
    throw new InvalidParameterException(`The default redirect URI ${defaultRedirect} is not in the callback URIs list.`);
  }
}

/** client_credentials stands alone, needs a secret, and grants custom scopes only. */
export function checkOAuthFlows(request: SettingsRequest, hasSecret: boolean): void {
  const flows = request.AllowedOAuthFlows ?? [];
  const scopes = request.AllowedOAuthScopes ?? [];
  const browserFlow = flows.includes('code') || flows.includes('implicit');
  if (request.AllowedOAuthFlowsUserPoolClient && (flows.length === 0 || scopes.length === 0)) {
    throw new InvalidParameterException(
      'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    );
  }
  if (flows.includes('client_credentials')) {
    if (browserFlow) {
      throw new InvalidOAuthFlowException('client_credentials flow can not be selected along with code flow or implicit flow.');
    }
    if (!hasSecret) {
      throw new InvalidOAuthFlowException('client_credentials flow can not be selected if client does not have a client secret.');
    }
  }
  if (request.AllowedOAuthFlowsUserPoolClient && browserFlow && !request.CallbackURLs?.length) {
    throw new InvalidParameterException('CallbackUrls can not be empty when code flow or implicit flow is selected');
  }
}

export function checkScopes(scopes: string[] | undefined, flows: string[] | undefined, scopeNames: () => string[]): void {
  if (!scopes) return;
  const custom = scopes.filter(isCustomScope);
  if (custom.length > 0) {
    const known = new Set(scopeNames());
    const unknown = custom.find((scope) => !known.has(scope));
    if (unknown !== undefined) throw new ScopeDoesNotExistException(`Invalid scope requested: ${unknown}`);
  }
  const standard = scopes.find((scope) => !isCustomScope(scope));
  if (flows?.includes('client_credentials') && standard !== undefined) {
    throw new InvalidOAuthFlowException(`${standard} is not supported with client_credentials flow`);
  }
}

function checkIdentityProviders(providers: string[] | undefined, context: SettingsContext): void {
  const external = providers?.filter((name) => name !== 'COGNITO') ?? [];
  if (external.length === 0) return;
  const known = new Set(context.providerNames());
  const unknown = external.find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new InvalidParameterException(`The provider ${unknown} does not exist for User Pool ${context.pool.id}`);
  }
}

function checkContextDataPropagation(enabled: boolean | undefined, hasSecret: boolean): void {
  if (enabled && !hasSecret) {
    throw new InvalidParameterException('Client Secret is required to set EnablePropagateAdditionalUserContextData as true');
  }
}

/** Either a Pinpoint application ARN alone, or an application id with the role that publishes to it. */
function checkAnalytics(analytics: SettingsRequest['AnalyticsConfiguration']): void {
  if (!analytics) return;
  const byArn = analytics.ApplicationArn !== undefined;
  const valid = byArn
    ? analytics.ApplicationId === undefined && analytics.RoleArn === undefined && analytics.ExternalId === undefined
    : analytics.ApplicationId !== undefined && analytics.RoleArn !== undefined;
  if (!valid) {
    throw new InvalidParameterException(
      'Invalid analytics configuration given, either <application arn> or <application id, role arn, external id> are valid',
    );
  }
}

/** Only the members a structure has: the wire may carry others, which Cognito ignores. */
function only<T extends object>(value: T | undefined, members: readonly (keyof T)[]): T | undefined {
  if (!value) return undefined;
  return Object.fromEntries(members.filter((name) => value[name] != null).map((name) => [name, value[name]])) as T;
}

/** The checked settings, in the order DescribeUserPoolClient lists them; defaults Cognito shows are filled in. */
export function clientSettings(request: SettingsRequest, context: SettingsContext): ClientSettings {
  const read = given(request.ReadAttributes);
  const write = given(request.WriteAttributes);
  const explicitAuthFlows = given(request.ExplicitAuthFlows);
  const providers = given(request.SupportedIdentityProviders);
  const callbacks = given(request.CallbackURLs);
  const logouts = given(request.LogoutURLs);
  const oauthFlows = given(request.AllowedOAuthFlows);
  const scopes = given(request.AllowedOAuthScopes);
  const analytics = only(request.AnalyticsConfiguration, ['ApplicationId', 'ApplicationArn', 'RoleArn', 'ExternalId', 'UserDataShared']);
  const rotation = only(request.RefreshTokenRotation, ['Feature', 'RetryGracePeriodSeconds']);

  checkExplicitAuthFlows(explicitAuthFlows);
  checkClientTokenAuthFlow(explicitAuthFlows, context.hasSecret);
  checkTokenValidity(request);
  checkAttributePermissions(read, write, context.pool, context.action);
  checkRedirectUrls(callbacks, logouts, request.DefaultRedirectURI);
  checkOAuthFlows({ ...request, AllowedOAuthFlows: oauthFlows, AllowedOAuthScopes: scopes, CallbackURLs: callbacks }, context.hasSecret);
  checkScopes(scopes, oauthFlows, context.scopeNames);
  checkIdentityProviders(providers, context);
  checkContextDataPropagation(request.EnablePropagateAdditionalUserContextData, context.hasSecret);
  checkAnalytics(analytics);

  return {
    RefreshTokenValidity: request.RefreshTokenValidity || DEFAULT_REFRESH_TOKEN_VALIDITY,
    ...(request.AccessTokenValidity != null && { AccessTokenValidity: request.AccessTokenValidity }),
    ...(request.IdTokenValidity != null && { IdTokenValidity: request.IdTokenValidity }),
    TokenValidityUnits: only(request.TokenValidityUnits, ['AccessToken', 'IdToken', 'RefreshToken']) ?? {},
    ...(read && { ReadAttributes: read }),
    ...(write && { WriteAttributes: write }),
    ExplicitAuthFlows: explicitAuthFlows ?? [...DEFAULT_EXPLICIT_AUTH_FLOWS],
    ...(providers && { SupportedIdentityProviders: providers }),
    ...(callbacks && { CallbackURLs: callbacks }),
    ...(logouts && { LogoutURLs: logouts }),
    ...(request.DefaultRedirectURI != null && { DefaultRedirectURI: request.DefaultRedirectURI }),
    ...(oauthFlows && { AllowedOAuthFlows: oauthFlows }),
    ...(scopes && { AllowedOAuthScopes: scopes }),
    AllowedOAuthFlowsUserPoolClient: request.AllowedOAuthFlowsUserPoolClient ?? false,
    ...(analytics && { AnalyticsConfiguration: analytics }),
    PreventUserExistenceErrors: request.PreventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: request.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: request.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: request.AuthSessionValidity ?? 3,
    ...(rotation && { RefreshTokenRotation: rotation }),
    ClientType: 'REGULAR',
  };
}
