/**
 * Device SRP (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER) against amazon-cognito-identity-js's own
 * AuthenticationHelper, fed as CognitoUser feeds it: generateHashDevice(DeviceGroupKey, DeviceKey)
 * for ConfirmDevice's DeviceSecretVerifierConfig, then a helper over the device group key signing
 * the claim as getDeviceResponse does.
 */
import { describe, expect, it } from 'vitest';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';
import type { StoredDevice } from '../../src-main/store/repositories/devices.js';
import { formatTimestamp } from '../../src-main/auth/srp-server.js';
import {
  deviceSecretOf,
  devicePasswordVerifierParameters,
  deviceTrackingOf,
  isRemembered,
  maySkipMfa,
  newDeviceGroupKey,
  newDeviceKey,
  startDeviceSrp,
  verifyDevicePasswordClaim,
  type DeviceVerifierState,
} from '../../src-main/cognito/devices.js';
import { deviceSecretVerifierConfig, deviceSrpClient } from '../support/device-client.js';

const NOW = Date.UTC(2024, 4, 7, 17, 52, 22);
const GROUP_KEY = '-v7w9UcY6';
const DEVICE_KEY = 'us-east-1_a1b2c3d4-5678-90ab-cdef-0123456789ab';

/** A device as ConfirmDevice stores it from what CognitoUser sends, and the password the client keeps. */
async function registerDevice() {
  const { config, randomPassword } = await deviceSecretVerifierConfig(GROUP_KEY, DEVICE_KEY);
  const device: StoredDevice = {
    deviceKey: DEVICE_KEY,
    poolId: 'us-east-1_AbC123xyZ',
    sub: 'sub',
    groupKey: GROUP_KEY,
    secret: deviceSecretOf(config),
    rememberedStatus: 'remembered',
    confirmed: NOW,
    attributes: {},
    created: NOW,
    modified: NOW,
    lastAuthenticated: NOW,
  };
  return { device, randomPassword };
}

async function exchange(options: { signAs?: { groupKey?: string; deviceKey?: string; password?: string } } = {}) {
  const { device, randomPassword } = await registerDevice();
  const client = await deviceSrpClient(options.signAs?.groupKey ?? GROUP_KEY);
  const state: DeviceVerifierState = await startDeviceSrp(device, client.srpA);
  const parameters = devicePasswordVerifierParameters(state, 'alice');
  const signer = { deviceKey: options.signAs?.deviceKey ?? DEVICE_KEY, randomPassword: options.signAs?.password ?? randomPassword };
  const claim = await client.claim(parameters, signer, formatTimestamp(NOW));
  return { device, state, parameters, claim };
}

describe('device SRP against amazon-cognito-identity-js', () => {
  it('accepts the claim of the device password ConfirmDevice registered', async () => {
    const { device, state, claim } = await exchange();
    expect(await verifyDevicePasswordClaim(device, state, claim, NOW)).toBe(true);
  });

  it('hands out DEVICE_PASSWORD_VERIFIER’s parameters: the device key, its salt, a secret block, B and the username', async () => {
    const { device, state, parameters } = await exchange();
    expect(parameters).toEqual({ DEVICE_KEY: DEVICE_KEY, SALT: device.secret!.salt, SECRET_BLOCK: state.secretBlock, SRP_B: state.B, USERNAME: 'alice' });
    expect(Buffer.from(parameters.SECRET_BLOCK!, 'base64')).toHaveLength(96);
  });

  it('refuses a claim from another device password', async () => {
    const { device, state, claim } = await exchange({ signAs: { password: 'not the device password' } });
    expect(await verifyDevicePasswordClaim(device, state, claim, NOW)).toBe(false);
  });

  it('refuses a claim signed for another device key, or with the pool name in place of the device group key', async () => {
    const other = await exchange({ signAs: { deviceKey: 'us-east-1_00000000-0000-0000-0000-000000000000' } });
    expect(await verifyDevicePasswordClaim(other.device, other.state, other.claim, NOW)).toBe(false);
    const poolName = await exchange({ signAs: { groupKey: 'AbC123xyZ' } });
    expect(await verifyDevicePasswordClaim(poolName.device, poolName.state, poolName.claim, NOW)).toBe(false);
  });

  it('refuses another secret block, a stale timestamp, and an exchange started for another device', async () => {
    const { device, state, claim } = await exchange();
    expect(await verifyDevicePasswordClaim(device, state, { ...claim, PASSWORD_CLAIM_SECRET_BLOCK: Buffer.alloc(96, 1).toString('base64') }, NOW)).toBe(false);
    expect(await verifyDevicePasswordClaim(device, state, claim, NOW + 6 * 60_000)).toBe(false);
    expect(await verifyDevicePasswordClaim(device, { ...state, deviceKey: 'us-east-1_other' }, claim, NOW)).toBe(false);
    expect(await verifyDevicePasswordClaim(device, state, { ...claim, DEVICE_KEY: 'us-east-1_other' }, NOW)).toBe(false);
  });

  it('refuses an SRP_A that is no number or a multiple of N, and a device registered without a verifier', async () => {
    const { device } = await registerDevice();
    await expect(startDeviceSrp(device, 'not hex')).rejects.toMatchObject({ type: 'InvalidParameterException', message: 'Invalid SRP_A value.' });
    await expect(startDeviceSrp(device, '0')).rejects.toMatchObject({ type: 'InvalidParameterException' });
    const { secret: _secret, ...withoutSecret } = device;
    await expect(startDeviceSrp(withoutSecret, 'abc123')).rejects.toMatchObject({ type: 'InvalidParameterException' });
  });
});

