/**
 * Pre token generation [guide: Pre token generation Lambda trigger]. Fires before Cognito
 * issues tokens: TokenGeneration_HostedAuth, _Authentication, _NewPasswordChallenge,
 * _AuthenticateDevice, _RefreshTokens (the guide's other tables print `_NewPassword`,
 * `_AuthenticationDevice`, `_RefershToken`), and, for V3_0 only, _ClientCredentials.
 *
 * The event version follows PreTokenGenerationConfig.LambdaVersion: V1_0 sends version "1",
 * V2_0 "2", V3_0 "3". Only a V3_0 function hears of machine-to-machine tokens (a client_credentials
 * grant): `machineTokenGenerationEvent`, an event without a user (userName null, no attributes,
 * no groups), whose scopes are the token's custom scopes and whose clientMetadata is the token
 * request's `aws_client_metadata`. Only its accessTokenGeneration applies (there is no ID token,
 * and no groups to override).
 * request: userAttributes, groupConfiguration { groupsToOverride, iamRolesToOverride,
 * preferredRole } (the guide prints it as an array; Cognito sends an object), scopes (V2/V3:
 * the access token's scopes), clientMetadata (RespondToAuthChallenge's, when passed).
 * response: V1 { claimsOverrideDetails: null }; V2/V3 { claimsAndScopeOverrideDetails: null }.
 *
 * Read back and applied as Cognito applies it:
 *  - V1 claimsOverrideDetails { claimsToAddOrOverride (string values), claimsToSuppress,
 *    groupOverrideDetails } changes the ID token; V2/V3 claimsAndScopeOverrideDetails
 *    { idTokenGeneration, accessTokenGeneration { ..., scopesToAdd, scopesToSuppress },
 *    groupOverrideDetails } changes both tokens, claim values may be any JSON;
 *  - a claim both suppressed and added is suppressed;
 *  - the claims Cognito does not let a function change stay as they are (ID token: the guide's
 *    list; access token: the same plus client_id, scope, username, version, event_id,
 *    device_key), and so do cognito:groups/roles/preferred_role, which only
 *    groupOverrideDetails sets; `ignored` says what was left out and why;
 *  - groupOverrideDetails, when the function returns it (even null or empty), replaces the
 *    groups: cognito:groups in both tokens, cognito:roles and cognito:preferred_role in the ID
 *    token; an empty list or null removes the claim. Left out, the groups stay.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, type CommonInput } from './common.js';
import { readObject, readString, readStringList, readStringMap, responseOf, type JsonObject } from './read.js';

export type PreTokenGenerationSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  | 'TokenGeneration_ClientCredentials';

export type PreTokenGenerationVersion = 'V1_0' | 'V2_0' | 'V3_0';

export interface GroupConfiguration {
  groupsToOverride: string[];
  iamRolesToOverride: string[];
  preferredRole: string | null;
}

export interface PreTokenGenerationRequest {
  userAttributes: StringMap;
  groupConfiguration: GroupConfiguration;
  scopes?: string[];
  clientMetadata?: StringMap;
}

export type PreTokenGenerationResponse = { claimsOverrideDetails: null } | { claimsAndScopeOverrideDetails: null };

export type PreTokenGenerationEvent = TriggerEvent<PreTokenGenerationSource, PreTokenGenerationRequest, PreTokenGenerationResponse>;

export interface PreTokenGenerationInput extends CommonInput {
  lambdaVersion: PreTokenGenerationVersion;
  triggerSource: PreTokenGenerationSource;
  /** Null for a client-credentials grant, which has no user. */
  userName: string | null;
  userAttributes: StringMap;
  groupConfiguration: GroupConfiguration;
  /** The scopes of the access token about to be issued (sent in V2/V3 events). */
  scopes: readonly string[];
  clientMetadata?: StringMap;
}

export interface ClaimChanges {
  claimsToAddOrOverride: Record<string, unknown>;
  claimsToSuppress: string[];
}

export interface TokenCustomization {
  idToken: ClaimChanges;
  accessToken: ClaimChanges & { scopesToAdd: string[]; scopesToSuppress: string[] };
  /** Undefined: the groups stay; otherwise they are replaced by these. */
  groupOverride?: GroupConfiguration;
  /** What the function asked for that Cognito does not apply. */
  ignored: { token: 'id' | 'access'; name: string; reason: string }[];
}

