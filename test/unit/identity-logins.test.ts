/**
 * checkLogins against real tokens: a user pool user's ID token (signed in through the real SDK),
 * the mocks' Google, Apple and OIDC ID tokens and Facebook and Amazon access tokens (got through
 * their login pages and token endpoints), the sandbox's own Cognito Identity OpenID tokens; and
 * forged ones: another audience, expired on the sandbox clock, another issuer, a bad signature,
 * an access token, no JWT at all. Each check is published as identity.loginChecked.
 */
import { AdminDisableUserCommand, AdminUserGlobalSignOutCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '../../shared/events.js';
import { checkLogins, type LoginCheckContext } from '../../src-main/cognito/identity/logins.js';
import { signOpenIdToken } from '../../src-main/cognito/identity/openid-token.js';
import type { IdentityPool } from '../../src-main/cognito/identity/types.js';
import { testClock, type TestClock } from '../support/clock.js';
import { identityPoolRecord } from '../support/identity-pool-record.js';
import { PASSWORD, signedInIdToken, userPoolWorld, type UserPoolWorld } from '../support/identity.js';
import { amazonAccessToken, appleIdToken, facebookAccessToken, googleIdToken, oidcIdToken, registerMockApp } from '../support/mock-idp-tokens.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient } from '../support/world.js';

const IDENTITY_POOL_ID = 'us-east-1:0b5c5e3e-1111-4222-8333-444455556666';
const GOOGLE_CLIENT = 'logins-test.apps.googleusercontent.com';
const APPLE_CLIENT = 'com.example.logins';
const FACEBOOK_APP = '1111222233334444';
const AMAZON_CLIENT = 'amzn1.application-oa2-client.logins';
const OIDC_CLIENT = 'logins-oidc-client';

let sandbox: TestSandbox;
let clock: TestClock;
let world: UserPoolWorld;
let idToken: string;
let context: LoginCheckContext;

function identityPool(overrides: Partial<IdentityPool> = {}): IdentityPool {
  return identityPoolRecord(IDENTITY_POOL_ID, { CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId }], ...overrides });
}

/** checkLogins' refusal, as `{ type, message }`; fails the test when the logins pass. */
async function refusal(pool: IdentityPool, logins: Record<string, string>, call?: string): Promise<{ type: string; message: string }> {
  try {
    await checkLogins(sandbox.app.services, pool, logins, { ...context, ...(call && { call }) });
  } catch (error) {
    return { type: (error as { type: string }).type, message: (error as Error).message };
  }
  throw new Error('the logins were accepted');
}

function loginEvents(since: number): Array<EventData<'identity.loginChecked'>> {
  return sandbox.app.bus
    .since(since)
    .filter((event) => event.type === 'identity.loginChecked')
    .map((event) => event.data as EventData<'identity.loginChecked'>);
}

const lastSeq = () => sandbox.app.bus.lastSeq();

/** A token signed with the user pool's own ID token key, claims as given: what a forger holding the key could make. */
async function userPoolToken(claims: Record<string, unknown>): Promise<string> {
  const key = sandbox.app.store.signingKeys.forPool(world.poolId).find((k) => k.tokenUse === 'id')!;
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(await importJWK(JSON.parse(key.privateJwk), 'RS256'));
}

/** A token signed with a mock's own key (google, apple, oidc), claims as given. */
async function mockToken(mock: string, claims: Record<string, unknown>): Promise<string> {
  const key = sandbox.app.store.mockIdpKeys.find(mock)!;
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(await importJWK(JSON.parse(key.privateJwk), 'RS256'));
}

function tampered(token: string): string {
  const [header, payload, signature] = token.split('.');
  return [header, payload, `${signature!.slice(0, -6)}${signature!.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`].join('.');
}

beforeAll(async () => {
  clock = testClock(Date.now());
  sandbox = await startSandbox({}, { clock });
  context = { origin: sandbox.url, region: 'us-east-1' };
  world = await userPoolWorld(sandbox.cognito, 'logins-users');
  idToken = await signedInIdToken(sandbox.cognito, world, 'alice');
  await registerMockApp(sandbox, 'Google', GOOGLE_CLIENT);
  await registerMockApp(sandbox, 'SignInWithApple', APPLE_CLIENT);
  await registerMockApp(sandbox, 'Facebook', FACEBOOK_APP);
  await registerMockApp(sandbox, 'LoginWithAmazon', AMAZON_CLIENT);
  await registerMockApp(sandbox, 'OIDC', OIDC_CLIENT);
});
afterAll(() => sandbox.close());

