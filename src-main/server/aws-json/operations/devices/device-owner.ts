/** The user an admin device operation names, by username, alias or sub. */
import type { Store } from '../../../../store/index.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { resolveUser } from '../../../../cognito/usernames.js';

/**
 * For AdminGetDevice and AdminListDevices, whose model lists no UserNotFoundException: an unknown
 * user is ResourceNotFoundException "User does not exist." (an assumption; the others answer
 * UserNotFoundException, through cognito/resources.ts requireUser).
 */
export function requireOwnerOfListedDevices(store: Store, pool: UserPool, username: string): StoredUser {
  const user = resolveUser(store, pool, username);
  if (!user) throw new ResourceNotFoundException('User does not exist.');
  return user;
}
