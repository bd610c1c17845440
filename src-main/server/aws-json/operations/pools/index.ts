import type { OperationFactory } from '../../operation.js';

export const poolOperations: Record<string, OperationFactory> = {};