describe('a user pool login', () => {
  it('takes the ID token of an app client the identity pool names: the user, the client, every check published', async () => {
    const since = lastSeq();
    const [login] = await checkLogins(sandbox.app.services, identityPool(), { [world.providerName]: idToken }, context);
    const claims = decodeJwt(idToken);
    expect(login).toMatchObject({ provider: world.providerName, kind: 'cognito', subject: claims.sub, clientId: world.clientId });
    expect(login!.claims['cognito:username']).toBe('alice');
    const [event] = loginEvents(since);
    expect(event).toMatchObject({ identityPoolId: IDENTITY_POOL_ID, provider: world.providerName, kind: 'cognito', passed: true, subject: claims.sub });
    expect(event!.checks.map((check) => [check.check, check.passed])).toEqual([
      ['token format', true],
      ['issuer', true],
      ['app client', true],
      ['signature', true],
      ['token use', true],
      ['expiry', true],
    ]);
  });

  it("takes Cognito's own issuer (--aws-issuer) as well as the sandbox's", async () => {
    const claims = decodeJwt(idToken);
    const aws = await userPoolToken({ ...claims, iss: `https://${world.providerName}` });
    expect((await checkLogins(sandbox.app.services, identityPool(), { [world.providerName]: aws }, context))[0]!.subject).toBe(claims.sub);
  });

  it("takes the login under the sandbox issuer's own name, as Amplify v6 keys it (the token's iss without its scheme), as the user pool's", async () => {
    const amplifyKey = `${new URL(sandbox.url).host}/${world.poolId}`;
    const since = lastSeq();
    const [login] = await checkLogins(sandbox.app.services, identityPool(), { [amplifyKey]: idToken }, context);
    expect(login).toMatchObject({ provider: world.providerName, kind: 'cognito', clientId: world.clientId });
    const [event] = loginEvents(since);
    expect(event).toMatchObject({ provider: world.providerName, passed: true });
    expect(event!.checks[0]).toEqual({ check: 'login key', passed: true, detail: `${amplifyKey}: the sandbox issuer's name for ${world.providerName}` });
    const aws = await userPoolToken({ ...decodeJwt(idToken), iss: `https://${world.providerName}` });
    expect((await refusal(identityPool(), { [amplifyKey]: aws })).message).toBe("Invalid login token. Issuer doesn't match providerName");
    expect((await refusal(identityPool(), { [`evil.example/${world.poolId}`]: idToken })).message).toBe('Token is not from a supported provider of this identity pool.');
  });

  it('refuses an access token, another app client, another user pool key, another issuer', async () => {
    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
    );
    expect(await refusal(identityPool(), { [world.providerName]: AuthenticationResult!.AccessToken! })).toEqual({
      type: 'NotAuthorizedException',
      message: 'Invalid login token. Missing a required claim: aud',
    });
    const { clientId: otherClient } = await createClient(sandbox.cognito, world.poolId, { ClientName: 'other', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const other = await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: otherClient, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }));
    expect(await refusal(identityPool(), { [world.providerName]: other.AuthenticationResult!.IdToken! })).toEqual({
      type: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
    const otherKey = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_NotThisOne';
    const pool = identityPool({ CognitoIdentityProviders: [{ ProviderName: otherKey, ClientId: world.clientId }] });
    expect(await refusal(pool, { [otherKey]: idToken })).toEqual({ type: 'NotAuthorizedException', message: "Invalid login token. Issuer doesn't match providerName" });
    const regionKey = world.providerName.replace('us-east-1.amazonaws', 'eu-west-1.amazonaws');
    expect((await refusal(identityPool({ CognitoIdentityProviders: [{ ProviderName: regionKey, ClientId: world.clientId }] }), { [regionKey]: idToken })).message).toBe(
      "Invalid login token. Issuer doesn't match providerName",
    );
    const elsewhere = await userPoolToken({ ...decodeJwt(idToken), iss: `https://evil.example/${world.poolId}` });
    expect((await refusal(identityPool(), { [world.providerName]: elsewhere })).message).toBe("Invalid login token. Issuer doesn't match providerName");
  });

  it('refuses a bad signature, a key of another token use, and no JWT at all', async () => {
    expect(await refusal(identityPool(), { [world.providerName]: tampered(idToken) })).toEqual({ type: 'NotAuthorizedException', message: "Invalid login token. Couldn't verify signed token." });
    const accessKid = sandbox.app.store.signingKeys.forPool(world.poolId).find((k) => k.tokenUse === 'access')!.kid;
    const [, payload, signature] = idToken.split('.');
    const otherKid = Buffer.from(JSON.stringify({ ...decodeProtectedHeader(idToken), kid: accessKid })).toString('base64url');
    expect((await refusal(identityPool(), { [world.providerName]: `${otherKid}.${payload}.${signature}` })).message).toBe("Invalid login token. Couldn't verify signed token.");
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect((await refusal(identityPool(), { [world.providerName]: unsigned })).message).toBe("Invalid login token. Couldn't verify signed token.");
    const since = lastSeq();
    expect(await refusal(identityPool(), { [world.providerName]: 'not-a-token' })).toEqual({
      type: 'NotAuthorizedException',
      message: 'Invalid login token. Not a valid OpenId Connect identity token.',
    });
    expect(loginEvents(since)).toEqual([
      expect.objectContaining({
        passed: false,
        kind: 'cognito',
        checks: [{ check: 'token format', passed: false, detail: 'not a signed JWT (JWS compact serialization)' }],
        error: { type: 'NotAuthorizedException', message: 'Invalid login token. Not a valid OpenId Connect identity token.' },
      }),
    ]);
  });

  it('refuses a token expired on the sandbox clock, saying when', async () => {
    const { exp } = decodeJwt(idToken);
    const start = clock.time;
    clock.time = exp! * 1000 + 5_000;
    try {
      expect(await refusal(identityPool(), { [world.providerName]: idToken })).toEqual({
        type: 'NotAuthorizedException',
        message: `Invalid login token. Token expired: ${exp! + 5} >= ${exp}`,
      });
    } finally {
      clock.time = start;
    }
  });

  it('with ServerSideTokenCheck, refuses the token once its user signed out everywhere or was disabled; without it, takes it', async () => {
    const token = await signedInIdToken(sandbox.cognito, world, 'bob');
    const checked = identityPool({ CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId, ServerSideTokenCheck: true }] });
    expect((await checkLogins(sandbox.app.services, checked, { [world.providerName]: token }, context))[0]!.kind).toBe('cognito');
    clock.time += 1000;
    await sandbox.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: world.poolId, Username: 'bob' }));
    expect(await refusal(checked, { [world.providerName]: token })).toEqual({ type: 'NotAuthorizedException', message: 'Invalid login token. Token has been revoked.' });
    expect((await checkLogins(sandbox.app.services, identityPool(), { [world.providerName]: token }, context))[0]!.kind).toBe('cognito');

    clock.time += 1000;
    const fresh = (await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD } })))
      .AuthenticationResult!.IdToken!;
    expect((await checkLogins(sandbox.app.services, checked, { [world.providerName]: fresh }, context))[0]!.kind).toBe('cognito');
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: world.poolId, Username: 'bob' }));
    expect((await refusal(checked, { [world.providerName]: fresh })).message).toBe('Invalid login token. User is disabled.');
  });
});

