/**
 * The built-in mock SAML identity provider's signing key and self-signed certificate: made once
 * and kept, so a pool wired to the mock by its metadata keeps trusting it across restarts. One
 * row (the mock is one IdP). `IF NOT EXISTS` keeps the migration harmless to run again should its
 * number move.
 */
export const m013 = `
CREATE TABLE IF NOT EXISTS mock_saml_idp_keys (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  certificate_pem TEXT NOT NULL,
  private_key_pem TEXT NOT NULL,
  created INTEGER NOT NULL
);
`;
