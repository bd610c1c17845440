/**
 * Lambda triggers: the local stand-ins for the KMS keys that encrypt the codes Cognito hands to
 * CustomEmailSender / CustomSMSSender functions, one AES-256 key per KMSKeyID.
 */
export const m003 = `
CREATE TABLE local_kms_keys (
  key_id TEXT PRIMARY KEY,
  material TEXT NOT NULL,
  created INTEGER NOT NULL
);
`;
