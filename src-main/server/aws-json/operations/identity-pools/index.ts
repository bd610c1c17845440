import type { OperationFactory } from '../../operation.js';

export const identityPoolAdminOperations: Record<string, OperationFactory> = {};
