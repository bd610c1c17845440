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
 *    (InvalidParameterException; the wording is the sandbox's, Cognito's is not documented);
 *  - at most 10 mappings and only `authenticated` / `unauthenticated` roles: the model's own
 *    constraints, answered as the router answers them (ValidationException) for callers that do
 *    not come through it.
 */
import { InvalidParameterException, NotAuthorizedException, ValidationException } from '../errors.js';
import type { IdentityPool, RoleMapping } from './types.js';

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
