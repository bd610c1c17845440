import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../../src-main/cognito/secret-hash.js';
import { verifyPassword } from '../../src-main/auth/srp.js';
import { valueOf } from '../support/attributes.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, createSilentUser } from '../support/world.js';

const START = Date.UTC(2025, 4, 6, 7, 8, 9);
const HOUR = 60 * 60 * 1000;
const clock = testClock(START);
const OLD_PASSWORD = 'Old-Passw0rd';
const NEW_PASSWORD = 'New-Passw0rd';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

interface Setup {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

async function newPool(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}): Promise<Setup> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'recovery', ...pool });
  return { poolId, ...(await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...client })) };
}

/** A CONFIRMED user with a permanent password and the given attributes. */
const confirmedUser = (setup: Setup, username: string, attributes: Record<string, string>) =>
  createAdminUser(sandbox.cognito, setup.poolId, username, { password: OLD_PASSWORD, attributes });

function forgot(setup: Setup, Username: string, extra: object = {}) {
  return sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: setup.clientId, Username, ...extra }));
}

function reset(setup: Setup, Username: string, ConfirmationCode: string, Password = NEW_PASSWORD, extra: object = {}) {
  return sandbox.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: setup.clientId, Username, ConfirmationCode, Password, ...extra }));
}

function signIn(setup: Setup, USERNAME: string, PASSWORD: string) {
  return sandbox.cognito.send(new InitiateAuthCommand({ ClientId: setup.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
}

const getUser = (setup: Setup, Username: string) => sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: setup.poolId, Username }));
const stored = (setup: Setup, username: string) => sandbox.app.store.users.findByKey(setup.poolId, username)!;

function outbox(setup: Setup) {
  return sandbox.app.store.outbox.list({ poolId: setup.poolId, limit: 100 }).reverse();
}

function lastCode(setup: Setup): string {
  return outbox(setup).at(-1)!.code!;
}

const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('ForgotPassword', () => {
  it('emails a reset code to the verified email and leaves the user as it was', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'alice', { email: 'alice@example.com', email_verified: 'true' });
    const answer = await forgot(setup, 'alice');
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [message, ...others] = outbox(setup);
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      time: START,
      channel: 'EMAIL',
      destination: 'alice@example.com',
      username: 'alice',
      purpose: 'ForgotPassword',
      subject: 'Your verification code',
    });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect(message!.body).toBe(`Your verification code is ${message!.code}. `);
    expect(message!.flowId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await getUser(setup, 'alice')).UserStatus).toBe('CONFIRMED');
    await expect(signIn(setup, 'alice', OLD_PASSWORD)).resolves.toMatchObject({ AuthenticationResult: { TokenType: 'Bearer' } });
  });

  it('always sends a code, never a link, even where sign-up verification uses links', async () => {
    const setup = await newPool({ VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessage: 'Reset with {####}' } });
    await confirmedUser(setup, 'linky', { email: 'linky@example.com', email_verified: 'true' });
    await forgot(setup, 'linky');
    expect(outbox(setup)[0]!.body).toBe(`Reset with ${lastCode(setup)}`);
  });

  it('follows the legacy rule without an AccountRecoverySetting: a verified phone number first', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'bob', { email: 'bob@example.com', email_verified: 'true', phone_number: '+15555550142', phone_number_verified: 'true' });
    const answer = await forgot(setup, 'bob');
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: '+*******0142', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    expect(outbox(setup)[0]).toMatchObject({ channel: 'SMS', destination: '+15555550142', subject: null });
  });

  it('follows the pool\'s AccountRecoverySetting priorities, skipping what is not verified', async () => {
    const emailFirst = await newPool({
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] },
    });
    await confirmedUser(emailFirst, 'carol', { email: 'carol@example.com', email_verified: 'true', phone_number: '+15555550143', phone_number_verified: 'true' });
    expect((await forgot(emailFirst, 'carol')).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL' });
    await confirmedUser(emailFirst, 'dan', { email: 'dan@example.com', email_verified: 'false', phone_number: '+15555550144', phone_number_verified: 'true' });
    expect((await forgot(emailFirst, 'dan')).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'SMS', Destination: '+*******0144' });
  });

  it('refuses a user without a verified contact, or hides it', async () => {
    const legacy = await newPool();
    await confirmedUser(legacy, 'erin', { email: 'erin@example.com' });
    await expect(forgot(legacy, 'erin')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
    const hiding = await newPool({}, { PreventUserExistenceErrors: 'ENABLED' });
    await confirmedUser(hiding, 'erin', { email: 'erin@example.com' });
    expect((await forgot(hiding, 'erin')).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    expect(outbox(hiding)).toEqual([]);
  });

  it('answers an unknown user by the client\'s PreventUserExistenceErrors', async () => {
    const legacy = await newPool();
    await expect(forgot(legacy, 'ghost')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'Username/client id combination not found.' });
    const hiding = await newPool(
      { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] } },
      { PreventUserExistenceErrors: 'ENABLED' },
    );
    expect((await forgot(hiding, 'ghost@example.com')).CodeDeliveryDetails).toEqual({ Destination: 'g***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect((await forgot(hiding, '+15555550100')).CodeDeliveryDetails).toEqual({ Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const byName = await forgot(hiding, 'ghost');
    expect(byName.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', Destination: expect.stringMatching(/^g\*\*\*@[a-z]\*\*\*$/) });
    expect((await forgot(hiding, 'ghost')).CodeDeliveryDetails).toEqual(byName.CodeDeliveryDetails);
    expect(outbox(hiding)).toEqual([]);
  });

  it('answers a disabled user by the client\'s PreventUserExistenceErrors', async () => {
    const legacy = await newPool();
    await confirmedUser(legacy, 'frank', { email: 'frank@example.com', email_verified: 'true' });
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: legacy.poolId, Username: 'frank' }));
    await expect(forgot(legacy, 'frank')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    const hiding = await newPool({}, { PreventUserExistenceErrors: 'ENABLED' });
    await confirmedUser(hiding, 'frank', { email: 'frank@example.com', email_verified: 'true' });
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: hiding.poolId, Username: 'frank' }));
    await expect(forgot(hiding, 'frank')).resolves.toMatchObject({ CodeDeliveryDetails: { AttributeName: 'phone_number' } });
    expect(outbox(hiding)).toEqual([]);
  });

  it('refuses a user who must still change a temporary password, and pools where only administrators reset passwords', async () => {
    const setup = await newPool();
    await createSilentUser(sandbox.cognito, setup.poolId, 'gina', { email: 'g@example.com', email_verified: 'true' });
    await expect(forgot(setup, 'gina')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' });
    const adminOnly = await newPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } });
    await confirmedUser(adminOnly, 'hank', { email: 'hank@example.com', email_verified: 'true' });
    await expect(forgot(adminOnly, 'hank')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' });
  });

  it('finds the user by a verified email alias', async () => {
    const setup = await newPool({ AliasAttributes: ['email'] });
    await confirmedUser(setup, 'ivy', { email: 'ivy@example.com', email_verified: 'true' });
    await forgot(setup, 'ivy@example.com');
    expect(outbox(setup)[0]).toMatchObject({ username: 'ivy', destination: 'ivy@example.com' });
    await reset(setup, 'ivy@example.com', lastCode(setup));
    expect(verifyPassword(setup.poolId, 'ivy', NEW_PASSWORD, stored(setup, 'ivy').password!)).toBe(true);
  });
});

