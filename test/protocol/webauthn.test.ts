/**
 * Passkeys: StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
 * DeleteWebAuthnCredential driven with the AWS SDK and a software authenticator, every refusal
 * Cognito documents for them; and the WEB_AUTHN challenge's two steps (passkeyChallenge,
 * verifyPasskeyAssertion) against the same sandbox's store.
 */
import {
  AdminDeleteUserCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteWebAuthnCredentialCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  UpdateUserPoolCommand,
  type CreateUserPoolCommandInput,
  type WebAuthnConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passkeyChallenge, verifyPasskeyAssertion, type PasskeyChallenge } from '../../src-main/cognito/webauthn.js';
import { testClock } from '../support/clock.js';
import { SoftwareAuthenticator, type CreationOptionsJson, type RequestOptionsJson } from '../support/passkeys.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const START = Date.UTC(2025, 2, 4, 5, 6, 7);
const clock = testClock(START);
const PASSWORD = 'Passw0rd!';
const ORIGIN = 'http://localhost:5173';
const PASSKEYS_ALLOWED: Partial<CreateUserPoolCommandInput> = { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

interface Account {
  poolId: string;
  clientId: string;
  username: string;
  accessToken: string;
}

async function signIn(clientId: string, username: string): Promise<string> {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return AuthenticationResult!.AccessToken!;
}

async function newClient(poolId: string): Promise<string> {
  return (await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).clientId;
}

/** A signed-in user of a new pool (which allows passkeys unless told otherwise). */
async function signedIn(pool: Partial<CreateUserPoolCommandInput> = PASSKEYS_ALLOWED, webAuthn?: WebAuthnConfigurationType): Promise<Account> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'passkeys', ...pool });
  if (webAuthn) await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: webAuthn }));
  const clientId = await newClient(poolId);
  return anotherUser({ poolId, clientId }, 'alice');
}

async function anotherUser(account: { poolId: string; clientId: string }, username: string): Promise<Account> {
  await createAdminUser(sandbox.cognito, account.poolId, username, { password: PASSWORD });
  return { ...account, username, accessToken: await signIn(account.clientId, username) };
}

async function startRegistration(account: Account): Promise<CreationOptionsJson> {
  const { CredentialCreationOptions } = await sandbox.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: account.accessToken }));
  return CredentialCreationOptions as unknown as CreationOptionsJson;
}

const completeRegistration = (account: Account, credential: unknown) =>
  sandbox.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: account.accessToken, Credential: credential as never }));

/** Start, answer with `authenticator` from ORIGIN, complete: the new credential's id. */
async function registerPasskey(account: Account, authenticator = new SoftwareAuthenticator()): Promise<string> {
  const credential = authenticator.register(await startRegistration(account), ORIGIN);
  await completeRegistration(account, credential);
  return credential.id;
}

async function listPasskeys(account: Account, page: { MaxResults?: number; NextToken?: string } = {}) {
  return sandbox.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: account.accessToken, ...page }));
}

const subOf = (account: Account) => sandbox.app.store.users.findByKey(account.poolId, account.username)!.sub;

