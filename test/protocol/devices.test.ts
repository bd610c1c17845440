/**
 * Device tracking over the wire: NewDeviceMetadata at sign-in, ConfirmDevice, GetDevice,
 * ListDevices, UpdateDeviceStatus, ForgetDevice and their Admin forms, driven by the AWS SDK,
 * amazon-cognito-identity-js (which confirms its device itself after signing in) and Amplify v6.
 */
import {
  AdminDeleteUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  DeleteUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
  type AuthenticationResultType,
  type DeviceConfigurationType,
  type DeviceType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { fetchDevices, forgetDevice, rememberDevice, signIn, signOut } from 'aws-amplify/auth';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatTimestamp } from '../../src-main/auth/srp-server.js';
import { startDeviceSrp, devicePasswordVerifierParameters, verifyDevicePasswordClaim } from '../../src-main/cognito/devices.js';
import { deviceSecretVerifierConfig, deviceSrpClient } from '../support/device-client.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
/** The console's "Always", suppressing MFA on remembered devices. */
const ALWAYS: DeviceConfigurationType = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false };
/** The console's "User Opt-In". */
const OPT_IN: DeviceConfigurationType = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function world(DeviceConfiguration: DeviceConfigurationType | null = ALWAYS) {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'devices', AliasAttributes: ['email'], ...(DeviceConfiguration && { DeviceConfiguration }) });
  const { clientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'web',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return { poolId, clientId };
}

const newUser = (poolId: string, username: string) =>
  createAdminUser(sandbox.cognito, poolId, username, { password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: 'true' } });

async function passwordSignIn(clientId: string, username: string): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return AuthenticationResult!;
}

/** A sign-in and ConfirmDevice of the device it was handed, as the clients do it. */
async function confirmedDevice(clientId: string, username: string, DeviceName = 'laptop') {
  const result = await passwordSignIn(clientId, username);
  const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata!;
  const { config, randomPassword } = await deviceSecretVerifierConfig(DeviceGroupKey!, DeviceKey!);
  const confirmed = await sandbox.cognito.send(
    new ConfirmDeviceCommand({ AccessToken: result.AccessToken!, DeviceKey, DeviceSecretVerifierConfig: config, DeviceName }),
  );
  return { accessToken: result.AccessToken!, deviceKey: DeviceKey!, groupKey: DeviceGroupKey!, randomPassword, confirmed };
}

const attributesOf = (device: DeviceType | undefined) => Object.fromEntries((device?.DeviceAttributes ?? []).map((a) => [a.Name, a.Value]));

function adminDevices(poolId: string, username: string) {
  return sandbox.cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: username }));
}

function promised<T>(call: (callbacks: { onSuccess: (value: T) => void; onFailure: (error: Error) => void }) => void): Promise<T> {
  return new Promise((resolve, reject) => call({ onSuccess: resolve, onFailure: reject }));
}

describe('NewDeviceMetadata', () => {
  it('is handed out at each sign-in that presents no device, with the user’s one group key; the access token names the device', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    await newUser(poolId, 'bob');
    const first = await passwordSignIn(clientId, 'alice');
    expect(first.NewDeviceMetadata).toEqual({ DeviceKey: expect.stringMatching(/^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), DeviceGroupKey: expect.stringMatching(/^-[A-Za-z0-9]{8}$/) });
    expect(decodeJwt(first.AccessToken!).device_key).toBe(first.NewDeviceMetadata!.DeviceKey);
    expect(Object.keys(decodeJwt(first.AccessToken!)).slice(0, 2)).toEqual(['sub', 'device_key']);
    expect(decodeJwt(first.IdToken!).device_key).toBeUndefined();

    const second = await passwordSignIn(clientId, 'alice');
    expect(second.NewDeviceMetadata!.DeviceKey).not.toBe(first.NewDeviceMetadata!.DeviceKey);
    expect(second.NewDeviceMetadata!.DeviceGroupKey).toBe(first.NewDeviceMetadata!.DeviceGroupKey);
    expect((await passwordSignIn(clientId, 'bob')).NewDeviceMetadata!.DeviceGroupKey).not.toBe(first.NewDeviceMetadata!.DeviceGroupKey);
  });

  it('is not handed out by a pool that does not track devices, nor when tokens are refreshed', async () => {
    const untracked = await world(null);
    await newUser(untracked.poolId, 'alice');
    const plain = await passwordSignIn(untracked.clientId, 'alice');
    expect(plain.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(plain.AccessToken!).device_key).toBeUndefined();

    const tracked = await world({});
    await newUser(tracked.poolId, 'alice');
    expect((await passwordSignIn(tracked.clientId, 'alice')).NewDeviceMetadata).toBeUndefined();

    const { clientId, poolId } = await world();
    await newUser(poolId, 'alice');
    const signedIn = await passwordSignIn(clientId, 'alice');
    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } }),
    );
    expect(AuthenticationResult!.AccessToken).toBeDefined();
    expect(AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
  });

  it('names a device that, until ConfirmDevice, does not exist for the device operations', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const { AccessToken, NewDeviceMetadata } = await passwordSignIn(clientId, 'alice');
    const DeviceKey = NewDeviceMetadata!.DeviceKey!;
    const missing = { name: 'ResourceNotFoundException', message: 'Device does not exist.' };
    await expect(sandbox.cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject(missing);
    await expect(sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey }))).rejects.toMatchObject(missing);
    await expect(sandbox.cognito.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'remembered' }))).rejects.toMatchObject(missing);
    await expect(sandbox.cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject(missing);
    expect((await sandbox.cognito.send(new ListDevicesCommand({ AccessToken }))).Devices).toEqual([]);
    expect((await adminDevices(poolId, 'alice')).Devices).toEqual([]);
  });
});