describe('ConfirmForgotPassword', () => {
  it('sets the new password with the code; the code works once', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'jack', { email: 'jack@example.com', email_verified: 'true' });
    await forgot(setup, 'jack');
    const code = lastCode(setup);
    clock.time += 1000;
    await expect(reset(setup, 'jack', code)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    const user = stored(setup, 'jack');
    expect(user.status).toBe('CONFIRMED');
    expect(user.passwordChanged).toBe(clock.time);
    expect(verifyPassword(setup.poolId, 'jack', NEW_PASSWORD, user.password!)).toBe(true);
    await expect(signIn(setup, 'jack', OLD_PASSWORD)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(signIn(setup, 'jack', NEW_PASSWORD)).resolves.toMatchObject({ AuthenticationResult: { TokenType: 'Bearer' } });
    await expect(reset(setup, 'jack', code, 'Another-Passw0rd')).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('refuses a wrong code and still takes the right one', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'kate', { email: 'kate@example.com', email_verified: 'true' });
    await forgot(setup, 'kate');
    const code = lastCode(setup);
    await expect(reset(setup, 'kate', wrong(code))).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(verifyPassword(setup.poolId, 'kate', OLD_PASSWORD, stored(setup, 'kate').password!)).toBe(true);
    await reset(setup, 'kate', code);
    expect(verifyPassword(setup.poolId, 'kate', NEW_PASSWORD, stored(setup, 'kate').password!)).toBe(true);
  });

  it('refuses a code older than an hour, and a new request kills the previous code', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'leo', { email: 'leo@example.com', email_verified: 'true' });
    await forgot(setup, 'leo');
    const first = lastCode(setup);
    clock.time += HOUR + 1;
    await expect(reset(setup, 'leo', first)).rejects.toMatchObject({ name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
    let second = first;
    while (second === first) {
      await forgot(setup, 'leo');
      second = lastCode(setup);
    }
    await expect(reset(setup, 'leo', first)).rejects.toMatchObject({ name: 'CodeMismatchException' });
    clock.time += HOUR;
    await reset(setup, 'leo', second);
    expect(verifyPassword(setup.poolId, 'leo', NEW_PASSWORD, stored(setup, 'leo').password!)).toBe(true);
  });

  it('lets only one of two simultaneous resets spend the code', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'lou', { email: 'lou@example.com', email_verified: 'true' });
    await forgot(setup, 'lou');
    const code = lastCode(setup);
    const results = await Promise.allSettled([reset(setup, 'lou', code, 'First-Passw0rd'), reset(setup, 'lou', code, 'Second-Passw0rd')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ name: 'ExpiredCodeException' });
    const winner = results[0]!.status === 'fulfilled' ? 'First-Passw0rd' : 'Second-Passw0rd';
    expect(verifyPassword(setup.poolId, 'lou', winner, stored(setup, 'lou').password!)).toBe(true);
  });

  it('refuses a reset nobody asked for', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'mia', { email: 'mia@example.com', email_verified: 'true' });
    await expect(reset(setup, 'mia', '123456')).rejects.toMatchObject({ name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
  });

  it('checks the new password against the pool\'s policy', async () => {
    const setup = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } } });
    await createAdminUser(sandbox.cognito, setup.poolId, 'ned', { password: 'Long-enough-1', attributes: { email: 'ned@example.com', email_verified: 'true' } });
    await forgot(setup, 'ned');
    const code = lastCode(setup);
    await expect(reset(setup, 'ned', code, 'short1')).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    await expect(reset(setup, 'ned', code, 'no-numbers-here')).rejects.toMatchObject({ message: 'Password did not conform with policy: Password must have numeric characters' });
    await reset(setup, 'ned', code, 'twelve-chars-1');
    expect(verifyPassword(setup.poolId, 'ned', 'twelve-chars-1', stored(setup, 'ned').password!)).toBe(true);
  });

  it('confirms a user an administrator sent a reset code (RESET_REQUIRED)', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'olga', { email: 'olga@example.com', email_verified: 'true' });
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: setup.poolId, Username: 'olga' }));
    expect((await getUser(setup, 'olga')).UserStatus).toBe('RESET_REQUIRED');
    const events = await eventsDuring(sandbox.app, () => reset(setup, 'olga', lastCode(setup)));
    expect((await getUser(setup, 'olga')).UserStatus).toBe('CONFIRMED');
    const transitions = events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['awaitingCode', 'resettingPassword', 'passwordReset']);
  });

  it('allows 20 requests and entries of reset codes per user and hour', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'pam', { email: 'pam@example.com', email_verified: 'true' });
    await forgot(setup, 'pam');
    const code = lastCode(setup);
    for (let i = 0; i < 19; i++) await expect(reset(setup, 'pam', wrong(code))).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const limited = { name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' };
    await expect(reset(setup, 'pam', code)).rejects.toMatchObject(limited);
    await expect(forgot(setup, 'pam')).rejects.toMatchObject(limited);
    clock.time += 30 * 60 * 1000;
    await expect(reset(setup, 'pam', code)).rejects.toMatchObject(limited);
    clock.time += 30 * 60 * 1000;
    await reset(setup, 'pam', code);
    expect(verifyPassword(setup.poolId, 'pam', NEW_PASSWORD, stored(setup, 'pam').password!)).toBe(true);
  });

  it('answers an unknown or disabled user by the client\'s PreventUserExistenceErrors', async () => {
    const legacy = await newPool();
    await expect(reset(legacy, 'ghost', '123456')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'Username/client id combination not found.' });
    await confirmedUser(legacy, 'quin', { email: 'quin@example.com', email_verified: 'true' });
    await forgot(legacy, 'quin');
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: legacy.poolId, Username: 'quin' }));
    await expect(reset(legacy, 'quin', lastCode(legacy))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });

    const hiding = await newPool({}, { PreventUserExistenceErrors: 'ENABLED' });
    const mismatch = { name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' };
    await expect(reset(hiding, 'ghost', '123456')).rejects.toMatchObject(mismatch);
    await confirmedUser(hiding, 'quin', { email: 'quin@example.com', email_verified: 'true' });
    await forgot(hiding, 'quin');
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: hiding.poolId, Username: 'quin' }));
    await expect(reset(hiding, 'quin', lastCode(hiding))).rejects.toMatchObject(mismatch);
  });

  it('keeps the user\'s refresh tokens valid, as Cognito does', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'rose', { email: 'rose@example.com', email_verified: 'true' });
    const { AuthenticationResult } = await signIn(setup, 'rose', OLD_PASSWORD);
    await forgot(setup, 'rose');
    await reset(setup, 'rose', lastCode(setup));
    const refreshed = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: setup.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! } }),
    );
    expect(refreshed.AuthenticationResult!.AccessToken).toBeTruthy();
  });
});

