/**
 * Which IAM role an identity pool gives a caller, and what SetIdentityPoolRoles accepts, as the
 * guide's "Role-based access control" chapter and the API reference describe them. Pure: no store,
 * no bus; the flows publish what these return.
 *
 * SetIdentityPoolRoles (`checkRoleMappings`), beyond the API model:
 *  - a role mapping is keyed by a provider of the pool: a user pool as `{ProviderName}:{ClientId}`
 *    of one of its CognitoIdentityProviders (the bare user pool name is refused, as Cognito
 *    refuses it), a SupportedLoginProviders key, an OpenIdConnectProviderARNs entry (or its login
 *    key, the issuer host/path), a SamlProviderARNs entry; otherwise InvalidParameterException
 *    "(key) is not a valid RoleMapping ProviderName or is not a configured provider." (Cognito's text);
 *  - a role that is not an IAM role ARN: NotAuthorizedException "Access to Role '…' is forbidden."
 *    (Cognito's answer when it cannot pass the role);
 *  - AmbiguousRoleResolution is required for Token and Rules, RulesConfiguration for Rules
 *    (InvalidParameterException; the wording is the sandbox's, Cognito's is not documented); a
 *    Token mapping's RulesConfiguration is kept but never used;
 *  - at most 10 mappings and only `authenticated` / `unauthenticated` roles: the model's own
 *    constraints, answered as the router answers them (ValidationException) for callers that do
 *    not come through it.
 *
 * The role (`chooseRole`), never throwing: the caller throws `denied`.
 *  - Unauthenticated identities get the pool's unauthenticated role; authenticated ones the
 *    authenticated role unless the login's provider has a role mapping (user pools keyed
 *    `{provider}:{clientId}`, OIDC by login key or provider ARN). No such role:
 *    InvalidIdentityPoolConfigurationException "Invalid identity pool configuration. Check assigned
 *    IAM roles for this pool." (Cognito's text).
 *  - Token: a CustomRoleArn must be one of `cognito:roles` (a list, or a comma-separated string),
 *    else denied; then `cognito:preferred_role`; then the only role of `cognito:roles`; otherwise
 *    AmbiguousRoleResolution.
 *  - Rules: evaluated in order, the first match wins. Equals, NotEqual, StartsWith, Contains
 *    compare text, case-sensitively (numbers and booleans as written in JSON). A list claim
 *    (`cognito:groups`, `amr`, a multi-valued SAML attribute) matches Equals / StartsWith /
 *    Contains when one of its elements does, and NotEqual when none equals the value. An absent
 *    claim matches nothing; NotEqual is skipped ("the rule is not evaluated"). A CustomRoleArn
 *    "overrides the order": it picks the role of any matching rule, and is denied when no matching
 *    rule has it (assumed: the guide does not say what happens then).
 *  - AmbiguousRoleResolution: AuthenticatedRole gives the pool's authenticated role; Deny (or none
 *    set) denies with NotAuthorizedException "The ambiguous role mapping rules for: {key} denied
 *    this request." (Cognito's text).
 *  - SAML without a mapping: the roles of the assertion's Role attribute (`samlRoles`): a
 *    CustomRoleArn must be one of them, else denied; a single role is used; none, or several and no
 *    CustomRoleArn, fall back to the pool's authenticated role (assumed; the guide only says to
 *    send CustomRoleArn when the assertion offers several).
 *  - A CustomRoleArn where nothing offers a choice (no mapping, not SAML, unauthenticated) is
 *    ignored: the default role is given, as the enhanced flow does (assumed: Cognito documents
 *    CustomRoleArn only for roles "received in the token from the identity provider").
 *  - A denied CustomRoleArn is NotAuthorizedException; its wording is the sandbox's (Cognito's is
 *    not documented).
 *
 * Principal tags (`principalTagsFor`): only for a provider with a principal tag attribute map
 * (SetPrincipalTagAttributeMap; a user pool's under `{provider}:{clientId}` or its ProviderName,
 * an OIDC provider's under its login key or ARN); UseDefaults gives the guide's "Default provider mappings" under
 * the tag keys `username` and `client` ("default (username and clientID) attribute mappings"):
 * `sub` and `aud` (Login with Amazon: `user_id` and `aud`; SAML: the nameidentifier and name
 * claims, tags `username` and `name`), the login's subject and app id when the token lacks them;
 * otherwise the custom map, tag → claim. A claim absent, not a single value, or over 256
 * characters gives no tag (a session tag holds one short value).
 */