describe('amazon-cognito-identity-js', () => {
  function identityJs(poolId: string, clientId: string, username: string) {
    return new CognitoUser({ Username: username, Pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url }) });
  }

  /** authenticateUser (SRP), which confirms the device it is handed before onSuccess. */
  function authenticate(user: CognitoUser, username: string): Promise<{ session: CognitoUserSession; userConfirmationNecessary?: boolean }> {
    return new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
        onSuccess: (session, userConfirmationNecessary) => resolve({ session, userConfirmationNecessary }),
        onFailure: reject,
      }),
    );
  }

  /** What CognitoUser keeps of its device (cacheDeviceKeyAndPassword). */
  const cachedDevice = (user: CognitoUser) => user as unknown as { deviceKey: string; deviceGroupKey: string; randomPassword: string };

  it('confirms its device after an SRP sign-in (Always): remembered, listed, gettable, then not remembered, then forgotten', async () => {
    const { poolId, clientId } = await world(ALWAYS);
    await newUser(poolId, 'alice');
    const user = identityJs(poolId, clientId, 'alice');
    const { session, userConfirmationNecessary } = await authenticate(user, 'alice');
    expect(userConfirmationNecessary).toBeUndefined();
    const { deviceKey } = cachedDevice(user);
    expect(deviceKey).toMatch(/^us-east-1_/);
    expect(session.getAccessToken().decodePayload().device_key).toBe(deviceKey);

    const listed = await promised<{ Devices: DeviceType[] }>((callbacks) => user.listDevices(10, null, callbacks));
    expect(listed.Devices.map((d) => d.DeviceKey)).toEqual([deviceKey]);
    const { Device } = await promised<{ Device: DeviceType }>((callbacks) => user.getDevice(callbacks as never));
    expect(Device).toMatchObject({ DeviceKey: deviceKey, DeviceCreateDate: expect.any(Number), DeviceLastModifiedDate: expect.any(Number), DeviceLastAuthenticatedDate: expect.any(Number) });
    expect(Device.DeviceAttributes!.map((a) => a.Name)).toEqual([
      'device_status',
      'device_name',
      'dev:device_arn',
      'dev:device_owner',
      'last_ip_used',
      'dev:device_remembered_status',
      'dev:device_sdk',
    ]);
    expect(attributesOf(Device)).toMatchObject({
      device_status: 'valid',
      device_name: expect.any(String),
      'dev:device_arn': `arn:aws:cognito-idp:us-east-1:000000000000:owner/alice.${poolId}/device/${deviceKey}`,
      'dev:device_owner': `alice.${poolId}`,
      last_ip_used: '127.0.0.1',
      'dev:device_remembered_status': 'remembered',
    });

    await promised((callbacks) => user.setDeviceStatusNotRemembered(callbacks));
    await expect(promised((callbacks) => user.getDevice(callbacks as never))).rejects.toMatchObject({ code: 'ResourceNotFoundException', message: 'Device does not exist.' });
    expect((await promised<{ Devices: DeviceType[] }>((callbacks) => user.listDevices(10, null, callbacks))).Devices).toEqual([]);
    const { Device: adminView } = await sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey: deviceKey }));
    expect(attributesOf(adminView)['dev:device_remembered_status']).toBe('not_remembered');

    await promised((callbacks) => user.setDeviceStatusRemembered(callbacks));
    expect(attributesOf((await adminDevices(poolId, 'alice')).Devices![0])['dev:device_remembered_status']).toBe('remembered');
    await promised((callbacks) => user.forgetDevice(callbacks));
    expect((await adminDevices(poolId, 'alice')).Devices).toEqual([]);
  });

  it('with User Opt-In, tells the app to ask (userConfirmationNecessary); the device is remembered once the user says so', async () => {
    const { poolId, clientId } = await world(OPT_IN);
    await newUser(poolId, 'alice');
    const user = identityJs(poolId, clientId, 'alice');
    const { session, userConfirmationNecessary } = await authenticate(user, 'alice');
    expect(userConfirmationNecessary).toBe(true);
    const AccessToken = session.getAccessToken().getJwtToken();
    expect((await sandbox.cognito.send(new ListDevicesCommand({ AccessToken }))).Devices).toEqual([]);
    expect((await adminDevices(poolId, 'alice')).Devices!.map((d) => attributesOf(d)['dev:device_remembered_status'])).toEqual(['not_remembered']);

    await promised((callbacks) => user.setDeviceStatusRemembered(callbacks));
    const { Devices } = await sandbox.cognito.send(new ListDevicesCommand({ AccessToken }));
    expect(Devices!.map((d) => d.DeviceKey)).toEqual([cachedDevice(user).deviceKey]);
  });

  it('keeps a device password that proves the device against the verifier it confirmed (device SRP)', async () => {
    const { poolId, clientId } = await world(ALWAYS);
    await newUser(poolId, 'alice');
    const user = identityJs(poolId, clientId, 'alice');
    await authenticate(user, 'alice');
    const { deviceKey, deviceGroupKey, randomPassword } = cachedDevice(user);
    const device = sandbox.app.store.devices.find(poolId, deviceKey)!;
    expect(device.groupKey).toBe(deviceGroupKey);

    const client = await deviceSrpClient(deviceGroupKey);
    const state = await startDeviceSrp(device, client.srpA);
    const now = Date.now();
    const claim = await client.claim(devicePasswordVerifierParameters(state, 'alice'), { deviceKey, randomPassword }, formatTimestamp(now));
    expect(await verifyDevicePasswordClaim(device, state, claim, now)).toBe(true);
    const forged = await client.claim(devicePasswordVerifierParameters(state, 'alice'), { deviceKey, randomPassword: 'guess' }, formatTimestamp(now));
    expect(await verifyDevicePasswordClaim(device, state, forged, now)).toBe(false);
  });
});