describe('clients with a secret', () => {
  it('require the SecretHash over the username (or the username it resolves to)', async () => {
    const setup = await newPool({ AliasAttributes: ['email'] }, { GenerateSecret: true });
    const hash = (username: string) => secretHash(setup.clientSecret!, username, setup.clientId);
    await confirmedUser(setup, 'sam', { email: 'sam@example.com', email_verified: 'true' });
    await expect(forgot(setup, 'sam')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${setup.clientId} is configured for secret but secret was not received`,
    });
    await expect(forgot(setup, 'sam', { SecretHash: hash('other') })).rejects.toMatchObject({ message: `Unable to verify secret hash for client ${setup.clientId}` });
    await forgot(setup, 'sam@example.com', { SecretHash: hash('sam@example.com') });
    await expect(reset(setup, 'sam', lastCode(setup))).rejects.toMatchObject({ message: `Client ${setup.clientId} is configured for secret but secret was not received` });
    await reset(setup, 'sam@example.com', lastCode(setup), NEW_PASSWORD, { SecretHash: hash('sam') });
    expect(verifyPassword(setup.poolId, 'sam', NEW_PASSWORD, stored(setup, 'sam').password!)).toBe(true);
  });
});

describe('the forgot-password flow in the debugger', () => {
  it('runs the requests and the reset as one flow; codes shown only as message.sent, no password in any event', async () => {
    const setup = await newPool();
    await confirmedUser(setup, 'tom', { email: 'tom@example.com', email_verified: 'true' });
    const events = await eventsDuring(sandbox.app, async () => {
      await forgot(setup, 'tom');
      await forgot(setup, 'tom');
      await expect(reset(setup, 'tom', wrong(lastCode(setup)))).rejects.toMatchObject({ name: 'CodeMismatchException' });
      await reset(setup, 'tom', lastCode(setup));
    });
    const [first, second] = outbox(setup);
    expect(second!.flowId).toBe(first!.flowId);
    const flowId = first!.flowId!;
    expect(events.find((e) => e.type === 'flow.started')).toMatchObject({ flowId, poolId: setup.poolId, data: { kind: 'forgot-password', username: 'tom' } });
    const transitions = events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['sendingCode', 'awaitingCode', 'sendingCode', 'awaitingCode', 'resettingPassword', 'awaitingCode', 'resettingPassword', 'passwordReset']);
    expect(events.filter((e) => e.type === 'message.sent').map((e) => e.data)).toEqual([
      expect.objectContaining({ to: 'tom@example.com', purpose: 'ForgotPassword', code: first!.code, body: `Your verification code is ${first!.code}. ` }),
      expect.objectContaining({ code: second!.code }),
    ]);
    expect(events.find((e) => e.type === 'flow.ended')).toMatchObject({ flowId, data: { outcome: 'success' } });
    expect(events.filter((e) => e.type === 'api.called').every((e) => e.flowId === flowId)).toBe(true);
    const published = JSON.stringify(events);
    const notMessages = JSON.stringify(events.filter((e) => e.type !== 'message.sent'));
    for (const message of outbox(setup)) expect(notMessages).not.toContain(message.code!);
    expect(published).not.toContain(NEW_PASSWORD);
    expect(valueOf((await getUser(setup, 'tom')).UserAttributes, 'email_verified')).toBe('true');
  });
});

describe('--fixed-code', () => {
  it('makes every reset code the given one, administrators\' too', async () => {
    const fixed = await startSandbox({ fixedCode: '135790' });
    try {
      const UserPoolId = await createPool(fixed.cognito, { PoolName: 'fixed' });
      const { clientId: ClientId } = await createClient(fixed.cognito, UserPoolId, { ClientName: 'app' });
      await createAdminUser(fixed.cognito, UserPoolId, 'vic', { password: OLD_PASSWORD, attributes: { email: 'vic@example.com', email_verified: 'true' } });
      await fixed.cognito.send(new ForgotPasswordCommand({ ClientId, Username: 'vic' }));
      await fixed.cognito.send(new ConfirmForgotPasswordCommand({ ClientId, Username: 'vic', ConfirmationCode: '135790', Password: NEW_PASSWORD }));
      await fixed.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId, Username: 'vic' }));
      await fixed.cognito.send(new ConfirmForgotPasswordCommand({ ClientId, Username: 'vic', ConfirmationCode: '135790', Password: 'Third-Passw0rd' }));
      expect(fixed.app.store.outbox.list({ poolId: UserPoolId, limit: 10 }).map((m) => m.code)).toEqual(['135790', '135790']);
    } finally {
      await fixed.close();
    }
  });
});
