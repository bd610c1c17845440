/**
 * The first steps of every self-service call: the app client names the pool, a client with a
 * secret proves it over the username (SecretHash), and the user named is looked up the way
 * Cognito accepts them (username, alias, or sub). What an unknown user gets back depends on the
 * client's PreventUserExistenceErrors.
 */
import { checkSecretHash } from '../../../../auth/secret-hash.js';
import type { Store } from '../../../../store/index.js';
import type { AppClient } from '../../../../store/repositories/app-clients.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { NotAuthorizedException, ResourceNotFoundException, UserNotFoundException } from '../../errors.js';
import { requirePool } from '../common.js';

export interface ClientAndPool {
  client: AppClient;
  pool: UserPool;
}

/** The app client and its pool, or Cognito's ResourceNotFoundException for an unknown client id. */
export function requireAppClient(store: Store, clientId: string): ClientAndPool {
  const client = store.clients.findById(clientId);
  if (!client) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return { client, pool: requirePool(store, client.poolId) };
}

/**
 * The user `username` names, or undefined, once the client's SecretHash checks out. A client
 * hashes the name it sends; the username it resolved to is accepted too.
 */
export function findNamedUser(store: Store, { client, pool }: ClientAndPool, username: string, secretHash: string | undefined): StoredUser | undefined {
  const user = store.users.resolve(pool, username);
  checkSecretHash(client, user ? [username, user.username] : username, secretHash, 'SecretHash');
  return user;
}

/** Whether the client hides which users exist (PreventUserExistenceErrors ENABLED). */
export function hidesUserExistence(client: AppClient): boolean {
  return client.config.PreventUserExistenceErrors === 'ENABLED';
}

/** What an unknown user is told where the client does not hide it. */
export function unknownUser(): Error {
  return new UserNotFoundException('Username/client id combination not found.');
}

export function disabledUser(): Error {
  return new NotAuthorizedException('User is disabled.');
}
