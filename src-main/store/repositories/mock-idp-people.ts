/**
 * The people of the built-in mock identity providers: whom each mock's sign-in page offers, with
 * the claims (OIDC and social) or SAML attributes it vouches for. Seeded with a few believable
 * people the first time a mock's directory is read; after that the directory is the user's (the
 * window edits it), emptied ones included.
 */
import { isMockIdpKind, type MockIdpKind } from '../../../shared/mock-idp.js';
import type { Db } from '../db.js';
import type { Tx } from '../tx.js';

export type { MockIdpKind };
export { isMockIdpKind };

export interface MockPerson {
  idp: MockIdpKind;
  /** OIDC, Google and Apple `sub`; Facebook `id`; Amazon `user_id` (`amzn1.account.…`); the SAML NameID. */
  id: string;
  /** OIDC or social claim name, or SAML attribute name, to its value. */
  claims: Record<string, string>;
}

const SAML_CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

/** Two or three people per mock, each with the claim names its provider really uses. */
export const SEED_PEOPLE: Record<MockIdpKind, Omit<MockPerson, 'idp'>[]> = {
  oidc: [
    {
      id: '5f0d4c1e-8a3b-4b7e-9f21-3c6a2d9e7b10',
      claims: {
        email: 'jane@example.com',
        email_verified: 'true',
        name: 'Jane Doe',
        given_name: 'Jane',
        family_name: 'Doe',
        preferred_username: 'jane',
        locale: 'en-US',
        zoneinfo: 'America/New_York',
        phone_number: '+12065550100',
        phone_number_verified: 'true',
        address: '410 Terry Ave N, Seattle, WA 98109, US',
      },
    },
    {
      id: 'a83c2f57-19d4-4e6b-b0c8-7e5f1a2b3c4d',
      claims: {
        email: 'john@example.com',
        email_verified: 'false',
        name: 'John Smith',
        given_name: 'John',
        family_name: 'Smith',
        preferred_username: 'jsmith',
        locale: 'en-GB',
      },
    },
  ],
  saml: [
    {
      id: 'jane.doe',
      claims: {
        email: 'jane@example.com',
        firstName: 'Jane',
        lastName: 'Doe',
        department: 'Engineering',
        // The role she may assume through an identity pool's SAML login ({accountId}: the mock IdP puts the sandbox's in).
        'https://aws.amazon.com/SAML/Attributes/Role': 'arn:aws:iam::{accountId}:role/SamlUser,arn:aws:iam::{accountId}:saml-provider/MockSAML',
      },
    },
    {
      id: 'JSmith@Example.com',
      claims: {
        [`${SAML_CLAIMS}/emailaddress`]: 'john@example.com',
        [`${SAML_CLAIMS}/givenname`]: 'John',
        [`${SAML_CLAIMS}/surname`]: 'Smith',
        [`${SAML_CLAIMS}/name`]: 'John Smith',
      },
    },
    {
      id: 'amira.haddad',
      claims: { email: 'amira@example.org', firstName: 'Amira', lastName: 'Haddad', department: 'Finance' },
    },
  ],
  google: [
    {
      id: '109876543210987654321',
      claims: {
        email: 'jane.doe.sandbox@gmail.com',
        email_verified: 'true',
        name: 'Jane Doe',
        given_name: 'Jane',
        family_name: 'Doe',
        picture: 'https://lh3.googleusercontent.com/a/ACg8ocJane=s96-c',
        locale: 'en',
      },
    },
    {
      id: '113456789012345678901',
      claims: {
        email: 'john@example.com',
        email_verified: 'true',
        name: 'John Smith',
        given_name: 'John',
        family_name: 'Smith',
        picture: 'https://lh3.googleusercontent.com/a/ACg8ocJohn=s96-c',
        locale: 'en-GB',
        hd: 'example.com',
      },
    },
  ],
  facebook: [
    {
      id: '10223344556677889',
      claims: { name: 'Jane Doe', first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com' },
    },
    {
      id: '10160011223344556',
      claims: { name: 'John Smith', first_name: 'John', last_name: 'Smith', email: 'john@example.com' },
    },
  ],
  amazon: [
    {
      id: 'amzn1.account.AF2KQ6XNZS3VMQ5VYXDOC2JANE',
      claims: { name: 'Jane Doe', email: 'jane@example.com', postal_code: '98109' },
    },
    {
      id: 'amzn1.account.AGH4TL7RWPX2E6YBNQ3JOHN5SM',
      claims: { name: 'John Smith', email: 'john@example.com' },
    },
  ],
  apple: [
    {
      id: '001234.4f9a2c7b1e8d4a6f9b3c5d7e2a1f0b9c.1234',
      claims: { email: 'x7k2m9q4pd@privaterelay.appleid.com', email_verified: 'true', is_private_email: 'true', firstName: 'Jane', lastName: 'Doe' },
    },
    {
      id: '000987.c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f1.0987',
      claims: { email: 'john@example.com', email_verified: 'true', is_private_email: 'false', firstName: 'John', lastName: 'Smith' },
    },
  ],
};

interface Row {
  idp: MockIdpKind;
  id: string;
  claims: string;
}

const fromRow = (row: Row): MockPerson => ({ idp: row.idp, id: row.id, claims: JSON.parse(row.claims) });

export class MockIdpPeopleRepository {
  constructor(private readonly db: Db) {}

  /** The mock's people in the order they were added (seeding the directory on its first read). */
  list(idp: MockIdpKind): MockPerson[] {
    this.seedOnce(idp);
    return this.db.read((tx) => tx.all<Row>('SELECT idp, id, claims FROM mock_idp_people WHERE idp = ? ORDER BY rowid', [idp])).map(fromRow);
  }

  find(idp: MockIdpKind, id: string): MockPerson | undefined {
    this.seedOnce(idp);
    const row = this.db.read((tx) => tx.get<Row>('SELECT idp, id, claims FROM mock_idp_people WHERE idp = ? AND id = ?', [idp, id]));
    return row && fromRow(row);
  }

  /** Adds the person, or replaces the claims of the one with that id. */
  save(person: MockPerson): void {
    this.seedOnce(person.idp);
    const now = Date.now();
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO mock_idp_people (idp, id, claims, created, modified) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (idp, id) DO UPDATE SET claims = excluded.claims, modified = excluded.modified`,
        [person.idp, person.id, JSON.stringify(person.claims), now, now],
      ),
    );
  }

  remove(idp: MockIdpKind, id: string): boolean {
    this.seedOnce(idp);
    return this.db.write((tx) => tx.run('DELETE FROM mock_idp_people WHERE idp = ? AND id = ?', [idp, id])) > 0;
  }

  /** Whether the person already agreed to share their data with the client (Sign in with Apple sends their name only the first time). */
  hasConsented(idp: MockIdpKind, clientId: string, personId: string): boolean {
    return !!this.db.read((tx) =>
      tx.get('SELECT 1 AS yes FROM mock_idp_consents WHERE idp = ? AND client_id = ? AND person_id = ?', [idp, clientId, personId]),
    );
  }

  recordConsent(idp: MockIdpKind, clientId: string, personId: string): void {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO mock_idp_consents (idp, client_id, person_id, created) VALUES (?, ?, ?, ?)', [idp, clientId, personId, Date.now()]),
    );
  }

  private seedOnce(idp: MockIdpKind): void {
    const seeded = this.db.read((tx) => tx.get('SELECT idp FROM mock_idp_seeded WHERE idp = ?', [idp]));
    if (seeded) return;
    this.db.write((tx) => this.seed(tx, idp));
  }

  private seed(tx: Tx, idp: MockIdpKind): void {
    if (tx.run('INSERT OR IGNORE INTO mock_idp_seeded (idp) VALUES (?)', [idp]) === 0) return;
    const now = Date.now();
    for (const person of SEED_PEOPLE[idp]) {
      tx.run('INSERT OR IGNORE INTO mock_idp_people (idp, id, claims, created, modified) VALUES (?, ?, ?, ?, ?)', [idp, person.id, JSON.stringify(person.claims), now, now]);
    }
  }
}
