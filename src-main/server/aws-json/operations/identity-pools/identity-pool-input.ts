/** What CreateIdentityPool and UpdateIdentityPool share: their configuration members and the record they store. */
import { identityPoolConfig, type IdentityPoolSettings } from '../../../../cognito/identity/identity-pool-config.js';
import type { IdentityPool } from '../../../../cognito/identity/types.js';
import {
  BooleanType,
  CognitoIdentityProviderListType,
  DeveloperProviderNameType,
  IdentityPoolNameType,
  IdentityPoolTagsType,
  IdentityProvidersType,
  OIDCProviderListType,
  SAMLProviderListType,
} from '../../identity-model.js';
import { required } from '../../shapes.js';

/** The members of the `IdentityPool` shape after its id. */
export const identityPoolMembers = {
  IdentityPoolName: required(IdentityPoolNameType),
  AllowUnauthenticatedIdentities: required(BooleanType),
  AllowClassicFlow: BooleanType,
  SupportedLoginProviders: IdentityProvidersType,
  DeveloperProviderName: DeveloperProviderNameType,
  OpenIdConnectProviderARNs: OIDCProviderListType,
  CognitoIdentityProviders: CognitoIdentityProviderListType,
  SamlProviderARNs: SAMLProviderListType,
  IdentityPoolTags: IdentityPoolTagsType,
};

export interface IdentityPoolRequest extends IdentityPoolSettings {
  IdentityPoolName?: string;
  IdentityPoolTags?: Record<string, string>;
}

/**
 * The pool a Create or Update request describes. An update (`current`) keeps the pool's id,
 * creation time, roles, role mappings and principal tag maps (they have operations of their own),
 * and its tags unless the request gives new ones.
 */
export function identityPoolOf(
  request: IdentityPoolRequest,
  identity: { IdentityPoolId: string; now: number },
  current?: IdentityPool,
): IdentityPool {
  return {
    IdentityPoolId: identity.IdentityPoolId,
    IdentityPoolName: request.IdentityPoolName!,
    ...identityPoolConfig(request, current),
    IdentityPoolTags: { ...(request.IdentityPoolTags ?? current?.IdentityPoolTags) },
    Roles: current?.Roles ?? {},
    RoleMappings: current?.RoleMappings ?? {},
    PrincipalTagAttributeMaps: current?.PrincipalTagAttributeMaps ?? {},
    created: current?.created ?? identity.now,
    updated: identity.now,
  };
}
