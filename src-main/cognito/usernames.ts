/**
 * Usernames: the key a username is stored under (the pool's case sensitivity), how a name a
 * client sends resolves to a user (username, alias or sub), and the username of a new user by
 * the pool's sign-in settings: with UsernameAttributes the given email or phone number becomes
 * that attribute and the username is the user's sub; with AliasAttributes a username may not
 * look like the alias it would shadow.
 */
import type { Store } from '../store/index.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser, UserAttribute } from '../store/repositories/users.js';
import { InvalidParameterException } from './errors.js';
import { isEmail, isPhoneNumber } from './attributes.js';
import { isUsernameCaseSensitive } from './pool-config.js';

export interface NewUsername {
  /** The username to store: as given, or the sub in pools that sign in with email or phone. */
  username: string;
  /** The attribute the given username stands for, in pools that sign in with email or phone. */
  attribute?: UserAttribute;
}

function usernameAttributeMessage(allowed: readonly string[]): string {
  if (allowed.includes('email') && allowed.includes('phone_number')) return 'Username should be either an email or a phone number.';
  return allowed.includes('email') ? 'Username should be an email.' : 'Username should be a phone number.';
}

export function newUsername(pool: UserPool, requested: string, sub: string): NewUsername {
  const usernameAttributes = pool.config.UsernameAttributes ?? [];
  if (usernameAttributes.length > 0) {
    if (usernameAttributes.includes('email') && isEmail(requested)) return { username: sub, attribute: { Name: 'email', Value: requested } };
    if (usernameAttributes.includes('phone_number') && isPhoneNumber(requested)) {
      return { username: sub, attribute: { Name: 'phone_number', Value: requested } };
    }
    throw new InvalidParameterException(usernameAttributeMessage(usernameAttributes));
  }
  const aliases = pool.config.AliasAttributes ?? [];
  if (aliases.includes('email') && isEmail(requested)) {
    throw new InvalidParameterException('Username cannot be of email format, since user pool is configured for email alias.');
  }
  if (aliases.includes('phone_number') && isPhoneNumber(requested)) {
    throw new InvalidParameterException('Username cannot be of phone number format, since user pool is configured for phone_number alias.');
  }
  return { username: requested };
}

/** The key a username is stored and found under in `pool`. */
export function usernameKeyOf(pool: UserPool, username: string): string {
  return isUsernameCaseSensitive(pool) ? username : username.toLowerCase();
}

/** Attributes besides the username that identify a user at sign-in in this pool. */
export function signInAttributesOf(pool: UserPool): ('email' | 'phone_number' | 'preferred_username')[] {
  const names = [...(pool.config.UsernameAttributes ?? []), ...(pool.config.AliasAttributes ?? [])];
  return (['email', 'phone_number', 'preferred_username'] as const).filter((name) => names.includes(name));
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * The user a name stands for, the way Cognito accepts one: the username, an alias attribute
 * (verified email / phone / preferred_username where the pool allows it), an email or phone used
 * as the username attribute, or the sub.
 */
export function resolveUser(store: Pick<Store, 'users'>, pool: UserPool, name: string): StoredUser | undefined {
  const byUsername = store.users.findByKey(pool.id, usernameKeyOf(pool, name));
  if (byUsername) return byUsername;
  for (const attribute of signInAttributesOf(pool)) {
    const verifiedOnly = (pool.config.AliasAttributes ?? []).includes(attribute);
    const [match] = store.users.findByAttribute(pool.id, attribute, name, verifiedOnly);
    if (match) return match;
  }
  return isUuid(name) ? store.users.findBySub(pool.id, name) : undefined;
}