import type { AwsError, EventData, RoleRuleEvaluation } from '../../../shared/events.js';
import { InvalidIdentityPoolConfigurationException, InvalidParameterException, NotAuthorizedException, ValidationException } from '../errors.js';
import type { IdentityPool, MappingRule, RoleMapping, VerifiedLogin } from './types.js';

export const MAX_ROLE_MAPPINGS = 10;
const ROLE_KEYS: ReadonlySet<string> = new Set(['authenticated', 'unauthenticated']);
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** The login key an OIDC provider's logins use: its ARN's issuer host/path. */
export function oidcLoginKey(providerArn: string): string | undefined {
  const marker = ':oidc-provider/';
  const at = providerArn.indexOf(marker);
  return at < 0 ? undefined : providerArn.slice(at + marker.length);
}

/** Every key a role mapping of this pool may have. */
export function roleMappingProviders(pool: IdentityPool): Set<string> {
  const keys = new Set<string>(Object.keys(pool.SupportedLoginProviders));
  for (const provider of pool.CognitoIdentityProviders) keys.add(`${provider.ProviderName}:${provider.ClientId}`);
  for (const arn of pool.OpenIdConnectProviderARNs) {
    keys.add(arn);
    const loginKey = oidcLoginKey(arn);
    if (loginKey) keys.add(loginKey);
  }
  for (const arn of pool.SamlProviderARNs) keys.add(arn);
  return keys;
}

/** SetIdentityPoolRoles' rules beyond the API model; throws as Cognito answers. */
export function checkRoleMappings(
  pool: IdentityPool,
  roles: Record<string, string>,
  roleMappings: Record<string, RoleMapping> | undefined,
): void {
  checkRoles(roles);
  const mappings = Object.entries(roleMappings ?? {});
  if (mappings.length > MAX_ROLE_MAPPINGS)
    throw new ValidationException(
      `1 validation error detected: Value '{...}' at 'roleMappings' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ROLE_MAPPINGS}`,
    );
  const providers = roleMappingProviders(pool);
  for (const [key, mapping] of mappings) checkRoleMapping(key, mapping, providers);
}

function checkRoles(roles: Record<string, string>): void {
  for (const key of Object.keys(roles))
    if (!ROLE_KEYS.has(key))
      throw new ValidationException(
        `1 validation error detected: Value '${key}' at 'roles.key' failed to satisfy constraint: Member must satisfy regular expression pattern: (un)?authenticated`,
      );
  for (const arn of Object.values(roles)) checkRoleArn(arn);
}

function checkRoleMapping(key: string, mapping: RoleMapping, providers: ReadonlySet<string>): void {
  if (!providers.has(key))
    throw new InvalidParameterException(`(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`);
  if (!mapping.AmbiguousRoleResolution)
    throw new InvalidParameterException(`AmbiguousRoleResolution is required for role mapping type ${mapping.Type}: (${key}).`);
  if (mapping.Type !== 'Rules') return;
  if (!mapping.RulesConfiguration)
    throw new InvalidParameterException(`RulesConfiguration is required for role mapping type Rules: (${key}).`);
  for (const rule of mapping.RulesConfiguration.Rules) checkRoleArn(rule.RoleARN);
}

