/**
 * A user as the sandbox's export wrote them, written back into a pool: their username, sub,
 * attributes, status, dates, MFA settings and password verifier kept, so they sign in with the
 * same password and ListUsers answers the same. The attributes are checked against the pool's
 * schema as an admin's would be; no trigger runs and no message is sent (the user is not new to
 * their app, only to this sandbox).
 *
 * Limitation: aliases are not claimed from other users (an export's users never share one).
 */
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../store/index.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredPassword, StoredUser, UserMfaSettings } from '../store/repositories/users.js';
import { checkNewUserAttributes } from './attributes.js';
import { InvalidParameterException, UsernameExistsException } from './errors.js';
import { usernameKeyOf } from './usernames.js';

export interface UserToRestore {
  username: string;
  /** `sub` among them (a new one is made when absent). */
  attributes: AttributeType[];
  status: string;
  enabled: boolean;
  created: number;
  modified: number;
  password?: StoredPassword;
  mfa?: UserMfaSettings;
}

const STATUSES = ['UNCONFIRMED', 'CONFIRMED', 'EXTERNAL_PROVIDER', 'RESET_REQUIRED', 'FORCE_CHANGE_PASSWORD'];
const HEX = /^[0-9a-f]+$/i;

function checkPassword(password: StoredPassword | undefined): void {
  if (password && !(HEX.test(password.salt) && HEX.test(password.verifier))) {
    throw new InvalidParameterException('PasswordVerifier: Salt and Verifier must be hexadecimal.');
  }
}

/** Writes the user; UsernameExistsException when the pool has one of that name already. */
export function restoreUser(store: Store, pool: UserPool, entry: UserToRestore, newSub: () => string): StoredUser {
  if (!STATUSES.includes(entry.status)) throw new InvalidParameterException(`UserStatus: '${entry.status}' is not one of ${STATUSES.join(', ')}.`);
  checkPassword(entry.password);
  const usernameKey = usernameKeyOf(pool, entry.username);
  if (store.users.findByKey(pool.id, usernameKey)) throw new UsernameExistsException('User account already exists');
  const sub = entry.attributes.find((a) => a.Name === 'sub')?.Value ?? newSub();
  const given = entry.attributes.filter((a) => a.Name !== 'sub');
  const attributes = checkNewUserAttributes(pool, given, { writer: 'admin', requireRequired: false });
  const user: StoredUser = {
    poolId: pool.id,
    username: entry.username,
    usernameKey,
    sub,
    status: entry.status,
    enabled: entry.enabled,
    created: entry.created,
    modified: entry.modified,
    attributes: [{ Name: 'sub', Value: sub }, ...attributes],
    ...(entry.password && { password: entry.password }),
    ...(entry.mfa && { mfa: entry.mfa }),
    extra: {},
  };
  store.users.insert(user);
  return user;
}
