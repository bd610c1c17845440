/**
 * The built-in mock identity providers' own data, which belongs to no pool: the people each mock
 * signs in as (seeded once per mock, then the user's to edit: `mock_idp_seeded` remembers the
 * seeding so a directory emptied on purpose stays empty), the keys the mocks sign with (generated
 * once, so tokens and JWKS survive a restart), and which people already consented to which client
 * (Sign in with Apple sends the user's name only on the first consent).
 */
export const m012 = `
CREATE TABLE IF NOT EXISTS mock_idp_people (
  idp TEXT NOT NULL,
  id TEXT NOT NULL,
  claims TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (idp, id)
);
CREATE TABLE IF NOT EXISTS mock_idp_seeded (
  idp TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS mock_idp_keys (
  name TEXT PRIMARY KEY,
  kid TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mock_idp_consents (
  idp TEXT NOT NULL,
  client_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (idp, client_id, person_id)
);
`;
