/** A branding style by its id; ReturnMergedResources adds Cognito's values under the style's own. */
import type { DescribeManagedLoginBrandingCommandInput, DescribeManagedLoginBrandingCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { BooleanType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { ManagedLoginBrandingIdType, requireBranding, toManagedLoginBrandingType } from './branding.js';

export const DescribeManagedLoginBranding = operation<
  DescribeManagedLoginBrandingCommandInput,
  DescribeManagedLoginBrandingCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ManagedLoginBrandingId: required(ManagedLoginBrandingIdType),
    ReturnMergedResources: BooleanType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const branding = requireBranding(store, pool.id, input.ManagedLoginBrandingId!);
    return { ManagedLoginBranding: toManagedLoginBrandingType(branding, input.ReturnMergedResources === true) };
  },
}));
