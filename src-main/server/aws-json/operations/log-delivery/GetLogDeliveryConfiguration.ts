/**
 * A pool's log delivery configuration, as SetLogDeliveryConfiguration last stored it.
 *
 * Assumption: a pool that never had one answers its pool id with an empty LogConfigurations
 * list (LogDeliveryConfigurationType requires both members), not ResourceNotFoundException.
 */
import type { GetLogDeliveryConfigurationCommandInput, GetLogDeliveryConfigurationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { toLogDeliveryConfigurationType } from './log-delivery.js';

export const GetLogDeliveryConfiguration = operation<
  GetLogDeliveryConfigurationCommandInput,
  GetLogDeliveryConfigurationCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType) }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const configurations = store.logDeliveryConfigurations.find(pool.id) ?? [];
    return { LogDeliveryConfiguration: toLogDeliveryConfigurationType(pool.id, configurations) };
  },
}));
