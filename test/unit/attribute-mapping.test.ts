/**
 * The attribute mapping's rules on their own (cognito/federation/attribute-mapping.ts): what is
 * written, what is skipped and why, the refusals Cognito redirects with, and the `identities`
 * attribute and claim shapes (identities.ts).
 */
import { describe, expect, it } from 'vitest';
import { appClientOf } from '../../src-main/cognito/app-clients.js';
import { mapAttributes, type MappingInput } from '../../src-main/cognito/federation/attribute-mapping.js';
import { federatedUsername, identitiesClaim, identitiesOf, identitiesValue, withIdentities } from '../../src-main/cognito/federation/identities.js';
import { buildSchema } from '../../src-main/cognito/schema.js';
import type { ClientSettings } from '../../src-main/store/repositories/app-clients.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';

const pool: UserPool = {
  id: 'us-east-1_Mapping12',
  name: 'mapping',
  created: 0,
  modified: 0,
  config: {
    SchemaAttributes: buildSchema([
      { Name: 'email', Required: true },
      { Name: 'tenant', AttributeDataType: 'String', Mutable: false },
      { Name: 'team', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '5' } },
      { Name: 'level', AttributeDataType: 'Number', NumberAttributeConstraints: { MaxValue: '9' } },
    ]),
  },
};

const client = (settings: ClientSettings = {}) =>
  appClientOf({ clientId: 'mappingclient', poolId: pool.id, name: 'app', created: 0, modified: 0, settings });

function input(attributeMapping: Record<string, string>, claims: Record<string, string>, extra: Partial<MappingInput> = {}): MappingInput {
  return { pool, client: client(), provider: { name: 'Okta', type: 'OIDC', attributeMapping }, claims, ...extra };
}

const refusal = (message: string, type = 'InvalidParameterException') => expect.objectContaining({ type, message });

