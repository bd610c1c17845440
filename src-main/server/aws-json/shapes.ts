/**
 * Declarative input shapes, as the API model states them. Validation runs in two layers, as
 * AWS's own front end does:
 *  - a value of the wrong JSON type is a SerializationException (the request cannot be read);
 *  - a value outside its constraints is collected, and all of them together become one
 *    InvalidParameterException "N validation error(s) detected: Value ... at 'path' failed to
 *    satisfy constraint: Member must ...".
 * Unknown members are ignored, as AWS JSON protocols ignore them, and a member given as null is
 * absent (validation removes it); a null inside a list is a value of the wrong type.
 */
import { InvalidParameterException } from '../../cognito/errors.js';
import { SerializationException } from './errors.js';

export interface Issue {
  path: string;
  value: unknown;
  constraint: string;
}

export interface Shape {
  readonly kind: 'string' | 'integer' | 'boolean' | 'list' | 'map' | 'structure' | 'timestamp' | 'document' | 'blob';
  /** Checks `value` (never undefined here); throws SerializationException on a type mismatch. */
  check(value: unknown, path: string, issues: Issue[]): void;
  /** A structure's member names. */
  readonly members?: readonly string[];
}

export interface Member {
  shape: Shape;
  required: boolean;
}

export function required(shape: Shape): Member {
  return { shape, required: true };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'object') return 'START_OBJECT';
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return typeof value;
}