describe('Google and Apple logins', () => {
  it('take the mocks\' ID tokens under the real provider keys, for the app ids the pool names', async () => {
    const google = await googleIdToken(sandbox, GOOGLE_CLIENT);
    const apple = await appleIdToken(sandbox, APPLE_CLIENT);
    const pool = identityPool({ SupportedLoginProviders: { 'accounts.google.com': `other.apps.googleusercontent.com,${GOOGLE_CLIENT}`, 'appleid.apple.com': APPLE_CLIENT } });
    const logins = await checkLogins(sandbox.app.services, pool, { 'appleid.apple.com': apple, 'accounts.google.com': google }, context);
    expect(logins.map((login) => [login.provider, login.kind, login.subject])).toEqual([
      ['accounts.google.com', 'social', decodeJwt(google).sub],
      ['appleid.apple.com', 'social', decodeJwt(apple).sub],
    ]);
  });

  it('refuse another audience, another issuer, an expired token, a bad signature, a provider the pool does not name', async () => {
    const google = await googleIdToken(sandbox, GOOGLE_CLIENT);
    const pool = identityPool({ SupportedLoginProviders: { 'accounts.google.com': GOOGLE_CLIENT } });
    expect(await refusal(identityPool({ SupportedLoginProviders: { 'accounts.google.com': 'other.apps.googleusercontent.com' } }), { 'accounts.google.com': google })).toEqual({
      type: 'NotAuthorizedException',
      message: 'Invalid login token. Incorrect token audience.',
    });
    const otherIssuer = await mockToken('google', { ...decodeJwt(google), iss: 'https://accounts.example.com' });
    expect((await refusal(pool, { 'accounts.google.com': otherIssuer })).message).toBe("Invalid login token. Issuer doesn't match providerName");
    expect((await refusal(pool, { 'accounts.google.com': tampered(google) })).message).toBe("Invalid login token. Couldn't verify signed token.");
    const { exp } = decodeJwt(google);
    const start = clock.time;
    clock.time = (exp! + 120) * 1000;
    try {
      expect((await refusal(pool, { 'accounts.google.com': google })).message).toBe(`Invalid login token. Token expired: ${exp! + 120} >= ${exp}`);
    } finally {
      clock.time = start;
    }
    expect(await refusal(identityPool(), { 'accounts.google.com': google })).toEqual({ type: 'NotAuthorizedException', message: 'Token is not from a supported provider of this identity pool.' });
    // Google's token under Apple's key is checked with Apple's keys.
    expect((await refusal(identityPool({ SupportedLoginProviders: { 'appleid.apple.com': GOOGLE_CLIENT } }), { 'appleid.apple.com': google })).message).toBe(
      "Invalid login token. Couldn't verify signed token.",
    );
  });
});

