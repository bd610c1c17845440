/**
 * Cognito's device tracking ("remembered devices"): the device a sign-in is handed
 * (NewDeviceMetadata), its confirmation (ConfirmDevice), whether it is remembered, whether it may
 * stand in for MFA, and the server side of its SRP (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER).
 *
 * From the guide ("Specifying user pool device tracking settings") and the API reference
 * (DeviceConfigurationType):
 *  - a pool tracks devices once its DeviceConfiguration sets any field; a new device is handed
 *    out at a sign-in that does not present one of the user's devices as DEVICE_KEY;
 *  - ConfirmDevice registers the device's SRP verifier; with DeviceOnlyRememberedOnUserPrompt the
 *    device is remembered only once the user says so (UpdateDeviceStatus), otherwise at once;
 *  - with ChallengeRequiredOnNewDevice a remembered device signs in with device authentication
 *    instead of an MFA code; devices that are not remembered still answer MFA.
 *
 * Device SRP is the user SRP of srp-server.ts with the device group key as the "pool name", the
 * device key as the user id and the device's random password, as amazon-cognito-identity-js
 * computes it (AuthenticationHelper.generateHashDevice, CognitoUser.getDeviceResponse).
 */
import { randomInt } from 'node:crypto';
import type { DeviceConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import type { BaseServices } from '../base-services.js';
import type { DeviceRememberedStatus, DeviceSecret, StoredDevice } from '../store/repositories/devices.js';
import type { Store } from '../store/index.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { newSecretBlock, parseSrpA, serverEphemeral, verifyPasswordClaim, type SrpExchange } from '../auth/srp-server.js';
import { DeviceKeyExistsException, InvalidParameterException, ResourceNotFoundException } from './errors.js';

/** What a sign-in's AuthenticationResult carries when it hands out a device. */
export interface NewDeviceMetadata {
  DeviceKey: string;
  DeviceGroupKey: string;
}

export type DeviceServices = Pick<BaseServices, 'store' | 'clock' | 'ids'>;

/** A user keeps at most this many devices handed out and not (yet) confirmed; the oldest go first. */
export const UNCONFIRMED_DEVICES_KEPT = 20;

/** Base62: the group key is the SRP "pool name", which must hold no "_" (srp.ts poolNameOf cuts at it). */
const GROUP_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const deviceDoesNotExist = () => new ResourceNotFoundException('Device does not exist.');
const invalidDeviceKey = () => new InvalidParameterException('Invalid device key given.');

// ---- The pool's configuration

/** The pool's DeviceConfiguration when it tracks devices (any field set), else undefined. */
export function deviceTrackingOf(pool: UserPool): DeviceConfigurationType | undefined {
  const config = pool.config.DeviceConfiguration;
  if (!config) return undefined;
  return config.ChallengeRequiredOnNewDevice !== undefined || config.DeviceOnlyRememberedOnUserPrompt !== undefined ? config : undefined;
}

export function tracksDevices(pool: UserPool): boolean {
  return deviceTrackingOf(pool) !== undefined;
}

// ---- Keys

/** `REGION_uuid`, the region being the pool's, as Cognito's device keys are. */
export function newDeviceKey(pool: UserPool, ids: DeviceServices['ids']): string {
  return `${pool.id.slice(0, pool.id.indexOf('_'))}_${ids.uuid()}`;
}

/** `-` and 8 base62 characters, like Cognito's (`-v7w9UcY6`). */
export function newDeviceGroupKey(): string {
  let key = '-';
  for (let i = 0; i < 8; i++) key += GROUP_KEY_ALPHABET[randomInt(GROUP_KEY_ALPHABET.length)];
  return key;
}

// ---- Sign-in

/** One of the user's devices, confirmed or only handed out, by its key; undefined for any other key. */
export function findDeviceOf(store: Store, user: StoredUser, deviceKey: string): StoredDevice | undefined {
  const device = store.devices.find(user.poolId, deviceKey);
  return device?.sub === user.sub ? device : undefined;
}

/**
 * The confirmed device a sign-in presents as DEVICE_KEY, or Cognito's ResourceNotFoundException
 * "Device does not exist." (which amazon-cognito-identity-js and Amplify catch to sign in again
 * without the device).
 */
export function requireSignInDevice(store: Store, user: StoredUser, deviceKey: string): StoredDevice {
  const device = findDeviceOf(store, user, deviceKey);
  if (!device?.confirmed) throw deviceDoesNotExist();
  return device;
}

/** Whether a sign-in that presented `presented` (a key or nothing) is handed a new device. */
export function shouldHandOutDevice(store: Store, pool: UserPool, user: StoredUser, presented: string | undefined): boolean {
  if (!tracksDevices(pool)) return false;
  return presented === undefined || findDeviceOf(store, user, presented) === undefined;
}

/**
 * Hands the user a new device: kept unconfirmed until ConfirmDevice, with the group key the
 * user's other devices have (a new one for the first).
 */
export function handOutDevice({ store, clock, ids }: DeviceServices, pool: UserPool, user: StoredUser): NewDeviceMetadata {
  const now = clock.now();
  const device: StoredDevice = {
    deviceKey: newDeviceKey(pool, ids),
    poolId: pool.id,
    sub: user.sub,
    groupKey: store.devices.groupKeyOf(pool.id, user.sub) ?? newDeviceGroupKey(),
    attributes: {},
    created: now,
    modified: now,
    lastAuthenticated: now,
  };
  store.transaction(() => {
    store.devices.insert(device);
    store.devices.pruneUnconfirmed(pool.id, user.sub, UNCONFIRMED_DEVICES_KEPT);
  });
  return { DeviceKey: device.deviceKey, DeviceGroupKey: device.groupKey };
}

/**
 * NewDeviceMetadata for a sign-in about to be issued tokens, or undefined when the pool does not
 * track devices or the sign-in presented one of the user's devices (`presentedDeviceKey`).
 */
export function newDeviceForSignIn(
  services: DeviceServices,
  request: { pool: UserPool; user: StoredUser; presentedDeviceKey?: string },
): NewDeviceMetadata | undefined {
  const { pool, user, presentedDeviceKey } = request;
  return shouldHandOutDevice(services.store, pool, user, presentedDeviceKey) ? handOutDevice(services, pool, user) : undefined;
}

/** A successful device authentication (DEVICE_PASSWORD_VERIFIER): DeviceLastAuthenticatedDate moves. */
export function recordDeviceAuthentication({ store, clock }: Pick<DeviceServices, 'store' | 'clock'>, device: StoredDevice): StoredDevice {
  const authenticated = { ...device, lastAuthenticated: clock.now() };
  store.devices.save(authenticated);
  return authenticated;
}

// ---- Remembering

export function isRemembered(device: StoredDevice): boolean {
  return device.confirmed !== undefined && device.rememberedStatus === 'remembered';
}

/**
 * Whether the sign-in may skip MFA for this device: the pool tracks devices with
 * ChallengeRequiredOnNewDevice ("a remembered device can sign in with device authentication
 * instead of SMS and TOTP factors"), and the device is remembered.
 */
export function maySkipMfa(pool: UserPool, device: StoredDevice | undefined): boolean {
  return deviceTrackingOf(pool)?.ChallengeRequiredOnNewDevice === true && device !== undefined && isRemembered(device);
}

/** The status ConfirmDevice gives: remembered at once, unless the user is to be asked first. */
function statusAtConfirmation(pool: UserPool): DeviceRememberedStatus {
  return deviceTrackingOf(pool)?.DeviceOnlyRememberedOnUserPrompt ? 'not_remembered' : 'remembered';
}

// ---- Device management

export interface DeviceSecretVerifierConfig {
  /** Base64 of the verifier's bytes (padHex), as the clients send it. */
  PasswordVerifier?: string;
  /** Base64 of the salt's bytes. */
  Salt?: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function hexOfBase64(text: string | undefined): string | undefined {
  if (text === undefined || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const hex = Buffer.from(text, 'base64').toString('hex');
  return /[^0]/.test(hex) ? hex : undefined;
}

/** The device's SRP salt and verifier from ConfirmDevice's DeviceSecretVerifierConfig (both required, base64, non-zero). */
export function deviceSecretOf(config: DeviceSecretVerifierConfig): DeviceSecret {
  const salt = hexOfBase64(config.Salt);
  const verifier = hexOfBase64(config.PasswordVerifier);
  if (!salt || !verifier) throw new InvalidParameterException('Invalid device secret verifier config.');
  return { salt, verifier };
}

export interface ConfirmDeviceRequest {
  pool: UserPool;
  user: StoredUser;
  deviceKey: string;
  verifierConfig?: DeviceSecretVerifierConfig;
  deviceName?: string;
  /** The caller's address, kept as the device's last_ip_used. */
  sourceIp?: string;
  /** The caller's SDK (`aws-sdk-js-3.901.0`), kept as the device's dev:device_sdk. */
  sdk?: string;
}

/**
 * ConfirmDevice: registers a device the user was handed at sign-in. Answers whether the user
 * must still be asked to remember it (DeviceOnlyRememberedOnUserPrompt).
 */
export function confirmDevice({ store, clock }: Pick<DeviceServices, 'store' | 'clock'>, request: ConfirmDeviceRequest): { userConfirmationNecessary: boolean } {
  const { pool, user } = request;
  const device = findDeviceOf(store, user, request.deviceKey);
  if (!device || !tracksDevices(pool)) throw invalidDeviceKey();
  if (device.confirmed !== undefined) throw new DeviceKeyExistsException('Device key already exists.');
  const secret = request.verifierConfig && deviceSecretOf(request.verifierConfig);
  const now = clock.now();
  store.devices.save({
    ...device,
    ...(secret && { secret }),
    rememberedStatus: statusAtConfirmation(pool),
    confirmed: now,
    attributes: {
      ...device.attributes,
      ...(request.deviceName !== undefined && { device_name: request.deviceName }),
      ...(request.sourceIp !== undefined && { last_ip_used: request.sourceIp }),
      ...(request.sdk !== undefined && { 'dev:device_sdk': request.sdk }),
    },
    modified: now,
  });
  return { userConfirmationNecessary: deviceTrackingOf(pool)?.DeviceOnlyRememberedOnUserPrompt === true };
}

/**
 * One of the user's confirmed devices by key, or ResourceNotFoundException "Device does not
 * exist." `rememberedOnly`: only a remembered one counts (the user's own GetDevice).
 */
export function requireUserDevice(store: Store, user: StoredUser, deviceKey: string, { rememberedOnly = false } = {}): StoredDevice {
  const device = findDeviceOf(store, user, deviceKey);
  if (!device?.confirmed || (rememberedOnly && !isRemembered(device))) throw deviceDoesNotExist();
  return device;
}

/** UpdateDeviceStatus / AdminUpdateDeviceStatus. */
export function updateDeviceStatus(
  { store, clock }: Pick<DeviceServices, 'store' | 'clock'>,
  device: StoredDevice,
  status: DeviceRememberedStatus,
): StoredDevice {
  const updated = { ...device, rememberedStatus: status, modified: clock.now() };
  store.devices.save(updated);
  return updated;
}

/** ForgetDevice / AdminForgetDevice: the device is gone; a sign-in presenting it is told so. */
export function forgetDevice(store: Store, device: StoredDevice): void {
  store.devices.delete(device.poolId, device.deviceKey);
}

// ---- Device SRP

/** What the flow keeps between DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER (hex, except the block). */
export interface DeviceVerifierState extends SrpExchange {
  deviceKey: string;
  /** The device's salt, hex, sent as SALT. */
  salt: string;
}

/**
 * The server's answer to DEVICE_SRP_AUTH (the client's SRP_A for `device`): B from the device's
 * verifier, a fresh secret block. Throws InvalidParameterException for an SRP_A that is not a
 * usable number, or for a device confirmed without a DeviceSecretVerifierConfig.
 */
export async function startDeviceSrp(device: StoredDevice, srpA: string): Promise<DeviceVerifierState> {
  if (parseSrpA(srpA) === undefined) throw new InvalidParameterException('Invalid SRP_A value.');
  if (!device.secret) throw new InvalidParameterException('The device has no secret verifier: ConfirmDevice registered none.');
  const { b, B } = await serverEphemeral(device.secret.verifier);
  return { A: srpA, B, b, secretBlock: newSecretBlock(), salt: device.secret.salt, deviceKey: device.deviceKey };
}

/** DEVICE_PASSWORD_VERIFIER's ChallengeParameters; `username` is the user's (USER_ID_FOR_SRP). */
export function devicePasswordVerifierParameters(state: DeviceVerifierState, username: string): Record<string, string> {
  return { DEVICE_KEY: state.deviceKey, SALT: state.salt, SECRET_BLOCK: state.secretBlock, SRP_B: state.B, USERNAME: username };
}

export interface DevicePasswordClaim {
  PASSWORD_CLAIM_SIGNATURE?: string;
  PASSWORD_CLAIM_SECRET_BLOCK?: string;
  TIMESTAMP?: string;
  DEVICE_KEY?: string;
}

/**
 * Whether the client's DEVICE_PASSWORD_VERIFIER answer proves the device's secret: the claim
 * signed with the device group key as the pool name and the device key as the user id, its
 * secret block the one handed out, its timestamp within the allowed skew of `now`.
 */
export async function verifyDevicePasswordClaim(device: StoredDevice, state: DeviceVerifierState, claim: DevicePasswordClaim, now: number): Promise<boolean> {
  if (!device.secret || state.deviceKey !== device.deviceKey) return false;
  if (claim.DEVICE_KEY !== undefined && claim.DEVICE_KEY !== device.deviceKey) return false;
  return verifyPasswordClaim(
    state,
    device.secret,
    { signature: claim.PASSWORD_CLAIM_SIGNATURE ?? '', secretBlock: claim.PASSWORD_CLAIM_SECRET_BLOCK ?? '', timestamp: claim.TIMESTAMP ?? '' },
    { poolId: device.groupKey, userIdForSrp: device.deviceKey, now },
  );
}
