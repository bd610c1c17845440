/**
 * The first steps of every self-service call: the app client names the pool, a client with a
 * secret proves it over the username (SecretHash), and the user named is looked up the way
 * Cognito accepts them (username, alias, or sub). What an unknown user gets back depends on the
 * client's PreventUserExistenceErrors.
 */
import { checkSecretHash } from './secret-hash.js';
import type { Store } from '../store/index.js';
import type { AppClient } from './app-clients.js';
import type { StoredUser } from '../store/repositories/users.js';
import { NotAuthorizedException, UserNotFoundException } from './errors.js';
import type { ClientAndPool } from './resources.js';
import { resolveUser } from './usernames.js';

/**
 * The user `username` names, or undefined, once the client's SecretHash checks out. A client
 * hashes the name it sends; the username it resolved to is accepted too.
 */
export function findNamedUser(store: Store, { client, pool }: ClientAndPool, username: string, secretHash: string | undefined): StoredUser | undefined {
  const user = resolveUser(store, pool, username);
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
