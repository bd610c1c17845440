import { describe, expect, it } from 'vitest';
import { filterRange, parseFilter } from '../../src-main/server/aws-json/operations/users/list-filter.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';

const sensitive: UserPool = { id: 'us-east-1_Filter123', name: 'f', created: 0, modified: 0, config: {} };
const insensitive: UserPool = { ...sensitive, config: { UsernameConfiguration: { CaseSensitive: false } } };

describe('ListUsers filter parsing', () => {
  it.each([
    ['email = "a@b.c"', { attribute: 'email', operator: '=', value: 'a@b.c' }],
    ['email="a@b.c"', { attribute: 'email', operator: '=', value: 'a@b.c' }],
    ['  given_name ^=  "Jo"  ', { attribute: 'given_name', operator: '^=', value: 'Jo' }],
    ['family_name = "O\\"Brien"', { attribute: 'family_name', operator: '=', value: 'O"Brien' }],
    ['name = "back\\\\slash"', { attribute: 'name', operator: '=', value: 'back\\slash' }],
    ['name = ""', { attribute: 'name', operator: '=', value: '' }],
    ['cognito:user_status = "CONFIRMED"', { attribute: 'cognito:user_status', operator: '=', value: 'CONFIRMED' }],
    ['name = "a = \\"b\\" ^= c"', { attribute: 'name', operator: '=', value: 'a = "b" ^= c' }],
  ])('reads %j', (filter, parsed) => {
    expect(parseFilter(filter)).toEqual(parsed);
  });

  it.each(['email', 'email = a', 'email = "a', 'email = "a" "b"', 'email ~= "a"', '"email" = "a"', 'email = "a"b"'])('refuses %j', (filter) => {
    expect(() => parseFilter(filter)).toThrow(expect.objectContaining({ type: 'InvalidParameterException', message: 'Error while parsing filter.' }));
  });
});

describe('ListUsers filter ranges', () => {
  it('searches attributes lower-cased, statuses upper-cased, usernames by the pool\'s case rule', () => {
    expect(filterRange(sensitive, parseFilter('email ^= "Ann@"'))).toEqual({ column: 'email', prefix: 'ann@' });
    expect(filterRange(sensitive, parseFilter('cognito:user_status = "confirmed"'))).toEqual({ column: 'status', equals: 'CONFIRMED' });
    expect(filterRange(sensitive, parseFilter('username = "Ann"'))).toEqual({ column: 'username_key', equals: 'Ann' });
    expect(filterRange(insensitive, parseFilter('username = "Ann"'))).toEqual({ column: 'username_key', equals: 'ann' });
    expect(filterRange(sensitive, parseFilter('sub ^= "ABC"'))).toEqual({ column: 'sub', prefix: 'abc' });
  });

  it('maps status to the enabled flag, case-sensitively', () => {
    expect(filterRange(sensitive, parseFilter('status = "Enabled"'))).toEqual({ column: 'enabled', equals: 1 });
    expect(filterRange(sensitive, parseFilter('status = "Disabled"'))).toEqual({ column: 'enabled', equals: 0 });
    expect(filterRange(sensitive, parseFilter('status = "disabled"'))).toBe('none');
    expect(filterRange(sensitive, parseFilter('status ^= "E"'))).toEqual({ column: 'enabled', equals: 1 });
    expect(filterRange(sensitive, parseFilter('status ^= ""'))).toEqual({ column: 'enabled' });
  });

  it('refuses attributes Cognito cannot search', () => {
    for (const attribute of ['custom:tier', 'locale', 'email_verified', 'Email']) {
      expect(() => filterRange(sensitive, parseFilter(`${attribute} = "x"`))).toThrow(
        expect.objectContaining({ type: 'InvalidParameterException', message: `Invalid search attribute: ${attribute}` }),
      );
    }
  });
});