describe('Amplify v6', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('confirms its device at signIn, and rememberDevice, fetchDevices and forgetDevice manage it', async () => {
    // Amplify names the device from the browser's navigator, which Node 20 lacks (without a name it skips ConfirmDevice).
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) devices.test' });
    const { poolId, clientId } = await world(OPT_IN);
    await newUser(poolId, 'alice');
    Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });
    expect(await signIn({ username: 'alice', password: PASSWORD })).toMatchObject({ isSignedIn: true });
    const [confirmed] = (await adminDevices(poolId, 'alice')).Devices!;
    expect(attributesOf(confirmed)).toMatchObject({ device_name: 'Mozilla/5.0 (X11; Linux x86_64) devices.test', 'dev:device_remembered_status': 'not_remembered' });
    expect(await fetchDevices()).toEqual([]);

    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices.map((d) => d.id)).toEqual([confirmed!.DeviceKey]);
    expect(devices[0]!.attributes).toMatchObject({ 'dev:device_remembered_status': 'remembered', device_status: 'valid' });

    await forgetDevice();
    expect((await adminDevices(poolId, 'alice')).Devices).toEqual([]);
    await signOut();
  });
});

describe('ConfirmDevice', () => {
  it('registers the device with its name, the caller’s address and SDK; UserConfirmationNecessary follows DeviceOnlyRememberedOnUserPrompt', async () => {
    const always = await world(ALWAYS);
    await newUser(always.poolId, 'alice');
    const { confirmed, deviceKey } = await confirmedDevice(always.clientId, 'alice', 'Alice’s laptop');
    expect(confirmed.UserConfirmationNecessary).toBe(false);
    const { Device } = await sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: always.poolId, Username: 'alice@example.com', DeviceKey: deviceKey }));
    expect(attributesOf(Device)).toMatchObject({
      device_name: 'Alice’s laptop',
      last_ip_used: '127.0.0.1',
      'dev:device_remembered_status': 'remembered',
      'dev:device_sdk': expect.stringMatching(/^aws-sdk-js-3\./),
    });

    const optIn = await world(OPT_IN);
    await newUser(optIn.poolId, 'alice');
    expect((await confirmedDevice(optIn.clientId, 'alice')).confirmed.UserConfirmationNecessary).toBe(true);
  });

  it('refuses a key the user was not handed, a second confirmation, and a half verifier config', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    await newUser(poolId, 'bob');
    const { AccessToken, NewDeviceMetadata } = await passwordSignIn(clientId, 'alice');
    const bobs = (await passwordSignIn(clientId, 'bob')).NewDeviceMetadata!.DeviceKey;
    const invalidKey = { name: 'InvalidParameterException', message: 'Invalid device key given.' };
    for (const DeviceKey of ['us-east-1_00000000-0000-4000-8000-000000000000', bobs]) {
      await expect(sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject(invalidKey);
    }
    const DeviceKey = NewDeviceMetadata!.DeviceKey!;
    await expect(sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: { Salt: 'AQID' } }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid device secret verifier config.',
    });
    await sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey }));
    await expect(sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject({ name: 'DeviceKeyExistsException', message: 'Device key already exists.' });
  });

  it('refuses any key in a pool that does not track devices, ill-formed input, and a forged token', async () => {
    const { poolId, clientId } = await world(null);
    await newUser(poolId, 'alice');
    const { AccessToken } = await passwordSignIn(clientId, 'alice');
    await expect(sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid device key given.',
    });
    await expect(sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: 'us-east-1_NOT-HEX', DeviceName: '' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value 'us-east-1_NOT-HEX' at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+; " +
        "Value '' at 'deviceName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    const forged = `${AccessToken!.slice(0, -4)}AAAA`;
    await expect(sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken: forged, DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
    const wrongType = await rawCall(sandbox.url, 'ConfirmDevice', { AccessToken, DeviceKey: 'us-east-1_0', DeviceSecretVerifierConfig: 'AQID' });
    expect(wrongType).toMatchObject({ status: 400, json: { __type: 'SerializationException' } });
  });

  it('keeps the device verifier out of the debugger’s events', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const events = await eventsDuring(sandbox.app, () => confirmedDevice(clientId, 'alice'));
    const call = events.find((e) => e.type === 'api.called' && (e.data as { operation: string }).operation === 'ConfirmDevice')!;
    expect((call.data as { request: { DeviceSecretVerifierConfig: object } }).request.DeviceSecretVerifierConfig).toEqual({ PasswordVerifier: '***', Salt: expect.any(String) });
  });
});

