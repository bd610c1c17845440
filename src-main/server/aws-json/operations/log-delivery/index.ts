import type { OperationFactory } from '../../operation.js';
import { GetLogDeliveryConfiguration } from './GetLogDeliveryConfiguration.js';
import { SetLogDeliveryConfiguration } from './SetLogDeliveryConfiguration.js';

export const logDeliveryOperations: Record<string, OperationFactory> = {
  GetLogDeliveryConfiguration,
  SetLogDeliveryConfiguration,
};
