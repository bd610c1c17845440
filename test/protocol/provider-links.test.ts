/**
 * AdminLinkProviderForUser and AdminDisableProviderForUser through the AWS SDK, with every
 * refusal; a linked identity signing in (signInFederatedUser, as the hosted login runs it) as its
 * destination; links going with their user and their provider, and surviving a restart.
 */
import {
  AdminDeleteUserCommand,
  AdminDisableProviderForUserCommand,
  AdminLinkProviderForUserCommand,
  AddCustomAttributesCommand,
  AdminUpdateUserAttributesCommand,
  DeleteIdentityProviderCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  type ProviderUserIdentifierType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { adminGetUser, attributesOf, corp, federatedWorld, google, okta, SAML_EMAIL, signInAs, type FederatedWorld } from '../support/federated-users.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser } from '../support/world.js';

const START = Date.UTC(2025, 5, 7, 8, 9, 10);
const PASSWORD = 'Passw0rd!';
const clock = testClock(START);
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox?.close());

const cognito = (username: string): ProviderUserIdentifierType => ({ ProviderName: 'Cognito', ProviderAttributeValue: username });
const subject = (ProviderName: string, ProviderAttributeValue: string): ProviderUserIdentifierType => ({ ProviderName, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue });

function link(world: FederatedWorld, DestinationUser: ProviderUserIdentifierType, SourceUser: ProviderUserIdentifierType) {
  return sandbox.cognito.send(new AdminLinkProviderForUserCommand({ UserPoolId: world.poolId, DestinationUser, SourceUser }));
}

function disable(world: FederatedWorld, User: ProviderUserIdentifierType) {
  return sandbox.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: world.poolId, User }));
}

async function usernames(world: FederatedWorld): Promise<string[]> {
  const { Users } = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: world.poolId }));
  return (Users ?? []).map((user) => user.Username!).sort();
}

async function identitiesOf(world: FederatedWorld, username: string): Promise<unknown[]> {
  const value = attributesOf((await adminGetUser(sandbox, world, username)).UserAttributes).identities;
  return value ? JSON.parse(value) : [];
}