describe('an OIDC provider login', () => {
  it('takes an ID token whose issuer is the login key, verified with the keys its discovery names', async () => {
    const key = `${new URL(sandbox.url).host}/_mock-idp/oidc`;
    const pool = identityPool({ OpenIdConnectProviderARNs: [`arn:aws:iam::123456789012:oidc-provider/${key}`] });
    const token = await oidcIdToken(sandbox, OIDC_CLIENT);
    const since = lastSeq();
    const [login] = await checkLogins(sandbox.app.services, pool, { [key]: token }, context);
    expect(login).toMatchObject({ provider: key, kind: 'oidc', subject: decodeJwt(token).sub });
    const [event] = loginEvents(since);
    expect(event!.checks.find((check) => check.check === 'audience')!.detail).toContain('not checked');
    expect(event!.checks.find((check) => check.check === 'discovery')!.passed).toBe(true);

    const otherIssuer = await mockToken('oidc', { ...decodeJwt(token), iss: 'https://idp.example.com' });
    expect((await refusal(pool, { [key]: otherIssuer })).message).toBe("Invalid login token. Issuer doesn't match providerName");
  });

  it('answers ExternalServiceException when the provider cannot be reached', async () => {
    const key = '127.0.0.1:9/nobody';
    const pool = identityPool({ OpenIdConnectProviderARNs: [`arn:aws:iam::123456789012:oidc-provider/${key}`] });
    const token = await oidcIdToken(sandbox, OIDC_CLIENT);
    expect((await refusal(pool, { [key]: token })).type).toBe('ExternalServiceException');
  });
});

