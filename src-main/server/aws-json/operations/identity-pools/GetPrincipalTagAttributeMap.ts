/**
 * GetPrincipalTagAttributeMap: the provider's principal tag attribute map, as
 * SetPrincipalTagAttributeMap stored it (cognito/identity/principal-tag-maps.ts has the rules).
 */
import type { GetPrincipalTagAttributeMapCommandInput, GetPrincipalTagAttributeMapCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { describePrincipalTagAttributeMap, requirePrincipalTagProvider } from '../../../../cognito/identity/principal-tag-maps.js';
import { IdentityPoolIdType, IdentityProviderNameType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const GetPrincipalTagAttributeMap = operation<
  GetPrincipalTagAttributeMapCommandInput,
  GetPrincipalTagAttributeMapCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({ IdentityPoolId: required(IdentityPoolIdType), IdentityProviderName: required(IdentityProviderNameType) }),
  handle(input) {
    const pool = requireIdentityPool(store, input.IdentityPoolId!);
    requirePrincipalTagProvider(pool, input.IdentityProviderName!);
    return describePrincipalTagAttributeMap(pool, input.IdentityProviderName!);
  },
}));
