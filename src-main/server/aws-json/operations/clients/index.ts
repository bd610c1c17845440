import type { OperationFactory } from '../../operation.js';

export const clientOperations: Record<string, OperationFactory> = {};
