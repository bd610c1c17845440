/**
 * A pool's attribute schema: Cognito's standard attributes as DescribeUserPool lists them, merged
 * with the `Schema` of a CreateUserPool request or the `CustomAttributes` of AddCustomAttributes.
 */
import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { STANDARD_ATTRIBUTE_NAMES } from '../../shared/standard-attributes.js';
import { InvalidParameterException, LimitExceededException } from './errors.js';

export const MAX_CUSTOM_ATTRIBUTES = 50;
const MAX_STRING_LENGTH = 2048;

function standardString(name: string, min = '0', max = String(MAX_STRING_LENGTH)): SchemaAttributeType {
  return {
    Name: name,
    AttributeDataType: 'String',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    StringAttributeConstraints: { MinLength: min, MaxLength: max },
  };
}

function standardBoolean(name: string): SchemaAttributeType {
  return { Name: name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false };
}

/** The standard attributes that are not mutable strings of up to 2,048 characters. */
const STANDARD_EXCEPTIONS: Readonly<Record<string, SchemaAttributeType>> = {
  sub: { ...standardString('sub', '1'), Mutable: false, Required: true },
  email_verified: standardBoolean('email_verified'),
  birthdate: standardString('birthdate', '10', '10'),
  phone_number_verified: standardBoolean('phone_number_verified'),
  updated_at: {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
};

/** Cognito's standard attributes, in the order DescribeUserPool returns them. */
export const STANDARD_SCHEMA: readonly SchemaAttributeType[] = Object.freeze(
  STANDARD_ATTRIBUTE_NAMES.map((name) => (Object.hasOwn(STANDARD_EXCEPTIONS, name) ? STANDARD_EXCEPTIONS[name]! : standardString(name))),
);

const STANDARD_BY_NAME = new Map(STANDARD_SCHEMA.map((a) => [a.Name!, a]));

export function isStandardAttribute(name: string): boolean {
  return STANDARD_BY_NAME.has(name);
}

/** The name a custom attribute gets in the pool: `custom:x`, or `dev:custom:x` when developer-only. */
export function customAttributeName(entry: SchemaAttributeType): string {
  const custom = `custom:${entry.Name}`;
  return entry.DeveloperOnlyAttribute ? `dev:${custom}` : custom;
}

function parseLimit(value: string | undefined, constraint: string, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed)) {
    throw new InvalidParameterException(`Invalid ${constraint} for schema attribute ${name}`);
  }
  return parsed;
}

function checkedStringConstraints(name: string, entry: SchemaAttributeType) {
  const constraints = entry.StringAttributeConstraints ?? {};
  const min = parseLimit(constraints.MinLength, 'StringAttributeConstraints', name);
  const max = parseLimit(constraints.MaxLength, 'StringAttributeConstraints', name);
  if ((min ?? 0) > MAX_STRING_LENGTH || (max ?? 0) > MAX_STRING_LENGTH) {
    throw new InvalidParameterException(`user.${name}: String attributes cannot have a length of more than ${MAX_STRING_LENGTH}`);
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw new InvalidParameterException(`user.${name}: Max length cannot be less than min length.`);
  }
  return { ...constraints };
}

function checkedNumberConstraints(name: string, entry: SchemaAttributeType) {
  const constraints = entry.NumberAttributeConstraints ?? {};
  const parse = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed)) {
      throw new InvalidParameterException(`Invalid NumberAttributeConstraints for schema attribute ${name}`);
    }
    return parsed;
  };
  const min = parse(constraints.MinValue);
  const max = parse(constraints.MaxValue);
  if (min !== undefined && max !== undefined && min > max) {
    throw new InvalidParameterException(`user.${name}: Max value cannot be less than min value.`);
  }
  return { ...constraints };
}

