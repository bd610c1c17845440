import type { OperationFactory } from '../../operation.js';

export const domainOperations: Record<string, OperationFactory> = {};
