import type { AppClient } from '../../../../store/repositories/app-clients.js';
import type { Store } from '../../../../store/index.js';
import { ResourceNotFoundException } from '../../errors.js';

/** The pool's client, or Cognito's ResourceNotFoundException when the pool has no such client. */
export function requireClient(store: Store, poolId: string, clientId: string): AppClient {
  const client = store.clients.findById(clientId);
  if (!client || client.poolId !== poolId) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return client;
}
