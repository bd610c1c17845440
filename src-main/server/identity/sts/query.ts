/**
 * An STS request's parameters, read from its form as the query protocol writes them
 * (`RoleArn=...&DurationSeconds=3600&PolicyArns.member.1.arn=...`), then checked against the
 * action's input shape. A value outside its constraints is a ValidationError listing every
 * violation: "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy
 * constraint: Member must have length greater than or equal to 2".
 *
 * Assumption: a DurationSeconds that is no integer is refused the same way, with "Member must be
 * an integer" (STS's own wording is not documented).
 */
import { StsError } from '../../../cognito/identity/sts-errors.js';
import { integer, string, validate, type Shape, type StringConstraints } from '../../aws-json/shapes.js';

export class StsValidationError extends StsError {
  constructor(message: string) {
    super('ValidationError', message);
  }
}

/** How a member travels in the form: a string, an integer, or a list of structures of string fields. */
export type QueryMember = 'string' | 'integer' | { listOf: readonly string[] };

const INTEGER = /^[+-]?\d{1,15}$/;

/** `PolicyArns.member.2.arn` → index 2, field `arn`. */
function listEntries(form: URLSearchParams, name: string, fields: readonly string[]): Record<string, string>[] {
  const items = new Map<number, Record<string, string>>();
  const prefix = `${name}.member.`;
  for (const [key, value] of form) {
    if (!key.startsWith(prefix)) continue;
    const [index, field, ...rest] = key.slice(prefix.length).split('.');
    if (rest.length > 0 || !field || !fields.includes(field) || !/^[1-9]\d{0,3}$/.test(index ?? '')) continue;
    const item = items.get(Number(index)) ?? {};
    item[field] ??= value;
    items.set(Number(index), item);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

/**
 * The action's parameters present in the form (the first of repeated ones), typed as its members
 * say; an integer that does not read as one is left as its text, for queryInteger to refuse.
 */
export function readParameters(form: URLSearchParams, members: Record<string, QueryMember>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(members)) {
    if (typeof kind === 'object') {
      const items = listEntries(form, name, kind.listOf);
      if (items.length > 0 || form.has(name)) params[name] = items;
      continue;
    }
    const value = form.get(name);
    if (value === null) continue;
    params[name] = kind === 'integer' && INTEGER.test(value.trim()) ? Number(value.trim()) : value;
  }
  return params;
}

/** An integer member of a query: its text when it was not one (readParameters) is refused with the others. */
export function queryInteger(c: { min?: number; max?: number }): Shape {
  const base = integer(c);
  return {
    kind: 'integer',
    check(value, path, issues) {
      if (typeof value === 'string') issues.push({ path, value, constraint: 'Member must be an integer' });
      else base.check(value, path, issues);
    },
  };
}

export function validateParameters(shape: Shape, params: Record<string, unknown>): void {
  validate(shape, params, StsValidationError);
}

/**
 * A string whose pattern JavaScript cannot take as the model writes it (`\u10000-\u10FFFF`): checked
 * with `regex`, reported with the model's `pattern` text.
 */
export function patternString(c: Omit<StringConstraints, 'pattern'> & { pattern: string; regex: RegExp }): Shape {
  const { pattern, regex, ...rest } = c;
  const base = string(rest);
  return {
    kind: 'string',
    check(value, path, issues) {
      base.check(value, path, issues);
      if (typeof value === 'string' && !regex.test(value)) {
        issues.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${pattern}` });
      }
    },
  };
}
