/**
 * The client's half of device tracking, done by amazon-cognito-identity-js's own
 * AuthenticationHelper as CognitoUser drives it: generateHashDevice(DeviceGroupKey, DeviceKey)
 * for ConfirmDevice's DeviceSecretVerifierConfig (authenticateUserInternal), and the
 * DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER answers (getDeviceResponse).
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { default: AuthenticationHelper } = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
const { default: BigInteger } = require('amazon-cognito-identity-js/lib/BigInteger.js');

function promised<T>(call: (callback: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));
}

/** A new device password and, in base64 as ConfirmDevice takes them, its salt and verifier. */
export async function deviceSecretVerifierConfig(deviceGroupKey: string, deviceKey: string): Promise<{
  config: { Salt: string; PasswordVerifier: string };
  randomPassword: string;
}> {
  const helper = new AuthenticationHelper('unused');
  await promised((callback) => helper.generateHashDevice(deviceGroupKey, deviceKey, callback));
  return {
    config: {
      Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
    },
    randomPassword: helper.getRandomPassword(),
  };
}

export interface DeviceClaim {
  PASSWORD_CLAIM_SIGNATURE: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
  DEVICE_KEY: string;
}

/** A device signing in: SRP_A for DEVICE_SRP_AUTH, then the claim answering DEVICE_PASSWORD_VERIFIER's parameters. */
export async function deviceSrpClient(deviceGroupKey: string): Promise<{
  srpA: string;
  claim(parameters: Record<string, string>, device: { deviceKey: string; randomPassword: string }, timestamp: string): Promise<DeviceClaim>;
}> {
  const helper = new AuthenticationHelper(deviceGroupKey);
  const A = await promised<{ toString(radix: number): string }>((callback) => helper.getLargeAValue(callback));
  return {
    srpA: A.toString(16),
    async claim(parameters, { deviceKey, randomPassword }, timestamp) {
      const key = await promised<Buffer>((callback) =>
        helper.getPasswordAuthenticationKey(deviceKey, randomPassword, new BigInteger(parameters.SRP_B, 16), new BigInteger(parameters.SALT, 16), callback),
      );
      const message = Buffer.concat([
        Buffer.from(deviceGroupKey, 'utf8'),
        Buffer.from(deviceKey, 'utf8'),
        Buffer.from(parameters.SECRET_BLOCK!, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ]);
      return {
        PASSWORD_CLAIM_SIGNATURE: createHmac('sha256', key).update(message).digest('base64'),
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        DEVICE_KEY: deviceKey,
      };
    },
  };
}
