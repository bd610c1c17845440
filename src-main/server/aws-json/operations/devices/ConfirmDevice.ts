/**
 * ConfirmDevice: the signed-in user registers the device their sign-in was handed
 * (NewDeviceMetadata), with its SRP salt and verifier for later device authentication. Answers
 * UserConfirmationNecessary: true when the pool remembers devices only on the user's word
 * (DeviceOnlyRememberedOnUserPrompt), and the device then stays not_remembered until
 * UpdateDeviceStatus.
 *
 * Errors: a key the user was not handed, or a pool that does not track devices, is
 * InvalidParameterException "Invalid device key given." (as Cognito answers a key it did not
 * issue); a device confirmed already is DeviceKeyExistsException.
 *
 * Assumptions (the reference is silent): confirming twice is refused rather than overwriting the
 * first registration, and its message is the sandbox's; DeviceSecretVerifierConfig may be left out
 * (the device cannot then answer DEVICE_SRP_AUTH), but when given needs both members, in base64
 * (InvalidParameterException "Invalid device secret verifier config." otherwise); the key need not
 * be the one the access token's sign-in was handed, only one handed to its user.
 */
import type { ConfirmDeviceCommandInput, ConfirmDeviceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { confirmDevice } from '../../../../cognito/devices.js';
import { awsSdkVersionOf } from '../../../../triggers/events/common.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DeviceKeyType, DeviceNameType, DeviceSecretVerifierConfigType } from './shapes.js';

export const ConfirmDevice = operation<ConfirmDeviceCommandInput, ConfirmDeviceCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock'>>(
  (services) => ({
    input: structure({
      AccessToken: required(TokenModelType),
      DeviceKey: required(DeviceKeyType),
      DeviceSecretVerifierConfig: DeviceSecretVerifierConfigType,
      DeviceName: DeviceNameType,
    }),
    async handle(input, context) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      const { userConfirmationNecessary } = confirmDevice(services, {
        pool,
        user,
        deviceKey: input.DeviceKey!,
        ...(input.DeviceSecretVerifierConfig && { verifierConfig: input.DeviceSecretVerifierConfig }),
        ...(input.DeviceName !== undefined && { deviceName: input.DeviceName }),
        ...(context.sourceIp && { sourceIp: context.sourceIp }),
        sdk: awsSdkVersionOf(context.userAgent),
      });
      return { UserConfirmationNecessary: userConfirmationNecessary };
    },
  }),
);
