import type { DeleteIdentityProviderCommandInput, DeleteIdentityProviderCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ProviderNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireProvider } from './identity-provider.js';

export const DeleteIdentityProvider = operation<
  DeleteIdentityProviderCommandInput,
  DeleteIdentityProviderCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ProviderName: required(ProviderNameType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const provider = requireProvider(store, pool.id, input.ProviderName!);
    store.identityProviders.delete(pool.id, provider.name);
    return {};
  },
}));