describe('StartWebAuthnRegistration', () => {
  it("answers credential creation options for the user, the pool's relying party and its user verification", async () => {
    const account = await signedIn();
    const options = await startRegistration(account);
    expect(options).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      rp: { id: 'localhost', name: 'localhost' },
      user: { id: Buffer.from(subOf(account)).toString('base64url'), name: 'alice', displayName: 'alice' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      timeout: 180000,
      excludeCredentials: [],
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
    });
    expect((await startRegistration(account)).challenge).not.toBe(options.challenge);
  });

  it('uses the configured RelyingPartyId and UserVerification, else the custom domain, else the prefix domain', async () => {
    const configured = await signedIn(PASSKEYS_ALLOWED, { RelyingPartyId: 'example.com', UserVerification: 'required' });
    const options = await startRegistration(configured);
    expect(options.rp).toEqual({ id: 'example.com', name: 'example.com' });
    expect(options.authenticatorSelection!.userVerification).toBe('required');

    const withDomains = await signedIn();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: withDomains.poolId, Domain: 'passkey-prefix' }));
    expect((await startRegistration(withDomains)).rp.id).toBe('passkey-prefix.auth.us-east-1.amazoncognito.com');
    const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-example11111';
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: withDomains.poolId, Domain: 'login.passkeys.example', CustomDomainConfig: { CertificateArn: CERT } }));
    expect((await startRegistration(withDomains)).rp.id).toBe('login.passkeys.example');
  });

  it('lists the passkeys the user has as excludeCredentials', async () => {
    const account = await signedIn();
    const id = await registerPasskey(account);
    expect((await startRegistration(account)).excludeCredentials).toEqual([{ type: 'public-key', id, transports: ['internal', 'hybrid'] }]);
  });

  it('is refused with WebAuthnNotEnabledException when the sign-in policy leaves WEB_AUTHN out, or on the LITE plan', async () => {
    for (const pool of [{}, { ...PASSKEYS_ALLOWED, UserPoolTier: 'LITE' as const }]) {
      const account = await signedIn(pool);
      await expect(startRegistration(account)).rejects.toMatchObject({
        name: 'WebAuthnNotEnabledException',
        message: 'Passkey sign-in is not enabled for this user pool.',
      });
    }
  });

  it('refuses an invalid, revoked or missing access token', async () => {
    const account = await signedIn();
    await expect(startRegistration({ ...account, accessToken: 'not-a-token' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' });
    await sandbox.cognito.send(new GlobalSignOutCommand({ AccessToken: account.accessToken }));
    await expect(startRegistration(account)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    const missing = await rawCall(sandbox.url, 'StartWebAuthnRegistration', {});
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('CompleteWebAuthnRegistration', () => {
  it('keeps the passkey; ListWebAuthnCredentials shows it', async () => {
    const account = await signedIn();
    clock.time = START + 1000;
    const id = await registerPasskey(account);
    const { Credentials, NextToken } = await listPasskeys(account);
    expect(NextToken).toBeUndefined();
    expect(Credentials).toEqual([
      {
        CredentialId: id,
        FriendlyCredentialName: 'Passkey',
        RelyingPartyId: 'localhost',
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal', 'hybrid'],
        CreatedAt: new Date(START + 1000),
      },
    ]);
  });

  it('refuses a replayed registration, an answer to another challenge, and one with no registration started: WebAuthnChallengeNotFoundException', async () => {
    const account = await signedIn();
    const notFound = { name: 'WebAuthnChallengeNotFoundException', message: 'The passkey registration challenge was not found or has expired.' };
    const authenticator = new SoftwareAuthenticator();
    const neverStarted: CreationOptionsJson = { challenge: 'bmV2ZXItaGFuZGVkLW91dA', rp: { id: 'localhost', name: 'localhost' }, user: { id: 'dQ', name: 'alice', displayName: 'alice' }, pubKeyCredParams: [] };
    await expect(completeRegistration(account, authenticator.register(neverStarted, ORIGIN))).rejects.toMatchObject(notFound);

    const options = await startRegistration(account);
    await expect(completeRegistration(account, authenticator.register(options, ORIGIN, { challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' }))).rejects.toMatchObject(notFound);
    const credential = authenticator.register(options, ORIGIN);
    await completeRegistration(account, credential);
    await expect(completeRegistration(account, credential)).rejects.toMatchObject(notFound);
    expect((await listPasskeys(account)).Credentials).toHaveLength(1);
  });

  it('refuses an answer after the challenge expired (3 minutes)', async () => {
    const account = await signedIn();
    const options = await startRegistration(account);
    clock.time += 3 * 60 * 1000;
    await expect(completeRegistration(account, new SoftwareAuthenticator().register(options, ORIGIN))).rejects.toMatchObject({
      name: 'WebAuthnChallengeNotFoundException',
    });
  });

  it("refuses another app client's access token: WebAuthnClientMismatchException", async () => {
    const account = await signedIn();
    const options = await startRegistration(account);
    const otherClient = { ...account, accessToken: await signIn(await newClient(account.poolId), account.username) };
    await expect(completeRegistration(otherClient, new SoftwareAuthenticator().register(options, ORIGIN))).rejects.toMatchObject({
      name: 'WebAuthnClientMismatchException',
      message: 'The access token was issued to another app client than the one that started the passkey registration.',
    });
  });

  it("refuses an origin outside the relying party: WebAuthnOriginNotAllowedException; allows its subdomains over https", async () => {
    const account = await signedIn(PASSKEYS_ALLOWED, { RelyingPartyId: 'example.com' });
    const authenticator = new SoftwareAuthenticator();
    for (const origin of ['https://evil.example', 'http://example.com', 'https://example.com.evil.example', 'https://notexample.com']) {
      await expect(completeRegistration(account, authenticator.register(await startRegistration(account), origin))).rejects.toMatchObject({
        name: 'WebAuthnOriginNotAllowedException',
        message: `The origin ${origin} does not match the relying party ID example.com.`,
      });
    }
    await completeRegistration(account, authenticator.register(await startRegistration(account), 'https://app.example.com'));
    expect((await listPasskeys(account)).Credentials!.map((c) => c.RelyingPartyId)).toEqual(['example.com']);
  });

  it('refuses a credential made for another relying party: WebAuthnRelyingPartyMismatchException', async () => {
    const account = await signedIn();
    const credential = new SoftwareAuthenticator().register(await startRegistration(account), ORIGIN, { rpId: 'evil.example' });
    await expect(completeRegistration(account, credential)).rejects.toMatchObject({
      name: 'WebAuthnRelyingPartyMismatchException',
      message: 'The passkey credential is not for the relying party ID localhost.',
    });
  });

  it('refuses a passkey without user verification where the pool requires it, and an unsupported key algorithm: WebAuthnCredentialNotSupportedException', async () => {
    const strict = await signedIn(PASSKEYS_ALLOWED, { UserVerification: 'required' });
    const unverified = new SoftwareAuthenticator({ userVerifying: false }).register(await startRegistration(strict), ORIGIN);
    await expect(completeRegistration(strict, unverified)).rejects.toMatchObject({ name: 'WebAuthnCredentialNotSupportedException' });

    const lenient = await signedIn();
    await completeRegistration(lenient, new SoftwareAuthenticator({ userVerifying: false }).register(await startRegistration(lenient), ORIGIN));
    const eddsa = new SoftwareAuthenticator({ algorithm: 'EdDSA' }).register(await startRegistration(lenient), ORIGIN);
    await expect(completeRegistration(lenient, eddsa)).rejects.toMatchObject({
      name: 'WebAuthnCredentialNotSupportedException',
      message: expect.stringContaining('Unexpected public key alg "-8"'),
    });
  });

  it('refuses a Credential that is not a RegistrationResponseJSON, or a missing one', async () => {
    const account = await signedIn();
    const options = await startRegistration(account);
    const good = new SoftwareAuthenticator().register(options, ORIGIN);
    const malformed = [
      'a string',
      [good],
      { ...good, type: 'password' },
      { ...good, response: { clientDataJSON: good.response.clientDataJSON } },
      { ...good, response: { ...good.response, transports: [1] } },
      { ...good, response: { ...good.response, clientDataJSON: 'bm90IGpzb24' } },
      new SoftwareAuthenticator().register(options, ORIGIN, { type: 'webauthn.get' }),
      { ...good, response: { ...good.response, attestationObject: 'AAAA' } },
    ];
    for (const credential of malformed) {
      await expect(completeRegistration(account, credential)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    }
    const missing = await rawCall(sandbox.url, 'CompleteWebAuthnRegistration', { AccessToken: account.accessToken });
    expect(missing.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'credential' failed to satisfy constraint: Member must not be null",
    });
    await completeRegistration(account, good);
  });

  it('refuses the completion once the pool stops allowing passkeys: WebAuthnNotEnabledException', async () => {
    const account = await signedIn();
    const options = await startRegistration(account);
    await sandbox.cognito.send(new UpdateUserPoolCommand({ UserPoolId: account.poolId, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } } }));
    await expect(completeRegistration(account, new SoftwareAuthenticator().register(options, ORIGIN))).rejects.toMatchObject({ name: 'WebAuthnNotEnabledException' });
  });

  it('refuses a 21st passkey: LimitExceededException', async () => {
    const account = await signedIn();
    for (let i = 0; i < 20; i++) await registerPasskey(account);
    const credential = new SoftwareAuthenticator().register(await startRegistration(account), ORIGIN);
    await expect(completeRegistration(account, credential)).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'A user can register at most 20 passkeys.',
    });
  });
});

describe('ListWebAuthnCredentials', () => {
  it('pages with MaxResults and NextToken, oldest first, and shows only the caller’s passkeys', async () => {
    const alice = await signedIn();
    const bob = await anotherUser(alice, 'bob');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.time += 1000;
      ids.push(await registerPasskey(alice));
    }
    await registerPasskey(bob);
    const first = await listPasskeys(alice, { MaxResults: 2 });
    expect(first.Credentials!.map((c) => c.CredentialId)).toEqual(ids.slice(0, 2));
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await listPasskeys(alice, { MaxResults: 2, NextToken: first.NextToken });
    expect(second.Credentials!.map((c) => c.CredentialId)).toEqual(ids.slice(2));
    expect(second.NextToken).toBeUndefined();
    expect((await listPasskeys(alice, { MaxResults: 0 })).Credentials).toHaveLength(3);
    expect((await listPasskeys(bob)).Credentials).toHaveLength(1);

    await expect(listPasskeys(bob, { NextToken: first.NextToken })).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });

  it('answers an empty list to a user with no passkeys, and refuses bad input', async () => {
    const account = await signedIn();
    expect((await listPasskeys(account)).Credentials).toEqual([]);
    const tooMany = await rawCall(sandbox.url, 'ListWebAuthnCredentials', { AccessToken: account.accessToken, MaxResults: 21 });
    expect(tooMany.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20",
    });
    const wrongType = await rawCall(sandbox.url, 'ListWebAuthnCredentials', { AccessToken: account.accessToken, MaxResults: 'ten' });
    expect(wrongType.json.__type).toBe('SerializationException');
    await expect(listPasskeys({ ...account, accessToken: 'abc.def.ghi' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' });
  });
});

describe('DeleteWebAuthnCredential', () => {
  const deletePasskey = (account: Account, CredentialId: string) =>
    sandbox.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: account.accessToken, CredentialId }));

  it("deletes the caller's own passkey; another user's, or an unknown one, is not found", async () => {
    const alice = await signedIn();
    const bob = await anotherUser(alice, 'bob');
    const alices = await registerPasskey(alice);
    const bobs = await registerPasskey(bob);
    const notFound = { name: 'ResourceNotFoundException', message: 'Credential not found.' };
    await expect(deletePasskey(alice, bobs)).rejects.toMatchObject(notFound);
    await expect(deletePasskey(alice, 'no-such-credential')).rejects.toMatchObject(notFound);
    expect((await listPasskeys(bob)).Credentials!.map((c) => c.CredentialId)).toEqual([bobs]);

    await deletePasskey(alice, alices);
    expect((await listPasskeys(alice)).Credentials).toEqual([]);
    await expect(deletePasskey(alice, alices)).rejects.toMatchObject(notFound);
    await expect(deletePasskey({ ...alice, accessToken: 'not-a-token' }, bobs)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('goes with its user and its pool', async () => {
    const alice = await signedIn();
    const bob = await anotherUser(alice, 'bob');
    const alices = await registerPasskey(alice);
    const bobs = await registerPasskey(bob);
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: alice.poolId, Username: 'alice' }));
    expect(sandbox.app.store.webAuthnCredentials.find(alice.poolId, alices)).toBeUndefined();
    expect(sandbox.app.store.webAuthnCredentials.find(bob.poolId, bobs)).toBeDefined();
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: bob.poolId }));
    expect(sandbox.app.store.webAuthnCredentials.find(bob.poolId, bobs)).toBeUndefined();
  });
});

describe('the WEB_AUTHN challenge: passkeyChallenge and verifyPasskeyAssertion', () => {
  const store = () => sandbox.app.store;
  const poolOf = (account: Account) => store().pools.findById(account.poolId)!;
  const userOf = (account: Account) => store().users.findByKey(account.poolId, account.username)!;
  const challengeFor = (account: Account): PasskeyChallenge => passkeyChallenge(sandbox.app.services, poolOf(account), userOf(account));
  const optionsOf = (challenge: PasskeyChallenge) => JSON.parse(challenge.credentialRequestOptions) as RequestOptionsJson;
  const verify = (account: Account, challenge: PasskeyChallenge, credential: unknown) =>
    verifyPasskeyAssertion(sandbox.app.services, poolOf(account), userOf(account), challenge, typeof credential === 'string' ? credential : JSON.stringify(credential));

  async function withPasskey(webAuthn?: WebAuthnConfigurationType, authenticator = new SoftwareAuthenticator()) {
    const account = await signedIn(PASSKEYS_ALLOWED, webAuthn);
    const credentialId = await registerPasskey(account, authenticator);
    return { account, authenticator, credentialId };
  }

  it('hands out CREDENTIAL_REQUEST_OPTIONS for the user’s passkeys and verifies an assertion, recording its counter', async () => {
    const { account, authenticator, credentialId } = await withPasskey();
    const challenge = challengeFor(account);
    expect(optionsOf(challenge)).toEqual({
      challenge: challenge.challenge,
      rpId: 'localhost',
      timeout: 180000,
      allowCredentials: [{ type: 'public-key', id: credentialId, transports: ['internal', 'hybrid'] }],
      userVerification: 'preferred',
    });
    expect(challenge.relyingPartyId).toBe('localhost');
    const assertion = authenticator.authenticate(optionsOf(challenge), ORIGIN);
    expect(await verify(account, challenge, assertion)).toEqual({ credentialId, userVerified: true });
    expect(store().webAuthnCredentials.find(account.poolId, credentialId)!.signCount).toBe(1);

    await expect(verify(account, challenge, assertion)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: expect.stringContaining('counter') });
    const next = challengeFor(account);
    expect(next.challenge).not.toBe(challenge.challenge);
    await verify(account, next, authenticator.authenticate(optionsOf(next), ORIGIN));
    expect(store().webAuthnCredentials.find(account.poolId, credentialId)!.signCount).toBe(2);
  });

  it('refuses an assertion for another challenge, origin or relying party, from another user’s passkey, or with a broken signature', async () => {
    const { account, authenticator } = await withPasskey();
    const refused = { name: 'NotAuthorizedException' };
    const challenge = challengeFor(account);
    const options = optionsOf(challenge);
    await expect(verify(account, challenge, authenticator.authenticate(options, ORIGIN, { challenge: 'YW5vdGhlcg' }))).rejects.toMatchObject({
      ...refused,
      message: 'Passkey authentication failed: the assertion answers another challenge.',
    });
    await expect(verify(account, challenge, authenticator.authenticate(options, 'https://evil.example'))).rejects.toMatchObject({
      ...refused,
      message: 'Passkey authentication failed: the origin https://evil.example does not match the relying party ID localhost.',
    });
    await expect(verify(account, challenge, authenticator.authenticate(options, ORIGIN, { rpId: 'evil.example' }))).rejects.toMatchObject({
      ...refused,
      message: 'Passkey authentication failed: the assertion is not for the relying party ID localhost.',
    });
    await expect(verify(account, challenge, authenticator.authenticate(options, ORIGIN, { userHandle: 'c29tZW9uZS1lbHNl' }))).rejects.toMatchObject({
      ...refused,
      message: 'Passkey authentication failed: the passkey belongs to another user.',
    });
    const tampered = authenticator.authenticate(options, ORIGIN);
    tampered.response.signature = Buffer.from('not a signature').toString('base64url');
    await expect(verify(account, challenge, tampered)).rejects.toMatchObject(refused);

    const bob = await anotherUser(account, 'bob');
    const bobsAuthenticator = new SoftwareAuthenticator();
    await registerPasskey(bob, bobsAuthenticator);
    const bobsAssertion = bobsAuthenticator.authenticate({ ...options, allowCredentials: [] }, ORIGIN, { userHandle: undefined });
    await expect(verify(account, challenge, bobsAssertion)).rejects.toMatchObject({
      ...refused,
      message: 'Passkey authentication failed: the passkey is not registered to this user.',
    });
  });

  it('requires user verification where the pool does', async () => {
    const authenticator = new SoftwareAuthenticator();
    const { account } = await withPasskey({ UserVerification: 'required' }, authenticator);
    const challenge = challengeFor(account);
    expect(optionsOf(challenge).userVerification).toBe('required');
    await expect(verify(account, challenge, authenticator.authenticate(optionsOf(challenge), ORIGIN, { userVerified: false }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: expect.stringContaining('User verification required'),
    });
    expect(await verify(account, challenge, authenticator.authenticate(optionsOf(challenge), ORIGIN))).toMatchObject({ userVerified: true });
  });

  it('refuses a CREDENTIAL that is not an AuthenticationResponseJSON', async () => {
    const { account, authenticator } = await withPasskey();
    const challenge = challengeFor(account);
    const good = authenticator.authenticate(optionsOf(challenge), ORIGIN);
    for (const credential of ['not json', '[]', { ...good, response: { clientDataJSON: good.response.clientDataJSON } }, { ...good, type: 'other' }]) {
      await expect(verify(account, challenge, credential)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    }
  });
});
