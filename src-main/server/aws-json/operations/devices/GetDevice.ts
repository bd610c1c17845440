/**
 * GetDevice: one of the signed-in user's remembered devices. A device that is not remembered
 * (not_remembered, or not confirmed) does not exist for its user (ResourceNotFoundException
 * "Device does not exist."), as Cognito answers; AdminGetDevice shows it.
 *
 * Assumption: the model leaves AccessToken optional, but without it there is no user; it is
 * refused as a missing member.
 */
import type { GetDeviceCommandInput, GetDeviceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireUserDevice } from '../../../../cognito/devices.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { toDeviceType } from './device-type.js';
import { DeviceKeyType } from './shapes.js';

export const GetDevice = operation<GetDeviceCommandInput, GetDeviceCommandOutput, Pick<Services, 'tokens' | 'store' | 'options'>>((services) => ({
  input: structure({
    DeviceKey: required(DeviceKeyType),
    AccessToken: required(TokenModelType),
  }),
  async handle(input) {
    const { user } = await signedInUser(services, input.AccessToken!);
    const device = requireUserDevice(services.store, user, input.DeviceKey!, { rememberedOnly: true });
    return { Device: toDeviceType(device, user, services.options.accountId) };
  },
}));
