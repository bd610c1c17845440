/** SAML attributes as the claims the attribute mapping reads, and the values Cognito refuses. */
import { describe, expect, it } from 'vitest';
import { claimsOf, hasEmoji } from '../../src-main/cognito/federation/saml-assertion.js';

describe('claimsOf', () => {
  it('passes a single value as it is, whatever its characters', () => {
    expect(claimsOf({ email: ['Jane+tag@Example.com'], dn: ['CN=Jane Doe, OU=People'] })).toEqual({ email: 'Jane+tag@Example.com', dn: 'CN=Jane Doe, OU=People' });
  });

  it("joins several values in brackets, each URL form-encoded but for letters, digits and '. - * _'", () => {
    expect(claimsOf({ groups: ['admins', 'a.b-c*d_e', 'x y', "o'k~!(1)", 'CN=G,OU=Groups', 'é'] })).toEqual({
      groups: "[admins, a.b-c*d_e, x+y, o%27k%7E%21%281%29, CN%3DG%2COU%3DGroups, %C3%A9]",
    });
  });

  it('leaves out an attribute without values', () => {
    expect(claimsOf({ empty: [], one: [''] })).toEqual({ one: '' });
  });
});

describe('hasEmoji', () => {
  it('finds characters outside the Basic Multilingual Plane, not other symbols', () => {
    expect(hasEmoji('Jane 😐')).toBe(true);
    expect(hasEmoji('8J+YkA==')).toBe(false);
    expect(hasEmoji('ACME© Ltd™ — Zoë, 東京')).toBe(false);
  });
});
