/**
 * The admin pages' identity-provider forms (src-renderer/admin/idp-model.ts): a type's fields
 * with Cognito's default scopes, a described provider split into what the admin set and what
 * Cognito added, the ProviderDetails an edit sends, the SAML metadata source, the mapping and
 * identifiers, the `identities` attribute, Apple's key; the mock people editor's rows
 * (src-renderer/lib/mock-idps.ts).
 */
import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  attributeMapping,
  generateAppleKey,
  idpIdentifiers,
  newProviderForm,
  overrideAdded,
  parseIdentities,
  providerDetails,
  providerForm,
  providerFormProblems,
  withDetails,
} from '../../src-renderer/admin/idp-model.js';
import { claimsOf, personForm, personProblems, personTitle } from '../../src-renderer/lib/mock-idps.js';

describe('a new provider’s form', () => {
  it('starts with the type’s default scopes and a username mapping from the provider’s user id', () => {
    const google = newProviderForm('Google');
    expect(google.name).toBe('Google');
    expect(google.fields).toEqual({ client_id: '', client_secret: '', authorize_scopes: 'profile email openid' });
    expect(attributeMapping(google)).toEqual({ username: 'sub', email: 'email', email_verified: 'email_verified', name: 'name' });
    expect(attributeMapping(newProviderForm('Facebook')).username).toBe('id');
    expect(attributeMapping(newProviderForm('LoginWithAmazon')).username).toBe('user_id');
    expect(newProviderForm('SAML').name).toBe('');
    expect(newProviderForm('Facebook').fields.authorize_scopes).toBe('public_profile, email');
  });

  it('sends the filled fields and the other details, never blank ones', () => {
    let form = newProviderForm('OIDC');
    form.name = 'Okta';
    Object.assign(form.fields, { client_id: 'id', client_secret: 's', oidc_issuer: 'https://idp.example.com' });
    form.extra.push({ key: 'custom_detail', value: 'x' }, { key: ' ', value: 'ignored' });
    expect(providerDetails(form)).toEqual({
      client_id: 'id',
      client_secret: 's',
      authorize_scopes: 'openid email profile',
      attributes_request_method: 'GET',
      oidc_issuer: 'https://idp.example.com',
      custom_detail: 'x',
    });
    expect(providerFormProblems(form)).toEqual([]);
    form = { ...form, fields: { ...form.fields, client_secret: '' }, name: ' ' };
    expect(providerFormProblems(form)).toEqual(['The provider needs a name.', 'Client secret is required.']);
  });

  it('sends a SAML provider’s chosen metadata source only, and its flags as true/false', () => {
    const form = newProviderForm('SAML');
    form.name = 'Corp';
    form.fields.MetadataURL = 'http://localhost:9229/_mock-idp/saml/metadata';
    form.fields.MetadataFile = '<EntityDescriptor/>';
    form.fields.IDPInit = 'true';
    expect(providerDetails(form)).toEqual({ MetadataURL: 'http://localhost:9229/_mock-idp/saml/metadata', IDPSignout: 'false', IDPInit: 'true', EncryptedResponses: 'false' });
    form.metadataSource = 'MetadataFile';
    expect(providerDetails(form)).toMatchObject({ MetadataFile: '<EntityDescriptor/>' });
    expect(providerDetails(form).MetadataURL).toBeUndefined();
    form.fields.MetadataFile = '';
    expect(providerFormProblems(form)).toEqual(['Give the metadata file.']);
    form.fields.RequestSigningAlgorithm = 'rsa-sha256';
    expect(providerDetails(form).RequestSigningAlgorithm).toBe('rsa-sha256');
  });

  it('fills a mock’s ready details: the type’s fields, the rest kept as other details', () => {
    const form = withDetails(newProviderForm('Google'), { client_id: 'gid', client_secret: 'gs', authorize_scopes: 'openid email', authorize_url: 'http://localhost:9229/_mock-idp/google/o/oauth2/v2/auth' });
    expect(form.fields).toEqual({ client_id: 'gid', client_secret: 'gs', authorize_scopes: 'openid email' });
    expect(form.extra).toEqual([{ key: 'authorize_url', value: 'http://localhost:9229/_mock-idp/google/o/oauth2/v2/auth' }]);
    expect(withDetails(newProviderForm('SAML'), { MetadataFile: '<x/>' }).metadataSource).toBe('MetadataFile');
  });
});

