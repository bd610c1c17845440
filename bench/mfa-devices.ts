/**
 * `npx tsx bench/mfa-devices.ts [--root DIR]` (part of `npm run bench`): what MFA and remembered
 * devices add to a sign-in, against the headless server as its own process (`--fixed-code`, so
 * the bench knows the SMS code without reading the outbox):
 *
 *  - the MFA step's latency, one sign-in at a time: USER_PASSWORD_AUTH answered with SMS_MFA (the
 *    code sent through the pool's message), then RespondToAuthChallenge with the code; p50/p95 of
 *    each call, and of the whole sign-in beside a password sign-in without MFA;
 *  - throughput, 8 in flight: sign-ins with SMS MFA, and DEVICE_SRP_AUTH sign-ins with a
 *    remembered device standing in for MFA (InitiateAuth with DEVICE_KEY, DEVICE_SRP_AUTH,
 *    DEVICE_PASSWORD_VERIFIER), per second.
 */
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createVerifier } from '../src-main/auth/srp.js';
import { call, fmt, measure, percentile, printFigures, root, startServer, stopServer, type Figure, type Result } from './support.js';
import { srpClient } from './srp-client.js';

const USERS = 50;
const CONCURRENCY = 8;
const PASSWORD = 'Bench-Passw0rd!';
const CODE = '123456';
const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'bench' };

interface Device {
  deviceKey: string;
  groupKey: string;
  password: string;
}

/** A pool with SMS MFA required, devices remembered at once and standing in for MFA, and USERS users with SMS MFA. */
async function mfaPool(url: string) {
  const { UserPool } = await call(url, 'CreateUserPool', {
    PoolName: 'bench-mfa',
    SmsConfiguration: SMS,
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
  });
  const poolId: string = UserPool.Id;
  await call(url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS } });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  for (let i = 0; i < USERS; i++) {
    const Username = `user${i}`;
    const UserAttributes = [
      { Name: 'phone_number', Value: `+1555555${String(i).padStart(4, '0')}` },
      { Name: 'phone_number_verified', Value: 'true' },
    ];
    await call(url, 'AdminCreateUser', { UserPoolId: poolId, Username, MessageAction: 'SUPPRESS', UserAttributes });
    await call(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username, Password: PASSWORD, Permanent: true });
    await call(url, 'AdminSetUserMFAPreference', { UserPoolId: poolId, Username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
  }
  return { poolId, clientId: UserPoolClient.ClientId as string };
}

/** A sign-in through SMS_MFA: the two calls' latencies and the tokens. */
async function mfaSignIn(url: string, ClientId: string, USERNAME: string) {
  let t = performance.now();
  const challenge = await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } });
  const initiateMs = performance.now() - t;
  if (challenge.ChallengeName !== 'SMS_MFA') throw new Error(`expected SMS_MFA, got ${challenge.ChallengeName}`);
  t = performance.now();
  const answered = await call(url, 'RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'SMS_MFA',
    Session: challenge.Session,
    ChallengeResponses: { USERNAME, SMS_MFA_CODE: CODE },
  });
  return { initiateMs, respondMs: performance.now() - t, result: answered.AuthenticationResult };
}

/** The device a sign-in was handed, confirmed with a verifier made as the clients make it. */
async function confirmDevice(url: string, result: { AccessToken: string; NewDeviceMetadata: { DeviceKey: string; DeviceGroupKey: string } }): Promise<Device> {
  const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata;
  const password = randomBytes(40).toString('base64');
  const { salt, verifier } = createVerifier(DeviceGroupKey, DeviceKey, password);
  await call(url, 'ConfirmDevice', {
    AccessToken: result.AccessToken,
    DeviceKey,
    DeviceSecretVerifierConfig: { Salt: Buffer.from(salt, 'hex').toString('base64'), PasswordVerifier: Buffer.from(verifier, 'hex').toString('base64') },
  });
  return { deviceKey: DeviceKey, groupKey: DeviceGroupKey, password };
}