const ID_TOKEN_FIXED_CLAIMS = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'cognito:username',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
]);
const ACCESS_TOKEN_FIXED_CLAIMS = new Set([...ID_TOKEN_FIXED_CLAIMS, 'client_id', 'scope', 'username', 'version', 'event_id', 'device_key']);
const GROUP_CLAIMS = new Set(['cognito:groups', 'cognito:roles', 'cognito:preferred_role']);

const EVENT_VERSION: Record<PreTokenGenerationVersion, string> = { V1_0: '1', V2_0: '2', V3_0: '3' };

export function preTokenGenerationEvent(input: PreTokenGenerationInput): PreTokenGenerationEvent {
  const v1 = input.lambdaVersion === 'V1_0';
  return triggerEvent(
    { ...input, version: EVENT_VERSION[input.lambdaVersion] },
    {
      userAttributes: { ...input.userAttributes },
      groupConfiguration: {
        groupsToOverride: [...input.groupConfiguration.groupsToOverride],
        iamRolesToOverride: [...input.groupConfiguration.iamRolesToOverride],
        preferredRole: input.groupConfiguration.preferredRole,
      },
      ...(!v1 && { scopes: [...input.scopes] }),
      ...clientMetadataMember(input.clientMetadata),
    },
    v1 ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  );
}

export interface MachineTokenGenerationInput extends CommonInput {
  clientId: string;
  /** The custom scopes of the access token about to be issued. */
  scopes: readonly string[];
  /** The token request's aws_client_metadata. */
  clientMetadata?: StringMap;
}

const NO_GROUPS: GroupConfiguration = { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null };

/** The V3_0 event for a client_credentials grant: a machine client, no user. */
export function machineTokenGenerationEvent(input: MachineTokenGenerationInput): PreTokenGenerationEvent {
  return preTokenGenerationEvent({
    ...input,
    lambdaVersion: 'V3_0',
    triggerSource: 'TokenGeneration_ClientCredentials',
    userName: null,
    userAttributes: {},
    groupConfiguration: NO_GROUPS,
  });
}

function noChanges(): TokenCustomization {
  return {
    idToken: { claimsToAddOrOverride: {}, claimsToSuppress: [] },
    accessToken: { claimsToAddOrOverride: {}, claimsToSuppress: [], scopesToAdd: [], scopesToSuppress: [] },
    ignored: [],
  };
}

/** Any JSON value but null, as V2/V3 claims may be. */
function readClaimValues(value: unknown): Record<string, unknown> | null {
  const object = readObject(value);
  if (!object) return null;
  return Object.fromEntries(Object.entries(object).filter(([, claim]) => claim !== null));
}

function readGroupOverride(details: JsonObject): GroupConfiguration | undefined {
  if (!Object.hasOwn(details, 'groupOverrideDetails')) return undefined;
  const group = readObject(details.groupOverrideDetails) ?? {};
  return {
    groupsToOverride: readStringList(group.groupsToOverride) ?? [],
    iamRolesToOverride: readStringList(group.iamRolesToOverride) ?? [],
    preferredRole: readString(group.preferredRole),
  };
}

/** Keeps the changes Cognito allows; records the rest in `ignored`. */
function allowedChanges(
  requested: { add: Record<string, unknown> | null; suppress: string[] | null },
  token: 'id' | 'access',
  ignored: TokenCustomization['ignored'],
): ClaimChanges {
  const fixed = token === 'id' ? ID_TOKEN_FIXED_CLAIMS : ACCESS_TOKEN_FIXED_CLAIMS;
  const allowed = (name: string): boolean => {
    if (fixed.has(name)) ignored.push({ token, name, reason: `${name} cannot be changed by a pre token generation function` });
    else if (GROUP_CLAIMS.has(name)) ignored.push({ token, name, reason: `${name} is set through groupOverrideDetails` });
    else return true;
    return false;
  };
  return {
    claimsToAddOrOverride: Object.fromEntries(Object.entries(requested.add ?? {}).filter(([name]) => allowed(name))),
    claimsToSuppress: (requested.suppress ?? []).filter(allowed),
  };
}

