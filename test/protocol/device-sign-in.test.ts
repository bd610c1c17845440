/**
 * Signing in with a remembered device: DEVICE_KEY presented, DEVICE_SRP_AUTH then
 * DEVICE_PASSWORD_VERIFIER, MFA skipped for a remembered device where the pool says so; driven by
 * the AWS SDK with amazon-cognito-identity-js's AuthenticationHelper (test/support/device-client.ts),
 * by amazon-cognito-identity-js's CognitoUser and by Amplify v6, which answer the device challenges
 * themselves.
 */
import {
  AdminForgetDeviceCommand,
  ConfirmDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  type DeviceConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, rememberDevice, signIn, signOut } from 'aws-amplify/auth';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatTimestamp } from '../../src-main/auth/srp-server.js';
import { deviceSecretVerifierConfig, deviceSrpClient } from '../support/device-client.js';
import type { SandboxEvent } from '../../shared/events.js';
import { eventsDuring } from '../support/events.js';
import { latestMessageTo, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, invoked, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const PHONE = '+15555550142';
/** The console's "Always", with MFA suppressed on remembered devices. */
const ALWAYS: DeviceConfigurationType = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false };
/** The console's "User Opt-In". */
const OPT_IN: DeviceConfigurationType = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandboxWithHandlers({ 'post-auth': fixture('sign-in-post-auth.cjs'), 'pre-token': fixture('sign-in-pre-token-v1.cjs') });
});
afterAll(() => sandbox.close());

interface World {
  poolId: string;
  clientId: string;
}

/** A pool tracking devices as given, with SMS MFA required (or off), and alice with a phone number. */
async function world(devices: DeviceConfigurationType, mfa: 'ON' | 'OFF' = 'ON', LambdaConfig = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'device-sign-in', SmsConfiguration: SMS_CONFIGURATION, DeviceConfiguration: devices, LambdaConfig });
  if (mfa === 'ON') {
    await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }));
  }
  const { clientId } = await createClient(sandbox.cognito, poolId, {
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { phone_number: PHONE, phone_number_verified: 'true' } });
  const user = sandbox.app.store.users.findByKey(poolId, 'alice')!;
  if (mfa === 'ON') sandbox.app.store.users.save({ ...user, mfa: { enabled: ['SMS_MFA'], preferred: 'SMS_MFA' } });
  return { poolId, clientId };
}

const initiate = ({ clientId }: World, parameters: Record<string, string>) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD, ...parameters } }));

const respond = ({ clientId }: World, ChallengeName: string, Session: string, responses: Record<string, string>) =>
  sandbox.cognito.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: ChallengeName as 'SMS_MFA', Session, ChallengeResponses: { USERNAME: 'alice', ...responses } }),
  );

/** A first sign-in through SMS MFA, and ConfirmDevice of the device it hands out: the device and its password. */
async function confirmedDevice(w: World) {
  const challenge = await initiate(w, {});
  const { code } = await latestMessageTo(sandbox.url, PHONE);
  const { AuthenticationResult } = await respond(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: code });
  const { DeviceKey, DeviceGroupKey } = AuthenticationResult!.NewDeviceMetadata!;
  const { config, randomPassword } = await deviceSecretVerifierConfig(DeviceGroupKey!, DeviceKey!);
  await sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken: AuthenticationResult!.AccessToken!, DeviceKey, DeviceSecretVerifierConfig: config }));
  return { deviceKey: DeviceKey!, groupKey: DeviceGroupKey!, randomPassword };
}

/** DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answered for `device` (or with a wrong password). */
async function proveDevice(w: World, session: string, device: { deviceKey: string; groupKey: string; randomPassword: string }) {
  const client = await deviceSrpClient(device.groupKey);
  const verifier = await respond(w, 'DEVICE_SRP_AUTH', session, { DEVICE_KEY: device.deviceKey, SRP_A: client.srpA });
  expect(verifier.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
  const claim = await client.claim(verifier.ChallengeParameters!, device, formatTimestamp(Date.now()));
  return respond(w, 'DEVICE_PASSWORD_VERIFIER', verifier.Session!, { ...claim });
}

describe('DEVICE_SRP_AUTH over the AWS SDK', () => {
  it('stands in for MFA once the device is remembered: the tokens name the device, and no new device is handed out', async () => {
    const w = await world(ALWAYS);
    const device = await confirmedDevice(w);
    const challenge = await initiate(w, { DEVICE_KEY: device.deviceKey });
    expect(challenge).toMatchObject({ ChallengeName: 'DEVICE_SRP_AUTH', ChallengeParameters: {} });

    const client = await deviceSrpClient(device.groupKey);
    const verifier = await respond(w, 'DEVICE_SRP_AUTH', challenge.Session!, { DEVICE_KEY: device.deviceKey, SRP_A: client.srpA });
    expect(verifier.ChallengeParameters).toEqual({
      DEVICE_KEY: device.deviceKey,
      SALT: expect.stringMatching(/^[0-9a-f]+$/),
      SECRET_BLOCK: expect.any(String),
      SRP_B: expect.stringMatching(/^[0-9a-f]+$/),
      USERNAME: 'alice',
    });
    const claim = await client.claim(verifier.ChallengeParameters!, device, formatTimestamp(Date.now()));
    const { AuthenticationResult } = await respond(w, 'DEVICE_PASSWORD_VERIFIER', verifier.Session!, { ...claim });
    expect(decodeJwt(AuthenticationResult!.AccessToken!).device_key).toBe(device.deviceKey);
    expect(AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    const stored = sandbox.app.store.devices.find(w.poolId, device.deviceKey)!;
    expect(stored.lastAuthenticated).toBeGreaterThan(stored.created);
  });

  it('asks for MFA first when the device is not remembered, then for the device', async () => {
    const w = await world(OPT_IN);
    const device = await confirmedDevice(w);
    const challenge = await initiate(w, { DEVICE_KEY: device.deviceKey });
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    const { code } = await latestMessageTo(sandbox.url, PHONE);
    const next = await respond(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: code });
    expect(next.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const { AuthenticationResult } = await proveDevice(w, next.Session!, device);
    expect(decodeJwt(AuthenticationResult!.AccessToken!).device_key).toBe(device.deviceKey);
  });

  it('proves the device in a pool without MFA too', async () => {
    const w = await world(ALWAYS, 'OFF');
    const first = await initiate(w, {});
    const { DeviceKey, DeviceGroupKey } = first.AuthenticationResult!.NewDeviceMetadata!;
    const { config, randomPassword } = await deviceSecretVerifierConfig(DeviceGroupKey!, DeviceKey!);
    await sandbox.cognito.send(new ConfirmDeviceCommand({ AccessToken: first.AuthenticationResult!.AccessToken!, DeviceKey, DeviceSecretVerifierConfig: config }));
    const challenge = await initiate(w, { DEVICE_KEY: DeviceKey! });
    expect(challenge.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const signedIn = await proveDevice(w, challenge.Session!, { deviceKey: DeviceKey!, groupKey: DeviceGroupKey!, randomPassword });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses a device that does not prove its password', async () => {
    const w = await world(ALWAYS);
    const device = await confirmedDevice(w);
    const challenge = await initiate(w, { DEVICE_KEY: device.deviceKey });
    await expect(proveDevice(w, challenge.Session!, { ...device, randomPassword: 'guess' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('says an unknown DEVICE_KEY does not exist, before the flow moves', async () => {
    const w = await world(ALWAYS);
    await expect(initiate(w, { DEVICE_KEY: 'us-east-1_00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
  });

  it('asks for DEVICE_KEY and SRP_A', async () => {
    const w = await world(ALWAYS);
    const device = await confirmedDevice(w);
    const challenge = await initiate(w, { DEVICE_KEY: device.deviceKey });
    await expect(respond(w, 'DEVICE_SRP_AUTH', challenge.Session!, { DEVICE_KEY: device.deviceKey })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SRP_A',
    });
  });

  it('tells the triggers: newDeviceUsed to post authentication, TokenGeneration_AuthenticateDevice to pre token generation; the debugger shows both device challenges', async () => {
    const w = await world(ALWAYS, 'ON', { PostAuthentication: arn('post-auth'), PreTokenGeneration: arn('pre-token') });
    const sources = (events: SandboxEvent[]) => invoked(events).map((event) => (event.data.event as { triggerSource: string }).triggerSource);
    const newDeviceUsed = (events: SandboxEvent[]) =>
      invoked(events).flatMap((event) => (event.data.trigger === 'PostAuthentication' ? [(event.data.event as { request: { newDeviceUsed: boolean } }).request.newDeviceUsed] : []));
    const firstEvents = await eventsDuring(sandbox.app, () => confirmedDevice(w));
    expect(newDeviceUsed(firstEvents)).toEqual([true]);
    expect(sources(firstEvents)).toEqual(['PostAuthentication_Authentication', 'TokenGeneration_Authentication']);

    const device = { ...(await confirmedDevice(w)) };
    const events = await eventsDuring(sandbox.app, async () => {
      const challenge = await initiate(w, { DEVICE_KEY: device.deviceKey });
      await proveDevice(w, challenge.Session!, device);
    });
    expect(newDeviceUsed(events)).toEqual([false]);
    expect(sources(events)).toEqual(['PostAuthentication_Authentication', 'TokenGeneration_AuthenticateDevice']);
    const issued = events.filter((event) => event.type === 'challenge.issued').map((event) => (event.data as { challengeName: string }).challengeName);
    expect(issued).toEqual(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  });
});

describe('refreshing on a device', () => {
  it('keeps the device in the refreshed access token, with REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken; another DEVICE_KEY is refused', async () => {
    const w = await world(ALWAYS);
    const device = await confirmedDevice(w);
    const challenge = await initiate(w, { DEVICE_KEY: device.deviceKey });
    const { AuthenticationResult } = await proveDevice(w, challenge.Session!, device);
    const REFRESH_TOKEN = AuthenticationResult!.RefreshToken!;

    const refreshed = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN, DEVICE_KEY: device.deviceKey } }),
    );
    expect(decodeJwt(refreshed.AuthenticationResult!.AccessToken!).device_key).toBe(device.deviceKey);
    expect(refreshed.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    const again = await sandbox.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: w.clientId, RefreshToken: REFRESH_TOKEN, DeviceKey: device.deviceKey }));
    expect(decodeJwt(again.AuthenticationResult!.AccessToken!).device_key).toBe(device.deviceKey);

    const other = await confirmedDevice(w);
    await expect(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN, DEVICE_KEY: other.deviceKey } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });
});

describe('amazon-cognito-identity-js', () => {
  function authenticate(user: CognitoUser, callbacks: { mfaRequired?: () => void } = {}): Promise<CognitoUserSession> {
    return new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), {
        onSuccess: (session) => resolve(session),
        onFailure: reject,
        mfaRequired: () => {
          callbacks.mfaRequired?.();
          void latestMessageTo(sandbox.url, PHONE).then(({ code }) =>
            user.sendMFACode(code, { onSuccess: (session) => resolve(session), onFailure: reject }),
          );
        },
      }),
    );
  }

  it('signs in by SMS MFA and confirms its device, then signs in again with the device alone (SRP, then device SRP)', async () => {
    const w = await world(ALWAYS);
    const pool = new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: sandbox.url });
    let mfaAsked = 0;
    const first = await authenticate(new CognitoUser({ Username: 'alice', Pool: pool }), { mfaRequired: () => mfaAsked++ });
    const deviceKey = first.getAccessToken().decodePayload().device_key as string;
    expect(mfaAsked).toBe(1);

    const again = await authenticate(new CognitoUser({ Username: 'alice', Pool: pool }), { mfaRequired: () => mfaAsked++ });
    expect(mfaAsked).toBe(1);
    expect(again.getAccessToken().decodePayload().device_key).toBe(deviceKey);
  });

  it('answers PASSWORD_VERIFIER again without its device once an administrator forgot it, and is asked for MFA', async () => {
    const w = await world(ALWAYS);
    const pool = new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: sandbox.url });
    const first = await authenticate(new CognitoUser({ Username: 'alice', Pool: pool }));
    const DeviceKey = first.getAccessToken().decodePayload().device_key as string;
    await sandbox.cognito.send(new AdminForgetDeviceCommand({ UserPoolId: w.poolId, Username: 'alice', DeviceKey }));

    let mfaAsked = 0;
    const again = await authenticate(new CognitoUser({ Username: 'alice', Pool: pool }), { mfaRequired: () => mfaAsked++ });
    expect(mfaAsked).toBe(1);
    expect(again.getAccessToken().decodePayload().device_key).not.toBe(DeviceKey);
  });
});

describe('Amplify v6', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('skips MFA on a device the user chose to remember (rememberDevice), answering the device challenges itself', async () => {
    // Amplify names the device from the browser's navigator, which Node 20 lacks (without a name it skips ConfirmDevice).
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) device-sign-in.test' });
    const w = await world(OPT_IN);
    Amplify.configure({ Auth: { Cognito: { userPoolId: w.poolId, userPoolClientId: w.clientId, userPoolEndpoint: sandbox.url } } });
    const first = await signIn({ username: 'alice', password: PASSWORD });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    const { code } = await latestMessageTo(sandbox.url, PHONE);
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true });
    await rememberDevice();
    await signOut();

    expect(await signIn({ username: 'alice', password: PASSWORD })).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await signOut();
  });
});