describe('the attribute mapping at a first sign-in', () => {
  it('writes each mapped claim that was sent, reads the user id from the username mapping, and leaves email unverified', () => {
    const result = mapAttributes(input({ username: 'sub', email: 'mail', given_name: 'given_name', family_name: 'family_name' }, { sub: 'abc', mail: 'Jane@Example.com', given_name: 'Jane' }));
    expect(result.userId).toBe('abc');
    expect(result.changes).toEqual([
      { name: 'email', value: 'Jane@Example.com' },
      { name: 'given_name', value: 'Jane' },
      { name: 'email_verified', value: 'false' },
    ]);
    expect(result.mapping).toEqual([
      { attribute: 'username', claim: 'sub', after: 'abc' },
      { attribute: 'email', claim: 'mail', after: 'Jane@Example.com' },
      { attribute: 'given_name', claim: 'given_name', after: 'Jane' },
      { attribute: 'family_name', claim: 'family_name', skipped: 'the provider sent no family_name' },
      { attribute: 'email_verified', claim: '', after: 'false' },
    ]);
  });

  it('takes email_verified from the provider when it is mapped, lower-casing booleans', () => {
    const result = mapAttributes(input({ email: 'email', email_verified: 'email_verified' }, { email: 'a@b.c', email_verified: 'True' }));
    expect(result.changes).toEqual([
      { name: 'email', value: 'a@b.c' },
      { name: 'email_verified', value: 'true' },
    ]);
  });

  it('refuses a new user the provider gives no required attribute, in the words of Cognito', () => {
    expect(() => mapAttributes(input({ given_name: 'given_name' }, { given_name: 'Jane' }))).toThrow(refusal('Invalid user attributes: email: The attribute is required'));
    expect(() => mapAttributes(input({ email: 'email' }, { email: '' }))).toThrow(refusal('Invalid user attributes: email: The attribute is required'));
    const saml = { name: 'Corp', type: 'SAML' as const, attributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' } };
    expect(() => mapAttributes({ pool, client: client(), provider: saml, claims: {} })).toThrow(
      refusal('Invalid SAML response received: Invalid user attributes: email: The attribute is required'),
    );
  });

  it('checks values against the schema: length, type', () => {
    const mapping = { email: 'email', 'custom:team': 'team', 'custom:level': 'level' };
    expect(() => mapAttributes(input(mapping, { email: 'a@b.c', team: 'toolong' }))).toThrow(
      refusal('Invalid user attributes: custom:team: String must be no longer than 5 characters'),
    );
    expect(() => mapAttributes(input(mapping, { email: 'a@b.c', level: 'x' }))).toThrow(refusal('Invalid user attributes: custom:level: Number must be an integer'));
  });

  it('writes an immutable attribute when the user is made', () => {
    const result = mapAttributes(input({ email: 'email', 'custom:tenant': 'tenant' }, { email: 'a@b.c', tenant: 'acme' }));
    expect(result.changes).toContainEqual({ name: 'custom:tenant', value: 'acme' });
  });

  it('skips what the pool does not have and what Cognito writes itself', () => {
    const result = mapAttributes(input({ email: 'email', 'custom:nope': 'x', sub: 'sub', identities: 'x' }, { email: 'a@b.c', x: '1', sub: 's' }));
    expect(result.mapping.filter((line) => line.skipped)).toEqual([
      { attribute: 'custom:nope', claim: 'x', skipped: 'not an attribute of the user pool' },
      { attribute: 'sub', claim: 'sub', skipped: 'Cognito writes it' },
      { attribute: 'identities', claim: 'x', skipped: 'Cognito writes it' },
    ]);
  });

  it('refuses an attribute the app client may not write, but lets the verified flags through', () => {
    const narrow = client({ WriteAttributes: ['email'] });
    expect(() => mapAttributes(input({ email: 'email', name: 'name' }, { email: 'a@b.c', name: 'Jane' }, { client: narrow }))).toThrow(
      refusal('A client attempted to write unauthorized attribute', 'NotAuthorizedException'),
    );
    const result = mapAttributes(input({ email: 'email', email_verified: 'ev' }, { email: 'a@b.c', ev: 'true' }, { client: narrow }));
    expect(result.changes).toContainEqual({ name: 'email_verified', value: 'true' });
  });
});

describe('the attribute mapping at a later sign-in', () => {
  const current = [
    { Name: 'sub', Value: 's' },
    { Name: 'email', Value: 'old@b.c' },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'custom:tenant', Value: 'acme' },
    { Name: 'nickname', Value: 'jj' },
  ];

  it('writes again what is sent, even unchanged, and marks the email unverified again', () => {
    const result = mapAttributes(input({ email: 'email', nickname: 'nick' }, { email: 'old@b.c' }, { current }));
    expect(result.changes).toEqual([
      { name: 'email', value: 'old@b.c' },
      { name: 'email_verified', value: 'false' },
    ]);
    expect(result.mapping).toEqual([
      { attribute: 'email', claim: 'email', before: 'old@b.c', after: 'old@b.c' },
      { attribute: 'nickname', claim: 'nick', before: 'jj', after: 'jj', skipped: 'the provider sent no nick' },
      { attribute: 'email_verified', claim: '', before: 'true', after: 'false' },
    ]);
  });

  it('lets a required attribute pass unsent, but refuses one sent empty', () => {
    expect(mapAttributes(input({ email: 'email' }, {}, { current })).changes).toEqual([]);
    expect(() => mapAttributes(input({ email: 'email' }, { email: '' }, { current }))).toThrow(
      refusal('Invalid user attributes: email: Required attribute cannot be deleted'),
    );
  });

  it('deletes a non-required attribute sent empty', () => {
    expect(mapAttributes(input({ nickname: 'nick' }, { nick: '' }, { current })).changes).toEqual([{ name: 'nickname', value: null }]);
  });

  it('refuses to write an immutable attribute again, as the guide warns', () => {
    expect(() => mapAttributes(input({ 'custom:tenant': 'tenant' }, { tenant: 'acme' }, { current }))).toThrow(
      refusal('Invalid user attributes: custom:tenant: Attribute cannot be updated. (changing an immutable attribute)'),
    );
  });
});

describe('the identities attribute and claim', () => {
  const google = { userId: '1234', providerName: 'Google', providerType: 'Google', issuer: null, primary: true, dateCreated: 1700000000000 };

  it('is kept as the JSON Cognito writes, right after sub', () => {
    const attributes = withIdentities([{ Name: 'sub', Value: 's' }, { Name: 'email', Value: 'a@b.c' }], [google]);
    expect(attributes.map((a) => a.Name)).toEqual(['sub', 'identities', 'email']);
    expect(attributes[1]!.Value).toBe('[{"userId":"1234","providerName":"Google","providerType":"Google","issuer":null,"primary":true,"dateCreated":1700000000000}]');
    expect(identitiesOf({ attributes })).toEqual([google]);
    expect(withIdentities(attributes, []).map((a) => a.Name)).toEqual(['sub', 'email']);
  });

  it('is an array of strings in the ID token', () => {
    expect(identitiesClaim(identitiesValue([google]))).toEqual([
      { userId: '1234', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'true', dateCreated: '1700000000000' },
    ]);
    expect(identitiesClaim('not json')).toEqual([]);
  });

  it('names the user {Provider}_{id}, lower-cased in a case-insensitive pool', () => {
    expect(federatedUsername(pool, 'Corp', 'Carlos@Example.com')).toBe('Corp_Carlos@Example.com');
    const insensitive = { ...pool, config: { ...pool.config, UsernameConfiguration: { CaseSensitive: false } } };
    expect(federatedUsername(insensitive, 'Corp', 'Carlos@Example.com')).toBe('corp_carlos@example.com');
  });
});
