/**
 * The username of a new user, by the pool's sign-in settings: with UsernameAttributes the given
 * email or phone number becomes that attribute and the username is the user's sub; with
 * AliasAttributes a username may not look like the alias it would shadow.
 */
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { UserAttribute } from '../../../../store/repositories/users.js';
import { InvalidParameterException } from '../../errors.js';
import { isEmail, isPhoneNumber } from './attributes.js';

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
