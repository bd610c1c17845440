/**
 * MFA at sign-in through the AWS SDK: SMS_MFA and EMAIL_OTP codes to the outbox, a wrong code
 * answered again on the same Session, SELECT_MFA_TYPE, MFA required with and without a factor,
 * after USER_PASSWORD_AUTH and after SRP; and what the debugger sees.
 */
import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  SetUserPoolMfaConfigCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import type { OutboxMessage } from '../../shared/debugger-api.js';
import { valueOf } from '../support/attributes.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';

const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

interface World {
  poolId: string;
  clientId: string;
}

/** A pool with the MFA mode and factors given, a client, and alice with a phone number and an email address. */
async function world(mode: 'ON' | 'OPTIONAL', factors: { sms?: boolean; email?: boolean; totp?: boolean }, attributes: Record<string, string> = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'mfa', SmsConfiguration: SMS_CONFIGURATION, SmsAuthenticationMessage: 'Your sign-in code: {####}' });
  await sandbox.cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: mode,
      ...(factors.sms && { SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code: {####}', SmsConfiguration: SMS_CONFIGURATION } }),
      ...(factors.email && { EmailMfaConfiguration: { Subject: 'Sign-in code', Message: 'Use {####} to sign in.' } }),
      ...(factors.totp && { SoftwareTokenMfaConfiguration: { Enabled: true } }),
    }),
  );
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', {
    password: PASSWORD,
    attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550123', ...attributes },
  });
  return { poolId, clientId };
}

/** The user's MFA factors, as an administrator's SetUserMFAPreference leaves them. */
function enableMfa(poolId: string, factors: string[], preferred?: string): void {
  const store = sandbox.app.store;
  const user = store.users.findByKey(poolId, 'alice')!;
  store.users.save({ ...user, mfa: { enabled: factors, ...(preferred && { preferred }) } });
}

function signIn({ clientId }: World): Promise<InitiateAuthCommandOutput> {
  return sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }));
}

function answer({ clientId }: World, ChallengeName: string, Session: string, responses: Record<string, string>) {
  return sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: ChallengeName as 'SMS_MFA', Session, ChallengeResponses: { USERNAME: 'alice', ...responses } }));
}

async function outbox(poolId: string): Promise<OutboxMessage[]> {
  return (await fetch(`${sandbox.url}/_sandbox/api/outbox?pool=${poolId}`)).json() as Promise<OutboxMessage[]>;
}

describe('SMS_MFA', () => {
  it('sends the code through the pool’s message, refuses a wrong code on the same Session, and issues tokens for the right one', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA'], 'SMS_MFA');
    const challenge = await signIn(w);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    expect(challenge.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123' });
    const [message] = await outbox(w.poolId);
    expect(message).toMatchObject({ channel: 'SMS', destination: '+15555550123', purpose: 'Authentication', body: `Your sign-in code: ${message!.code}` });

    const wrong = message!.code === '000000' ? '111111' : '000000';
    await expect(answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: wrong })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    const signedIn = await answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: message!.code! });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    await expect(answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: message!.code! })).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('verifies the phone number the right code went to', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA']);
    const challenge = await signIn(w);
    const [message] = await outbox(w.poolId);
    await answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: message!.code! });
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    expect(valueOf(user.UserAttributes, 'phone_number_verified')).toBe('true');
  });

  it('ends the flow at the fifth wrong code', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA']);
    const challenge = await signIn(w);
    const [message] = await outbox(w.poolId);
    const wrong = message!.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await expect(answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: wrong })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    }
    await expect(answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: message!.code! })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('requires the code in SMS_MFA_CODE', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA']);
    const challenge = await signIn(w);
    await expect(answer(w, 'SMS_MFA', challenge.Session!, {})).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter SMS_MFA_CODE' });
  });
});

