/**
 * AdminForgetDevice: stops tracking one of the user's confirmed devices. An unknown user is
 * UserNotFoundException; an unknown key, another user's device, or one not confirmed is
 * ResourceNotFoundException "Device does not exist."
 */
import type { AdminForgetDeviceCommandInput, AdminForgetDeviceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { forgetDevice, requireUserDevice } from '../../../../cognito/devices.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DeviceKeyType } from './shapes.js';

export const AdminForgetDevice = operation<AdminForgetDeviceCommandInput, AdminForgetDeviceCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      DeviceKey: required(DeviceKeyType),
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const user = requireUser(store, pool, input.Username!);
      forgetDevice(store, requireUserDevice(store, user, input.DeviceKey!));
      return {};
    },
  }),
);
