/**
 * Choice-based sign-in (USER_AUTH) through the AWS SDK: SELECT_CHALLENGE and its
 * AvailableChallenges, a PREFERRED_CHALLENGE taken at once, a password, SRP, a code by email or
 * SMS, a passkey (the software authenticator of test/support/passkeys.ts); the refusals; and what
 * the debugger sees.
 */
import {
  AdminGetUserAuthFactorsCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  CompleteWebAuthnRegistrationCommand,
  type ChallengeNameType,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../shared/debugger-api.js';
import { eventsDuring } from '../support/events.js';
import { SoftwareAuthenticator, type CreationOptionsJson, type RequestOptionsJson } from '../support/passkeys.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';
import { srpClient } from '../support/srp-client.js';

const PASSWORD = 'Passw0rd!';
const ORIGIN = 'http://localhost:5173';
const EVERY_FACTOR = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

interface World {
  poolId: string;
  clientId: string;
}

/** A pool allowing `factors` first, a USER_AUTH client, and alice with a verified email address and phone number. */
async function world(factors: readonly string[] = EVERY_FACTOR, attributes: Record<string, string> = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, {
    PoolName: 'choice',
    SmsConfiguration: SMS_CONFIGURATION,
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: [...factors] as never } },
  });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', {
    password: PASSWORD,
    attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550123', phone_number_verified: 'true', ...attributes },
  });
  return { poolId, clientId };
}

function userAuth({ clientId }: World, parameters: Record<string, string> = {}): Promise<InitiateAuthCommandOutput> {
  return sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'alice', ...parameters } }));
}

function answer({ clientId }: World, ChallengeName: string, Session: string, responses: Record<string, string>) {
  return sandbox.cognito.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: ChallengeName as ChallengeNameType, Session, ChallengeResponses: { USERNAME: 'alice', ...responses } }),
  );
}

async function outbox(poolId: string): Promise<OutboxMessage[]> {
  return (await fetch(`${sandbox.url}/_sandbox/api/outbox?pool=${poolId}`)).json() as Promise<OutboxMessage[]>;
}

/** Registers a passkey for alice with `authenticator`, signed in with her password. */
async function registerPasskey(w: World, authenticator: SoftwareAuthenticator): Promise<void> {
  const signedIn = await userAuth(w, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
  const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
  const { CredentialCreationOptions } = await sandbox.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
  const credential = authenticator.register(CredentialCreationOptions as unknown as CreationOptionsJson, ORIGIN);
  await sandbox.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never }));
}

