import { describe, expect, it } from 'vitest';
import {
  SYMBOLS,
  checkPasswordPolicy,
  generateTemporaryPassword,
  passwordPolicyViolation,
  type PasswordPolicy,
} from '../../src-main/cognito/password-policy.js';

const strict: PasswordPolicy = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true };
const lax: PasswordPolicy = { MinimumLength: 6, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false };

describe('password policy', () => {
  it.each([
    ['Ab1!', 'Password not long enough'],
    ['abcdefg1!', 'Password must have uppercase characters'],
    ['ABCDEFG1!', 'Password must have lowercase characters'],
    ['Abcdefgh!', 'Password must have numeric characters'],
    ['Abcdefgh1', 'Password must have symbol characters'],
  ])('refuses %s: %s', (password, message) => {
    expect(passwordPolicyViolation(password, strict)).toBe(message);
    expect(() => checkPasswordPolicy(password, strict)).toThrow(
      expect.objectContaining({ type: 'InvalidPasswordException', message: `Password did not conform with policy: ${message}` }),
    );
  });

  it('reports the length first, as Cognito does', () => {
    expect(passwordPolicyViolation('a', strict)).toBe('Password not long enough');
  });

  it('accepts a conforming password', () => {
    expect(passwordPolicyViolation('Abcdefg1!', strict)).toBeUndefined();
    expect(() => checkPasswordPolicy('Abcdefg1!', strict)).not.toThrow();
  });

  it('counts every one of Cognito\'s special characters, and the space, as a symbol', () => {
    for (const symbol of '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ') {
      expect(passwordPolicyViolation(`Abcdefg1${symbol}`, strict)).toBeUndefined();
    }
    expect(SYMBOLS).toContain(' ');
  });

  it('does not count letters outside Basic Latin, or other punctuation, as required classes', () => {
    expect(passwordPolicyViolation('ÀBCDEFG1!', { ...strict, RequireUppercase: false })).toBe('Password must have lowercase characters');
    expect(passwordPolicyViolation('Abcdefg1€', strict)).toBe('Password must have symbol characters');
  });

  it('applies only the rules the policy turns on', () => {
    expect(passwordPolicyViolation('simple', lax)).toBeUndefined();
    expect(passwordPolicyViolation('short', lax)).toBe('Password not long enough');
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(passwordPolicyViolation('😀😀😀😀😀', { ...lax, MinimumLength: 6 })).toBe('Password not long enough');
  });
});

describe('temporary passwords', () => {
  it('always satisfy the policy that generated them', () => {
    for (let i = 0; i < 200; i++) {
      expect(passwordPolicyViolation(generateTemporaryPassword(strict), strict)).toBeUndefined();
    }
    const long = { ...strict, MinimumLength: 40 };
    const password = generateTemporaryPassword(long);
    expect(password).toHaveLength(40);
    expect(passwordPolicyViolation(password, long)).toBeUndefined();
  });

  it('are at least 8 characters and differ each time', () => {
    const first = generateTemporaryPassword(lax);
    expect(first.length).toBeGreaterThanOrEqual(8);
    expect(generateTemporaryPassword(lax)).not.toBe(first);
    expect(first).toMatch(/^\S+$/);
  });
});