function checkRoleArn(arn: string): void {
  if (!IAM_ROLE_ARN.test(arn)) throw new NotAuthorizedException(`Access to Role '${arn}' is forbidden.`);
}

// ---- The role

/** What chooseRole decided, as `identity.roleResolved` carries it (the flow adds the pool, the identity and the principal tags). */
export type RoleChoice = Omit<EventData<'identity.roleResolved'>, 'identityPoolId' | 'identityId'>;

export interface RoleRequest {
  pool: IdentityPool;
  authenticated: boolean;
  /** The checked login whose provider decides the role. */
  login?: VerifiedLogin;
  /** GetCredentialsForIdentity's CustomRoleArn. */
  customRoleArn?: string;
}

export interface FoundRoleMapping {
  key: string;
  mapping: RoleMapping;
}

type Settled = Pick<RoleChoice, 'authenticated' | 'customRoleArn' | 'mapping' | 'rules' | 'tokenRoles'>;

/** The role of a GetCredentialsForIdentity call, or why none is given (`denied`); never throws. */
export function chooseRole({ pool, authenticated, login, customRoleArn }: RoleRequest): RoleChoice {
  const settled: Settled = { authenticated, ...(customRoleArn !== undefined && { customRoleArn }) };
  if (!authenticated) return defaultRole(pool, 'unauthenticated', settled, withIgnoredCustomRole('an unauthenticated identity', customRoleArn));
  const found = login && roleMappingOf(pool, login);
  if (login && found) {
    const mapped: Settled = { ...settled, mapping: mappingShown(found) };
    return found.mapping.Type === 'Token' ? byToken(pool, found, login, mapped, customRoleArn) : byRules(pool, found, login, mapped, customRoleArn);
  }
  if (login?.kind === 'saml') return bySamlRoles(pool, login, settled, customRoleArn);
  const why = login ? `no role mapping for ${login.provider}` : 'no provider token decides the role';
  return defaultRole(pool, 'authenticated', settled, withIgnoredCustomRole(why, customRoleArn));
}

/** The role mapping a login's provider has in this pool, and its key. */
export function roleMappingOf(pool: IdentityPool, login: VerifiedLogin): FoundRoleMapping | undefined {
  for (const key of mappingKeysOf(pool, login)) {
    const mapping = pool.RoleMappings[key];
    if (mapping) return { key, mapping };
  }
  return undefined;
}

function mappingKeysOf(pool: IdentityPool, login: VerifiedLogin): string[] {
  if (login.kind === 'cognito') return login.clientId ? [`${login.provider}:${login.clientId}`] : [];
  if (login.kind === 'oidc') return [login.provider, ...pool.OpenIdConnectProviderARNs.filter((arn) => oidcLoginKey(arn) === login.provider)];
  return [login.provider];
}

function mappingShown({ key, mapping }: FoundRoleMapping): NonNullable<RoleChoice['mapping']> {
  return { key, type: mapping.Type, ...(mapping.AmbiguousRoleResolution && { ambiguousRoleResolution: mapping.AmbiguousRoleResolution }) };
}

function withIgnoredCustomRole(why: string, customRoleArn: string | undefined): string {
  return customRoleArn === undefined ? why : `${why} (CustomRoleArn ignored: nothing offers a choice of roles)`;
}

function defaultRole(pool: IdentityPool, which: 'authenticated' | 'unauthenticated', settled: Settled, why: string): RoleChoice {
  const roleArn = pool.Roles[which];
  if (!roleArn) return denied(settled, awsError(new InvalidIdentityPoolConfigurationException()), `${why}, and the pool has no ${which} role`);
  return { ...settled, decidedBy: 'default', roleArn, reason: `${why}: the pool's ${which} role` };
}

function denied(settled: Settled, error: AwsError, reason: string): RoleChoice {
  return { ...settled, decidedBy: 'denied', denied: error, reason };
}

function awsError(error: { type: string; message: string }): AwsError {
  return { type: error.type, message: error.message };
}

