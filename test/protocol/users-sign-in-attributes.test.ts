import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ListUsersCommand,
  type AdminCreateUserCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src-main/auth/srp.js';
import { attrs, valueOf } from '../support/attributes.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool, createSilentUser } from '../support/world.js';
import { resolveUser } from '../../src-main/cognito/usernames.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const newPool = (settings: Partial<CreateUserPoolCommandInput> = {}) => createPool(sandbox.cognito, { PoolName: 'sign-in', ...settings });

const create = (poolId: string, Username: string, attributes: Record<string, string> = {}, extra: Partial<AdminCreateUserCommandInput> = {}) =>
  createSilentUser(sandbox.cognito, poolId, Username, attributes, extra);

const get = (poolId: string, Username: string) => sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }));

describe('username case sensitivity', () => {
  it('keeps Alice and alice apart in a case-sensitive pool (the API default)', async () => {
    const poolId = await newPool();
    await create(poolId, 'Alice');
    await create(poolId, 'alice');
    expect((await get(poolId, 'Alice')).Username).toBe('Alice');
    expect((await get(poolId, 'alice')).Username).toBe('alice');
    await expect(get(poolId, 'ALICE')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('finds a user whatever the case in a case-insensitive pool, keeping the name as created', async () => {
    const poolId = await newPool({ UsernameConfiguration: { CaseSensitive: false } });
    await create(poolId, 'Alice', {}, { TemporaryPassword: 'Temp-Passw0rd' });
    expect((await get(poolId, 'ALICE')).Username).toBe('Alice');
    await expect(create(poolId, 'aLiCe')).rejects.toMatchObject({ name: 'UsernameExistsException', message: 'User account already exists' });
    const listed = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "alice"' }));
    expect(listed.Users!.map((u) => u.Username)).toEqual(['Alice']);
    // SRP hashes the username as stored: what the server will send as USER_ID_FOR_SRP.
    const user = resolveUser(sandbox.app.store, sandbox.app.store.pools.findById(poolId)!, 'alice')!;
    expect(verifyPassword(poolId, 'Alice', 'Temp-Passw0rd', user.password!)).toBe(true);
  });
});

describe('email or phone number as the username', () => {
  it('makes the given email the email attribute and the sub the username', async () => {
    const poolId = await newPool({ UsernameAttributes: ['email'] });
    const user = await create(poolId, 'jo@example.com', { given_name: 'Jo' }, { TemporaryPassword: 'Temp-Passw0rd' });
    const sub = valueOf(user.Attributes, 'sub')!;
    expect(user.Username).toBe(sub);
    expect(valueOf(user.Attributes, 'email')).toBe('jo@example.com');
    expect((await get(poolId, 'jo@example.com')).Username).toBe(sub);
    expect((await get(poolId, 'JO@example.com')).Username).toBe(sub);
    expect((await get(poolId, sub)).Username).toBe(sub);
    const stored = sandbox.app.store.users.findBySub(poolId, sub)!;
    expect(verifyPassword(poolId, sub, 'Temp-Passw0rd', stored.password!)).toBe(true);
  });

  it('refuses a username that is not an email, and an email already taken', async () => {
    const poolId = await newPool({ UsernameAttributes: ['email'] });
    await expect(create(poolId, 'jo')).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Username should be an email.' });
    await create(poolId, 'jo@example.com');
    await expect(create(poolId, 'Jo@Example.com')).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('takes phone numbers in phone pools and either in pools that allow both', async () => {
    const phonePool = await newPool({ UsernameAttributes: ['phone_number'] });
    await expect(create(phonePool, 'jo@example.com')).rejects.toMatchObject({ message: 'Username should be a phone number.' });
    const byPhone = await create(phonePool, '+15555550100');
    expect(valueOf(byPhone.Attributes, 'phone_number')).toBe('+15555550100');
    expect((await get(phonePool, '+15555550100')).Username).toBe(byPhone.Username);

    const both = await newPool({ UsernameAttributes: ['email', 'phone_number'] });
    await expect(create(both, 'jo')).rejects.toMatchObject({ message: 'Username should be either an email or a phone number.' });
    const withEmail = await create(both, 'jo@example.com', { phone_number: '+15555550101' });
    expect((await get(both, '+15555550101')).Username).toBe(withEmail.Username);
  });

  it('does not find users by a username alias in ListUsers', async () => {
    const poolId = await newPool({ UsernameAttributes: ['email'] });
    const user = await create(poolId, 'list@example.com');
    const byUsername = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "list@example.com"' }));
    expect(byUsername.Users).toEqual([]);
    const byEmail = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "list@example.com"' }));
    expect(byEmail.Users!.map((u) => u.Username)).toEqual([user.Username]);
  });
});

describe('aliases', () => {
  it('refuses usernames shaped like the aliases they would shadow', async () => {
    const poolId = await newPool({ AliasAttributes: ['email', 'phone_number'] });
    await expect(create(poolId, 'kim@example.com')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Username cannot be of email format, since user pool is configured for email alias.',
    });
    await expect(create(poolId, '+15555550100')).rejects.toMatchObject({
      message: 'Username cannot be of phone number format, since user pool is configured for phone_number alias.',
    });
  });

  it('finds users by a verified email or phone alias and by preferred_username', async () => {
    const poolId = await newPool({ AliasAttributes: ['email', 'phone_number', 'preferred_username'] });
    await create(poolId, 'kim', { email: 'kim@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true', preferred_username: 'Kimmy' });
    await create(poolId, 'lou', { email: 'lou@example.com' });
    expect((await get(poolId, 'KIM@example.com')).Username).toBe('kim');
    expect((await get(poolId, '+15555550100')).Username).toBe('kim');
    expect((await get(poolId, 'kimmy')).Username).toBe('kim');
    await expect(get(poolId, 'lou@example.com')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('keeps a verified email alias unique, unless ForceAliasCreation moves it', async () => {
    const poolId = await newPool({ AliasAttributes: ['email'] });
    await create(poolId, 'max', { email: 'shared@example.com', email_verified: 'true' });
    await create(poolId, 'ned', { email: 'shared@example.com' });
    await expect(create(poolId, 'oli', { email: 'shared@example.com', email_verified: 'true' })).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
    await create(poolId, 'oli', { email: 'shared@example.com', email_verified: 'true' }, { ForceAliasCreation: true });
    expect(valueOf((await get(poolId, 'max')).UserAttributes, 'email_verified')).toBe('false');
    expect((await get(poolId, 'shared@example.com')).Username).toBe('oli');
    await expect(
      sandbox.cognito.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'max', UserAttributes: attrs({ email_verified: 'true' }) }),
      ),
    ).rejects.toMatchObject({ name: 'AliasExistsException', message: 'An account with the given email already exists.' });
  });

  it('keeps preferred_username unique, even with ForceAliasCreation', async () => {
    const poolId = await newPool({ AliasAttributes: ['preferred_username'] });
    await create(poolId, 'pat', { preferred_username: 'thepat' });
    await expect(create(poolId, 'quin', { preferred_username: 'ThePat' }, { ForceAliasCreation: true })).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given preferred_username already exists.',
    });
    await create(poolId, 'quin', { preferred_username: 'quinny' });
    await expect(
      sandbox.cognito.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'quin', UserAttributes: attrs({ preferred_username: 'thepat' }) }),
      ),
    ).rejects.toMatchObject({ name: 'AliasExistsException' });
  });

  it('lets users share values that are not aliases in the pool', async () => {
    const poolId = await newPool();
    await create(poolId, 'ray', { email: 'same@example.com', email_verified: 'true', preferred_username: 'same' });
    await create(poolId, 'sam', { email: 'same@example.com', email_verified: 'true', preferred_username: 'same' });
    await expect(get(poolId, 'same@example.com')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});