describe('a user’s devices', () => {
  it('are found only by their owner: another user’s device, or an unknown key, does not exist', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    await newUser(poolId, 'bob');
    const alice = await confirmedDevice(clientId, 'alice');
    const bob = await confirmedDevice(clientId, 'bob');
    const missing = { name: 'ResourceNotFoundException', message: 'Device does not exist.' };
    for (const DeviceKey of [bob.deviceKey, 'us-east-1_00000000-0000-4000-8000-000000000000']) {
      const AccessToken = alice.accessToken;
      await expect(sandbox.cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject(missing);
      await expect(sandbox.cognito.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'not_remembered' }))).rejects.toMatchObject(missing);
      await expect(sandbox.cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject(missing);
      await expect(sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey }))).rejects.toMatchObject(missing);
      await expect(
        sandbox.cognito.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey, DeviceRememberedStatus: 'remembered' })),
      ).rejects.toMatchObject(missing);
      await expect(sandbox.cognito.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey }))).rejects.toMatchObject(missing);
    }
    expect((await sandbox.cognito.send(new GetDeviceCommand({ AccessToken: bob.accessToken, DeviceKey: bob.deviceKey }))).Device!.DeviceKey).toBe(bob.deviceKey);
  });

  it('are forgotten once: the second ForgetDevice finds nothing, and so does UpdateDeviceStatus', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const { accessToken: AccessToken, deviceKey: DeviceKey } = await confirmedDevice(clientId, 'alice');
    await sandbox.cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey }));
    const missing = { name: 'ResourceNotFoundException', message: 'Device does not exist.' };
    await expect(sandbox.cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject(missing);
    await expect(sandbox.cognito.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'remembered' }))).rejects.toMatchObject(missing);
  });

  it('are listed a page at a time, with tokens that belong to their listing', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const keys: string[] = [];
    let AccessToken = '';
    for (let i = 0; i < 3; i++) ({ deviceKey: keys[i], accessToken: AccessToken } = await confirmedDevice(clientId, 'alice', `device ${i}`));
    const first = await sandbox.cognito.send(new ListDevicesCommand({ AccessToken, Limit: 2 }));
    expect(first.Devices).toHaveLength(2);
    const second = await sandbox.cognito.send(new ListDevicesCommand({ AccessToken, Limit: 2, PaginationToken: first.PaginationToken }));
    expect(second.PaginationToken).toBeUndefined();
    expect([...first.Devices!, ...second.Devices!].map((d) => d.DeviceKey)).toEqual([...keys].sort());
    expect((await sandbox.cognito.send(new ListDevicesCommand({ AccessToken, Limit: 0 }))).Devices).toHaveLength(3);

    const adminFirst = await sandbox.cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'alice', Limit: 1 }));
    const badToken = { name: 'InvalidParameterException', message: 'Invalid pagination token.' };
    await expect(sandbox.cognito.send(new ListDevicesCommand({ AccessToken, PaginationToken: adminFirst.PaginationToken }))).rejects.toMatchObject(badToken);
    await expect(sandbox.cognito.send(new ListDevicesCommand({ AccessToken, PaginationToken: 'nonsense' }))).rejects.toMatchObject(badToken);
    await expect(sandbox.cognito.send(new ListDevicesCommand({ AccessToken, Limit: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
  });

  it('refuse a call without an access token or a status, and a status Cognito does not know', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const { accessToken, deviceKey } = await confirmedDevice(clientId, 'alice');
    expect(await rawCall(sandbox.url, 'GetDevice', { DeviceKey: deviceKey })).toMatchObject({
      status: 400,
      json: { __type: 'InvalidParameterException', message: "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null" },
    });
    expect(await rawCall(sandbox.url, 'UpdateDeviceStatus', { AccessToken: accessToken, DeviceKey: deviceKey })).toMatchObject({
      json: { __type: 'InvalidParameterException', message: "1 validation error detected: Value null at 'deviceRememberedStatus' failed to satisfy constraint: Member must not be null" },
    });
    expect(await rawCall(sandbox.url, 'UpdateDeviceStatus', { AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'forgotten' })).toMatchObject({
      json: {
        __type: 'InvalidParameterException',
        message: "1 validation error detected: Value 'forgotten' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]",
      },
    });
  });
});

