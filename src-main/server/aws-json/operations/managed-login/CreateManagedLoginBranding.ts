/**
 * Creates an app client's managed login branding style: Cognito's values
 * (UseCognitoProvidedValues), or Settings and Assets of its own. A client has one style.
 * Limitations: the sandbox reads at most 1 MB a request (Cognito 2 MB); nothing limits the
 * number of styles in a pool.
 */
import type { CreateManagedLoginBrandingCommandInput, CreateManagedLoginBrandingCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ManagedLoginBrandingExistsException } from '../../../../cognito/errors.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { BooleanType, ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { AssetListType, SettingsType, styleAfter, toManagedLoginBrandingType, type WireAsset } from './branding.js';

type CreateManagedLoginBrandingWireInput = Omit<CreateManagedLoginBrandingCommandInput, 'Assets'> & { Assets?: WireAsset[] };

export const CreateManagedLoginBranding = operation<
  CreateManagedLoginBrandingWireInput,
  CreateManagedLoginBrandingCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids'>
>(({ store, clock, ids }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    UseCognitoProvidedValues: BooleanType,
    Settings: SettingsType,
    Assets: AssetListType,
  }),
  handle(input) {
    const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    const existing = store.managedLoginBrandings.findOfClient(pool.id, client.clientId);
    if (existing) {
      throw new ManagedLoginBrandingExistsException(`App client ${client.clientId} already has managed login branding ${existing.brandingId}.`);
    }
    const now = clock.now();
    const branding = {
      brandingId: ids.uuid(),
      poolId: pool.id,
      clientId: client.clientId,
      ...styleAfter(undefined, input, ids),
      created: now,
      modified: now,
    };
    store.managedLoginBrandings.insert(branding);
    return { ManagedLoginBranding: toManagedLoginBrandingType(branding) };
  },
}));
