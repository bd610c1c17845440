/**
 * ListUsers' Filter: `attribute = "value"` (exact) or `attribute ^= "value"` (starts with), the
 * value in double quotes with `\"` and `\\` escaped, spaces around the operator optional. Turned
 * into a range over one indexed column; searches ignore case except on username (which follows
 * the pool's case sensitivity) and status ("Enabled" / "Disabled").
 */
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { SEARCHABLE_ATTRIBUTES, searchKey, type UserRange } from '../../../../store/repositories/users.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { usernameKeyOf } from '../../../../cognito/usernames.js';

export interface ParsedFilter {
  attribute: string;
  operator: '=' | '^=';
  value: string;
}

const FILTER = /^\s*([^\s=^"]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/su;

export function parseFilter(filter: string): ParsedFilter {
  const match = FILTER.exec(filter);
  if (!match) throw new InvalidParameterException('Error while parsing filter.');
  return {
    attribute: match[1]!,
    operator: match[2] as ParsedFilter['operator'],
    value: match[3]!.replace(/\\(.)/gsu, '$1'),
  };
}

const STATUS_LABELS: readonly [string, number][] = [
  ['Enabled', 1],
  ['Disabled', 0],
];

/** The users `status` matches: none, one label's or (a prefix both labels share) all. */
function enabledRange(filter: ParsedFilter): UserRange | 'none' {
  const matching = STATUS_LABELS.filter(([label]) => (filter.operator === '=' ? label === filter.value : label.startsWith(filter.value)));
  if (matching.length === 0) return 'none';
  return matching.length === 1 ? { column: 'enabled', equals: matching[0]![1] } : { column: 'enabled' };
}

function bounded(column: UserRange['column'], operator: ParsedFilter['operator'], value: string): UserRange {
  return operator === '=' ? { column, equals: value } : { column, prefix: value };
}

/** The range of users a filter selects, or 'none' when it can match nobody. */
export function filterRange(pool: UserPool, filter: ParsedFilter): UserRange | 'none' {
  const { attribute, operator, value } = filter;
  if (attribute === 'username') return bounded('username_key', operator, usernameKeyOf(pool, value));
  if (attribute === 'cognito:user_status') return bounded('status', operator, value.toUpperCase());
  if (attribute === 'status') return enabledRange(filter);
  if (attribute === 'sub') return bounded('sub', operator, searchKey(value));
  if ((SEARCHABLE_ATTRIBUTES as readonly string[]).includes(attribute)) {
    return bounded(attribute as (typeof SEARCHABLE_ATTRIBUTES)[number], operator, searchKey(value));
  }
  throw new InvalidParameterException(`Invalid search attribute: ${attribute}`);
}
