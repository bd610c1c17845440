import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_IDP_KINDS } from '../../shared/mock-idp.js';
import { Store } from '../../src-main/store/index.js';

describe('the mock identity providers\' people directory', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open();
  });
  afterEach(() => store.close());

  it('is seeded on first use with two or three people per mock, each with its provider\'s claim names', () => {
    for (const idp of MOCK_IDP_KINDS) {
      const people = store.mockIdpPeople.list(idp);
      expect(people.length, idp).toBeGreaterThanOrEqual(2);
      expect(people.length, idp).toBeLessThanOrEqual(3);
      expect(people.every((person) => person.idp === idp)).toBe(true);
    }
    expect(store.mockIdpPeople.list('amazon').every((person) => person.id.startsWith('amzn1.account.'))).toBe(true);
    expect(store.mockIdpPeople.list('apple')[0]!.id).toMatch(/^\d{6}\.[0-9a-f]{32}\.\d{4}$/);
    expect(store.mockIdpPeople.list('apple')[0]!.claims.email).toMatch(/@privaterelay\.appleid\.com$/);
    expect(store.mockIdpPeople.list('oidc')[0]!.claims).toMatchObject({ email: 'jane@example.com', email_verified: 'true', given_name: 'Jane' });
    const saml = store.mockIdpPeople.list('saml').flatMap((person) => Object.keys(person.claims));
    expect(saml).toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress');
  });

  it('saves, replaces, finds and removes people; an emptied directory stays empty', () => {
    store.mockIdpPeople.save({ idp: 'google', id: '100000000000000000001', claims: { email: 'ana@example.com', name: 'Ana' } });
    expect(store.mockIdpPeople.list('google')).toHaveLength(3);
    expect(store.mockIdpPeople.list('google').at(-1)!.id).toBe('100000000000000000001');
    store.mockIdpPeople.save({ idp: 'google', id: '100000000000000000001', claims: { email: 'ana@example.org' } });
    expect(store.mockIdpPeople.find('google', '100000000000000000001')!.claims).toEqual({ email: 'ana@example.org' });
    expect(store.mockIdpPeople.find('facebook', '100000000000000000001')).toBeUndefined();

    for (const person of store.mockIdpPeople.list('google')) expect(store.mockIdpPeople.remove('google', person.id)).toBe(true);
    expect(store.mockIdpPeople.remove('google', 'nobody')).toBe(false);
    expect(store.mockIdpPeople.list('google')).toEqual([]);
    expect(store.mockIdpPeople.list('facebook')).toHaveLength(2);
  });

  it('remembers a consent per mock, client and person', () => {
    expect(store.mockIdpPeople.hasConsented('apple', 'com.example.app', 'p1')).toBe(false);
    store.mockIdpPeople.recordConsent('apple', 'com.example.app', 'p1');
    store.mockIdpPeople.recordConsent('apple', 'com.example.app', 'p1');
    expect(store.mockIdpPeople.hasConsented('apple', 'com.example.app', 'p1')).toBe(true);
    expect(store.mockIdpPeople.hasConsented('apple', 'com.example.other', 'p1')).toBe(false);
  });
});
