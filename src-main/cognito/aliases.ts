/**
 * Uniqueness of the values users sign in with besides their username. An email or phone number
 * alias belongs to one user at a time, and only once verified; a preferred_username alias
 * belongs to one user; an email or phone number used as the username attribute belongs to one
 * user, verified or not.
 */
import type { Store } from '../store/index.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { AliasExistsException, UsernameExistsException } from './errors.js';
import { attributeMap } from './attributes.js';

type AliasAttribute = 'email' | 'phone_number' | 'preferred_username';

export interface AliasOptions {
  /** Move a verified email / phone alias from its holder (who loses its verification). */
  force: boolean;
  /** Creating a user answers a taken username attribute with UsernameExists, updating with AliasExists. */
  creating: boolean;
  now: number;
}

const taken = (attribute: string) => `An account with the given ${attribute} already exists.`;

/**
 * Checks `user`'s alias values against the rest of the pool. Returns the users who lose a
 * forced alias, already updated: save them in the same transaction as `user`.
 */
export function claimAliases(store: Store, pool: UserPool, user: StoredUser, options: AliasOptions): StoredUser[] {
  const values = attributeMap(user.attributes);
  const losers: StoredUser[] = [];
  for (const attribute of pool.config.UsernameAttributes ?? []) {
    const value = values.get(attribute);
    if (value === undefined || !isContact(attribute)) continue;
    const others = store.users.findByAttribute(pool.id, attribute, value).filter((other) => other.usernameKey !== user.usernameKey);
    if (others.length > 0) throw options.creating ? new UsernameExistsException(taken(attribute)) : new AliasExistsException(taken(attribute));
  }
  for (const attribute of (pool.config.AliasAttributes ?? []) as AliasAttribute[]) {
    const value = values.get(attribute);
    if (value === undefined) continue;
    if (attribute === 'preferred_username') {
      const others = store.users.findByAttribute(pool.id, attribute, value).filter((other) => other.usernameKey !== user.usernameKey);
      if (others.length > 0) throw new AliasExistsException(taken(attribute));
      continue;
    }
    if (values.get(`${attribute}_verified`) !== 'true') continue;
    const holders = store.users.findByAttribute(pool.id, attribute, value, true).filter((other) => other.usernameKey !== user.usernameKey);
    if (holders.length === 0) continue;
    if (!options.force) throw new AliasExistsException(taken(attribute));
    losers.push(...holders.map((holder) => unverified(holder, attribute, options.now)));
  }
  return losers;
}

function isContact(attribute: string): attribute is 'email' | 'phone_number' {
  return attribute === 'email' || attribute === 'phone_number';
}

function unverified(holder: StoredUser, attribute: string, now: number): StoredUser {
  const flag = `${attribute}_verified`;
  const attributes = holder.attributes.map((a) => (a.Name === flag ? { ...a, Value: 'false' } : a));
  return { ...holder, attributes, modified: now };
}