function customRoleRefused(key: string, customRoleArn: string): AwsError {
  return awsError(new NotAuthorizedException(`CustomRoleArn '${customRoleArn}' is not one of the roles offered for: ${key}.`));
}

/** AmbiguousRoleResolution: the pool's authenticated role, or Deny (also when it is not set). */
function ambiguous(pool: IdentityPool, found: FoundRoleMapping, settled: Settled, why: string): RoleChoice {
  const resolution = found.mapping.AmbiguousRoleResolution;
  if (resolution !== 'AuthenticatedRole')
    return denied(
      settled,
      awsError(new NotAuthorizedException(`The ambiguous role mapping rules for: ${found.key} denied this request.`)),
      `${why}: AmbiguousRoleResolution ${resolution ?? '(not set)'} denies`,
    );
  const roleArn = pool.Roles.authenticated;
  if (!roleArn)
    return denied(settled, awsError(new InvalidIdentityPoolConfigurationException()), `${why}: AmbiguousRoleResolution AuthenticatedRole, and the pool has no authenticated role`);
  return { ...settled, decidedBy: 'ambiguous', roleArn, reason: `${why}: AmbiguousRoleResolution gives the pool's authenticated role` };
}

// ---- Token mappings

function byToken(pool: IdentityPool, found: FoundRoleMapping, login: VerifiedLogin, mapped: Settled, customRoleArn: string | undefined): RoleChoice {
  const roles = rolesOf(login.claims['cognito:roles']);
  const preferred = login.claims['cognito:preferred_role'];
  const preferredRole = typeof preferred === 'string' && preferred !== '' ? preferred : undefined;
  const settled: Settled = { ...mapped, tokenRoles: { roles, ...(preferredRole && { preferredRole }) } };
  if (customRoleArn !== undefined) {
    if (roles.includes(customRoleArn)) return { ...settled, decidedBy: 'custom', roleArn: customRoleArn, reason: "CustomRoleArn is one of the token's cognito:roles" };
    return denied(settled, customRoleRefused(found.key, customRoleArn), "CustomRoleArn is not one of the token's cognito:roles");
  }
  if (preferredRole) return { ...settled, decidedBy: 'token', roleArn: preferredRole, reason: "the token's cognito:preferred_role" };
  if (roles.length === 1) return { ...settled, decidedBy: 'token', roleArn: roles[0], reason: "the only role of the token's cognito:roles" };
  const why = roles.length === 0 ? 'the token has no cognito:roles' : `the token offers ${roles.length} roles and no cognito:preferred_role`;
  return ambiguous(pool, found, settled, why);
}

/** `cognito:roles`: a list in the ID token, a comma-separated string as the guide describes it. */
function rolesOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((role): role is string => typeof role === 'string' && role !== '');
  if (typeof claim === 'string') return claim.split(',').map((role) => role.trim()).filter((role) => role !== '');
  return [];
}

// ---- Rules mappings

function byRules(pool: IdentityPool, found: FoundRoleMapping, login: VerifiedLogin, mapped: Settled, customRoleArn: string | undefined): RoleChoice {
  const rules = found.mapping.RulesConfiguration?.Rules ?? [];
  const evaluations = evaluateRules(rules, login.claims, customRoleArn !== undefined);
  const settled: Settled = { ...mapped, rules: evaluations };
  if (customRoleArn !== undefined) {
    const chosen = evaluations.find((rule) => rule.matched && rule.roleArn === customRoleArn);
    if (chosen) return { ...settled, decidedBy: 'custom', roleArn: customRoleArn, reason: `CustomRoleArn is the role of rule ${chosen.index + 1}, which matched: ${chosen.why}` };
    return denied(settled, customRoleRefused(found.key, customRoleArn), 'CustomRoleArn is not the role of a matching rule');
  }
  const first = evaluations.find((rule) => rule.matched);
  if (first) return { ...settled, decidedBy: 'rule', roleArn: first.roleArn, reason: `rule ${first.index + 1} matched: ${first.why}` };
  return ambiguous(pool, found, settled, rules.length === 0 ? 'the mapping has no rules' : 'no rule matched');
}