describe('editing a described provider', () => {
  const described = {
    ProviderName: 'Google',
    ProviderType: 'Google' as const,
    ProviderDetails: {
      client_id: 'gid',
      client_secret: 'gs',
      authorize_scopes: 'profile email openid',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      attributes_url_add_attributes: 'true',
      oidc_issuer: 'https://accounts.google.com',
    },
    AttributeMapping: { username: 'sub', email: 'email' },
    IdpIdentifiers: ['example.com', 'corp'],
  };

  it('sends back what the admin set, not what Cognito added (which would pin it)', () => {
    const form = providerForm(described);
    expect(form.added).toEqual({ authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth', attributes_url_add_attributes: 'true', oidc_issuer: 'https://accounts.google.com' });
    expect(providerDetails(form)).toEqual({ client_id: 'gid', client_secret: 'gs', authorize_scopes: 'profile email openid' });
    expect(attributeMapping(form)).toEqual({ username: 'sub', email: 'email' });
    expect(idpIdentifiers(form)).toEqual(['example.com', 'corp']);
  });

  it('sends an added detail the admin overrides', () => {
    const form = overrideAdded(providerForm(described), 'authorize_url');
    form.extra[0]!.value = 'https://accounts.example.com/auth';
    expect(form.added.authorize_url).toBeUndefined();
    expect(providerDetails(form).authorize_url).toBe('https://accounts.example.com/auth');
  });

  it('keeps an OIDC provider’s endpoints, which Cognito stores from discovery', () => {
    const form = providerForm({
      ProviderName: 'Okta',
      ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'a', client_secret: 'b', authorize_scopes: 'openid', attributes_request_method: 'GET', oidc_issuer: 'https://o', authorize_url: 'https://o/auth', attributes_url_add_attributes: 'false' },
    });
    expect(providerDetails(form).authorize_url).toBe('https://o/auth');
    expect(form.added).toEqual({ attributes_url_add_attributes: 'false' });
  });

  it('refuses an attribute mapped twice', () => {
    const form = providerForm(described);
    form.mapping.push({ attribute: 'email', claim: 'other' });
    expect(providerFormProblems(form)).toEqual(['email is mapped twice.']);
  });
});

describe('a user’s identities', () => {
  it('reads the attribute Cognito writes, and nothing from a malformed one', () => {
    const value = JSON.stringify([
      { userId: '1098', providerName: 'Google', providerType: 'Google', issuer: null, primary: true, dateCreated: 1_700_000_000_000 },
      { userId: 'JSmith@Example.com', providerName: 'Corp', providerType: 'SAML', issuer: 'urn:corp', primary: 'false', dateCreated: '1700000000000' },
    ]);
    expect(parseIdentities(value)).toEqual([
      { userId: '1098', providerName: 'Google', providerType: 'Google', issuer: null, primary: true, dateCreated: 1_700_000_000_000 },
      { userId: 'JSmith@Example.com', providerName: 'Corp', providerType: 'SAML', issuer: 'urn:corp', primary: false, dateCreated: 1_700_000_000_000 },
    ]);
    expect(parseIdentities('not json')).toEqual([]);
    expect(parseIdentities('{"userId":"1"}')).toEqual([]);
    expect(parseIdentities(undefined)).toEqual([]);
  });
});

describe('Sign in with Apple’s key', () => {
  it('is an EC P-256 private key in PKCS#8 PEM, with a ten-character key id', async () => {
    const { privateKey, keyId } = await generateAppleKey();
    expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    const key = createPrivateKey({ key: privateKey, format: 'pem' });
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(keyId).toMatch(/^[0-9A-Z]{10}$/);
  });
});

describe('a mock’s person in the editor', () => {
  it('turns rows into claims (an empty one left out), and says what is wrong first', () => {
    const form = personForm({ idp: 'google', id: '1098', claims: { email: 'jane@gmail.com', name: 'Jane' } });
    expect(form.rows).toEqual([
      { name: 'email', value: 'jane@gmail.com' },
      { name: 'name', value: 'Jane' },
    ]);
    form.rows.push({ name: '', value: 'dropped' }, { name: 'nickname', value: '' }, { name: ' locale ', value: 'en' });
    expect(claimsOf(form)).toEqual({ email: 'jane@gmail.com', name: 'Jane', locale: 'en' });
    expect(personProblems(form, [])).toEqual([]);
    expect(personProblems(form, ['1098'])).toEqual(['1098 is already one of this mock’s people.']);
    expect(personProblems({ id: ' ', rows: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }, [])).toEqual([
      'The person needs an id (the user’s id at the provider).',
      'a is given twice.',
    ]);
  });

  it('titles a person by name and email, whatever the provider calls them', () => {
    expect(personTitle({ idp: 'facebook', id: '1', claims: { first_name: 'Jo', last_name: 'Ng', email: 'jo@x.com' } })).toBe('Jo Ng · jo@x.com');
    const schema = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
    expect(personTitle({ idp: 'saml', id: 'js', claims: { [`${schema}/emailaddress`]: 'john@example.com' } })).toBe('john@example.com');
    expect(personTitle({ idp: 'saml', id: 'js', claims: { [`${schema}/emailaddress`]: 'john@example.com', [`${schema}/name`]: 'John Smith' } })).toBe('John Smith · john@example.com');
    expect(personTitle({ idp: 'oidc', id: 'only-id', claims: {} })).toBe('only-id');
  });
});
