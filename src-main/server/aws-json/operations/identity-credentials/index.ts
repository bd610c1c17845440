import type { OperationFactory } from '../../operation.js';

export const identityCredentialOperations: Record<string, OperationFactory> = {};