/** A sign-in with a remembered device: InitiateAuth with DEVICE_KEY, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER. */
async function deviceSignIn(url: string, ClientId: string, USERNAME: string, device: Device): Promise<void> {
  const first = await call(url, 'InitiateAuth', { ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD, DEVICE_KEY: device.deviceKey } });
  if (first.ChallengeName !== 'DEVICE_SRP_AUTH') throw new Error(`expected DEVICE_SRP_AUTH, got ${first.ChallengeName}`);
  const client = srpClient(device.groupKey);
  const verifier = await call(url, 'RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'DEVICE_SRP_AUTH',
    Session: first.Session,
    ChallengeResponses: { USERNAME, DEVICE_KEY: device.deviceKey, SRP_A: client.A },
  });
  const { signature, timestamp } = client.proof(verifier.ChallengeParameters, device.deviceKey, device.password);
  const answered = await call(url, 'RespondToAuthChallenge', {
    ClientId,
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: verifier.Session,
    ChallengeResponses: {
      USERNAME,
      DEVICE_KEY: device.deviceKey,
      PASSWORD_CLAIM_SECRET_BLOCK: verifier.ChallengeParameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: signature,
      TIMESTAMP: timestamp,
    },
  });
  if (!answered.AuthenticationResult) throw new Error('the device sign-in did not end in tokens');
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-sandbox-bench-'));
  const server = await startServer(dataDir, ['--fixed-code', CODE]);
  const { url } = server;
  const pid = server.child.pid!;
  const { clientId } = await mfaPool(url);
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-no-mfa' });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  await call(url, 'AdminCreateUser', { UserPoolId: UserPool.Id, Username: 'plain', MessageAction: 'SUPPRESS' });
  await call(url, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'plain', Password: PASSWORD, Permanent: true });
  const username = (i: number) => `user${i % USERS}`;

  const devices: Device[] = [];
  for (let i = 0; i < USERS; i++) devices.push(await confirmDevice(url, (await mfaSignIn(url, clientId, username(i))).result));
  for (let i = 0; i < 50; i++) await deviceSignIn(url, clientId, username(i), devices[i % USERS]!); // warm up

  const initiate: number[] = [];
  const respond: number[] = [];
  const mfaOneAtATime = await measure(300, pid, 1, async (i) => {
    const { initiateMs, respondMs } = await mfaSignIn(url, clientId, username(i));
    initiate.push(initiateMs);
    respond.push(respondMs);
  });
  const passwordOneAtATime = await measure(300, pid, 1, async () => {
    await call(url, 'InitiateAuth', { ClientId: UserPoolClient.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'plain', PASSWORD } });
  });
  const withMfa = await measure(1_000, pid, CONCURRENCY, async (i) => void (await mfaSignIn(url, clientId, username(i))));
  const device = await measure(600, pid, CONCURRENCY, (i) => deviceSignIn(url, clientId, username(i), devices[i % USERS]!));
  await stopServer(server);
  fs.rmSync(dataDir, { recursive: true, force: true });

  initiate.sort((a, b) => a - b);
  respond.sort((a, b) => a - b);
  const latency = (sorted: number[]) => `p50 ${fmt(percentile(sorted, 50), 1)} ms, p95 ${fmt(percentile(sorted, 95), 1)} ms`;
  const percentiles = (r: Result) => `p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms`;
  const rate = (r: Result) => `${fmt(r.perSecond)} /s (p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms)`;
  const addedP50 = mfaOneAtATime.p50 - passwordOneAtATime.p50;
  const addedP95 = mfaOneAtATime.p95 - passwordOneAtATime.p95;
  const figures: Figure[] = [
    { what: 'one at a time: InitiateAuth answered with SMS_MFA (code sent)', figure: latency(initiate) },
    { what: 'one at a time: RespondToAuthChallenge SMS_MFA (tokens)', figure: latency(respond), aim: 'p95 < 25 ms', met: percentile(respond, 95) < 25 },
    { what: 'one at a time: sign-in with SMS MFA (2 calls)', figure: percentiles(mfaOneAtATime) },
    { what: 'one at a time: sign-in without MFA (1 call)', figure: percentiles(passwordOneAtATime) },
    { what: 'added by the MFA step (p50 / p95)', figure: `${fmt(addedP50, 1)} / ${fmt(addedP95, 1)} ms`, aim: 'p50 < 15 ms', met: addedP50 < 15 },
    { what: 'sign-ins with SMS MFA, 8 in flight', figure: rate(withMfa) },
    { what: 'DEVICE_SRP_AUTH sign-ins (3 calls each)', figure: rate(device), aim: '>= 150 /s', met: device.perSecond >= 150 },
    { what: 'DEVICE_SRP_AUTH server CPU per sign-in', figure: `${fmt(device.serverCpuMs, 2)} ms` },
  ];
  printFigures(`MFA and devices benchmark (${root}): ${os.availableParallelism()} cores, Node ${process.version}, ${CONCURRENCY} in flight, client on the same machine`, figures);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
