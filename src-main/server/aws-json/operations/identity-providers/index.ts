import type { OperationFactory } from '../../operation.js';

export const identityProviderOperations: Record<string, OperationFactory> = {};
