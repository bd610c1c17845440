/**
 * User attributes checked against the pool's schema, with the InvalidParameterException messages
 * Cognito gives: one list of "name: reason" lines for a new user ("Attributes did not conform to
 * the schema: ..."), `user.name` forms for changes to an existing one. Shared by the admin
 * operations and the self-service ones (SignUp, UpdateUserAttributes), which write as a client.
 */
import type { AttributeType, SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { UserAttribute } from '../store/repositories/users.js';
import { InvalidParameterException, NotAuthorizedException } from './errors.js';
import { schemaOf } from './pool-config.js';

/** Admin operations (IAM) may write every attribute; app clients may not write developer-only ones. */
export type AttributeWriter = 'admin' | 'client';

/** An attribute change: a value to set, or null to delete the attribute. */
export interface AttributeChange {
  name: string;
  value: string | null;
}

const DOES_NOT_EXIST = 'Attribute does not exist in the schema.';
const IMMUTABLE = 'Attribute cannot be updated. (changing an immutable attribute)';
const REQUIRED = 'The attribute is required';
const VERIFIED_FLAGS: Record<string, string> = {
  email_verified: 'email',
  phone_number_verified: 'phone_number',
};
const VERIFIED_FLAG_NEEDS: Record<string, string> = {
  email_verified: 'Email is required to verify/un-verify an email',
  phone_number_verified: 'Phone Number is required to verify/un-verify a phone number',
};

interface Issue {
  name: string;
  reason: string;
}

function schemaByName(pool: UserPool): Map<string, SchemaAttributeType> {
  return new Map(schemaOf(pool).map((attribute) => [attribute.Name!, attribute]));
}

/** Cognito reports a missing `name` by its internal path. */
function reportedName(name: string): string {
  return name === 'name' ? 'name.formatted' : name;
}

function numberLimit(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** Why `value` does not fit the attribute's type and constraints, or undefined when it does. */
export function valueIssue(attribute: SchemaAttributeType, value: string): string | undefined {
  switch (attribute.AttributeDataType) {
    case 'Boolean':
      return /^(true|false)$/i.test(value) ? undefined : 'Attribute value must be true or false';
    case 'Number': {
      if (!/^-?\d+$/.test(value)) return 'Number must be an integer';
      const min = numberLimit(attribute.NumberAttributeConstraints?.MinValue);
      const max = numberLimit(attribute.NumberAttributeConstraints?.MaxValue);
      if (min !== undefined && Number(value) < min) return `Number must be no less than ${min}`;
      if (max !== undefined && Number(value) > max) return `Number must be no greater than ${max}`;
      return undefined;
    }
    case 'String': {
      const length = [...value].length;
      const min = numberLimit(attribute.StringAttributeConstraints?.MinLength);
      const max = numberLimit(attribute.StringAttributeConstraints?.MaxLength);
      if (max !== undefined && length > max) return `String must be no longer than ${max} characters`;
      if (min !== undefined && length < min) return `String must be no shorter than ${min} characters`;
      return undefined;
    }
    default:
      return undefined;
  }
}

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+$/u.test(value);
/** E.164: a plus sign and digits only. */
export const isPhoneNumber = (value: string) => /^\+[0-9]{4,15}$/.test(value);

/** Cognito's own format checks on email and phone_number, each with its own message. */
function checkFormats(values: Iterable<[string, string]>): void {
  for (const [name, value] of values) {
    if (name === 'email' && !isEmail(value)) throw new InvalidParameterException('Invalid email address format.');
    if (name === 'phone_number' && !isPhoneNumber(value)) throw new InvalidParameterException('Invalid phone number format.');
  }
}

/** An app client writing a developer-only attribute is refused outright, as Cognito does. */
function checkWriter(writer: AttributeWriter, names: Iterable<string>, schema: Map<string, SchemaAttributeType>): void {
  if (writer === 'admin') return;
  for (const name of names) {
    if (schema.get(name)?.DeveloperOnlyAttribute) {
      throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
    }
  }
}

/** The last value given for each name, in first-seen order (Value absent counts as ""). */
function lastValues(input: readonly AttributeType[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const attribute of input) values.set(attribute.Name!, attribute.Value ?? '');
  return values;
}

/** Booleans are kept as Cognito returns them: lower-case "true" / "false". */
function normalized(schema: Map<string, SchemaAttributeType>, name: string, value: string): string {
  return schema.get(name)?.AttributeDataType === 'Boolean' ? value.toLowerCase() : value;
}

export interface NewUserAttributeOptions {
  writer: AttributeWriter;
  /**
   * Whether the pool's required attributes must be present. SignUp requires them; AdminCreateUser
   * does not (the user supplies them at first sign-in, in NEW_PASSWORD_REQUIRED).
   */
  requireRequired: boolean;
}

/**
 * Checks the attributes of a user about to be created and returns them normalized (empty values
 * dropped, booleans lower-cased), `sub` not included: Cognito assigns it.
 */
export function checkNewUserAttributes(pool: UserPool, input: readonly AttributeType[], options: NewUserAttributeOptions): UserAttribute[] {
  const schema = schemaByName(pool);
  const values = lastValues(input);
  checkWriter(options.writer, values.keys(), schema);
  const issues: Issue[] = [];
  for (const [name, value] of values) {
    const attribute = schema.get(name);
    if (!attribute) issues.push({ name, reason: DOES_NOT_EXIST });
    else if (name === 'sub') issues.push({ name, reason: IMMUTABLE });
    else if (value !== '') {
      const reason = valueIssue(attribute, value);
      if (reason) issues.push({ name, reason });
    }
  }
  if (options.requireRequired) {
    for (const attribute of schema.values()) {
      const name = attribute.Name!;
      if (attribute.Required && name !== 'sub' && !values.get(name)) issues.push({ name: reportedName(name), reason: REQUIRED });
    }
  }
  if (issues.length > 0) {
    throw new InvalidParameterException(`Attributes did not conform to the schema: ${issues.map((i) => `${i.name}: ${i.reason}\n`).join('')}`);
  }
  const kept = [...values].filter(([, value]) => value !== '');
  checkFormats(kept);
  checkVerifiedFlagsHaveValues(new Map(kept), new Map(kept));
  return kept.map(([name, value]) => ({ Name: name, Value: normalized(schema, name, value) }));
}

/**
 * Checks changes to an existing user's attributes (a blank value deletes the attribute) and
 * returns them normalized.
 */
export function checkAttributeChanges(
  pool: UserPool,
  current: readonly UserAttribute[],
  input: readonly AttributeType[],
  writer: AttributeWriter,
): AttributeChange[] {
  const schema = schemaByName(pool);
  const values = lastValues(input);
  checkWriter(writer, values.keys(), schema);
  const unknown = [...values.keys()].filter((name) => !schema.has(name));
  if (unknown.length > 0) throw new InvalidParameterException(unknown.map((name) => `user.${name}: ${DOES_NOT_EXIST}\n`).join(''));
  for (const [name, value] of values) {
    const attribute = schema.get(name)!;
    if (name === 'sub' || attribute.Mutable === false) {
      throw new InvalidParameterException(`Invalid user attributes: user.${name}: ${IMMUTABLE}`);
    }
    const reason = value === '' ? undefined : valueIssue(attribute, value);
    if (reason) throw new InvalidParameterException(`Invalid user attributes: user.${name}: ${reason}`);
  }
  const changes: AttributeChange[] = [...values].map(([name, value]) => ({
    name,
    value: value === '' ? null : normalized(schema, name, value),
  }));
  checkRequiredKept(pool, changes.filter((c) => c.value === null).map((c) => c.name));
  checkFormats(changes.filter((c): c is { name: string; value: string } => c.value !== null).map((c) => [c.name, c.value]));
  const after = attributeMap(applyAttributeChanges(current, changes));
  const flagsSet = new Map(changes.filter((c) => c.value !== null && c.name in VERIFIED_FLAGS).map((c) => [c.name, c.value!]));
  checkVerifiedFlagsHaveValues(flagsSet, after);
  return withVerificationConsequences(current, changes);
}

/**
 * A changed email or phone number is no longer verified, and a deleted one takes its flag with
 * it, unless the same request sets the flag.
 */
export function withVerificationConsequences(current: readonly UserAttribute[], changes: readonly AttributeChange[]): AttributeChange[] {
  const before = attributeMap(current);
  const requested = new Set(changes.map((c) => c.name));
  const consequences: AttributeChange[] = [];
  for (const [flag, attribute] of Object.entries(VERIFIED_FLAGS)) {
    const change = changes.find((c) => c.name === attribute);
    if (!change || requested.has(flag) || change.value === before.get(attribute)) continue;
    if (change.value === null) {
      if (before.has(flag)) consequences.push({ name: flag, value: null });
    } else consequences.push({ name: flag, value: 'false' });
  }
  return [...changes, ...consequences];
}

/** Checks that attributes may be deleted: they exist in the schema, are mutable and not required. */
export function checkAttributeDeletions(pool: UserPool, names: readonly string[]): void {
  const schema = schemaByName(pool);
  const unknown = names.filter((name) => !schema.has(name));
  if (unknown.length > 0) throw new InvalidParameterException(unknown.map((name) => `user.${name}: ${DOES_NOT_EXIST}\n`).join(''));
  for (const name of names) {
    if (name === 'sub' || schema.get(name)!.Mutable === false) {
      throw new InvalidParameterException(`Invalid user attributes: user.${name}: ${IMMUTABLE}`);
    }
  }
  checkRequiredKept(pool, names);
}

function checkRequiredKept(pool: UserPool, deleted: readonly string[]): void {
  const required = schemaOf(pool).filter((a) => a.Required && deleted.includes(a.Name!));
  if (required.length > 0) {
    throw new InvalidParameterException(
      `Attributes did not conform to the schema: ${required.map((a) => `${reportedName(a.Name!)}: ${REQUIRED}\n`).join('')}`,
    );
  }
}

/** A verified flag being set needs the attribute it verifies on the user. */
function checkVerifiedFlagsHaveValues(flagsSet: ReadonlyMap<string, string>, attributes: ReadonlyMap<string, string>): void {
  for (const [flag, attribute] of Object.entries(VERIFIED_FLAGS)) {
    if (flagsSet.has(flag) && !attributes.has(attribute)) throw new InvalidParameterException(VERIFIED_FLAG_NEEDS[flag]);
  }
}

export function attributeMap(attributes: readonly UserAttribute[]): Map<string, string> {
  return new Map(attributes.map((a) => [a.Name, a.Value]));
}

/** The attribute list after `changes`: values replaced in place, new ones appended, deletions removed. */
export function applyAttributeChanges(attributes: readonly UserAttribute[], changes: readonly AttributeChange[]): UserAttribute[] {
  const result = attributes.map((a) => ({ ...a }));
  for (const change of changes) {
    const index = result.findIndex((a) => a.Name === change.name);
    if (change.value === null) {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index]!.Value = change.value;
    else result.push({ Name: change.name, Value: change.value });
  }
  return result;
}
