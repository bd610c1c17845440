/**
 * AdminUpdateDeviceStatus: marks one of the user's confirmed devices remembered or
 * not_remembered. An unknown user is UserNotFoundException; an unknown key, another user's device,
 * or one not confirmed is ResourceNotFoundException "Device does not exist."
 *
 * Assumption: the model leaves DeviceRememberedStatus optional; without it there is nothing to
 * change, and it is refused as a missing member.
 */
import type { AdminUpdateDeviceStatusCommandInput, AdminUpdateDeviceStatusCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireUserDevice, updateDeviceStatus } from '../../../../cognito/devices.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DeviceKeyType, DeviceRememberedStatusType } from './shapes.js';

export const AdminUpdateDeviceStatus = operation<
  AdminUpdateDeviceStatusCommandInput,
  AdminUpdateDeviceStatusCommandOutput,
  Pick<Services, 'store' | 'clock'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    DeviceKey: required(DeviceKeyType),
    DeviceRememberedStatus: required(DeviceRememberedStatusType),
  }),
  handle(input) {
    const pool = requirePool(services.store, input.UserPoolId!);
    const user = requireUser(services.store, pool, input.Username!);
    updateDeviceStatus(services, requireUserDevice(services.store, user, input.DeviceKey!), input.DeviceRememberedStatus!);
    return {};
  },
}));
