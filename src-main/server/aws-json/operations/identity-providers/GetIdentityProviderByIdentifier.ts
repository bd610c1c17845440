/** The not-found message is sandbox wording: Cognito's text for it is not known. */
import type {
  GetIdentityProviderByIdentifierCommandInput,
  GetIdentityProviderByIdentifierCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { IdpIdentifierType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { toIdentityProviderType } from './identity-provider.js';

export const GetIdentityProviderByIdentifier = operation<
  GetIdentityProviderByIdentifierCommandInput,
  GetIdentityProviderByIdentifierCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    IdpIdentifier: required(IdpIdentifierType),
  }),
  handle(input, context) {
    const pool = requirePool(store, input.UserPoolId!);
    const provider = store.identityProviders.findByIdentifier(pool.id, input.IdpIdentifier!);
    if (!provider) {
      throw new ResourceNotFoundException(`Identity provider with identifier ${input.IdpIdentifier} for tenantId ${pool.id} does not exist.`);
    }
    return { IdentityProvider: toIdentityProviderType(store, provider, context.origin) };
  },
}));
