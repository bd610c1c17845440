/**
 * AdminGetDevice: any of the user's confirmed devices, remembered or not (GetDevice shows only
 * remembered ones). An unknown key, another user's device, or one not confirmed is
 * ResourceNotFoundException "Device does not exist."; an unknown user, see device-owner.ts.
 */
import type { AdminGetDeviceCommandInput, AdminGetDeviceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireUserDevice } from '../../../../cognito/devices.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireOwnerOfListedDevices } from './device-owner.js';
import { toDeviceType } from './device-type.js';
import { DeviceKeyType } from './shapes.js';

export const AdminGetDevice = operation<AdminGetDeviceCommandInput, AdminGetDeviceCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({
      DeviceKey: required(DeviceKeyType),
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const user = requireOwnerOfListedDevices(store, pool, input.Username!);
      return { Device: toDeviceType(requireUserDevice(store, user, input.DeviceKey!), user, options.accountId) };
    },
  }),
);
