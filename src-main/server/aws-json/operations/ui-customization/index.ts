import type { OperationFactory } from '../../operation.js';
import { GetUICustomization } from './GetUICustomization.js';
import { SetUICustomization } from './SetUICustomization.js';

export const uiCustomizationOperations: Record<string, OperationFactory> = {
  SetUICustomization,
  GetUICustomization,
};