describe('EMAIL_OTP', () => {
  it('sends the code through the pool’s email MFA message', async () => {
    const w = await world('ON', { email: true });
    enableMfa(w.poolId, ['EMAIL_OTP']);
    const challenge = await signIn(w);
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' });
    const [message] = await outbox(w.poolId);
    expect(message).toMatchObject({ channel: 'EMAIL', destination: 'alice@example.com', subject: 'Sign-in code', body: `Use ${message!.code} to sign in.` });
    const signedIn = await answer(w, 'EMAIL_OTP', challenge.Session!, { EMAIL_OTP_CODE: message!.code! });
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('which MFA step', () => {
  it('asks nothing when MFA is optional and the user has no factor', async () => {
    const w = await world('OPTIONAL', { sms: true });
    expect((await signIn(w)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('sends an SMS code when MFA is required and the user has a phone number but no factor set', async () => {
    const w = await world('ON', { sms: true, email: true });
    expect((await signIn(w)).ChallengeName).toBe('SMS_MFA');
  });

  it('lets the user choose between several factors with no preferred one (SELECT_MFA_TYPE)', async () => {
    const w = await world('OPTIONAL', { sms: true, email: true });
    enableMfa(w.poolId, ['SMS_MFA', 'EMAIL_OTP']);
    const select = await signIn(w);
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(select.ChallengeParameters!.MFAS_CAN_CHOOSE!)).toEqual(['SMS_MFA', 'EMAIL_OTP']);
    const chosen = await answer(w, 'SELECT_MFA_TYPE', select.Session!, { ANSWER: 'EMAIL_OTP' });
    expect(chosen.ChallengeName).toBe('EMAIL_OTP');
    const [message] = await outbox(w.poolId);
    const signedIn = await answer(w, 'EMAIL_OTP', chosen.Session!, { EMAIL_OTP_CODE: message!.code! });
    expect(signedIn.AuthenticationResult).toBeDefined();
  });

  it('refuses a choice it did not offer', async () => {
    const w = await world('OPTIONAL', { sms: true, email: true });
    enableMfa(w.poolId, ['SMS_MFA', 'EMAIL_OTP']);
    const select = await signIn(w);
    await expect(answer(w, 'SELECT_MFA_TYPE', select.Session!, { ANSWER: 'SOFTWARE_TOKEN_MFA' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('uses the preferred factor of several', async () => {
    const w = await world('OPTIONAL', { sms: true, email: true });
    enableMfa(w.poolId, ['SMS_MFA', 'EMAIL_OTP'], 'EMAIL_OTP');
    expect((await signIn(w)).ChallengeName).toBe('EMAIL_OTP');
  });

  it('asks for a factor to be set up when MFA is required and the user can receive no code', async () => {
    const w = await world('ON', { sms: true, totp: true });
    const user = sandbox.app.store.users.findByKey(w.poolId, 'alice')!;
    sandbox.app.store.users.save({ ...user, attributes: user.attributes.filter((a) => a.Name !== 'phone_number') });
    const setup = await signIn(w);
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!)).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
  });

  it('answers an MFA challenge the flow did not issue as an invalid session', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA']);
    const challenge = await signIn(w);
    await expect(answer(w, 'EMAIL_OTP', challenge.Session!, { EMAIL_OTP_CODE: '123456' })).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('the debugger', () => {
  it('shows the MFA states, the challenge, the code sent and its answer', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA']);
    const challenge = await signIn(w);
    const [message] = await outbox(w.poolId);
    await answer(w, 'SMS_MFA', challenge.Session!, { SMS_MFA_CODE: message!.code! });
    const flow = (await (await fetch(`${sandbox.url}/_sandbox/api/flows/${message!.flowId}`)).json()) as { events: SandboxEvent[] };
    const transitions = flow.events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['identifying.findingUser', 'password.verifyingPassword', 'mfa.decidingMfa', 'mfa.sendingMfaCode', 'mfa.awaitingMfaCode', 'mfa.verifyingMfaCode', 'tokens.issuingTokens', 'signedIn']);
    expect(flow.events.find((e) => e.type === 'challenge.issued')!.data).toMatchObject({ challengeName: 'SMS_MFA' });
    expect(flow.events.find((e) => e.type === 'message.sent')!.data).toMatchObject({ channel: 'SMS', code: message!.code });
    expect(flow.events.find((e) => e.type === 'challenge.answered')!.data).toEqual({ challengeName: 'SMS_MFA', responses: { USERNAME: 'alice', SMS_MFA_CODE: '***' } });
  });
});

/** The current TOTP code of `secret`, `offsetSteps` steps away. */
function totp(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('SOFTWARE_TOKEN_MFA and MFA_SETUP', () => {
  it('sets a software token up in MFA_SETUP on the challenge’s Session, then asks for its codes at the next sign-in, each code once', async () => {
    const w = await world('ON', { totp: true });
    const setup = await signIn(w);
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA']);

    const associated = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    await expect(sandbox.cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: '000000' }))).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
    });
    const verified = await sandbox.cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totp(associated.SecretCode!), FriendlyDeviceName: 'phone' }));
    expect(verified.Status).toBe('SUCCESS');
    const signedIn = await answer(w, 'MFA_SETUP', verified.Session!, {});
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();

    const challenge = await signIn(w);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenge.ChallengeParameters).toEqual({});
    const code = totp(associated.SecretCode!, 1);
    await expect(answer(w, 'SOFTWARE_TOKEN_MFA', challenge.Session!, { SOFTWARE_TOKEN_MFA_CODE: '12345' })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    expect((await answer(w, 'SOFTWARE_TOKEN_MFA', challenge.Session!, { SOFTWARE_TOKEN_MFA_CODE: code })).AuthenticationResult).toBeDefined();
    const again = await signIn(w);
    await expect(answer(w, 'SOFTWARE_TOKEN_MFA', again.Session!, { SOFTWARE_TOKEN_MFA_CODE: code })).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
  });

  it('refuses MFA_SETUP answered before a token is verified, and a Session that is not at MFA_SETUP', async () => {
    const w = await world('ON', { totp: true });
    const setup = await signIn(w);
    await expect(answer(w, 'MFA_SETUP', setup.Session!, {})).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    const other = await world('ON', { sms: true });
    enableMfa(other.poolId, ['SMS_MFA']);
    const sms = await signIn(other);
    await expect(sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: sms.Session }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    await expect(sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: 'x'.repeat(40) }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('amazon-cognito-identity-js', () => {
  function identityUser(w: World) {
    const pool = new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: sandbox.url });
    return new CognitoUser({ Username: 'alice', Pool: pool });
  }

  it('signs in with SRP through mfaRequired and sendMFACode', async () => {
    const w = await world('ON', { sms: true });
    enableMfa(w.poolId, ['SMS_MFA']);
    const user = identityUser(w);
    const challenge = await new Promise<{ name: string; parameters: Record<string, string> }>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), {
        onSuccess: () => reject(new Error('signed in without MFA')),
        onFailure: reject,
        mfaRequired: (name, parameters) => resolve({ name, parameters }),
      }),
    );
    expect(challenge).toEqual({ name: 'SMS_MFA', parameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123' } });
    const [message] = await outbox(w.poolId);
    const session = await new Promise<CognitoUserSession>((resolve, reject) => user.sendMFACode(message!.code!, { onSuccess: resolve, onFailure: reject }));
    expect(session.isValid()).toBe(true);
  });

  it('sets up a software token through mfaSetup, associateSoftwareToken and verifySoftwareToken, then signs in through totpRequired', async () => {
    const w = await world('ON', { totp: true });
    const user = identityUser(w);
    const details = new AuthenticationDetails({ Username: 'alice', Password: PASSWORD });
    await new Promise<void>((resolve, reject) =>
      user.authenticateUser(details, { onSuccess: () => reject(new Error('no MFA_SETUP')), onFailure: reject, mfaSetup: () => resolve() }),
    );
    const secret = await new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
    await new Promise((resolve, reject) => user.verifySoftwareToken(totp(secret), 'phone', { onSuccess: resolve, onFailure: reject }));

    const again = identityUser(w);
    await new Promise<void>((resolve, reject) =>
      again.authenticateUser(details, { onSuccess: () => reject(new Error('no TOTP')), onFailure: reject, totpRequired: () => resolve() }),
    );
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      again.sendMFACode(totp(secret, 1), { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
    );
    expect(session.isValid()).toBe(true);
  });

  it('chooses a factor through selectMFAType and sendMFASelectionAnswer', async () => {
    const w = await world('OPTIONAL', { sms: true, email: true });
    enableMfa(w.poolId, ['SMS_MFA', 'EMAIL_OTP']);
    const user = identityUser(w);
    await new Promise<void>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), {
        onSuccess: () => reject(new Error('no choice')),
        onFailure: reject,
        selectMFAType: () => resolve(),
      }),
    );
    await new Promise<void>((resolve, reject) =>
      user.sendMFASelectionAnswer('SMS_MFA', { onSuccess: () => reject(new Error('no code')), onFailure: reject, mfaRequired: () => resolve() }),
    );
    const [message] = await outbox(w.poolId);
    const session = await new Promise<CognitoUserSession>((resolve, reject) => user.sendMFACode(message!.code!, { onSuccess: resolve, onFailure: reject }));
    expect(session.isValid()).toBe(true);
  });
});
