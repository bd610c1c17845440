/**
 * SetIdentityPoolRoles: the pool's roles, replaced by the ones given, and its role mappings,
 * checked as Cognito checks them (cognito/identity/role-mapping.ts: checkRoleMappings).
 *
 * Assumption: RoleMappings omitted keep the pool's mappings (Terraform's roles attachment sends
 * them only when they change); given, even empty, they replace them.
 */
import type { SetIdentityPoolRolesCommandInput, SetIdentityPoolRolesCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { checkRoleMappings } from '../../../../cognito/identity/role-mapping.js';
import type { RoleMapping } from '../../../../cognito/identity/types.js';
import { IdentityPoolIdType, RoleMappingMapType, RolesMapType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

/** The mapping with the model's members only: members the protocol ignores are not stored and never echoed. */
function roleMappingOf(mapping: RoleMapping): RoleMapping {
  return {
    Type: mapping.Type,
    ...(mapping.AmbiguousRoleResolution && { AmbiguousRoleResolution: mapping.AmbiguousRoleResolution }),
    ...(mapping.RulesConfiguration && {
      RulesConfiguration: {
        Rules: mapping.RulesConfiguration.Rules.map(({ Claim, MatchType, Value, RoleARN }) => ({ Claim, MatchType, Value, RoleARN })),
      },
    }),
  };
}

export const SetIdentityPoolRoles = operation<SetIdentityPoolRolesCommandInput, SetIdentityPoolRolesCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      IdentityPoolId: required(IdentityPoolIdType),
      Roles: required(RolesMapType),
      RoleMappings: RoleMappingMapType,
    }),
    handle(input) {
      const pool = requireIdentityPool(store, input.IdentityPoolId!);
      const roles = { ...input.Roles };
      const given = input.RoleMappings as Record<string, RoleMapping> | undefined;
      checkRoleMappings(pool, roles, given);
      const roleMappings = given === undefined ? pool.RoleMappings : Object.fromEntries(Object.entries(given).map(([key, mapping]) => [key, roleMappingOf(mapping)]));
      store.identityPools.save({ ...pool, Roles: roles, RoleMappings: roleMappings, updated: clock.now() });
      return {};
    },
  }),
);