describe('SELECT_CHALLENGE', () => {
  it('offers the first factors the pool allows and alice can use, in the pool’s order', async () => {
    const w = await world();
    const challenge = await userAuth(w);
    expect(challenge).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE', ChallengeParameters: {}, AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'] });
    expect(challenge.Session).toBeTruthy();
  });

  it('leaves out a factor alice cannot use: an unverified email address, no passkey, a pool that requires MFA', async () => {
    const unverified = await world(EVERY_FACTOR, { email_verified: 'false' });
    expect((await userAuth(unverified)).AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);

    const required = await world();
    await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: required.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    expect((await userAuth(required)).AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
  });

  it('signs in with the PASSWORD answered with the choice', async () => {
    const w = await world();
    const challenge = await userAuth(w);
    const signedIn = await answer(w, 'SELECT_CHALLENGE', challenge.Session!, { ANSWER: 'PASSWORD', PASSWORD });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses a wrong password as any password flow does', async () => {
    const w = await world();
    const challenge = await userAuth(w);
    await expect(answer(w, 'SELECT_CHALLENGE', challenge.Session!, { ANSWER: 'PASSWORD', PASSWORD: 'wrong' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('goes on to PASSWORD_VERIFIER for PASSWORD_SRP and its SRP_A', async () => {
    const w = await world();
    const srp = await srpClient(w.poolId);
    const challenge = await userAuth(w);
    const verifier = await answer(w, 'SELECT_CHALLENGE', challenge.Session!, { ANSWER: 'PASSWORD_SRP', SRP_A: srp.A });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const proof = await srp.prove(verifier.ChallengeParameters!, PASSWORD);
    const signedIn = await answer(w, 'PASSWORD_VERIFIER', verifier.Session!, proof);
    expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('refuses a choice it did not offer, and a choice without the password it needs', async () => {
    const w = await world(['PASSWORD']);
    const first = await userAuth(w);
    await expect(answer(w, 'SELECT_CHALLENGE', first.Session!, { ANSWER: 'PASSWORD' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD',
    });
    await expect(answer(w, 'SELECT_CHALLENGE', first.Session!, { ANSWER: 'EMAIL_OTP' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid challenge selected.',
    });
  });
});

describe('PREFERRED_CHALLENGE', () => {
  it('signs in at once with PASSWORD and the PASSWORD, and asks for the PASSWORD when it is missing', async () => {
    const w = await world();
    expect((await userAuth(w, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })).AuthenticationResult?.AccessToken).toBeTruthy();
    await expect(userAuth(w, { PREFERRED_CHALLENGE: 'PASSWORD' })).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' });
  });

  it('answers SELECT_CHALLENGE when the preferred factor is not one alice can use', async () => {
    const w = await world(['PASSWORD', 'EMAIL_OTP']);
    const challenge = await userAuth(w, { PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(challenge).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE', AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'] });
  });
});

describe('EMAIL_OTP and SMS_OTP', () => {
  it('emails a code, refuses a wrong one on the same Session, and issues tokens for the right one (no MFA follows)', async () => {
    const w = await world();
    await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: w.poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const challenge = await userAuth(w, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' });
    const [message] = await outbox(w.poolId);
    expect(message).toMatchObject({ channel: 'EMAIL', destination: 'alice@example.com', purpose: 'Authentication' });

    const wrong = message!.code === '00000000' ? '11111111' : '00000000';
    await expect(answer(w, 'EMAIL_OTP', challenge.Session!, { EMAIL_OTP_CODE: wrong })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const signedIn = await answer(w, 'EMAIL_OTP', challenge.Session!, { EMAIL_OTP_CODE: message!.code! });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('texts a code for SMS_OTP chosen in SELECT_CHALLENGE', async () => {
    const w = await world();
    const choice = await userAuth(w);
    const challenge = await answer(w, 'SELECT_CHALLENGE', choice.Session!, { ANSWER: 'SMS_OTP' });
    expect(challenge).toMatchObject({ ChallengeName: 'SMS_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123' } });
    const [message] = await outbox(w.poolId);
    expect(message).toMatchObject({ channel: 'SMS', destination: '+15555550123', purpose: 'Authentication' });
    const signedIn = await answer(w, 'SMS_OTP', challenge.Session!, { SMS_OTP_CODE: message!.code! });
    expect(signedIn.AuthenticationResult?.RefreshToken).toBeTruthy();
  });

  it('sends no code to a disabled user', async () => {
    const w = await world();
    const user = sandbox.app.store.users.findByKey(w.poolId, 'alice')!;
    sandbox.app.store.users.save({ ...user, enabled: false });
    await expect(userAuth(w, { PREFERRED_CHALLENGE: 'EMAIL_OTP' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    expect(await outbox(w.poolId)).toEqual([]);
  });
});

describe('WEB_AUTHN', () => {
  it('asks for an assertion of one of alice’s passkeys and issues tokens for it', async () => {
    const w = await world();
    const authenticator = new SoftwareAuthenticator();
    await registerPasskey(w, authenticator);
    const choice = await userAuth(w);
    expect(choice.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']);

    const challenge = await userAuth(w, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(challenge.ChallengeName).toBe('WEB_AUTHN');
    const options = JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptionsJson;
    expect(options).toMatchObject({ rpId: 'localhost', allowCredentials: [{ type: 'public-key' }] });
    const credential = authenticator.authenticate(options, ORIGIN);
    const signedIn = await answer(w, 'WEB_AUTHN', challenge.Session!, { CREDENTIAL: JSON.stringify(credential) });
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses an assertion over another challenge and ends the flow', async () => {
    const w = await world();
    const authenticator = new SoftwareAuthenticator();
    await registerPasskey(w, authenticator);
    const choice = await userAuth(w);
    const challenge = await answer(w, 'SELECT_CHALLENGE', choice.Session!, { ANSWER: 'WEB_AUTHN' });
    const options = JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptionsJson;
    const forged = authenticator.authenticate(options, ORIGIN, { challenge: Buffer.from('another').toString('base64url') });
    await expect(answer(w, 'WEB_AUTHN', challenge.Session!, { CREDENTIAL: JSON.stringify(forged) })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Passkey authentication failed: the assertion answers another challenge.',
    });
    const honest = authenticator.authenticate(options, ORIGIN);
    await expect(answer(w, 'WEB_AUTHN', challenge.Session!, { CREDENTIAL: JSON.stringify(honest) })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('asks for CREDENTIAL', async () => {
    const w = await world();
    await registerPasskey(w, new SoftwareAuthenticator());
    const challenge = await userAuth(w, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    await expect(answer(w, 'WEB_AUTHN', challenge.Session!, {})).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter CREDENTIAL' });
  });
});

describe('GetUserAuthFactors and AdminGetUserAuthFactors', () => {
  it('list the factors alice has: her password, her verified email address and phone number, her passkey', async () => {
    const w = await world();
    const before = await sandbox.cognito.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    expect(before).toMatchObject({ Username: 'alice', ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] });
    expect(before.UserMFASettingList).toBeUndefined();

    await registerPasskey(w, new SoftwareAuthenticator());
    const AccessToken = (await userAuth(w, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })).AuthenticationResult!.AccessToken!;
    const own = await sandbox.cognito.send(new GetUserAuthFactorsCommand({ AccessToken }));
    expect(own).toMatchObject({ Username: 'alice', ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] });
  });

  it('refuse an unknown user and a bad token as GetUser and AdminGetUser do', async () => {
    const w = await world();
    await expect(sandbox.cognito.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: w.poolId, Username: 'nobody' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    await expect(sandbox.cognito.send(new GetUserAuthFactorsCommand({ AccessToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('the debugger', () => {
  it('shows SELECT_CHALLENGE with its AvailableChallenges, and the choice answered', async () => {
    const w = await world(['PASSWORD']);
    const events = await eventsDuring(sandbox.app, async () => {
      const choice = await userAuth(w);
      await answer(w, 'SELECT_CHALLENGE', choice.Session!, { ANSWER: 'PASSWORD', PASSWORD });
    });
    const issued = events.find((event) => event.type === 'challenge.issued');
    expect(issued?.data).toEqual({ challengeName: 'SELECT_CHALLENGE', parameters: {}, availableChallenges: ['PASSWORD', 'PASSWORD_SRP'] });
    const answered = events.find((event) => event.type === 'challenge.answered');
    expect(answered?.data).toMatchObject({ challengeName: 'SELECT_CHALLENGE', responses: { ANSWER: 'PASSWORD', PASSWORD: '***' } });
    const flowEnd = events.find((event) => event.type === 'flow.ended');
    expect(flowEnd?.data).toMatchObject({ outcome: 'success' });
  });
});
