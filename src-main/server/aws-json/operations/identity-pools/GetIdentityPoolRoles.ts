/** GetIdentityPoolRoles: the pool's roles and role mappings, as SetIdentityPoolRoles stored them (RoleMappings only when there are some). */
import type { GetIdentityPoolRolesCommandInput, GetIdentityPoolRolesCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { IdentityPoolIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const GetIdentityPoolRoles = operation<GetIdentityPoolRolesCommandInput, GetIdentityPoolRolesCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({ IdentityPoolId: required(IdentityPoolIdType) }),
    handle(input) {
      const pool = requireIdentityPool(store, input.IdentityPoolId!);
      return {
        IdentityPoolId: pool.IdentityPoolId,
        Roles: pool.Roles,
        ...(Object.keys(pool.RoleMappings).length > 0 && { RoleMappings: pool.RoleMappings }),
      };
    },
  }),
);
