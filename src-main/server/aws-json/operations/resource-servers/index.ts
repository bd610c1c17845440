import type { OperationFactory } from '../../operation.js';

export const resourceServerOperations: Record<string, OperationFactory> = {};