function validScopes(scopes: string[] | null, ignored: TokenCustomization['ignored']): string[] {
  return (scopes ?? []).filter((scope) => {
    if (scope.length > 0 && !/\s/.test(scope)) return true;
    ignored.push({ token: 'access', name: scope, reason: 'a scope cannot be empty or contain blank space' });
    return false;
  });
}

function readV1(response: JsonObject): TokenCustomization {
  const details = readObject(response.claimsOverrideDetails);
  const customization = noChanges();
  if (!details) return customization;
  const requested = { add: readStringMap(details.claimsToAddOrOverride), suppress: readStringList(details.claimsToSuppress) };
  customization.idToken = allowedChanges(requested, 'id', customization.ignored);
  customization.groupOverride = readGroupOverride(details);
  return customization;
}

function readV2(response: JsonObject): TokenCustomization {
  const details = readObject(response.claimsAndScopeOverrideDetails);
  const customization = noChanges();
  if (!details) return customization;
  const id = readObject(details.idTokenGeneration) ?? {};
  const access = readObject(details.accessTokenGeneration) ?? {};
  customization.idToken = allowedChanges(
    { add: readClaimValues(id.claimsToAddOrOverride), suppress: readStringList(id.claimsToSuppress) },
    'id',
    customization.ignored,
  );
  customization.accessToken = {
    ...allowedChanges({ add: readClaimValues(access.claimsToAddOrOverride), suppress: readStringList(access.claimsToSuppress) }, 'access', customization.ignored),
    scopesToAdd: validScopes(readStringList(access.scopesToAdd), customization.ignored),
    scopesToSuppress: validScopes(readStringList(access.scopesToSuppress), customization.ignored),
  };
  customization.groupOverride = readGroupOverride(details);
  return customization;
}

export function readPreTokenGenerationResponse(output: unknown, event: PreTokenGenerationEvent): TokenCustomization {
  const response = responseOf(output);
  return event.version === '1' ? readV1(response) : readV2(response);
}

function setOrRemove(claims: Record<string, unknown>, name: string, value: unknown): void {
  const empty = value === null || (Array.isArray(value) && value.length === 0);
  if (empty) delete claims[name];
  else claims[name] = value;
}

function applyClaimChanges(claims: Record<string, unknown>, changes: ClaimChanges): void {
  Object.assign(claims, changes.claimsToAddOrOverride);
  for (const name of changes.claimsToSuppress) delete claims[name];
}

/** The ID token's claims once the function's answer is applied. */
export function customizeIdTokenClaims(claims: Readonly<Record<string, unknown>>, customization: TokenCustomization): Record<string, unknown> {
  const customized = { ...claims };
  if (customization.groupOverride) {
    setOrRemove(customized, 'cognito:groups', customization.groupOverride.groupsToOverride);
    setOrRemove(customized, 'cognito:roles', customization.groupOverride.iamRolesToOverride);
    setOrRemove(customized, 'cognito:preferred_role', customization.groupOverride.preferredRole);
  }
  applyClaimChanges(customized, customization.idToken);
  return customized;
}

/** The access token's claims once the function's answer is applied. */
export function customizeAccessTokenClaims(claims: Readonly<Record<string, unknown>>, customization: TokenCustomization): Record<string, unknown> {
  const customized = { ...claims };
  if (customization.groupOverride) setOrRemove(customized, 'cognito:groups', customization.groupOverride.groupsToOverride);
  applyClaimChanges(customized, customization.accessToken);
  const { scopesToAdd, scopesToSuppress } = customization.accessToken;
  if (scopesToAdd.length > 0 || scopesToSuppress.length > 0) {
    const current = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    const suppressed = new Set(scopesToSuppress);
    const scopes = [...new Set([...current, ...scopesToAdd])].filter((scope) => !suppressed.has(scope));
    setOrRemove(customized, 'scope', scopes.length > 0 ? scopes.join(' ') : null);
  }
  return customized;
}

/** A machine-to-machine access token's claims once the function's answer is applied: it has no groups to override. */
export function customizeMachineAccessTokenClaims(claims: Readonly<Record<string, unknown>>, customization: TokenCustomization): Record<string, unknown> {
  return customizeAccessTokenClaims(claims, { ...customization, groupOverride: undefined });
}
