import type { OperationFactory } from '../../operation.js';

export const identityOperations: Record<string, OperationFactory> = {};
