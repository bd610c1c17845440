import type { OperationFactory } from '../../operation.js';

export const groupOperations: Record<string, OperationFactory> = {};
