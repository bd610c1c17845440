/**
 * The operations a signed-in user calls with an access token (GetUser, ChangePassword,
 * UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUser,
 * DeleteUserAttributes), driven with tokens from a real USER_PASSWORD_AUTH sign-in.
 */
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ChangePasswordCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attrs, valueOf } from '../support/attributes.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const HOUR = 60 * 60 * 1000;
const clock = testClock(START);
const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

const newPool = (settings: Partial<CreateUserPoolCommandInput> = {}) => createPool(sandbox.cognito, { PoolName: 'session', ...settings });

const newClient = async (poolId: string, settings: Partial<CreateUserPoolClientCommandInput> = {}) =>
  (await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...settings })).clientId;

/** A confirmed user with a permanent password. */
const newUser = (poolId: string, username: string, attributes: Record<string, string> = {}) =>
  createAdminUser(sandbox.cognito, poolId, username, { password: PASSWORD, attributes });

async function signIn(clientId: string, username: string, password = PASSWORD) {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  return AuthenticationResult!;
}

interface Account {
  poolId: string;
  clientId: string;
  username: string;
  accessToken: string;
}

interface AccountOptions {
  pool?: Partial<CreateUserPoolCommandInput>;
  client?: Partial<CreateUserPoolClientCommandInput>;
  attributes?: Record<string, string>;
  username?: string;
}

/** A pool, a client and a signed-in user. */
async function signedIn(options: AccountOptions = {}): Promise<Account> {
  const poolId = await newPool(options.pool);
  const clientId = await newClient(poolId, options.client);
  const username = options.username ?? 'alice';
  await newUser(poolId, username, options.attributes ?? {});
  const { AccessToken } = await signIn(clientId, username);
  return { poolId, clientId, username, accessToken: AccessToken! };
}

const getUser = (accessToken: string) => sandbox.cognito.send(new GetUserCommand({ AccessToken: accessToken }));
const adminGetUser = (account: Account) =>
  sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: account.poolId, Username: account.username }));
const update = (account: Account, values: Record<string, string>) =>
  sandbox.cognito.send(new UpdateUserAttributesCommand({ AccessToken: account.accessToken, UserAttributes: attrs(values) }));
const requestCode = (account: Account, AttributeName: string) =>
  sandbox.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: account.accessToken, AttributeName }));
const verify = (account: Account, AttributeName: string, Code: string) =>
  sandbox.cognito.send(new VerifyUserAttributeCommand({ AccessToken: account.accessToken, AttributeName, Code }));

interface OutboxEntry {
  channel: string;
  destination: string;
  purpose: string;
  subject: string | null;
  body: string;
  code: string | null;
}

/** What the debugger API's outbox holds for a destination in the account's pool, newest last. */
async function outboxTo(account: Account, destination: string): Promise<OutboxEntry[]> {
  const query = new URLSearchParams({ to: destination, pool: account.poolId });
  const response = await fetch(`${sandbox.url}/_sandbox/api/outbox?${query}`);
  return (await response.json()) as OutboxEntry[];
}

async function latestCode(account: Account, destination: string): Promise<string> {
  const messages = await outboxTo(account, destination);
  return messages.at(-1)!.code!;
}

