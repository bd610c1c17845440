/** An identity pool record as the store keeps it, for tests that hand one straight to cognito/identity/ (no API call). */
import type { IdentityPool } from '../../src-main/cognito/identity/types.js';

export function identityPoolRecord(IdentityPoolId: string, overrides: Partial<IdentityPool> = {}): IdentityPool {
  return {
    IdentityPoolId,
    IdentityPoolName: 'test',
    AllowUnauthenticatedIdentities: false,
    SupportedLoginProviders: {},
    OpenIdConnectProviderARNs: [],
    CognitoIdentityProviders: [],
    SamlProviderARNs: [],
    IdentityPoolTags: {},
    Roles: {},
    RoleMappings: {},
    PrincipalTagAttributeMaps: {},
    created: 0,
    updated: 0,
    ...overrides,
  };
}