function mismatch(expected: string, value: unknown, path: string): never {
  throw new SerializationException(
    `Unexpected token ${typeName(value)} at '${path}': expected ${expected}`,
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object') return '{...}';
  return String(value);
}

/** AWS leaves a sensitive member's value out of validation messages. */
const SENSITIVE = Symbol('sensitive');

export interface StringConstraints {
  min?: number;
  max?: number;
  pattern?: string;
  enum?: readonly string[];
  /** The value is a secret: validation messages never echo it. */
  sensitive?: boolean;
}

export function string(c: StringConstraints = {}): Shape {
  const regex = c.pattern ? new RegExp(`^(?:${c.pattern})$`, 'u') : undefined;
  return {
    kind: 'string',
    check(value, path, issues) {
      if (typeof value !== 'string') mismatch('a string', value, path);
      const shown = c.sensitive ? SENSITIVE : value;
      const length = [...value].length;
      if (c.min !== undefined && length < c.min)
        issues.push({ path, value: shown, constraint: `Member must have length greater than or equal to ${c.min}` });
      if (c.max !== undefined && length > c.max)
        issues.push({ path, value: shown, constraint: `Member must have length less than or equal to ${c.max}` });
      if (regex && !regex.test(value))
        issues.push({ path, value: shown, constraint: `Member must satisfy regular expression pattern: ${c.pattern}` });
      if (c.enum && !c.enum.includes(value))
        issues.push({ path, value: shown, constraint: `Member must satisfy enum value set: [${c.enum.join(', ')}]` });
    },
  };
}

export function enumeration(values: readonly string[]): Shape {
  return string({ enum: values });
}

export function integer(c: { min?: number; max?: number } = {}): Shape {
  return {
    kind: 'integer',
    check(value, path, issues) {
      if (typeof value !== 'number' || !Number.isInteger(value)) mismatch('an integer', value, path);
      if (c.min !== undefined && value < c.min)
        issues.push({ path, value, constraint: `Member must have value greater than or equal to ${c.min}` });
      if (c.max !== undefined && value > c.max)
        issues.push({ path, value, constraint: `Member must have value less than or equal to ${c.max}` });
    },
  };
}

export function boolean(): Shape {
  return {
    kind: 'boolean',
    check(value, path) {
      if (typeof value !== 'boolean') mismatch('a boolean', value, path);
    },
  };
}

/** An epoch-seconds timestamp, as the JSON 1.1 protocol writes them. */
export function timestamp(): Shape {
  return {
    kind: 'timestamp',
    check(value, path) {
      if (typeof value !== 'number') mismatch('a timestamp in epoch seconds', value, path);
    },
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Binary data, base64 text on the wire. Its length constraint counts bytes, and a validation
 * message shows the value as the Java ByteBuffer AWS reads it into, never the bytes.
 */
export function blob(c: { max?: number } = {}): Shape {
  return {
    kind: 'blob',
    check(value, path, issues) {
      if (typeof value !== 'string') mismatch('a base64 string', value, path);
      if (!BASE64.test(value)) throw new SerializationException(`Invalid base64 value at '${path}'`);
      const bytes = Buffer.byteLength(value, 'base64');
      if (c.max !== undefined && bytes > c.max)
        issues.push({
          path,
          value: `java.nio.HeapByteBuffer[pos=0 lim=${bytes} cap=${bytes}]`,
          constraint: `Member must have length less than or equal to ${c.max}`,
        });
    },
  };
}

export function list(item: Shape, c: { min?: number; max?: number } = {}): Shape {
  return {
    kind: 'list',
    check(value, path, issues) {
      if (!Array.isArray(value)) mismatch('a list', value, path);
      if (c.min !== undefined && value.length < c.min)
        issues.push({ path, value: describe(value), constraint: `Member must have length greater than or equal to ${c.min}` });
      if (c.max !== undefined && value.length > c.max)
        issues.push({ path, value: describe(value), constraint: `Member must have length less than or equal to ${c.max}` });
      value.forEach((element, index) => {
        item.check(element, `${path}.${index + 1}.member`, issues);
      });
    },
  };
}

export function map(key: Shape, valueShape: Shape, c: { min?: number; max?: number } = {}): Shape {
  return {
    kind: 'map',
    check(value, path, issues) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) mismatch('a map', value, path);
      const entries = Object.entries(value);
      if (c.min !== undefined && entries.length < c.min)
        issues.push({ path, value: '{...}', constraint: `Member must have length greater than or equal to ${c.min}` });
      if (c.max !== undefined && entries.length > c.max)
        issues.push({ path, value: '{...}', constraint: `Member must have length less than or equal to ${c.max}` });
      for (const [k, v] of entries) {
        key.check(k, `${path}.key`, issues);
        if (v === null) delete (value as Record<string, unknown>)[k];
        else valueShape.check(v, `${path}.${k}`, issues);
      }
    },
  };
}

export type Members = Record<string, Shape | Member>;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function structure(members: Members): Shape {
  const normalized = Object.entries(members).map(([name, m]) => {
    const member: Member = 'check' in m ? { shape: m, required: false } : m;
    return { name, ...member };
  });
  return {
    kind: 'structure',
    members: normalized.map((member) => member.name),
    check(value, path, issues) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) mismatch('a structure', value, path);
      const record = value as Record<string, unknown>;
      for (const member of normalized) {
        const memberPath = path ? `${path}.${lowerFirst(member.name)}` : lowerFirst(member.name);
        const v = record[member.name];
        if (v === null) delete record[member.name];
        if (v === undefined || v === null) {
          if (member.required) issues.push({ path: memberPath, value: null, constraint: 'Member must not be null' });
          continue;
        }
        member.shape.check(v, memberPath, issues);
      }
    },
  };
}

/** Any JSON value (the model's Document type). */
export function document(): Shape {
  return { kind: 'document', check() {} };
}

/** A value is repeated in its message up to this many characters: a 1 MB value would make a 1 MB message. */
const SHOWN = 4096;

function shorten(text: string): string {
  return text.length <= SHOWN ? text : `${text.slice(0, SHOWN)}… [${text.length.toLocaleString('en-US')} characters]`;
}

export function formatIssues(issues: Issue[]): string {
  const count = `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: `;
  return (
    count +
    issues
      .map((i) => {
        if (i.value === SENSITIVE) return `Value at '${i.path}' failed to satisfy constraint: ${i.constraint}`;
        const value = i.value === null ? 'null' : `'${shorten(describe(i.value))}'`;
        return `Value ${value} at '${i.path}' failed to satisfy constraint: ${i.constraint}`;
      })
      .join('; ')
  );
}

/** Validates a whole request body against an operation's input shape; the service says which exception refuses it. */
export function validate(shape: Shape, body: unknown, Refusal: new (message: string) => Error = InvalidParameterException): void {
  const issues: Issue[] = [];
  shape.check(body, '', issues);
  if (issues.length > 0) throw new Refusal(formatIssues(issues));
}
