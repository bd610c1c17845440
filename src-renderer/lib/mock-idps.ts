/**
 * The built-in mock identity providers' people (the debugger API's MockIdpPerson: whom each mock's
 * sign-in page offers, with their claims or SAML attributes) as the window's editor has them: a
 * person as rows of claim → value and back, what is wrong with an edit, and a person's title.
 */
import type { MockIdpPerson } from '../../shared/debugger-api';
import type { MockIdpKind } from '../../shared/mock-idp';

/** A person being edited: the id (its key at the mock) and the claims as rows, in order. */
export interface PersonForm {
  id: string;
  rows: { name: string; value: string }[];
}

export function personForm(person?: MockIdpPerson): PersonForm {
  return { id: person?.id ?? '', rows: Object.entries(person?.claims ?? {}).map(([name, value]) => ({ name, value })) };
}

/** The rows as claims: rows without a name or a value left out; a repeated name is a problem (see personProblems). */
export function claimsOf(form: PersonForm): Record<string, string> {
  return Object.fromEntries(form.rows.filter((row) => row.name.trim() && row.value !== '').map((row) => [row.name.trim(), row.value]));
}

export function personProblems(form: PersonForm, taken: readonly string[]): string[] {
  const problems: string[] = [];
  if (!form.id.trim()) problems.push('The person needs an id (the user’s id at the provider).');
  else if (taken.includes(form.id.trim())) problems.push(`${form.id.trim()} is already one of this mock’s people.`);
  const names = form.rows.map((row) => row.name.trim()).filter(Boolean);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) problems.push(`${repeated} is given twice.`);
  return problems;
}

/** What the person's id is at each mock, as its provider names it. */
export const PERSON_ID_NAMES: Record<MockIdpKind, string> = {
  oidc: 'sub',
  saml: 'NameID',
  google: 'sub',
  facebook: 'id',
  amazon: 'user_id',
  apple: 'sub',
};

/** The claims a new person of each mock starts with. */
export const NEW_PERSON_CLAIMS: Record<MockIdpKind, string[]> = {
  oidc: ['email', 'email_verified', 'name', 'given_name', 'family_name'],
  saml: ['email', 'firstName', 'lastName'],
  google: ['email', 'email_verified', 'name', 'given_name', 'family_name', 'picture'],
  facebook: ['email', 'name', 'first_name', 'last_name'],
  amazon: ['email', 'name', 'postal_code'],
  apple: ['email', 'email_verified', 'is_private_email'],
};

/** A one-line summary of a person: their email or name. */
export function personTitle(person: MockIdpPerson): string {
  const claims = person.claims;
  const email = Object.entries(claims).find(([name]) => /email(address)?$/i.test(name) && !/verified/i.test(name))?.[1];
  const named = claims.name ?? Object.entries(claims).find(([claim]) => claim.endsWith('/name'))?.[1];
  const name = named ?? ([claims.given_name ?? claims.firstName ?? claims.first_name, claims.family_name ?? claims.lastName ?? claims.last_name].filter(Boolean).join(' ') || undefined);
  return [name, email].filter(Boolean).join(' · ') || person.id;
}
