/**
 * Changes a branding style: the request's Settings merge into the style's, its Assets replace
 * the style's of the same Category and ColorMode, and UseCognitoProvidedValues `true` goes back
 * to Cognito's values. The model leaves UserPoolId and ManagedLoginBrandingId optional; the
 * sandbox needs both to find the style and refuses a request without them as a validation error
 * (assumption).
 */
import type { UpdateManagedLoginBrandingCommandInput, UpdateManagedLoginBrandingCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { BooleanType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import {
  AssetListType,
  ManagedLoginBrandingIdType,
  SettingsType,
  requireBranding,
  styleAfter,
  toManagedLoginBrandingType,
  type WireAsset,
} from './branding.js';

type UpdateManagedLoginBrandingWireInput = Omit<UpdateManagedLoginBrandingCommandInput, 'Assets'> & { Assets?: WireAsset[] };

export const UpdateManagedLoginBranding = operation<
  UpdateManagedLoginBrandingWireInput,
  UpdateManagedLoginBrandingCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids'>
>(({ store, clock, ids }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ManagedLoginBrandingId: required(ManagedLoginBrandingIdType),
    UseCognitoProvidedValues: BooleanType,
    Settings: SettingsType,
    Assets: AssetListType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const existing = requireBranding(store, pool.id, input.ManagedLoginBrandingId!);
    const { brandingId, poolId, clientId, created } = existing;
    const branding = { brandingId, poolId, clientId, created, ...styleAfter(existing, input, ids), modified: clock.now() };
    store.managedLoginBrandings.save(branding);
    return { ManagedLoginBranding: toManagedLoginBrandingType(branding) };
  },
}));
