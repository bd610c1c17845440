import type { OperationFactory } from '../../operation.js';
import { AdminDisableProviderForUser } from './AdminDisableProviderForUser.js';
import { AdminLinkProviderForUser } from './AdminLinkProviderForUser.js';

export const federationOperations: Record<string, OperationFactory> = {
  AdminDisableProviderForUser,
  AdminLinkProviderForUser,
};
