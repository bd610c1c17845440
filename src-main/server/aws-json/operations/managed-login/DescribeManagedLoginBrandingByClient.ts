/** The branding style of an app client; ReturnMergedResources adds Cognito's values under the style's own. */
import type {
  DescribeManagedLoginBrandingByClientCommandInput,
  DescribeManagedLoginBrandingByClientCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { BooleanType, ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { toManagedLoginBrandingType } from './branding.js';

export const DescribeManagedLoginBrandingByClient = operation<
  DescribeManagedLoginBrandingByClientCommandInput,
  DescribeManagedLoginBrandingByClientCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    ReturnMergedResources: BooleanType,
  }),
  handle(input) {
    const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    const branding = store.managedLoginBrandings.findOfClient(pool.id, client.clientId);
    if (!branding) throw new ResourceNotFoundException(`App client ${client.clientId} has no managed login branding.`);
    return { ManagedLoginBranding: toManagedLoginBrandingType(branding, input.ReturnMergedResources === true) };
  },
}));