/** A world with the native user `alice` (email alice@example.com, verified). */
async function worldWithAlice(): Promise<FederatedWorld> {
  const world = await federatedWorld(sandbox);
  await createAdminUser(sandbox.cognito, world.poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true' } });
  return world;
}

const rejection = (name: string, message: string) => expect.objectContaining({ name, message });

describe('AdminLinkProviderForUser', () => {
  it('links a Google identity to a native user: its identities list it, and the identity signs in as that user', async () => {
    const world = await worldWithAlice();
    clock.time = START;
    expect(await link(world, cognito('alice'), subject('Google', '2001'))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(await identitiesOf(world, 'alice')).toEqual([
      { userId: '2001', providerName: 'Google', providerType: 'Google', issuer: null, primary: false, dateCreated: START },
    ]);

    const events = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, google('2001', { email: 'alice@gmail.example', name: 'Alice G' })));
    const mapped = events.find((e): e is Extract<SandboxEvent, { type: 'federation.mapped' }> => e.type === 'federation.mapped')!;
    expect(mapped.data).toMatchObject({ provider: 'Google', linkedTo: 'alice', user: { username: 'alice', status: 'CONFIRMED', created: false } });
    expect(await usernames(world)).toEqual(['alice']);
    // The mapping is written on the destination, its email unverified as for any mapped email.
    const alice = attributesOf((await adminGetUser(sandbox, world, 'alice')).UserAttributes);
    expect(alice).toMatchObject({ email: 'alice@gmail.example', email_verified: 'false', name: 'Alice G' });
    // The linked native user still signs in with its password.
    const signedIn = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
    );
    expect(signedIn.AuthenticationResult?.IdToken).toBeDefined();
  });

  it('links to a federated user named by its provider and id', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, google('3001', { email: 'g@example.com' }));
    await link(world, { ProviderName: 'Google', ProviderAttributeValue: '3001' }, subject('Okta', '00uLinked'));
    const user = await signInAs(sandbox, world, okta('00uLinked', { email: 'o@example.com' }));
    expect(user.username).toBe('Google_3001');
    expect((await identitiesOf(world, 'Google_3001')).map((i) => (i as { providerName: string }).providerName)).toEqual(['Google', 'Okta']);
  });

  it('links a SAML identity on a mapped attribute; the identity that signs in through it can then be unlinked by its NameID', async () => {
    const world = await worldWithAlice();
    await link(world, cognito('alice'), { ProviderName: 'Corp', ProviderAttributeName: 'email', ProviderAttributeValue: 'alice@corp.example' });
    const user = await signInAs(sandbox, world, corp('A-17', { [SAML_EMAIL]: 'alice@corp.example' }));
    expect(user.username).toBe('alice');

    await disable(world, subject('Corp', 'A-17'));
    expect(await identitiesOf(world, 'alice')).toEqual([]);
    const own = await signInAs(sandbox, world, corp('A-17', { [SAML_EMAIL]: 'alice@corp.example' }));
    expect(own.username).toBe('Corp_A-17');
  });

  it('refuses a Cognito user as the source', async () => {
    const world = await worldWithAlice();
    await expect(link(world, cognito('alice'), { ProviderName: 'Cognito', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'bob' })).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser'),
    );
  });

  it('refuses a provider the pool does not have, a social identity named by another attribute, and incomplete users', async () => {
    const world = await worldWithAlice();
    await expect(link(world, cognito('alice'), subject('Nope', '1'))).rejects.toEqual(
      rejection('ResourceNotFoundException', `Identity provider Nope for tenantId ${world.poolId} does not exist.`),
    );
    await expect(link(world, cognito('alice'), { ProviderName: 'Google', ProviderAttributeName: 'email', ProviderAttributeValue: 'a@gmail.example' })).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid SourceUser: a Google identity is linked on Cognito_Subject, not email.'),
    );
    await expect(link(world, cognito('alice'), { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject' })).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid SourceUser: ProviderAttributeValue is required.'),
    );
    await expect(link(world, { ProviderName: 'Cognito' }, subject('Google', '1'))).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid DestinationUser: ProviderAttributeValue is required.'),
    );
  });

  it('refuses a destination that does not exist', async () => {
    const world = await worldWithAlice();
    await expect(link(world, cognito('nobody'), subject('Google', '1'))).rejects.toEqual(rejection('UserNotFoundException', 'User does not exist.'));
    await expect(link(world, { ProviderName: 'Google', ProviderAttributeValue: 'never-signed-in' }, subject('Okta', '1'))).rejects.toEqual(
      rejection('UserNotFoundException', 'User does not exist.'),
    );
  });

  it('refuses a source that has signed in already', async () => {
    const world = await worldWithAlice();
    await signInAs(sandbox, world, google('4001', { email: 'g@example.com' }));
    await expect(link(world, cognito('alice'), subject('Google', '4001'))).rejects.toEqual(
      rejection('InvalidParameterException', 'Merging is not currently supported, provide a SourceUser that has not been signed up in order to link'),
    );
  });

  it('refuses a source linked already, to this user or another', async () => {
    const world = await worldWithAlice();
    await createAdminUser(sandbox.cognito, world.poolId, 'bob', { password: PASSWORD, attributes: { email: 'bob@example.com' } });
    await link(world, cognito('alice'), subject('Google', '5001'));
    for (const destination of ['alice', 'bob']) {
      await expect(link(world, cognito(destination), subject('Google', '5001'))).rejects.toEqual(
        rejection('InvalidParameterException', 'SourceUser is already linked to DestinationUser'),
      );
    }
  });

  it('links at most five identities to a user', async () => {
    const world = await worldWithAlice();
    for (let i = 1; i <= 5; i += 1) await link(world, cognito('alice'), subject('Okta', `00uLimit${i}`));
    await expect(link(world, cognito('alice'), subject('Okta', '00uLimit6'))).rejects.toEqual(
      rejection('LimitExceededException', 'A user can be linked to at most 5 identities from identity providers.'),
    );
    expect(await identitiesOf(world, 'alice')).toHaveLength(5);
  });

  it('refuses a destination holding an immutable attribute', async () => {
    const world = await worldWithAlice();
    await sandbox.cognito.send(
      new AddCustomAttributesCommand({ UserPoolId: world.poolId, CustomAttributes: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: false }] }),
    );
    await createAdminUser(sandbox.cognito, world.poolId, 'carol', { password: PASSWORD, attributes: { email: 'c@example.com', 'custom:tenant': 'acme' } });
    await expect(link(world, cognito('carol'), subject('Google', '6001'))).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid DestinationUser: its attributes must all be mutable, and custom:tenant is not.'),
    );
  });

  it('answers bad requests as Cognito does', async () => {
    const missingPool = await rawCall(sandbox.url, 'AdminLinkProviderForUser', {
      UserPoolId: 'us-east-1_Missing00',
      DestinationUser: cognito('alice'),
      SourceUser: subject('Google', '1'),
    });
    expect(missingPool.json).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.' });
    const noSource = await rawCall(sandbox.url, 'AdminLinkProviderForUser', { UserPoolId: 'us-east-1_Missing00', DestinationUser: cognito('alice') });
    expect(noSource.status).toBe(400);
    expect(noSource.json.__type).toBe('InvalidParameterException');
    expect(noSource.json.message).toContain("'sourceUser'");
    const wrongType = await rawCall(sandbox.url, 'AdminLinkProviderForUser', { UserPoolId: 'us-east-1_Missing00', DestinationUser: 'alice', SourceUser: {} });
    expect(wrongType.json.__type).toBe('SerializationException');
    const longName = await rawCall(sandbox.url, 'AdminLinkProviderForUser', {
      UserPoolId: 'us-east-1_Missing00',
      DestinationUser: cognito('alice'),
      SourceUser: subject('G'.repeat(33), '1'),
    });
    expect(longName.json.__type).toBe('InvalidParameterException');
  });
});