/** A standard attribute with what the request may change: Required, Mutable and its constraints. */
function overrideStandard(entry: SchemaAttributeType): SchemaAttributeType {
  const standard = STANDARD_BY_NAME.get(entry.Name!)!;
  const changesType = entry.AttributeDataType !== undefined && entry.AttributeDataType !== standard.AttributeDataType;
  if (changesType || entry.DeveloperOnlyAttribute) {
    throw new InvalidParameterException(
      `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${standard.Name}`,
    );
  }
  const merged: SchemaAttributeType = {
    ...standard,
    Mutable: entry.Mutable ?? standard.Mutable,
    Required: entry.Required ?? standard.Required,
  };
  if (standard.AttributeDataType === 'String' && entry.StringAttributeConstraints) {
    merged.StringAttributeConstraints = { ...standard.StringAttributeConstraints, ...checkedStringConstraints(standard.Name!, entry) };
  }
  if (standard.AttributeDataType === 'Number' && entry.NumberAttributeConstraints) {
    merged.NumberAttributeConstraints = { ...standard.NumberAttributeConstraints, ...checkedNumberConstraints(standard.Name!, entry) };
  }
  return merged;
}

/** A custom attribute as Cognito stores it, or Cognito's error for an invalid definition. */
export function customAttribute(entry: SchemaAttributeType): SchemaAttributeType {
  if (!entry.AttributeDataType) {
    throw new InvalidParameterException('Invalid AttributeDataType input, consider using the provided AttributeDataType enum.');
  }
  if (entry.Required) throw new InvalidParameterException('Required custom attributes are not supported currently.');
  const name = customAttributeName(entry);
  const attribute: SchemaAttributeType = {
    Name: name,
    AttributeDataType: entry.AttributeDataType,
    DeveloperOnlyAttribute: entry.DeveloperOnlyAttribute ?? false,
    Mutable: entry.Mutable ?? true,
    Required: false,
  };
  if (entry.AttributeDataType === 'String') attribute.StringAttributeConstraints = checkedStringConstraints(name, entry);
  if (entry.AttributeDataType === 'Number') attribute.NumberAttributeConstraints = checkedNumberConstraints(name, entry);
  return attribute;
}

function requireName(entry: SchemaAttributeType): void {
  if (!entry.Name) throw new InvalidParameterException('Schema attribute name can not be empty.');
}

function duplicate(existingName: string): Error {
  return new InvalidParameterException(`${existingName}: Existing attribute already has name ${existingName}.`);
}

/** Adds custom attributes to a complete schema, enforcing unique names and the 50-attribute limit. */
export function withCustomAttributes(schema: readonly SchemaAttributeType[], entries: readonly SchemaAttributeType[]): SchemaAttributeType[] {
  const result = [...schema];
  const names = new Set(result.map((a) => a.Name));
  for (const entry of entries) {
    requireName(entry);
    const attribute = customAttribute(entry);
    if (names.has(attribute.Name)) throw duplicate(attribute.Name!);
    names.add(attribute.Name);
    result.push(attribute);
  }
  const customCount = result.filter((a) => !isStandardAttribute(a.Name!)).length;
  if (customCount > MAX_CUSTOM_ATTRIBUTES) {
    throw new LimitExceededException(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  }
  return result;
}

/** The complete schema of a new pool: standard attributes (with overrides), then custom ones. */
export function buildSchema(entries: readonly SchemaAttributeType[] = []): SchemaAttributeType[] {
  const overrides = new Map<string, SchemaAttributeType>();
  const custom: SchemaAttributeType[] = [];
  for (const entry of entries) {
    requireName(entry);
    if (!isStandardAttribute(entry.Name!)) {
      custom.push(entry);
      continue;
    }
    if (overrides.has(entry.Name!)) throw duplicate(entry.Name!);
    overrides.set(entry.Name!, overrideStandard(entry));
  }
  const standard = STANDARD_SCHEMA.map((a) => overrides.get(a.Name!) ?? structuredClone(a));
  return withCustomAttributes(standard, custom);
}
