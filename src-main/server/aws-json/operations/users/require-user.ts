import type { Store } from '../../../../store/index.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { UserNotFoundException } from '../../errors.js';

/**
 * The user an admin operation names (by username, alias or sub, as Cognito accepts them), or
 * Cognito's UserNotFoundException.
 */
export function requireUser(store: Store, pool: UserPool, username: string): StoredUser {
  const user = store.users.resolve(pool, username);
  if (!user) throw new UserNotFoundException('User does not exist.');
  return user;
}
