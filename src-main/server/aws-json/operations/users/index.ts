import type { OperationFactory } from '../../operation.js';

export const userOperations: Record<string, OperationFactory> = {};
