import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src-main/cognito/schema.js';
import {
  applyAttributeChanges,
  checkAttributeChanges,
  checkNewUserAttributes,
} from '../../src-main/cognito/attributes.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';

const pool: UserPool = {
  id: 'us-east-1_Attrs1234',
  name: 'attrs',
  created: 0,
  modified: 0,
  config: {
    SchemaAttributes: buildSchema([
      { Name: 'email', Required: true },
      { Name: 'name', Required: true },
      { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
    ]),
  },
};
const attrs = (values: Record<string, string>) => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

describe('new user attributes', () => {
  it('lists every missing required attribute when they are required (SignUp), name by its internal path', () => {
    expect(() => checkNewUserAttributes(pool, attrs({ given_name: 'A' }), { writer: 'client', requireRequired: true })).toThrow(
      expect.objectContaining({
        type: 'InvalidParameterException',
        message: 'Attributes did not conform to the schema: name.formatted: The attribute is required\nemail: The attribute is required\n',
      }),
    );
  });

  it('counts a blank value as missing, and drops blanks from what it keeps', () => {
    expect(() => checkNewUserAttributes(pool, attrs({ email: 'a@b.c', name: '' }), { writer: 'admin', requireRequired: true })).toThrow(
      expect.objectContaining({ message: 'Attributes did not conform to the schema: name.formatted: The attribute is required\n' }),
    );
    expect(checkNewUserAttributes(pool, attrs({ email: 'a@b.c', nickname: '' }), { writer: 'admin', requireRequired: false })).toEqual(
      attrs({ email: 'a@b.c' }),
    );
  });

  it('refuses developer-only attributes from app clients, not from admins', () => {
    const values = attrs({ email: 'a@b.c', name: 'A', 'dev:custom:secret': 's' });
    expect(() => checkNewUserAttributes(pool, values, { writer: 'client', requireRequired: true })).toThrow(
      expect.objectContaining({ type: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' }),
    );
    expect(checkNewUserAttributes(pool, values, { writer: 'admin', requireRequired: true })).toEqual(values);
  });

  it('keeps the last value given for a name, booleans lower-cased', () => {
    expect(checkNewUserAttributes(pool, attrs({ email: 'a@b.c' }).concat(attrs({ email: 'z@b.c', email_verified: 'TRUE' })), { writer: 'admin', requireRequired: false })).toEqual(
      attrs({ email: 'z@b.c', email_verified: 'true' }),
    );
  });
});

describe('attribute changes', () => {
  const current = attrs({ sub: 'abc', email: 'a@b.c', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' });

  it('un-verifies a changed contact and drops the flag of a deleted one', () => {
    const changes = checkAttributeChanges(pool, current, attrs({ email: 'new@b.c', phone_number: '' }), 'admin');
    expect(applyAttributeChanges(current, changes)).toEqual(attrs({ sub: 'abc', email: 'new@b.c', email_verified: 'false' }));
  });

  it('refuses developer-only attributes from app clients', () => {
    expect(() => checkAttributeChanges(pool, current, attrs({ 'dev:custom:secret': 'x' }), 'client')).toThrow(
      expect.objectContaining({ type: 'NotAuthorizedException' }),
    );
  });
});
