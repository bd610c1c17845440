/**
 * UpdateDeviceStatus: the signed-in user marks one of their confirmed devices remembered or
 * not_remembered (the device stays; ForgetDevice removes it). An unknown key, another user's
 * device, or one not confirmed is ResourceNotFoundException "Device does not exist."
 *
 * Assumption: the model leaves DeviceRememberedStatus optional; without it there is nothing to
 * change, and it is refused as a missing member.
 */
import type { UpdateDeviceStatusCommandInput, UpdateDeviceStatusCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireUserDevice, updateDeviceStatus } from '../../../../cognito/devices.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DeviceKeyType, DeviceRememberedStatusType } from './shapes.js';

export const UpdateDeviceStatus = operation<
  UpdateDeviceStatusCommandInput,
  UpdateDeviceStatusCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock'>
>((services) => ({
  input: structure({
    AccessToken: required(TokenModelType),
    DeviceKey: required(DeviceKeyType),
    DeviceRememberedStatus: required(DeviceRememberedStatusType),
  }),
  async handle(input) {
    const { user } = await signedInUser(services, input.AccessToken!);
    updateDeviceStatus(services, requireUserDevice(services.store, user, input.DeviceKey!), input.DeviceRememberedStatus!);
    return {};
  },
}));
