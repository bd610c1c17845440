/**
 * The hosted UI (classic) customization that applies to an app client: its own, else the pool's
 * (`ALL`, whose ClientId the answer then carries); the pool's when ClientId is left out or `ALL`;
 * an empty UICustomization when there is none, as the API reference says.
 */
import type { GetUICustomizationCommandInput, GetUICustomizationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { effectiveUiCustomization } from '../../../../cognito/ui-customization.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { customizedClient, toUICustomizationType } from './ui-customization.js';

export const GetUICustomization = operation<GetUICustomizationCommandInput, GetUICustomizationCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: ClientIdType,
  }),
  handle(input, context) {
    const pool = requirePool(store, input.UserPoolId!);
    const clientId = customizedClient(store, pool.id, input.ClientId);
    const customization =
      clientId === undefined ? store.uiCustomizations.find(pool.id, undefined) : effectiveUiCustomization(store, pool.id, clientId);
    return { UICustomization: customization ? toUICustomizationType(customization, context.origin) : {} };
  },
}));