describe('GetUser', () => {
  it('returns the username and the attributes the app client may read, sub first', async () => {
    const account = await signedIn({ attributes: { email: 'alice@example.com', email_verified: 'true', given_name: 'Alice' } });
    const user = await getUser(account.accessToken);
    expect(user.Username).toBe('alice');
    expect(user.UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'email', 'email_verified', 'given_name']);
    expect(valueOf(user.UserAttributes, 'email')).toBe('alice@example.com');
    expect(user.MFAOptions).toBeUndefined();
    expect(user.PreferredMfaSetting).toBeUndefined();
    expect(user.UserMFASettingList).toBeUndefined();
    const { UserAttributes } = await adminGetUser(account);
    expect(valueOf(user.UserAttributes, 'sub')).toBe(valueOf(UserAttributes, 'sub'));
  });

  it('reads every attribute by default, custom ones too, and only ReadAttributes when the client names them', async () => {
    const pool = { Schema: [{ Name: 'tier', AttributeDataType: 'String' as const, Mutable: true }] };
    const attributes = { email: 'bob@example.com', given_name: 'Bob', 'custom:tier': 'gold' };
    const defaults = await signedIn({ pool, attributes, username: 'bob' });
    expect((await getUser(defaults.accessToken)).UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'email', 'given_name', 'custom:tier']);

    const narrow = await signedIn({ pool, attributes, username: 'bob', client: { ReadAttributes: ['email', 'custom:tier'] } });
    expect((await getUser(narrow.accessToken)).UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'email', 'custom:tier']);
  });

  it('reports the MFA settings as Cognito does', async () => {
    const account = await signedIn({ attributes: { phone_number: '+15551234567' } });
    const stored = sandbox.app.store.users.findByKey(account.poolId, 'alice')!;
    sandbox.app.store.users.save({ ...stored, mfa: { enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' } });
    const user = await getUser(account.accessToken);
    expect(user.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(user.UserMFASettingList).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
  });

  it('refuses a disabled user, a user who must reset their password, and a deleted user', async () => {
    const disabled = await signedIn();
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: disabled.poolId, Username: 'alice' }));
    await expect(getUser(disabled.accessToken)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });

    const resetting = await signedIn({ attributes: { email: 'alice@example.com', email_verified: 'true' } });
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: resetting.poolId, Username: 'alice' }));
    await expect(getUser(resetting.accessToken)).rejects.toMatchObject({
      name: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    });

    const deleted = await signedIn();
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: deleted.poolId, Username: 'alice' }));
    await expect(getUser(deleted.accessToken)).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('validates AccessToken without echoing it', async () => {
    const missing = await rawCall(sandbox.url, 'GetUser', {});
    expect(missing).toMatchObject({
      status: 400,
      json: {
        __type: 'InvalidParameterException',
        message: "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null",
      },
    });
    const malformed = await rawCall(sandbox.url, 'GetUser', { AccessToken: 'not a token!' });
    expect(malformed.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    });
    await expect(getUser('not-a-token')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' });
  });
});

describe('ChangePassword', () => {
  const change = (account: Account, PreviousPassword: string | undefined, ProposedPassword: string) =>
    sandbox.cognito.send(new ChangePasswordCommand({ AccessToken: account.accessToken, PreviousPassword, ProposedPassword }));

  it('sets the new password: it signs in, the old one no longer does, and the session stays signed in', async () => {
    const account = await signedIn();
    await expect(change(account, PASSWORD, 'N3w-Password')).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    await expect(signIn(account.clientId, 'alice', 'N3w-Password')).resolves.toHaveProperty('AccessToken');
    await expect(signIn(account.clientId, 'alice', PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await expect(getUser(account.accessToken)).resolves.toHaveProperty('Username', 'alice');
    const stored = sandbox.app.store.users.findByKey(account.poolId, 'alice')!;
    expect(stored.passwordChanged).toBe(clock.time);
    expect(stored.password!.expires).toBeUndefined();
  });

  it('refuses a wrong or missing previous password', async () => {
    const account = await signedIn();
    const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    await expect(change(account, 'Wr0ng-Password', 'N3w-Password')).rejects.toMatchObject(incorrect);
    await expect(change(account, undefined, 'N3w-Password')).rejects.toMatchObject(incorrect);
    await expect(signIn(account.clientId, 'alice', PASSWORD)).resolves.toHaveProperty('AccessToken');
  });

  it("applies the pool's password policy", async () => {
    const account = await signedIn({ pool: { Policies: { PasswordPolicy: { MinimumLength: 9, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false } } } });
    await expect(change(account, PASSWORD, 'Sh0rtPas')).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await expect(change(account, PASSWORD, 'longpassword1')).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    });
    await expect(change(account, PASSWORD, 'LongPassword1')).resolves.toBeDefined();
  });

  it('validates the proposed password without echoing either', async () => {
    const account = await signedIn();
    const { json } = await rawCall(sandbox.url, 'ChangePassword', { AccessToken: account.accessToken, PreviousPassword: PASSWORD, ProposedPassword: 'has space' });
    expect(json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'proposedPassword' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    });
  });

  it('keeps both passwords out of the debugger events', async () => {
    const account = await signedIn();
    const events = await eventsDuring(sandbox.app, () => change(account, PASSWORD, 'N3w-Password'));
    const serialized = JSON.stringify(events);
    expect(events.some((e) => e.type === 'api.called')).toBe(true);
    expect(serialized).not.toContain(PASSWORD);
    expect(serialized).not.toContain('N3w-Password');
  });
});