describe('DeviceSecretVerifierConfig', () => {
  it('is both members in base64, neither zero', () => {
    expect(deviceSecretOf({ Salt: 'AQID', PasswordVerifier: 'BAUG' })).toEqual({ salt: '010203', verifier: '040506' });
    for (const config of [{ Salt: 'AQID' }, { PasswordVerifier: 'AQID' }, { Salt: 'AQID', PasswordVerifier: 'not base64!' }, { Salt: 'AAAA', PasswordVerifier: 'AQID' }]) {
      expect(() => deviceSecretOf(config)).toThrow('Invalid device secret verifier config.');
    }
  });
});

describe('device keys', () => {
  const pool = { id: 'eu-west-3_AbC123xyZ' } as UserPool;

  it('are REGION_uuid, with a group key of “-” and 8 base62 characters (no “_”: it is the SRP pool name)', () => {
    expect(newDeviceKey(pool, { uuid: () => '0b2b2b6e-8d4f-4b8a-9d7e-1c2d3e4f5a6b' } as never)).toBe('eu-west-3_0b2b2b6e-8d4f-4b8a-9d7e-1c2d3e4f5a6b');
    const keys = new Set(Array.from({ length: 50 }, newDeviceGroupKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^-[A-Za-z0-9]{8}$/);
  });
});

describe('remembered devices and MFA', () => {
  const poolWith = (DeviceConfiguration?: UserPool['config']['DeviceConfiguration']) => ({ id: 'us-east-1_AbC123xyZ', config: { DeviceConfiguration } }) as UserPool;
  const device = (rememberedStatus: 'remembered' | 'not_remembered', { confirmed = true } = {}) =>
    ({ rememberedStatus, ...(confirmed && { confirmed: NOW }) }) as StoredDevice;

  it('tracks devices once any DeviceConfiguration field is set', () => {
    expect(deviceTrackingOf(poolWith())).toBeUndefined();
    expect(deviceTrackingOf(poolWith({}))).toBeUndefined();
    expect(deviceTrackingOf(poolWith({ ChallengeRequiredOnNewDevice: false }))).toEqual({ ChallengeRequiredOnNewDevice: false });
  });

  it('skips MFA only for a confirmed, remembered device of a pool with ChallengeRequiredOnNewDevice', () => {
    const challenging = poolWith({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    expect(isRemembered(device('remembered'))).toBe(true);
    expect(maySkipMfa(challenging, device('remembered'))).toBe(true);
    expect(maySkipMfa(challenging, device('not_remembered'))).toBe(false);
    expect(maySkipMfa(challenging, device('remembered', { confirmed: false }))).toBe(false);
    expect(maySkipMfa(challenging, undefined)).toBe(false);
    expect(maySkipMfa(poolWith({ ChallengeRequiredOnNewDevice: false }), device('remembered'))).toBe(false);
    expect(maySkipMfa(poolWith(), device('remembered'))).toBe(false);
  });
});