describe('AdminDisableProviderForUser', () => {
  it('unlinks a linked identity: it leaves identities, and the identity then signs in as its own user', async () => {
    const world = await worldWithAlice();
    await link(world, cognito('alice'), subject('Google', '7001'));
    await disable(world, subject('Google', '7001'));
    expect(await identitiesOf(world, 'alice')).toEqual([]);
    const user = await signInAs(sandbox, world, google('7001', { email: 'g7@example.com' }));
    expect(user.username).toBe('Google_7001');
    expect(await usernames(world)).toEqual(['Google_7001', 'alice']);
  });

  it('keeps a federated user that is not linked from signing in', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, google('8001', { email: 'g8@example.com' }));
    await disable(world, subject('Google', '8001'));
    expect((await adminGetUser(sandbox, world, 'Google_8001')).Enabled).toBe(false);
    await expect(signInAs(sandbox, world, google('8001', { email: 'g8@example.com' }))).rejects.toEqual(
      expect.objectContaining({ type: 'NotAuthorizedException', message: 'User is disabled.' }),
    );
  });

  it("turns off a Cognito user's password sign-in", async () => {
    const world = await worldWithAlice();
    await disable(world, subject('Cognito', 'alice'));
    await expect(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } })),
    ).rejects.toEqual(rejection('NotAuthorizedException', 'User is not authorized to get auth details.'));
  });

  it('refuses what names nobody, a provider the pool does not have, and the wrong attribute', async () => {
    const world = await worldWithAlice();
    await expect(disable(world, subject('Google', 'nobody'))).rejects.toEqual(rejection('UserNotFoundException', 'User does not exist.'));
    await expect(disable(world, subject('Cognito', 'nobody'))).rejects.toEqual(rejection('UserNotFoundException', 'User does not exist.'));
    await expect(disable(world, subject('Nope', '1'))).rejects.toEqual(
      rejection('ResourceNotFoundException', `Identity provider Nope for tenantId ${world.poolId} does not exist.`),
    );
    await expect(disable(world, { ProviderName: 'Google', ProviderAttributeName: 'email', ProviderAttributeValue: 'x' })).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid User: a Google identity is named by Cognito_Subject, not email.'),
    );
    await expect(disable(world, { ProviderName: 'Cognito', ProviderAttributeName: 'username', ProviderAttributeValue: 'alice' })).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid User: a Cognito user is named by Cognito_Subject, not username.'),
    );
    await expect(disable(world, { ProviderName: 'Google', ProviderAttributeValue: '1' })).rejects.toEqual(
      rejection('InvalidParameterException', 'Invalid User: ProviderAttributeName is required.'),
    );
  });
});

describe('links and what they hang off', () => {
  it('go with their destination user (AdminDeleteUser) and with their provider (DeleteIdentityProvider)', async () => {
    const world = await worldWithAlice();
    await link(world, cognito('alice'), subject('Google', '9001'));
    await link(world, cognito('alice'), subject('Okta', '00uGone'));
    const alice = sandbox.app.store.users.findByKey(world.poolId, 'alice')!;
    expect(sandbox.app.store.providerLinks.forUser(world.poolId, alice.sub).map((l) => l.providerName)).toEqual(['Google', 'Okta']);

    await sandbox.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: world.poolId, ProviderName: 'Okta' }));
    expect(sandbox.app.store.providerLinks.forUser(world.poolId, alice.sub).map((l) => l.providerName)).toEqual(['Google']);

    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: world.poolId, Username: 'alice' }));
    expect(sandbox.app.store.providerLinks.forUser(world.poolId, alice.sub)).toEqual([]);
    const user = await signInAs(sandbox, world, google('9001', { email: 'g9@example.com' }));
    expect(user.username).toBe('Google_9001');
  });

  it('survive a restart, and so does their removal', async () => {
    const dataDir = tempDir('provider-links-');
    const first = await startSandbox({ dataDir });
    const world = await federatedWorld(first);
    await createAdminUser(first.cognito, world.poolId, 'dora', { password: PASSWORD, attributes: { email: 'dora@example.com' } });
    await first.cognito.send(
      new AdminLinkProviderForUserCommand({ UserPoolId: world.poolId, DestinationUser: cognito('dora'), SourceUser: subject('Google', '10001') }),
    );
    await createAdminUser(first.cognito, world.poolId, 'erin', { password: PASSWORD, attributes: { email: 'erin@example.com' } });
    await first.cognito.send(
      new AdminLinkProviderForUserCommand({ UserPoolId: world.poolId, DestinationUser: cognito('erin'), SourceUser: subject('Google', '10002') }),
    );
    await first.cognito.send(new AdminDeleteUserCommand({ UserPoolId: world.poolId, Username: 'erin' }));
    await first.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: world.poolId, Username: 'dora', UserAttributes: [{ Name: 'nickname', Value: 'd' }] }));
    await first.close();

    const second = await startSandbox({ dataDir });
    try {
      expect((await signInAs(second, world, google('10001', { email: 'd@gmail.example' }))).username).toBe('dora');
      expect((await signInAs(second, world, google('10002', { email: 'e@gmail.example' }))).username).toBe('Google_10002');
    } finally {
      await second.close();
    }
  });
});
