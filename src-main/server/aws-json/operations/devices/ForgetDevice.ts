/**
 * ForgetDevice: the signed-in user stops tracking one of their confirmed devices; a later
 * sign-in presenting its key is told ResourceNotFoundException "Device does not exist." and
 * the clients sign in again without it.
 *
 * Assumption: the model leaves AccessToken optional, but without it there is no user; it is
 * refused as a missing member.
 */
import type { ForgetDeviceCommandInput, ForgetDeviceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { forgetDevice, requireUserDevice } from '../../../../cognito/devices.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DeviceKeyType } from './shapes.js';

export const ForgetDevice = operation<ForgetDeviceCommandInput, ForgetDeviceCommandOutput, Pick<Services, 'tokens' | 'store'>>((services) => ({
  input: structure({
    AccessToken: required(TokenModelType),
    DeviceKey: required(DeviceKeyType),
  }),
  async handle(input) {
    const { user } = await signedInUser(services, input.AccessToken!);
    forgetDevice(services.store, requireUserDevice(services.store, user, input.DeviceKey!));
    return {};
  },
}));
