import type { SqlValue } from 'sql.js';
import type { Db } from '../db.js';

export type DeviceRememberedStatus = 'remembered' | 'not_remembered';

/** A device's SRP secret as ConfirmDevice registers it (DeviceSecretVerifierConfig), both hex. */
export interface DeviceSecret {
  salt: string;
  verifier: string;
}

/**
 * A device as stored: handed out at a sign-in, then confirmed by the user. Optional fields are
 * absent, never empty, until they are set.
 */
export interface StoredDevice {
  /** `REGION_uuid`, unique across pools. */
  deviceKey: string;
  poolId: string;
  /** The owner's sub. */
  sub: string;
  /** The device group key: the "pool name" of the device's SRP. */
  groupKey: string;
  /** Registered by ConfirmDevice (which may leave it out). */
  secret?: DeviceSecret;
  /** Set by ConfirmDevice, changed by UpdateDeviceStatus. */
  rememberedStatus?: DeviceRememberedStatus;
  /** Epoch milliseconds of ConfirmDevice; absent while the device is only handed out. */
  confirmed?: number;
  /** device_name, last_ip_used, ... by name. */
  attributes: Record<string, string>;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  lastAuthenticated: number;
}

interface Row {
  device_key: string;
  pool_id: string;
  sub: string;
  group_key: string;
  salt: string | null;
  verifier: string | null;
  remembered_status: string | null;
  confirmed: number | null;
  attributes: string;
  created: number;
  modified: number;
  last_authenticated: number;
}

function fromRow(row: Row): StoredDevice {
  return {
    deviceKey: row.device_key,
    poolId: row.pool_id,
    sub: row.sub,
    groupKey: row.group_key,
    ...(row.salt !== null && row.verifier !== null && { secret: { salt: row.salt, verifier: row.verifier } }),
    ...(row.remembered_status !== null && { rememberedStatus: row.remembered_status as DeviceRememberedStatus }),
    ...(row.confirmed !== null && { confirmed: row.confirmed }),
    attributes: JSON.parse(row.attributes),
    created: row.created,
    modified: row.modified,
    lastAuthenticated: row.last_authenticated,
  };
}

/** Which of a user's devices a listing shows. */
export type DeviceSelection = 'confirmed' | 'remembered';

const SELECTIONS: Record<DeviceSelection, string> = {
  confirmed: 'confirmed IS NOT NULL',
  remembered: "confirmed IS NOT NULL AND remembered_status = 'remembered'",
};

export class DevicesRepository {
  constructor(private readonly db: Db) {}

  insert(device: StoredDevice): void {
    this.db.write((tx) =>
      tx.run(
        `INSERT INTO devices (device_key, pool_id, sub, group_key, salt, verifier, remembered_status, confirmed, attributes,
           created, modified, last_authenticated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [device.deviceKey, device.poolId, device.sub, device.groupKey, ...mutableColumns(device)],
      ),
    );
  }

  /** Writes every field of an existing device but its key, pool, owner and group key. */
  save(device: StoredDevice): void {
    this.db.write((tx) =>
      tx.run(
        `UPDATE devices SET salt = ?, verifier = ?, remembered_status = ?, confirmed = ?, attributes = ?, created = ?, modified = ?,
           last_authenticated = ? WHERE device_key = ?`,
        [...mutableColumns(device), device.deviceKey],
      ),
    );
  }

  find(poolId: string, deviceKey: string): StoredDevice | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM devices WHERE pool_id = ? AND device_key = ?', [poolId, deviceKey]));
    return row && fromRow(row);
  }

  delete(poolId: string, deviceKey: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM devices WHERE pool_id = ? AND device_key = ?', [poolId, deviceKey])) > 0;
  }

  /** The group key of any of the user's devices, confirmed or not. */
  groupKeyOf(poolId: string, sub: string): string | undefined {
    return this.db.read((tx) => tx.get<{ group_key: string }>('SELECT group_key FROM devices WHERE pool_id = ? AND sub = ? LIMIT 1', [poolId, sub]))
      ?.group_key;
  }

  /** Up to `limit` of the user's devices in device key order, after `after` ('' for the first). */
  listPage(poolId: string, sub: string, selection: DeviceSelection, limit: number, after: string): StoredDevice[] {
    return this.db
      .read((tx) =>
        tx.all<Row>(
          `SELECT * FROM devices WHERE pool_id = ? AND sub = ? AND device_key > ? AND ${SELECTIONS[selection]} ORDER BY device_key LIMIT ?`,
          [poolId, sub, after, limit],
        ),
      )
      .map(fromRow);
  }

  /** Deletes the user's unconfirmed devices but the `keep` newest. */
  pruneUnconfirmed(poolId: string, sub: string, keep: number): number {
    return this.db.write((tx) =>
      tx.run(
        `DELETE FROM devices WHERE pool_id = ? AND sub = ? AND confirmed IS NULL AND device_key NOT IN (
           SELECT device_key FROM devices WHERE pool_id = ? AND sub = ? AND confirmed IS NULL ORDER BY created DESC, device_key LIMIT ?)`,
        [poolId, sub, poolId, sub, keep],
      ),
    );
  }
}

function mutableColumns(device: StoredDevice): SqlValue[] {
  return [
    device.secret?.salt ?? null,
    device.secret?.verifier ?? null,
    device.rememberedStatus ?? null,
    device.confirmed ?? null,
    JSON.stringify(device.attributes),
    device.created,
    device.modified,
    device.lastAuthenticated,
  ];
}
