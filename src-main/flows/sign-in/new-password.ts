/**
 * NEW_PASSWORD_REQUIRED, the challenge of a user with a temporary password: the parameters
 * Cognito sends (`requiredAttributes`: the pool's required attributes the user still lacks, as
 * `userAttributes.<name>`; `userAttributes`: the user's attributes as a JSON object) and the
 * attribute changes an answer's `userAttributes.<name>` responses make, checked as Cognito checks
 * them.
 */
import type { AppClient } from '../../cognito/app-clients.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser, UserAttribute } from '../../store/repositories/users.js';
import { InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { writableAttributes } from '../../cognito/attribute-permissions.js';
import { requiredAttributeNames } from '../../cognito/pool-config.js';
import { applyAttributeChanges, attributeMap, checkAttributeChanges } from '../../cognito/attributes.js';

export const USER_ATTRIBUTE_PREFIX = 'userAttributes.';

function requiredOf(pool: UserPool): string[] {
  return requiredAttributeNames(pool).filter((name) => name !== 'sub');
}

export function newPasswordChallengeParameters(pool: UserPool, user: StoredUser): Record<string, string> {
  const present = attributeMap(user.attributes);
  const missing = requiredOf(pool).filter((name) => !present.get(name));
  const userAttributes = Object.fromEntries(user.attributes.filter((a) => a.Name !== 'sub').map((a) => [a.Name, a.Value]));
  return {
    USER_ID_FOR_SRP: user.username,
    requiredAttributes: JSON.stringify(missing.map((name) => `${USER_ATTRIBUTE_PREFIX}${name}`)),
    userAttributes: JSON.stringify(userAttributes),
  };
}

/**
 * The user's attributes after the answer: the client may write its WriteAttributes and the
 * required ones, may not change a required attribute that already has a value, and must leave
 * no required attribute without one.
 */
export function newPasswordChanges(pool: UserPool, client: AppClient, user: StoredUser, responses: Record<string, string>): UserAttribute[] {
  const given = Object.entries(responses)
    .filter(([key]) => key.startsWith(USER_ATTRIBUTE_PREFIX))
    .map(([key, value]) => ({ Name: key.slice(USER_ATTRIBUTE_PREFIX.length), Value: value }));
  const required = new Set(requiredOf(pool));
  const writable = writableAttributes(client, pool);
  if (given.some(({ Name }) => !writable.has(Name) && !required.has(Name))) {
    throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
  }
  const current = attributeMap(user.attributes);
  const alreadyProvided = given.find(({ Name }) => required.has(Name) && current.get(Name));
  if (alreadyProvided) throw new NotAuthorizedException(`Cannot modify an already provided ${alreadyProvided.Name}`);

  const after = given.length === 0 ? user.attributes : applyAttributeChanges(user.attributes, checkAttributeChanges(pool, user.attributes, given, 'client'));
  const values = attributeMap(after);
  const missing = [...required].filter((name) => !values.get(name));
  if (missing.length > 0) throw new InvalidParameterException(`Invalid attributes given, ${missing.join(' and ')} is missing`);
  return after;
}