/** The rules in order; after the first match the rest are not evaluated, unless every one must be (a CustomRoleArn picks among the matches). */
export function evaluateRules(rules: MappingRule[], claims: Record<string, unknown>, evaluateAll = false): RoleRuleEvaluation[] {
  let winner: number | undefined;
  return rules.map((rule, index) => {
    if (winner !== undefined && !evaluateAll) return { ...ruleShown(rule, index, claims), why: `not evaluated: rule ${winner + 1} matched first` };
    const evaluation = evaluateRule(rule, index, claims);
    if (evaluation.matched && winner === undefined) winner = index;
    return evaluation;
  });
}

function ruleShown(rule: MappingRule, index: number, claims: Record<string, unknown>): Omit<RoleRuleEvaluation, 'why'> {
  const claimValue = claims[rule.Claim];
  return {
    index,
    claim: rule.Claim,
    matchType: rule.MatchType,
    value: rule.Value,
    roleArn: rule.RoleARN,
    ...(claimValue !== undefined && claimValue !== null && { claimValue }),
  };
}

interface Outcome {
  matched: boolean;
  why: string;
}

const yes = (why: string): Outcome => ({ matched: true, why });
const no = (why: string): Outcome => ({ matched: false, why });

function evaluateRule(rule: MappingRule, index: number, claims: Record<string, unknown>): RoleRuleEvaluation {
  const shown = ruleShown(rule, index, claims);
  const claimValue = claims[rule.Claim];
  if (claimValue === undefined || claimValue === null)
    return { ...shown, ...no(rule.MatchType === 'NotEqual' ? `${rule.Claim} is absent: NotEqual skipped` : `${rule.Claim} is absent`) };
  const outcome = Array.isArray(claimValue) ? matchList(rule, claimValue.map(text)) : matchText(rule, text(claimValue));
  return { ...shown, ...outcome };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function matchText(rule: MappingRule, actual: string): Outcome {
  const { Claim: claim, Value: value } = rule;
  switch (rule.MatchType) {
    case 'Equals':
      return actual === value ? yes(`${claim} is ${value}`) : no(`${claim} is ${actual}, not ${value}`);
    case 'NotEqual':
      return actual !== value ? yes(`${claim} is ${actual}, not ${value}`) : no(`${claim} is ${value}`);
    case 'StartsWith':
      return actual.startsWith(value) ? yes(`${claim} ${actual} starts with ${value}`) : no(`${claim} ${actual} does not start with ${value}`);
    case 'Contains':
      return actual.includes(value) ? yes(`${claim} ${actual} contains ${value}`) : no(`${claim} ${actual} does not contain ${value}`);
    default:
      return no(`unknown match type ${String(rule.MatchType)}`);
  }
}

/** A list claim (cognito:groups, amr, a multi-valued SAML attribute): one element matching is enough; NotEqual needs none equal. */
function matchList(rule: MappingRule, elements: string[]): Outcome {
  const { Value: value } = rule;
  const shown = `${rule.Claim} [${elements.join(', ')}]`;
  const holds = elements.includes(value);
  switch (rule.MatchType) {
    case 'Equals':
      return holds ? yes(`${shown} holds ${value}`) : no(`${shown} does not hold ${value}`);
    case 'NotEqual':
      return holds ? no(`${shown} holds ${value}`) : yes(`${shown} does not hold ${value}`);
    case 'StartsWith': {
      const element = elements.find((e) => e.startsWith(value));
      return element !== undefined ? yes(`${shown}: ${element} starts with ${value}`) : no(`no element of ${shown} starts with ${value}`);
    }
    case 'Contains': {
      if (holds) return yes(`${shown} holds ${value}`);
      const element = elements.find((e) => e.includes(value));
      return element !== undefined ? yes(`${shown}: ${element} contains ${value}`) : no(`no element of ${shown} contains ${value}`);
    }
    default:
      return no(`unknown match type ${String(rule.MatchType)}`);
  }
}

// ---- SAML roles

function bySamlRoles(pool: IdentityPool, login: VerifiedLogin, settled: Settled, customRoleArn: string | undefined): RoleChoice {
  const roles = login.samlRoles ?? [];
  const offered: Settled = { ...settled, tokenRoles: { roles } };
  if (customRoleArn !== undefined) {
    if (roles.includes(customRoleArn)) return { ...offered, decidedBy: 'custom', roleArn: customRoleArn, reason: 'CustomRoleArn is one of the roles of the SAML assertion' };
    return denied(offered, customRoleRefused(login.provider, customRoleArn), 'CustomRoleArn is not one of the roles of the SAML assertion');
  }
  if (roles.length === 1) return { ...offered, decidedBy: 'saml', roleArn: roles[0], reason: 'the only role of the SAML assertion' };
  const why = roles.length === 0 ? 'the SAML assertion offers no role' : `the SAML assertion offers ${roles.length} roles and no CustomRoleArn chose one`;
  return defaultRole(pool, 'authenticated', offered, why);
}

// ---- Principal tags

const SAML_NAME_IDENTIFIER = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
const SAML_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const MAX_TAG_VALUE = 256;

interface DefaultTag {
  tag: string;
  claim: string;
  /** Where the value comes from when the token lacks the claim. */
  otherwise?: (pool: IdentityPool, login: VerifiedLogin) => string | undefined;
}

const subject = (_pool: IdentityPool, login: VerifiedLogin) => login.subject;
const appId = (pool: IdentityPool, login: VerifiedLogin) => login.clientId ?? pool.SupportedLoginProviders[login.provider];

/** The guide's "Default provider mappings", per provider. */
function defaultTags(login: VerifiedLogin): DefaultTag[] {
  if (login.kind === 'cognito-identity') return [];
  if (login.kind === 'saml')
    return [
      { tag: 'username', claim: SAML_NAME_IDENTIFIER, otherwise: subject },
      { tag: 'name', claim: SAML_NAME },
    ];
  const userClaim = login.provider === 'www.amazon.com' ? 'user_id' : 'sub';
  return [
    { tag: 'username', claim: userClaim, otherwise: subject },
    { tag: 'client', claim: 'aud', otherwise: appId },
  ];
}

/** The session tags a login's claims give, per the provider's principal tag attribute map (none without one). */
export function principalTagsFor(pool: IdentityPool, login: VerifiedLogin): Record<string, string> {
  const map = principalTagMapOf(pool, login);
  if (!map) return {};
  const sources: DefaultTag[] = map.UseDefaults
    ? defaultTags(login)
    : Object.entries(map.PrincipalTags).map(([tag, claim]) => ({ tag, claim }));
  const tags: Record<string, string> = {};
  for (const { tag, claim, otherwise } of sources) {
    const value = tagValue(login.claims[claim]) ?? tagValue(otherwise?.(pool, login));
    if (value !== undefined) tags[tag] = value;
  }
  return tags;
}

function principalTagMapOf(pool: IdentityPool, login: VerifiedLogin) {
  const keys = login.kind === 'cognito' ? [...mappingKeysOf(pool, login), login.provider] : mappingKeysOf(pool, login);
  for (const key of keys) {
    const map = pool.PrincipalTagAttributeMaps[key];
    if (map) return map;
  }
  return undefined;
}

/** One short value: a string, number or boolean, or a list of exactly one. */
function tagValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? tagValue(value[0]) : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '' || value.length > MAX_TAG_VALUE) return undefined;
  return value;
}
