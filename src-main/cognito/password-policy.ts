/**
 * A pool's password policy: the check Cognito applies to every password it is given (with its
 * InvalidPasswordException messages, in the order Cognito reports them) and the temporary
 * passwords it generates for AdminCreateUser.
 */
import { randomInt } from 'node:crypto';
import type { PasswordPolicyType } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidPasswordException } from './errors.js';

export type PasswordPolicy = Required<Pick<PasswordPolicyType, 'MinimumLength' | 'RequireUppercase' | 'RequireLowercase' | 'RequireNumbers' | 'RequireSymbols'>>;

/** The special characters Cognito counts as symbols; the space counts too. */
export const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
// Symbols that read unambiguously in an email or SMS (no quotes, backslash or space).
const GENERATED_SYMBOLS = '^$*.[]{}()?!@#%&/,><:;|_~=+-';

const has = (password: string, characters: string) => [...password].some((c) => characters.includes(c));

interface Rule {
  applies: (policy: PasswordPolicy) => boolean;
  satisfied: (password: string, policy: PasswordPolicy) => boolean;
  failure: string;
}

const RULES: readonly Rule[] = [
  { applies: () => true, satisfied: (p, policy) => [...p].length >= policy.MinimumLength, failure: 'Password not long enough' },
  { applies: (policy) => policy.RequireUppercase, satisfied: (p) => has(p, UPPERCASE), failure: 'Password must have uppercase characters' },
  { applies: (policy) => policy.RequireLowercase, satisfied: (p) => has(p, LOWERCASE), failure: 'Password must have lowercase characters' },
  { applies: (policy) => policy.RequireNumbers, satisfied: (p) => has(p, DIGITS), failure: 'Password must have numeric characters' },
  { applies: (policy) => policy.RequireSymbols, satisfied: (p) => has(p, SYMBOLS), failure: 'Password must have symbol characters' },
];

/** The first rule `password` breaks, as Cognito words it, or undefined when it conforms. */
export function passwordPolicyViolation(password: string, policy: PasswordPolicy): string | undefined {
  return RULES.find((rule) => rule.applies(policy) && !rule.satisfied(password, policy))?.failure;
}

/** Throws Cognito's InvalidPasswordException when `password` breaks the policy. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const violation = passwordPolicyViolation(password, policy);
  if (violation) throw new InvalidPasswordException(`Password did not conform with policy: ${violation}`);
}

const pick = (characters: string) => characters[randomInt(characters.length)]!;

/** A random password that satisfies `policy`: every required class at least once, shuffled. */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const length = Math.max(policy.MinimumLength, 8);
  const characters = [pick(UPPERCASE), pick(LOWERCASE), pick(DIGITS), pick(GENERATED_SYMBOLS)];
  const pool = UPPERCASE + LOWERCASE + DIGITS;
  while (characters.length < length) characters.push(pick(pool));
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
}
