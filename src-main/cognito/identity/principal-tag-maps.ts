/**
 * The principal tag attribute maps of an identity pool (Get/SetPrincipalTagAttributeMap): per
 * provider, whether the provider's default tags are used and which claims become which tags.
 * The tags themselves are computed when credentials are issued (role-mapping.ts: principalTagsFor).
 *
 * Assumptions (the API reference is silent on them):
 *  - a map is for a provider the pool has: a user pool ProviderName (or `{ProviderName}:{ClientId}`,
 *    as its role mappings are keyed), a SupportedLoginProviders key,
 *    an OpenIdConnectProviderARNs entry (or its login key, the issuer host/path) or a
 *    SamlProviderARNs entry; any other name is InvalidParameterException, in the sandbox's words
 *    (developer-authenticated identities carry their tags in the request, as the guide says);
 *  - a map is kept as given (UseDefaults absent is false): Cognito fills the defaults in when it
 *    issues credentials, and Terraform's principal tag resource reads back only what it wrote;
 *  - a provider with no map answers UseDefaults false and no tags: attributes for access control
 *    are off until set.
 */
import type { GetPrincipalTagAttributeMapResponse } from '@aws-sdk/client-cognito-identity';
import { InvalidParameterException } from '../errors.js';
import { userPoolRoleMappingKey } from './identity-pools.js';
import { oidcLoginKey } from './role-mapping.js';
import type { IdentityPool, PrincipalTagAttributeMap } from './types.js';

/** Every provider name a principal tag map of this pool may be set for. */
export function principalTagProviders(pool: IdentityPool): Set<string> {
  const names = new Set<string>([
    ...pool.CognitoIdentityProviders.flatMap((provider) => [provider.ProviderName, userPoolRoleMappingKey(provider.ProviderName, provider.ClientId)]),
    ...Object.keys(pool.SupportedLoginProviders),
    ...pool.SamlProviderARNs,
  ]);
  for (const arn of pool.OpenIdConnectProviderARNs) {
    names.add(arn);
    const loginKey = oidcLoginKey(arn);
    if (loginKey) names.add(loginKey);
  }
  return names;
}

export function requirePrincipalTagProvider(pool: IdentityPool, providerName: string): void {
  if (!principalTagProviders(pool).has(providerName)) {
    throw new InvalidParameterException(`${providerName} is not a configured provider of identity pool ${pool.IdentityPoolId}.`);
  }
}

/** The map as Get/SetPrincipalTagAttributeMap answer it. */
export function describePrincipalTagAttributeMap(pool: IdentityPool, providerName: string): GetPrincipalTagAttributeMapResponse {
  const map: PrincipalTagAttributeMap = pool.PrincipalTagAttributeMaps[providerName] ?? { UseDefaults: false, PrincipalTags: {} };
  return { IdentityPoolId: pool.IdentityPoolId, IdentityProviderName: providerName, UseDefaults: map.UseDefaults, PrincipalTags: map.PrincipalTags };
}
