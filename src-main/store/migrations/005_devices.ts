/**
 * Device tracking: the devices Cognito hands out at sign-in (NewDeviceMetadata) and users
 * confirm (ConfirmDevice), each with its SRP salt and verifier for DEVICE_SRP_AUTH. A device
 * belongs to one user and goes with it, and with its pool.
 */
export const m005 = `
CREATE TABLE devices (
  device_key TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  sub TEXT NOT NULL,
  group_key TEXT NOT NULL,
  salt TEXT,
  verifier TEXT,
  remembered_status TEXT,
  confirmed INTEGER,
  attributes TEXT NOT NULL DEFAULT '{}',
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  last_authenticated INTEGER NOT NULL,
  FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX devices_by_user ON devices (pool_id, sub, device_key);
`;
