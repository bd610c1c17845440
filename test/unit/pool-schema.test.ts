import { describe, expect, it } from 'vitest';
import {
  MAX_CUSTOM_ATTRIBUTES,
  STANDARD_SCHEMA,
  buildSchema,
  customAttribute,
  isStandardAttribute,
  withCustomAttributes,
} from '../../src-main/cognito/schema.js';

describe('pool schema', () => {
  it('starts from the 20 standard attributes with sub required and immutable', () => {
    const schema = buildSchema();
    expect(schema).toEqual(STANDARD_SCHEMA);
    expect(schema).toHaveLength(20);
    expect(schema[0]).toMatchObject({ Name: 'sub', Required: true, Mutable: false });
    expect(schema.filter((a) => a.Required).map((a) => a.Name)).toEqual(['sub']);
  });

  it('does not let a built schema alias the shared standard list', () => {
    const schema = buildSchema();
    schema[1]!.Required = true;
    expect(STANDARD_SCHEMA[1]!.Required).toBe(false);
  });

  it('overrides Required, Mutable and constraints of a standard attribute in place', () => {
    const schema = buildSchema([{ Name: 'name', Required: true, StringAttributeConstraints: { MaxLength: '100' } }]);
    expect(schema[1]).toEqual({
      Name: 'name',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: true,
      StringAttributeConstraints: { MinLength: '0', MaxLength: '100' },
    });
  });

  it('names custom attributes custom:x and developer-only ones dev:custom:x', () => {
    expect(customAttribute({ Name: 'x', AttributeDataType: 'Boolean' }).Name).toBe('custom:x');
    expect(customAttribute({ Name: 'x', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: true }).Name).toBe('dev:custom:x');
    expect(isStandardAttribute('custom:x')).toBe(false);
    expect(isStandardAttribute('email')).toBe(true);
  });

  it('accepts negative number bounds but not non-integers', () => {
    expect(customAttribute({ Name: 't', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '-40', MaxValue: '60' } }))
      .toMatchObject({ NumberAttributeConstraints: { MinValue: '-40', MaxValue: '60' } });
    expect(() => customAttribute({ Name: 't', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '1.5' } })).toThrow(
      'Invalid NumberAttributeConstraints for schema attribute custom:t',
    );
  });

  it('counts only custom attributes against the limit', () => {
    const custom = Array.from({ length: MAX_CUSTOM_ATTRIBUTES }, (_, i) => ({ Name: `c${i}`, AttributeDataType: 'String' as const }));
    const full = withCustomAttributes(buildSchema(), custom);
    expect(full).toHaveLength(20 + MAX_CUSTOM_ATTRIBUTES);
    expect(() => withCustomAttributes(full, [{ Name: 'more', AttributeDataType: 'String' }])).toThrow(/at most 50 custom attributes/);
  });

  it('requires a name on every entry', () => {
    expect(() => buildSchema([{ AttributeDataType: 'String' }])).toThrow('Schema attribute name can not be empty.');
  });
});
