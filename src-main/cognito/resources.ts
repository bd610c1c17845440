/**
 * The pool, app client or user a request names, or the exception Cognito answers when there is
 * none. Users are found the way Cognito accepts them: by username, alias or sub.
 */
import type { Store } from '../store/index.js';
import type { AppClient } from './app-clients.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { ResourceNotFoundException, UserNotFoundException } from './errors.js';
import { findAppClient } from './app-clients.js';
import { resolveUser } from './usernames.js';

export interface ClientAndPool {
  client: AppClient;
  pool: UserPool;
}

/** The pool, or Cognito's ResourceNotFoundException for an unknown id. */
export function requirePool(store: Store, userPoolId: string): UserPool {
  const pool = store.pools.findById(userPoolId);
  if (!pool) throw new ResourceNotFoundException(`User pool ${userPoolId} does not exist.`);
  return pool;
}

const unknownClient = (clientId: string) => new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);

/** The pool's client, or Cognito's ResourceNotFoundException when the pool has no such client. */
export function requireClient(store: Store, poolId: string, clientId: string): AppClient {
  const client = findAppClient(store, clientId);
  if (!client || client.poolId !== poolId) throw unknownClient(clientId);
  return client;
}

/** The app client a client-side call names by id alone, and its pool. */
export function requireAppClient(store: Store, clientId: string): ClientAndPool {
  const client = findAppClient(store, clientId);
  if (!client) throw unknownClient(clientId);
  return { client, pool: requirePool(store, client.poolId) };
}

/** An admin call's client: it must belong to the named pool. */
export function requireClientOfPool(store: Store, poolId: string, clientId: string): ClientAndPool {
  const pool = requirePool(store, poolId);
  return { pool, client: requireClient(store, pool.id, clientId) };
}

/**
 * The user an admin operation names (by username, alias or sub, as Cognito accepts them), or
 * Cognito's UserNotFoundException.
 */
export function requireUser(store: Store, pool: UserPool, username: string): StoredUser {
  const user = resolveUser(store, pool, username);
  if (!user) throw new UserNotFoundException('User does not exist.');
  return user;
}
