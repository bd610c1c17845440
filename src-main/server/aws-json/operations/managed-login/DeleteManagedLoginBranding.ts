import type { DeleteManagedLoginBrandingCommandInput, DeleteManagedLoginBrandingCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { ManagedLoginBrandingIdType, requireBranding } from './branding.js';

export const DeleteManagedLoginBranding = operation<
  DeleteManagedLoginBrandingCommandInput,
  DeleteManagedLoginBrandingCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    ManagedLoginBrandingId: required(ManagedLoginBrandingIdType),
    UserPoolId: required(UserPoolIdType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    store.managedLoginBrandings.delete(requireBranding(store, pool.id, input.ManagedLoginBrandingId!).brandingId);
    return {};
  },
}));
