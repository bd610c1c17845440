/**
 * SetPrincipalTagAttributeMap: the provider's principal tag attribute map, replaced by the one
 * given and answered as stored (cognito/identity/principal-tag-maps.ts has the rules).
 */
import type { SetPrincipalTagAttributeMapCommandInput, SetPrincipalTagAttributeMapCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { describePrincipalTagAttributeMap, requirePrincipalTagProvider } from '../../../../cognito/identity/principal-tag-maps.js';
import { BooleanType, IdentityPoolIdType, IdentityProviderNameType, PrincipalTagsType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const SetPrincipalTagAttributeMap = operation<
  SetPrincipalTagAttributeMapCommandInput,
  SetPrincipalTagAttributeMapCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    IdentityPoolId: required(IdentityPoolIdType),
    IdentityProviderName: required(IdentityProviderNameType),
    UseDefaults: BooleanType,
    PrincipalTags: PrincipalTagsType,
  }),
  handle(input) {
    const pool = requireIdentityPool(store, input.IdentityPoolId!);
    const providerName = input.IdentityProviderName!;
    requirePrincipalTagProvider(pool, providerName);
    const map = { UseDefaults: input.UseDefaults ?? false, PrincipalTags: { ...input.PrincipalTags } };
    const saved = { ...pool, PrincipalTagAttributeMaps: { ...pool.PrincipalTagAttributeMaps, [providerName]: map }, updated: clock.now() };
    store.identityPools.save(saved);
    return describePrincipalTagAttributeMap(saved, providerName);
  },
}));
