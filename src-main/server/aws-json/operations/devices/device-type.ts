/**
 * A device as the device operations answer it (DeviceType), and the pages ListDevices and
 * AdminListDevices return.
 *
 * DeviceAttributes are the ones Cognito's documented answers show, in their order: device_status,
 * device_name, dev:device_arn, dev:device_owner (`USERNAME.POOL_ID`), last_ip_used,
 * dev:device_remembered_status, dev:device_sdk; those the device has no value for are left out.
 */
import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import type { DeviceSelection, StoredDevice } from '../../../../store/repositories/devices.js';
import type { Store } from '../../../../store/index.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { Wire } from '../../operation.js';
import { wireDate } from '../common.js';
import { page } from '../paging.js';

/** Cognito's page when `Limit` is absent or 0: its largest. */
export const DEFAULT_DEVICE_PAGE_SIZE = 60;

function deviceAttributes(device: StoredDevice, user: StoredUser, accountId: string): { Name: string; Value: string }[] {
  const region = device.poolId.slice(0, device.poolId.indexOf('_'));
  const owner = `${user.username}.${device.poolId}`;
  const values: [string, string | undefined][] = [
    ['device_status', 'valid'],
    ['device_name', device.attributes.device_name],
    ['dev:device_arn', `arn:aws:cognito-idp:${region}:${accountId}:owner/${owner}/device/${device.deviceKey}`],
    ['dev:device_owner', owner],
    ['last_ip_used', device.attributes.last_ip_used],
    ['dev:device_remembered_status', device.rememberedStatus],
    ['dev:device_sdk', device.attributes['dev:device_sdk']],
  ];
  return values.filter((entry): entry is [string, string] => entry[1] !== undefined).map(([Name, Value]) => ({ Name, Value }));
}

export function toDeviceType(device: StoredDevice, user: StoredUser, accountId: string): Wire<DeviceType> {
  return {
    DeviceKey: device.deviceKey,
    DeviceAttributes: deviceAttributes(device, user, accountId),
    DeviceCreateDate: wireDate(device.created),
    DeviceLastModifiedDate: wireDate(device.modified),
    // Cognito keeps the last authentication to the second.
    DeviceLastAuthenticatedDate: Math.floor(device.lastAuthenticated / 1000),
  };
}

export interface DeviceListing {
  /** The listing's name, so that its tokens are refused by any other. */
  listing: string;
  store: Store;
  user: StoredUser;
  selection: DeviceSelection;
  accountId: string;
  limit?: number;
  paginationToken?: string;
}

/** One page of the user's devices in device key order, with a PaginationToken when more follow. */
export function devicePage({ listing, store, user, selection, accountId, limit, paginationToken }: DeviceListing): {
  Devices: Wire<DeviceType>[];
  PaginationToken?: string;
} {
  const { items, nextToken } = page(
    `${listing}:${user.poolId}:${user.sub}`,
    limit || DEFAULT_DEVICE_PAGE_SIZE,
    paginationToken,
    (size, after) => store.devices.listPage(user.poolId, user.sub, selection, size, after),
    (device) => device.deviceKey,
  );
  return { Devices: items.map((device) => toDeviceType(device, user, accountId)), ...(nextToken && { PaginationToken: nextToken }) };
}