describe('UpdateUserAttributes', () => {
  it('changes and deletes the attributes the client writes, without a code for non-contact attributes', async () => {
    const account = await signedIn({ attributes: { given_name: 'Alice', family_name: 'Smith' } });
    clock.time += 1000;
    const response = await update(account, { given_name: 'Alicia', nickname: 'Ali', family_name: '' });
    expect(response.CodeDeliveryDetailsList).toBeUndefined();
    const user = await getUser(account.accessToken);
    expect(valueOf(user.UserAttributes, 'given_name')).toBe('Alicia');
    expect(valueOf(user.UserAttributes, 'nickname')).toBe('Ali');
    expect(valueOf(user.UserAttributes, 'family_name')).toBeUndefined();
    expect((await adminGetUser(account)).UserLastModifiedDate).toEqual(new Date(clock.time));
  });

  it('sends a code to a changed email in a pool that auto-verifies it; the email is unverified until VerifyUserAttribute', async () => {
    const account = await signedIn({
      pool: { AutoVerifiedAttributes: ['email'] },
      attributes: { email: 'alice@example.com', email_verified: 'true' },
    });
    const events = await eventsDuring(sandbox.app, async () => {
      const response = await update(account, { email: 'new.alice@example.org' });
      expect(response.CodeDeliveryDetailsList).toEqual([{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    });
    const user = await getUser(account.accessToken);
    expect(valueOf(user.UserAttributes, 'email')).toBe('new.alice@example.org');
    expect(valueOf(user.UserAttributes, 'email_verified')).toBe('false');

    const [message] = await outboxTo(account, 'new.alice@example.org');
    expect(message).toMatchObject({ channel: 'EMAIL', purpose: 'UpdateUserAttributes', subject: 'Your verification code' });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect(message!.body).toBe(`Your verification code is ${message!.code}. `);

    const sent = events.find((e) => e.type === 'message.sent')!;
    expect(sent.data).toMatchObject({ channel: 'EMAIL', to: 'new.alice@example.org', code: message!.code, body: `Your verification code is ${message!.code}. ` });
    expect(JSON.stringify(events.filter((e) => e.type !== 'message.sent'))).not.toContain(message!.code!);

    await verify(account, 'email', message!.code!);
    expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email_verified')).toBe('true');
  });

  it('sends an SMS for a changed phone number, with the destination masked to its last four digits', async () => {
    const account = await signedIn({ pool: { AutoVerifiedAttributes: ['phone_number'] } });
    const response = await update(account, { phone_number: '+15551234567' });
    expect(response.CodeDeliveryDetailsList).toEqual([{ Destination: '+*******4567', DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    const [message] = await outboxTo(account, '+15551234567');
    expect(message).toMatchObject({ channel: 'SMS', subject: null, body: `Your verification code is ${message!.code}. ` });
    expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'phone_number_verified')).toBe('false');
  });

  it('sends no code where the pool does not auto-verify: the new email is simply unverified', async () => {
    const account = await signedIn({ attributes: { email: 'alice@example.com', email_verified: 'true' } });
    const response = await update(account, { email: 'unverified@example.com' });
    expect(response.CodeDeliveryDetailsList).toBeUndefined();
    expect(await outboxTo(account, 'unverified@example.com')).toEqual([]);
    const user = await getUser(account.accessToken);
    expect(valueOf(user.UserAttributes, 'email')).toBe('unverified@example.com');
    expect(valueOf(user.UserAttributes, 'email_verified')).toBe('false');
  });

  it("renders the pool's verification message template", async () => {
    const account = await signedIn({
      pool: {
        AutoVerifiedAttributes: ['email'],
        VerificationMessageTemplate: { EmailSubject: 'Confirm it', EmailMessage: 'Code: {####} (again: {####})' },
      },
    });
    await update(account, { email: 'templated@example.com' });
    const [message] = await outboxTo(account, 'templated@example.com');
    expect(message).toMatchObject({ subject: 'Confirm it', body: `Code: ${message!.code} (again: ${message!.code})` });
  });

  describe('with AttributesRequireVerificationBeforeUpdate', () => {
    const pool: Partial<CreateUserPoolCommandInput> = {
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    };

    it('keeps the verified email (and sign-in with it) until the new one is verified', async () => {
      const account = await signedIn({ pool, attributes: { email: 'old@example.com', email_verified: 'true' } });
      const response = await update(account, { email: 'new@example.com', given_name: 'Alice' });
      expect(response.CodeDeliveryDetailsList).toEqual([{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);

      let user = await getUser(account.accessToken);
      expect(valueOf(user.UserAttributes, 'email')).toBe('old@example.com');
      expect(valueOf(user.UserAttributes, 'email_verified')).toBe('true');
      expect(valueOf(user.UserAttributes, 'given_name')).toBe('Alice');
      await expect(signIn(account.clientId, 'old@example.com')).resolves.toHaveProperty('AccessToken');
      await expect(signIn(account.clientId, 'new@example.com')).rejects.toMatchObject({ name: 'UserNotFoundException' });

      await verify(account, 'email', await latestCode(account, 'new@example.com'));
      user = await getUser(account.accessToken);
      expect(valueOf(user.UserAttributes, 'email')).toBe('new@example.com');
      expect(valueOf(user.UserAttributes, 'email_verified')).toBe('true');
      await expect(signIn(account.clientId, 'new@example.com')).resolves.toHaveProperty('AccessToken');
      await expect(signIn(account.clientId, 'old@example.com')).rejects.toMatchObject({ name: 'UserNotFoundException' });
    });

    it('sends a requested code to the value waiting for verification', async () => {
      const account = await signedIn({ pool, attributes: { email: 'old@example.com', email_verified: 'true' } });
      await update(account, { email: 'waiting@example.com' });
      const { CodeDeliveryDetails } = await requestCode(account, 'email');
      expect(CodeDeliveryDetails).toEqual({ Destination: 'w***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      expect(await outboxTo(account, 'waiting@example.com')).toHaveLength(2);
      expect(await outboxTo(account, 'old@example.com')).toEqual([]);
      await verify(account, 'email', await latestCode(account, 'waiting@example.com'));
      expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email')).toBe('waiting@example.com');
    });

    it('drops the held value when the user goes back to the current one', async () => {
      const account = await signedIn({ pool, attributes: { email: 'old@example.com', email_verified: 'true' } });
      await update(account, { email: 'typo@example.com' });
      const code = await latestCode(account, 'typo@example.com');
      await update(account, { email: 'old@example.com' });
      expect(await outboxTo(account, 'old@example.com')).toEqual([]);
      await expect(verify(account, 'email', code)).rejects.toMatchObject({ name: 'ExpiredCodeException' });
      const user = await getUser(account.accessToken);
      expect(valueOf(user.UserAttributes, 'email')).toBe('old@example.com');
      expect(valueOf(user.UserAttributes, 'email_verified')).toBe('true');
    });

    it('replaces an unverified email at once, having no verified value to keep', async () => {
      const account = await signedIn({ pool, attributes: { email: 'old@example.com' } });
      await update(account, { email: 'replaced@example.com' });
      expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email')).toBe('replaced@example.com');
      await verify(account, 'email', await latestCode(account, 'replaced@example.com'));
      expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email_verified')).toBe('true');
    });
  });

  it("refuses attributes outside the client's WriteAttributes, the verified flags included", async () => {
    const unauthorized = { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' };
    const narrow = await signedIn({ client: { WriteAttributes: ['given_name'] } });
    await expect(update(narrow, { given_name: 'Alice', family_name: 'Smith' })).rejects.toMatchObject(unauthorized);
    expect(valueOf((await getUser(narrow.accessToken)).UserAttributes, 'given_name')).toBeUndefined();

    const defaults = await signedIn({ attributes: { email: 'alice@example.com' } });
    await expect(update(defaults, { email_verified: 'true' })).rejects.toMatchObject(unauthorized);
  });

  it('checks the schema, formats and aliases as Cognito does', async () => {
    const account = await signedIn({
      pool: { UsernameAttributes: ['email'], Schema: [{ Name: 'code', AttributeDataType: 'String', Mutable: false }] },
      username: 'alice@example.com',
    });
    await expect(update(account, { 'custom:nope': 'x' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'user.custom:nope: Attribute does not exist in the schema.\n',
    });
    await expect(update(account, { email: 'not-an-email' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid email address format.',
    });
    await newUser(account.poolId, 'bob@example.com');
    await expect(update(account, { email: 'bob@example.com' })).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('validates its input', async () => {
    const account = await signedIn();
    const { json } = await rawCall(sandbox.url, 'UpdateUserAttributes', { AccessToken: account.accessToken });
    expect(json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('GetUserAttributeVerificationCode', () => {
  it('sends a code for the current email; the code verifies it', async () => {
    const account = await signedIn({ attributes: { email: 'alice@example.com' } });
    const { CodeDeliveryDetails } = await requestCode(account, 'email');
    expect(CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [message] = await outboxTo(account, 'alice@example.com');
    expect(message).toMatchObject({ channel: 'EMAIL', purpose: 'GetUserAttributeVerificationCode' });
    await verify(account, 'email', message!.code!);
    expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email_verified')).toBe('true');
  });

  it('sends a code by SMS for the phone number', async () => {
    const account = await signedIn({ attributes: { phone_number: '+447700900123' } });
    const { CodeDeliveryDetails } = await requestCode(account, 'phone_number');
    expect(CodeDeliveryDetails).toEqual({ Destination: '+********0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    await verify(account, 'phone_number', await latestCode(account, '+447700900123'));
    expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'phone_number_verified')).toBe('true');
  });

  it('refuses attributes that cannot be verified and attributes the user does not have', async () => {
    const account = await signedIn({ attributes: { given_name: 'Alice' } });
    await expect(requestCode(account, 'given_name')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid attribute name. Only phone_number and email can be verified.',
    });
    await expect(requestCode(account, 'phone_number')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User does not have a valid registered phone number',
    });
    await expect(requestCode(account, 'email')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User does not have a valid registered email address',
    });
  });

  it('uses the fixed code when the sandbox runs with one', async () => {
    const fixed = await startSandbox({ fixedCode: '424242' });
    try {
      const poolId = await createPool(fixed.cognito, { PoolName: 'fixed' });
      const { clientId } = await createClient(fixed.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      await createAdminUser(fixed.cognito, poolId, 'carol', { password: PASSWORD, attributes: { email: 'carol@example.com' } });
      const { AuthenticationResult } = await fixed.cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD } }),
      );
      const AccessToken = AuthenticationResult!.AccessToken!;
      await fixed.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
      await expect(fixed.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '424242' }))).resolves.toBeDefined();
    } finally {
      await fixed.close();
    }
  });
});

describe('VerifyUserAttribute', () => {
  it('refuses a wrong code and keeps the code usable', async () => {
    const account = await signedIn({ attributes: { email: 'alice@example.com' } });
    await requestCode(account, 'email');
    const code = await latestCode(account, 'alice@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(verify(account, 'email', wrong)).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email_verified')).toBeUndefined();
    await expect(verify(account, 'email', code)).resolves.toBeDefined();
  });

  it('answers ExpiredCodeException when no code was sent, the code expired, was used, or was for an earlier value', async () => {
    const expired = { name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' };
    const account = await signedIn({ attributes: { email: 'alice@example.com' } });
    await expect(verify(account, 'email', '123456')).rejects.toMatchObject(expired);

    await requestCode(account, 'email');
    const stale = await latestCode(account, 'alice@example.com');
    clock.time += 24 * HOUR;
    // The access token expired too (after an hour): sign in again.
    const again = { ...account, accessToken: (await signIn(account.clientId, 'alice')).AccessToken! };
    await expect(verify(again, 'email', stale)).rejects.toMatchObject(expired);

    await requestCode(again, 'email');
    const used = await latestCode(account, 'alice@example.com');
    await verify(again, 'email', used);
    await expect(verify(again, 'email', used)).rejects.toMatchObject(expired);

    await requestCode(again, 'email');
    const forOldValue = await latestCode(account, 'alice@example.com');
    await sandbox.cognito.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: account.poolId, Username: 'alice', UserAttributes: attrs({ email: 'other@example.com' }) }),
    );
    await expect(verify(again, 'email', forOldValue)).rejects.toMatchObject(expired);
  });

  it('refuses attributes that cannot be verified and attributes without a value', async () => {
    const account = await signedIn();
    await expect(verify(account, 'given_name', '123456')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid attribute name. Only phone_number and email can be verified.',
    });
    await expect(verify(account, 'phone_number', '123456')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Unable to verify attribute: phone_number no value set to verify',
    });
  });

  it("refuses to verify an email alias that is another user's verified alias", async () => {
    const account = await signedIn({ pool: { AliasAttributes: ['email'] }, attributes: { email: 'shared@example.com' } });
    await newUser(account.poolId, 'bob', { email: 'shared@example.com', email_verified: 'true' });
    await requestCode(account, 'email');
    await expect(verify(account, 'email', await latestCode(account, 'shared@example.com'))).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
    expect(valueOf((await getUser(account.accessToken)).UserAttributes, 'email_verified')).toBeUndefined();
  });

  it('validates Code and keeps it out of the debugger events', async () => {
    const account = await signedIn({ attributes: { email: 'alice@example.com' } });
    const { json } = await rawCall(sandbox.url, 'VerifyUserAttribute', { AccessToken: account.accessToken, AttributeName: 'email', Code: '' });
    expect(json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value '' at 'code' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'code' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    });
    await requestCode(account, 'email');
    const code = await latestCode(account, 'alice@example.com');
    const events = await eventsDuring(sandbox.app, () => verify(account, 'email', code));
    expect(events.find((e) => e.type === 'api.called')!.data).toMatchObject({ request: { Code: '***' } });
    expect(JSON.stringify(events)).not.toContain(code);
  });
});

describe('DeleteUserAttributes', () => {
  const remove = (account: Account, names: string[]) =>
    sandbox.cognito.send(new DeleteUserAttributesCommand({ AccessToken: account.accessToken, UserAttributeNames: names }));

  it('deletes attributes; a deleted email takes its verified flag along', async () => {
    const account = await signedIn({ attributes: { email: 'alice@example.com', email_verified: 'true', given_name: 'Alice', nickname: 'Ali' } });
    await remove(account, ['email', 'nickname']);
    const names = (await getUser(account.accessToken)).UserAttributes!.map((a) => a.Name);
    expect(names).toEqual(['sub', 'given_name']);
  });

  it('refuses required, unknown, immutable and unwritable attributes', async () => {
    const account = await signedIn({
      pool: { Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }, { Name: 'code', AttributeDataType: 'String', Mutable: false }] },
      attributes: { email: 'alice@example.com', 'custom:code': 'A1' },
      client: { WriteAttributes: ['email', 'given_name', 'custom:code'] },
    });
    await expect(remove(account, ['email'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: email: The attribute is required\n',
    });
    await expect(remove(account, ['custom:nope'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'user.custom:nope: Attribute does not exist in the schema.\n',
    });
    await expect(remove(account, ['custom:code'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid user attributes: user.custom:code: Attribute cannot be updated. (changing an immutable attribute)',
    });
    await expect(remove(account, ['family_name'])).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
  });
});

describe('DeleteUser', () => {
  it('deletes the signed-in user and their refresh tokens', async () => {
    const poolId = await newPool();
    const clientId = await newClient(poolId);
    await newUser(poolId, 'alice');
    const { AccessToken, RefreshToken } = await signIn(clientId, 'alice');
    await sandbox.cognito.send(new DeleteUserCommand({ AccessToken }));
    await expect(sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    await expect(getUser(AccessToken!)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    await expect(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: RefreshToken! } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    // The username is free again.
    await expect(newUser(poolId, 'alice')).resolves.toBeUndefined();
  });
});
