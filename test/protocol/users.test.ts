import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AdminCreateUserCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src-main/auth/srp.js';
import { attrs, valueOf } from '../support/attributes.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool, createSilentUser } from '../support/world.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const DAY = 24 * 60 * 60 * 1000;
const clock = testClock(START);
const MISSING_POOL = 'us-east-1_Missing00';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

const newPool = (settings: Partial<CreateUserPoolCommandInput> = {}) => createPool(sandbox.cognito, { PoolName: 'users', ...settings });

const createUser = (poolId: string, Username: string, attributes: Record<string, string> = {}, extra: Partial<AdminCreateUserCommandInput> = {}) =>
  createSilentUser(sandbox.cognito, poolId, Username, attributes, extra);

const getUser = (poolId: string, Username: string) => sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }));

function stored(poolId: string, username: string) {
  return sandbox.app.store.users.findByKey(poolId, username)!;
}

describe('AdminCreateUser', () => {
  it('creates a FORCE_CHANGE_PASSWORD user with a sub and the given attributes', async () => {
    const poolId = await newPool();
    const { User } = await sandbox.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'alice',
        TemporaryPassword: 'Temp-Passw0rd',
        MessageAction: 'SUPPRESS',
        UserAttributes: attrs({ email: 'alice@example.com', email_verified: 'True', given_name: 'Alice', nickname: '' }),
      }),
    );
    expect(User).toMatchObject({ Username: 'alice', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(User!.UserCreateDate).toEqual(new Date(START));
    expect(User!.UserLastModifiedDate).toEqual(new Date(START));
    expect(User!.MFAOptions).toBeUndefined();
    const sub = valueOf(User!.Attributes, 'sub')!;
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(User!.Attributes).toEqual([
      { Name: 'sub', Value: sub },
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'given_name', Value: 'Alice' },
    ]);
  });

  it('keeps only a salted SRP verifier of the temporary password, expiring after the policy\'s validity', async () => {
    const poolId = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 3 } } });
    await createUser(poolId, 'bob', {}, { TemporaryPassword: 'Temp-Passw0rd' });
    const user = stored(poolId, 'bob');
    expect(user.password!.expires).toBe(START + 3 * DAY);
    expect(verifyPassword(poolId, 'bob', 'Temp-Passw0rd', user.password!)).toBe(true);
    const raw = sandbox.app.store.db.read((tx) => tx.get<Record<string, unknown>>('SELECT * FROM users WHERE pool_id = ?', [poolId]));
    expect(JSON.stringify(raw)).not.toContain('Temp-Passw0rd');
  });

  it('generates a temporary password to the pool\'s policy when none is given', async () => {
    const poolId = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, RequireNumbers: true } } });
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gen', UserAttributes: attrs({ email: 'gen@example.com' }), DesiredDeliveryMediums: ['EMAIL'] }));
    const [message] = sandbox.app.store.outbox.list({ poolId, limit: 1 });
    expect(message!.code).toMatch(/^\S{12,}$/);
    expect(verifyPassword(poolId, 'gen', message!.code!, stored(poolId, 'gen').password!)).toBe(true);
  });

  it('refuses a temporary password that breaks the policy', async () => {
    const poolId = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 10, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false } } });
    const create = (TemporaryPassword: string) =>
      sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'weak', TemporaryPassword, MessageAction: 'SUPPRESS' }));
    await expect(create('Short1')).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    await expect(create('lowercase123')).rejects.toMatchObject({ message: 'Password did not conform with policy: Password must have uppercase characters' });
    await expect(create('UPPERCASE123')).rejects.toMatchObject({ message: 'Password did not conform with policy: Password must have lowercase characters' });
    await expect(create('NoNumbersHere')).rejects.toMatchObject({ message: 'Password did not conform with policy: Password must have numeric characters' });
    await expect(getUser(poolId, 'weak')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('refuses a taken username', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'carol');
    await expect(createUser(poolId, 'carol')).rejects.toMatchObject({ name: 'UsernameExistsException', message: 'User account already exists' });
  });

  it('lets only one of two simultaneous creations of the same username through', async () => {
    const poolId = await newPool({ AliasAttributes: ['email'] });
    const results = await Promise.allSettled(
      ['twin', 'twin', 'other'].map((Username, i) =>
        createUser(poolId, Username, { email: 'twin@example.com', email_verified: 'true' }, { TemporaryPassword: `Temp-Passw0rd${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'UsernameExistsException' });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'AliasExistsException' });
  });

  it('checks attributes against the schema with Cognito\'s messages', async () => {
    const poolId = await newPool({
      Schema: [
        { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '2', MaxLength: '5' } },
        { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '18', MaxValue: '130' } },
      ],
    });
    const create = (attributes: Record<string, string>) => createUser(poolId, 'dave', attributes);
    await expect(create({ phone: '+15555550100', 'custom:unknown': 'x' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Attributes did not conform to the schema: phone: Attribute does not exist in the schema.\ncustom:unknown: Attribute does not exist in the schema.\n',
    });
    await expect(create({ tier: 'gold' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: tier: Attribute does not exist in the schema.\n',
    });
    await expect(create({ 'custom:tier': 'platinum' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: custom:tier: String must be no longer than 5 characters\n',
    });
    await expect(create({ 'custom:tier': 'x' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: custom:tier: String must be no shorter than 2 characters\n',
    });
    await expect(create({ 'custom:age': '12' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: custom:age: Number must be no less than 18\n',
    });
    await expect(create({ 'custom:age': 'old' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: custom:age: Number must be an integer\n',
    });
    await expect(create({ sub: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: sub: Attribute cannot be updated. (changing an immutable attribute)\n',
    });
    await expect(create({ birthdate: '2000-1-1' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: birthdate: String must be no shorter than 10 characters\n',
    });
    await expect(create({ email: 'not-an-email' })).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid email address format.' });
    await expect(create({ phone_number: '555-0100' })).rejects.toMatchObject({ message: 'Invalid phone number format.' });
    await expect(create({ email_verified: 'yes', email: 'd@example.com' })).rejects.toMatchObject({
      message: 'Attributes did not conform to the schema: email_verified: Attribute value must be true or false\n',
    });
    await expect(create({ email_verified: 'true' })).rejects.toMatchObject({ message: 'Email is required to verify/un-verify an email' });
    await expect(create({ phone_number_verified: 'true' })).rejects.toMatchObject({ message: 'Phone Number is required to verify/un-verify a phone number' });
    const user = await create({ 'custom:tier': 'gold', 'custom:age': '30', updated_at: '1700000000' });
    expect(valueOf(user.Attributes, 'custom:tier')).toBe('gold');
  });

  it('does not demand required attributes: the user supplies them at first sign-in', async () => {
    const poolId = await newPool({ Schema: [{ Name: 'email', Required: true }, { Name: 'name', Required: true }] });
    const user = await createUser(poolId, 'erin');
    expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('lets admins write developer-only attributes', async () => {
    const poolId = await newPool({ Schema: [{ Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true }] });
    const user = await createUser(poolId, 'frank', { 'dev:custom:secret': 'hidden' });
    expect(valueOf(user.Attributes, 'dev:custom:secret')).toBe('hidden');
  });

  it('validates the request shape like Cognito', async () => {
    const poolId = await newPool();
    const r = await rawCall(sandbox.url, 'AdminCreateUser', { UserPoolId: poolId, Username: '', MessageAction: 'NOPE' });
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('InvalidParameterException');
    expect(r.json.message).toContain("at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1");
    expect(r.json.message).toContain("at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
    await expect(createUser(MISSING_POOL, 'x')).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });

  describe('invitation', () => {
    it('renders the pool\'s template into the outbox and announces it with the password masked', async () => {
      const poolId = await newPool({
        AdminCreateUserConfig: {
          InviteMessageTemplate: {
            EmailSubject: 'Welcome {username}',
            EmailMessage: 'Hello {username}, your password is {####}. Again: {####}',
            SMSMessage: 'User {username} pw {####}',
          },
        },
      });
      const events = await eventsDuring(sandbox.app, () =>
        sandbox.cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: 'grace',
            TemporaryPassword: 'Invite-Passw0rd',
            DesiredDeliveryMediums: ['EMAIL', 'SMS'],
            UserAttributes: attrs({ email: 'grace@example.com', phone_number: '+15555550123' }),
          }),
        ),
      );
      const messages = sandbox.app.store.outbox.list({ poolId, limit: 10 }).reverse();
      expect(messages).toEqual([
        expect.objectContaining({
          time: START,
          poolId,
          channel: 'EMAIL',
          destination: 'grace@example.com',
          username: 'grace',
          purpose: 'AdminCreateUser',
          subject: 'Welcome grace',
          body: 'Hello grace, your password is Invite-Passw0rd. Again: Invite-Passw0rd',
          code: 'Invite-Passw0rd',
        }),
        expect.objectContaining({ channel: 'SMS', destination: '+15555550123', body: 'User grace pw Invite-Passw0rd', subject: null }),
      ]);
      const sent = events.filter((e) => e.type === 'message.sent');
      expect(sent.map((e) => e.data)).toEqual([
        { id: messages[0]!.id, channel: 'EMAIL', to: 'grace@example.com', purpose: 'AdminCreateUser', subject: 'Welcome grace', body: 'Hello grace, your password is ***. Again: ***', code: '***' },
        { id: messages[1]!.id, channel: 'SMS', to: '+15555550123', purpose: 'AdminCreateUser', body: 'User grace pw ***', code: '***' },
      ]);
      expect(sent.every((e) => e.poolId === poolId)).toBe(true);
      expect(JSON.stringify(events)).not.toContain('Invite-Passw0rd');
    });

    it('uses Cognito\'s default texts and sends by SMS unless told otherwise', async () => {
      const poolId = await newPool();
      await sandbox.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'heidi',
          TemporaryPassword: 'Default-Passw0rd',
          UserAttributes: attrs({ email: 'heidi@example.com', phone_number: '+15555550124' }),
        }),
      );
      const messages = sandbox.app.store.outbox.list({ poolId, limit: 10 });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        channel: 'SMS',
        destination: '+15555550124',
        body: 'Your username is heidi and temporary password is Default-Passw0rd. ',
      });
    });

    it('sends nothing when suppressed, or to a medium the user has no destination for', async () => {
      const poolId = await newPool();
      await createUser(poolId, 'ivan', { email: 'ivan@example.com' });
      await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'judy', UserAttributes: attrs({ email: 'judy@example.com' }) }));
      expect(sandbox.app.store.outbox.list({ poolId, limit: 10 })).toEqual([]);
    });

    it('RESEND issues a new temporary password to a FORCE_CHANGE_PASSWORD user', async () => {
      const poolId = await newPool();
      await createUser(poolId, 'kate', { email: 'kate@example.com' }, { TemporaryPassword: 'First-Passw0rd' });
      clock.time += DAY;
      const { User } = await sandbox.cognito.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kate', MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] }),
      );
      expect(User).toMatchObject({ Username: 'kate', UserStatus: 'FORCE_CHANGE_PASSWORD' });
      expect(User!.UserLastModifiedDate).toEqual(new Date(clock.time));
      const [message] = sandbox.app.store.outbox.list({ poolId, limit: 1 });
      expect(message).toMatchObject({ channel: 'EMAIL', destination: 'kate@example.com', subject: 'Your temporary password' });
      const user = stored(poolId, 'kate');
      expect(verifyPassword(poolId, 'kate', message!.code!, user.password!)).toBe(true);
      expect(verifyPassword(poolId, 'kate', 'First-Passw0rd', user.password!)).toBe(false);
      expect(user.password!.expires).toBe(clock.time + 7 * DAY);
    });

    it('RESEND needs an existing user who has not yet signed in', async () => {
      const poolId = await newPool();
      const resend = (Username: string) => sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'RESEND' }));
      await expect(resend('nobody')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
      await createUser(poolId, 'leo');
      await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'leo', Password: 'Perm-Passw0rd!', Permanent: true }));
      await expect(resend('leo')).rejects.toMatchObject({ name: 'UnsupportedUserStateException' });
    });
  });
});

describe('AdminGetUser', () => {
  it('returns the user with its attributes, dates, status and MFA settings', async () => {
    const poolId = await newPool();
    const created = await createUser(poolId, 'mallory', { email: 'm@example.com' });
    const user = await getUser(poolId, 'mallory');
    expect(user).toMatchObject({
      Username: 'mallory',
      UserAttributes: created.Attributes,
      UserCreateDate: created.UserCreateDate,
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
    });
    expect(user.MFAOptions).toBeUndefined();
    expect(user.PreferredMfaSetting).toBeUndefined();
    expect(user.UserMFASettingList).toBeUndefined();

    const record = stored(poolId, 'mallory');
    sandbox.app.store.users.save({ ...record, mfa: { enabled: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' } });
    const withMfa = await getUser(poolId, 'mallory');
    expect(withMfa.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect(withMfa.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(withMfa.UserMFASettingList).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
  });

  it('finds a user by sub, and tells unknown users and pools apart', async () => {
    const poolId = await newPool();
    const created = await createUser(poolId, 'niaj');
    const bySub = await getUser(poolId, valueOf(created.Attributes, 'sub')!);
    expect(bySub.Username).toBe('niaj');
    await expect(getUser(poolId, 'Niaj')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    await expect(getUser(MISSING_POOL, 'niaj')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('AdminDeleteUser', () => {
  it('deletes the user', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'olivia');
    const response = await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'olivia' }));
    expect(response.$metadata.httpStatusCode).toBe(200);
    await expect(getUser(poolId, 'olivia')).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'olivia' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    await createUser(poolId, 'olivia');
  });
});

describe('AdminDisableUser and AdminEnableUser', () => {
  it('toggle Enabled and touch the modification date', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'peggy');
    clock.time += 1000;
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'peggy' }));
    const disabled = await getUser(poolId, 'peggy');
    expect(disabled.Enabled).toBe(false);
    expect(disabled.UserLastModifiedDate).toEqual(new Date(clock.time));
    await sandbox.cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'peggy' }));
    expect((await getUser(poolId, 'peggy')).Enabled).toBe(true);
    await expect(sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'nobody' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    await expect(sandbox.cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'nobody' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });
});

describe('AdminSetUserPassword', () => {
  it('confirms the user with a permanent password', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'quinn');
    await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'quinn', Password: 'Perm-Passw0rd!', Permanent: true }));
    expect((await getUser(poolId, 'quinn')).UserStatus).toBe('CONFIRMED');
    const user = stored(poolId, 'quinn');
    expect(user.password!.expires).toBeUndefined();
    expect(user.passwordChanged).toBe(clock.time);
    expect(verifyPassword(poolId, 'quinn', 'Perm-Passw0rd!', user.password!)).toBe(true);
  });

  it('makes a temporary password expire and forces a change', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'rupert');
    await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'rupert', Password: 'Perm-Passw0rd!', Permanent: true }));
    await sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'rupert', Password: 'Temp-Passw0rd!' }));
    expect((await getUser(poolId, 'rupert')).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(stored(poolId, 'rupert').password!.expires).toBe(clock.time + 7 * DAY);
  });

  it('applies the password policy and needs an existing user', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'sybil');
    const set = (Username: string, Password: string) => sandbox.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username, Password, Permanent: true }));
    await expect(set('sybil', 'weak')).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    await expect(set('sybil', 'Nosymbols123')).rejects.toMatchObject({ message: 'Password did not conform with policy: Password must have symbol characters' });
    await expect(set('nobody', 'Perm-Passw0rd!')).rejects.toMatchObject({ name: 'UserNotFoundException' });
    const r = await rawCall(sandbox.url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: 'sybil', Password: 'has space' });
    expect(r.json.__type).toBe('InvalidParameterException');
    expect(r.json.message).not.toContain('has space');
  });
});

describe('AdminConfirmSignUp', () => {
  it('confirms an UNCONFIRMED user and refuses any other state', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'trent');
    sandbox.app.store.users.save({ ...stored(poolId, 'trent'), status: 'UNCONFIRMED' });
    await sandbox.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'trent', ClientMetadata: { source: 'test' } }));
    expect((await getUser(poolId, 'trent')).UserStatus).toBe('CONFIRMED');
    await expect(sandbox.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'trent' }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
    await createUser(poolId, 'uma');
    await expect(sandbox.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'uma' }))).rejects.toMatchObject({
      message: 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD',
    });
    await expect(sandbox.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'nobody' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });
});

describe('AdminUpdateUserAttributes', () => {
  it('sets, replaces and (with a blank value) deletes attributes', async () => {
    const poolId = await newPool({ Schema: [{ Name: 'plan', AttributeDataType: 'String' }] });
    await createUser(poolId, 'victor', { given_name: 'Victor', family_name: 'V' });
    clock.time += 1000;
    await sandbox.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'victor',
        UserAttributes: attrs({ given_name: 'Vic', 'custom:plan': 'pro', family_name: '' }),
      }),
    );
    const user = await getUser(poolId, 'victor');
    expect(user.UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'given_name', 'custom:plan']);
    expect(valueOf(user.UserAttributes, 'given_name')).toBe('Vic');
    expect(user.UserLastModifiedDate).toEqual(new Date(clock.time));
  });

  it('un-verifies a changed email unless the request verifies it', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'wendy', { email: 'w@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' });
    const update = (values: Record<string, string>) =>
      sandbox.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'wendy', UserAttributes: attrs(values) }));
    await update({ email: 'w2@example.com' });
    let user = await getUser(poolId, 'wendy');
    expect(valueOf(user.UserAttributes, 'email')).toBe('w2@example.com');
    expect(valueOf(user.UserAttributes, 'email_verified')).toBe('false');
    expect(valueOf(user.UserAttributes, 'phone_number_verified')).toBe('true');
    await update({ phone_number: '+15555550199', phone_number_verified: 'true' });
    user = await getUser(poolId, 'wendy');
    expect(valueOf(user.UserAttributes, 'phone_number_verified')).toBe('true');
    await update({ email: 'w2@example.com', email_verified: 'true' });
    expect(valueOf((await getUser(poolId, 'wendy')).UserAttributes, 'email_verified')).toBe('true');
    await update({ email: 'w2@example.com' });
    expect(valueOf((await getUser(poolId, 'wendy')).UserAttributes, 'email_verified')).toBe('true');
  });

  it('refuses unknown, immutable and malformed attributes with Cognito\'s messages', async () => {
    const poolId = await newPool({ Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: false }] });
    await createUser(poolId, 'xavier', { 'custom:tenant': 'acme' });
    const update = (values: Record<string, string>) =>
      sandbox.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'xavier', UserAttributes: attrs(values) }));
    await expect(update({ update_email: 'x' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'user.update_email: Attribute does not exist in the schema.\n',
    });
    await expect(update({ 'custom:tenant': 'evil' })).rejects.toMatchObject({
      message: 'Invalid user attributes: user.custom:tenant: Attribute cannot be updated. (changing an immutable attribute)',
    });
    await expect(update({ sub: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      message: 'Invalid user attributes: user.sub: Attribute cannot be updated. (changing an immutable attribute)',
    });
    await expect(update({ email: 'nope' })).rejects.toMatchObject({ message: 'Invalid email address format.' });
    await expect(update({ email_verified: 'true' })).rejects.toMatchObject({ message: 'Email is required to verify/un-verify an email' });
    await expect(
      sandbox.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'nobody', UserAttributes: attrs({ name: 'x' }) })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('refuses to blank a required attribute', async () => {
    const poolId = await newPool({ Schema: [{ Name: 'email', Required: true }] });
    await createUser(poolId, 'yara', { email: 'y@example.com' });
    await expect(
      sandbox.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'yara', UserAttributes: attrs({ email: '' }) })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Attributes did not conform to the schema: email: The attribute is required\n' });
  });
});

describe('AdminDeleteUserAttributes', () => {
  it('removes attributes, and the verified flag with its email', async () => {
    const poolId = await newPool();
    await createUser(poolId, 'zoe', { email: 'z@example.com', email_verified: 'true', nickname: 'Z', locale: 'fr' });
    await sandbox.cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'zoe', UserAttributeNames: ['email', 'nickname'] }));
    const user = await getUser(poolId, 'zoe');
    expect(user.UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'locale']);
  });

  it('refuses required, immutable and unknown attributes', async () => {
    const poolId = await newPool({ Schema: [{ Name: 'name', Required: true }, { Name: 'tenant', AttributeDataType: 'String', Mutable: false }] });
    await createUser(poolId, 'amy', { name: 'Amy', 'custom:tenant': 'acme' });
    const remove = (names: string[]) => sandbox.cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'amy', UserAttributeNames: names }));
    await expect(remove(['name'])).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: name.formatted: The attribute is required\n',
    });
    await expect(remove(['custom:tenant'])).rejects.toMatchObject({
      message: 'Invalid user attributes: user.custom:tenant: Attribute cannot be updated. (changing an immutable attribute)',
    });
    await expect(remove(['custom:nothing'])).rejects.toMatchObject({ message: 'user.custom:nothing: Attribute does not exist in the schema.\n' });
    expect((await getUser(poolId, 'amy')).UserAttributes).toHaveLength(3);
  });
});

describe('AdminResetUserPassword', () => {
  it('requires a reset and sends a code to the verified email, by the pool\'s verification template', async () => {
    const poolId = await newPool({
      VerificationMessageTemplate: { EmailSubject: 'Reset', EmailMessage: 'Your code: {####}', SmsMessage: 'SMS code {####}' },
    });
    await createUser(poolId, 'ben', { email: 'ben@example.com', email_verified: 'true' });
    const events = await eventsDuring(sandbox.app, () => sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'ben' })));
    expect((await getUser(poolId, 'ben')).UserStatus).toBe('RESET_REQUIRED');
    const [message] = sandbox.app.store.outbox.list({ poolId, limit: 1 });
    expect(message).toMatchObject({ channel: 'EMAIL', destination: 'ben@example.com', purpose: 'AdminResetUserPassword', subject: 'Reset' });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect(message!.body).toBe(`Your code: ${message!.code}`);
    expect(stored(poolId, 'ben').extra.passwordResetCode).toEqual({ code: message!.code, expires: clock.time + 60 * 60 * 1000 });
    const sent = events.find((e) => e.type === 'message.sent')!;
    expect(sent.data).toMatchObject({ body: `Your code: ${message!.code}`, code: message!.code });
  });

  it('prefers a verified phone without a recovery setting, and follows the setting\'s priority with one', async () => {
    const legacy = await newPool();
    await createUser(legacy, 'cat', { email: 'cat@example.com', email_verified: 'true', phone_number: '+15555550111', phone_number_verified: 'true' });
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: legacy, Username: 'cat' }));
    expect(sandbox.app.store.outbox.list({ poolId: legacy, limit: 1 })[0]).toMatchObject({
      channel: 'SMS',
      destination: '+15555550111',
      body: expect.stringMatching(/^Your verification code is \d{6}\. $/),
    });

    const emailFirst = await newPool({
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] },
    });
    await createUser(emailFirst, 'cat', { email: 'cat@example.com', email_verified: 'true', phone_number: '+15555550111', phone_number_verified: 'true' });
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: emailFirst, Username: 'cat' }));
    expect(sandbox.app.store.outbox.list({ poolId: emailFirst, limit: 1 })[0]).toMatchObject({ channel: 'EMAIL', subject: 'Your verification code' });
  });

  it('resets without a message with admin-only recovery, and refuses a user with nowhere to send a code', async () => {
    const adminOnly = await newPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } });
    await createUser(adminOnly, 'dan', { email: 'dan@example.com', email_verified: 'true' });
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: adminOnly, Username: 'dan' }));
    expect((await getUser(adminOnly, 'dan')).UserStatus).toBe('RESET_REQUIRED');
    expect(sandbox.app.store.outbox.list({ poolId: adminOnly, limit: 1 })).toEqual([]);

    const poolId = await newPool();
    await createUser(poolId, 'eve', { email: 'eve@example.com' });
    await expect(sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'eve' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
    expect((await getUser(poolId, 'eve')).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    await expect(sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'nobody' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });
});