describe('Facebook and Login with Amazon logins', () => {
  it('take access tokens the mocks issued to the app the pool names: the user id as subject', async () => {
    const facebook = await facebookAccessToken(sandbox, FACEBOOK_APP);
    const amazon = await amazonAccessToken(sandbox, AMAZON_CLIENT);
    const pool = identityPool({ SupportedLoginProviders: { 'graph.facebook.com': FACEBOOK_APP, 'www.amazon.com': AMAZON_CLIENT } });
    const logins = await checkLogins(sandbox.app.services, pool, { 'www.amazon.com': amazon, 'graph.facebook.com': facebook }, context);
    expect(logins.map((login) => [login.provider, login.subject])).toEqual([
      ['graph.facebook.com', sandbox.app.store.mockIdpPeople.list('facebook')[0]!.id],
      ['www.amazon.com', sandbox.app.store.mockIdpPeople.list('amazon')[0]!.id],
    ]);
    expect(logins[0]!.claims).toMatchObject({ aud: FACEBOOK_APP, name: 'Jane Doe' });
  });

  it('refuse a token of another app, and a token the provider does not know', async () => {
    const facebook = await facebookAccessToken(sandbox, FACEBOOK_APP);
    expect(await refusal(identityPool({ SupportedLoginProviders: { 'graph.facebook.com': '999' } }), { 'graph.facebook.com': facebook })).toEqual({
      type: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
    expect(await refusal(identityPool({ SupportedLoginProviders: { 'graph.facebook.com': FACEBOOK_APP } }), { 'graph.facebook.com': 'EAAforged' })).toEqual({
      type: 'NotAuthorizedException',
      message: 'Invalid login token. Invalid OAuth access token - Cannot parse access token',
    });
    expect((await refusal(identityPool({ SupportedLoginProviders: { 'www.amazon.com': 'amzn1.application-oa2-client.other' } }), { 'www.amazon.com': await amazonAccessToken(sandbox, AMAZON_CLIENT) })).message).toBe(
      'Token is not from a supported provider of this identity pool.',
    );
    expect((await refusal(identityPool({ SupportedLoginProviders: { 'www.amazon.com': AMAZON_CLIENT } }), { 'www.amazon.com': 'Atza|forged' })).type).toBe('NotAuthorizedException');
  });
});

describe('a Cognito Identity login (cognito-identity.amazonaws.com)', () => {
  async function openIdToken(identityPoolId = IDENTITY_POOL_ID) {
    return (await signOpenIdToken(sandbox.app.services, { identityPoolId, identityId: 'us-east-1:aaaaaaaa-1111-4222-8333-444455556666', amr: ['authenticated'], durationSeconds: 600, origin: sandbox.url }))
      .token;
  }

  it("takes the sandbox's OpenID token of this identity pool, its identity as subject; GetId refuses it", async () => {
    const [login] = await checkLogins(sandbox.app.services, identityPool(), { 'cognito-identity.amazonaws.com': await openIdToken() }, context);
    expect(login).toMatchObject({ kind: 'cognito-identity', subject: 'us-east-1:aaaaaaaa-1111-4222-8333-444455556666' });
    expect(await refusal(identityPool(), { 'cognito-identity.amazonaws.com': await openIdToken() }, 'GetId')).toEqual({
      type: 'NotAuthorizedException',
      message: "Invalid login token. Can't pass in a Cognito token.",
    });
  });

  it("refuses another identity pool's token, and a bad one", async () => {
    const other = await openIdToken('us-east-1:99999999-1111-4222-8333-444455556666');
    expect((await refusal(identityPool(), { 'cognito-identity.amazonaws.com': other })).message).toBe('Invalid login token. Incorrect token audience.');
    expect((await refusal(identityPool(), { 'cognito-identity.amazonaws.com': tampered(await openIdToken()) })).message).toBe("Invalid login token. Couldn't verify signed token.");
  });
});

describe('the logins together', () => {
  it('are checked in priority order (user pools first), the first refusal ending the call', async () => {
    const google = await googleIdToken(sandbox, GOOGLE_CLIENT);
    const pool = identityPool({ SupportedLoginProviders: { 'accounts.google.com': GOOGLE_CLIENT } });
    let since = lastSeq();
    await checkLogins(sandbox.app.services, pool, { 'accounts.google.com': google, [world.providerName]: idToken }, context);
    expect(loginEvents(since).map((event) => event.provider)).toEqual([world.providerName, 'accounts.google.com']);

    since = lastSeq();
    expect((await refusal(pool, { 'accounts.google.com': google, [world.providerName]: 'garbage' })).message).toBe('Invalid login token. Not a valid OpenId Connect identity token.');
    expect(loginEvents(since).map((event) => [event.provider, event.passed])).toEqual([[world.providerName, false]]);
  });

  it('refuse a key that names no provider of the pool: unknown, the developer provider, a SAML provider (not supported yet)', async () => {
    expect(await refusal(identityPool(), { 'login.example.com': idToken })).toEqual({ type: 'NotAuthorizedException', message: 'Token is not from a supported provider of this identity pool.' });
    expect((await refusal(identityPool(), { Facebook: 'EAAsomething' })).message).toBe('Invalid login token. Not a valid OpenId Connect identity token.');
    const since = lastSeq();
    expect((await refusal(identityPool({ DeveloperProviderName: 'login.example.app' }), { 'login.example.app': 'user-1' })).message).toBe(
      'Token is not from a supported provider of this identity pool.',
    );
    expect(loginEvents(since)[0]!.kind).toBe('developer');
    const saml = 'arn:aws:iam::123456789012:saml-provider/Corp';
    expect((await refusal(identityPool({ SamlProviderARNs: [saml] }), { [saml]: 'PHNhbWxwOlJlc3BvbnNlLz4=' })).type).toBe('NotAuthorizedException');
  });
});