describe('the admin device operations', () => {
  it('name the user by username, alias or sub; an unknown user or pool is refused as the model lists', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    const { deviceKey: DeviceKey, accessToken } = await confirmedDevice(clientId, 'alice');
    const sub = String(decodeJwt(accessToken).sub);
    for (const Username of ['alice', 'alice@example.com', sub]) {
      expect((await sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username, DeviceKey }))).Device!.DeviceKey).toBe(DeviceKey);
    }
    const noUser = { name: 'ResourceNotFoundException', message: 'User does not exist.' };
    await expect(sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'nobody', DeviceKey }))).rejects.toMatchObject(noUser);
    await expect(sandbox.cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'nobody' }))).rejects.toMatchObject(noUser);
    const userNotFound = { name: 'UserNotFoundException', message: 'User does not exist.' };
    await expect(
      sandbox.cognito.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'nobody', DeviceKey, DeviceRememberedStatus: 'remembered' })),
    ).rejects.toMatchObject(userNotFound);
    await expect(sandbox.cognito.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'nobody', DeviceKey }))).rejects.toMatchObject(userNotFound);
    await expect(sandbox.cognito.send(new AdminListDevicesCommand({ UserPoolId: 'us-east-1_Nowhere00', Username: 'alice' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Nowhere00 does not exist.',
    });

    await sandbox.cognito.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey, DeviceRememberedStatus: 'not_remembered' }));
    const { Device } = await sandbox.cognito.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey }));
    expect(attributesOf(Device)['dev:device_remembered_status']).toBe('not_remembered');
    expect(Device!.DeviceLastModifiedDate!.getTime()).toBeGreaterThanOrEqual(Device!.DeviceCreateDate!.getTime());
    await sandbox.cognito.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey }));
    expect((await adminDevices(poolId, 'alice')).Devices).toEqual([]);
  });
});

describe('a device’s life', () => {
  it('ends with its user and with its pool', async () => {
    const { poolId, clientId } = await world();
    await newUser(poolId, 'alice');
    await newUser(poolId, 'bob');
    const alice = await confirmedDevice(clientId, 'alice');
    const pending = (await passwordSignIn(clientId, 'alice')).NewDeviceMetadata!.DeviceKey!;
    const bob = await confirmedDevice(clientId, 'bob');
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(sandbox.app.store.devices.find(poolId, alice.deviceKey)).toBeUndefined();
    expect(sandbox.app.store.devices.find(poolId, pending)).toBeUndefined();
    expect(sandbox.app.store.devices.find(poolId, bob.deviceKey)).toBeDefined();
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(sandbox.app.store.devices.find(poolId, bob.deviceKey)).toBeUndefined();
  });
});
