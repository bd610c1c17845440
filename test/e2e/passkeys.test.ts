/**
 * A real passkey: Debian's Chromium with a virtual authenticator (the DevTools protocol's WebAuthn
 * domain: CTAP2, internal, resident keys, user verification) on a page served from
 * http://localhost (a secure context) registers a passkey through the sandbox's
 * StartWebAuthnRegistration and CompleteWebAuthnRegistration with fetch, as a browser app would;
 * the AWS SDK then lists it. The same authenticator then answers the WEB_AUTHN challenge's
 * CREDENTIAL_REQUEST_OPTIONS with navigator.credentials.get, and verifyPasskeyAssertion accepts
 * the assertion; and signs in by USER_AUTH with it, the page answering WEB_AUTHN.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetUserCommand, InitiateAuthCommand, ListWebAuthnCredentialsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { passkeyChallenge, verifyPasskeyAssertion } from '../../src-main/cognito/webauthn.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON } from './support/browser.js';

if (!hasChromium) console.warn(`passkeys.test.ts skipped: ${NO_CHROMIUM_REASON}`);

const PASSWORD = 'Passw0rd!';

/** The app page: registers a passkey through the sandbox's API, and answers request options. */
const APP_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>passkeys</title></head><body>
<script>
const toBytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const descriptors = (list) => (list || []).map((c) => ({ ...c, id: toBytes(c.id) }));
const credentialJson = (credential, response) => ({
  id: credential.id,
  rawId: toText(credential.rawId),
  type: credential.type,
  authenticatorAttachment: credential.authenticatorAttachment,
  clientExtensionResults: credential.getClientExtensionResults(),
  response,
});

async function cognito(endpoint, operation, body) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.' + operation },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.__type + ': ' + json.message);
  return json;
}

window.registerPasskey = async (endpoint, accessToken) => {
  const { CredentialCreationOptions: options } = await cognito(endpoint, 'StartWebAuthnRegistration', { AccessToken: accessToken });
  const credential = await navigator.credentials.create({
    publicKey: { ...options, challenge: toBytes(options.challenge), user: { ...options.user, id: toBytes(options.user.id) }, excludeCredentials: descriptors(options.excludeCredentials) },
  });
  const registration = credentialJson(credential, {
    clientDataJSON: toText(credential.response.clientDataJSON),
    attestationObject: toText(credential.response.attestationObject),
    transports: credential.response.getTransports(),
  });
  await cognito(endpoint, 'CompleteWebAuthnRegistration', { AccessToken: accessToken, Credential: registration });
  return registration.id;
};

window.answerWithPasskey = async (credentialRequestOptions) => {
  const options = JSON.parse(credentialRequestOptions);
  const credential = await navigator.credentials.get({
    publicKey: { ...options, challenge: toBytes(options.challenge), allowCredentials: descriptors(options.allowCredentials) },
  });
  return JSON.stringify(credentialJson(credential, {
    clientDataJSON: toText(credential.response.clientDataJSON),
    authenticatorData: toText(credential.response.authenticatorData),
    signature: toText(credential.response.signature),
    userHandle: credential.response.userHandle ? toText(credential.response.userHandle) : undefined,
  }));
};

window.signInWithPasskey = async (endpoint, clientId, username) => {
  const challenge = await cognito(endpoint, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
  if (challenge.ChallengeName !== 'WEB_AUTHN') throw new Error('Expected WEB_AUTHN, got ' + challenge.ChallengeName);
  const credential = await window.answerWithPasskey(challenge.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
  const signedIn = await cognito(endpoint, 'RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: 'WEB_AUTHN',
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: username, CREDENTIAL: credential },
  });
  return signedIn.AuthenticationResult;
};
</script></body></html>`;

let browser: Browser;
let appServer: http.Server;
let appUrl: string;
let sandbox: TestSandbox;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium();
  appServer = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(APP_PAGE));
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appUrl = `http://localhost:${(appServer.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => appServer?.close(resolve));
});

beforeEach(async (test) => {
  if (!hasChromium) test.skip(NO_CHROMIUM_REASON);
  sandbox = await startSandbox();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(appUrl);
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  }));
});
afterEach(async () => {
  if (!hasChromium) return;
  await context.close();
  await sandbox.close();
});

/** A pool allowing passkeys, an app client and a signed-in user. */
async function signedInUser() {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'passkeys', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD });
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
  );
  return { poolId, clientId, accessToken: AuthenticationResult!.AccessToken! };
}

const registerInBrowser = (accessToken: string) =>
  page.evaluate(([endpoint, token]) => (globalThis as unknown as { registerPasskey(e: string, t: string): Promise<string> }).registerPasskey(endpoint, token), [
    sandbox.url,
    accessToken,
  ] as const);

/** The virtual authenticator's credentials, ids as base64url. */
async function authenticatorCredentials() {
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  return credentials.map((c) => ({ ...c, credentialId: Buffer.from(c.credentialId, 'base64').toString('base64url') }));
}

describe('passkeys in Chromium', () => {
  it('registers a passkey from a localhost page, lists it, and signs with it for the WEB_AUTHN challenge', async () => {
    const { poolId, accessToken } = await signedInUser();
    const credentialId = await registerInBrowser(accessToken);

    const [held] = await authenticatorCredentials();
    expect(held).toMatchObject({ credentialId, rpId: 'localhost', isResidentCredential: true });
    const sub = sandbox.app.store.users.findByKey(poolId, 'alice')!.sub;
    expect(Buffer.from(held!.userHandle!, 'base64').toString()).toBe(sub);

    const { Credentials } = await sandbox.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    expect(Credentials).toEqual([
      {
        CredentialId: credentialId,
        FriendlyCredentialName: 'Passkey',
        RelyingPartyId: 'localhost',
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal'],
        CreatedAt: expect.any(Date),
      },
    ]);

    const pool = sandbox.app.store.pools.findById(poolId)!;
    const user = sandbox.app.store.users.findByKey(poolId, 'alice')!;
    const challenge = passkeyChallenge(sandbox.app.services, pool, user);
    const assertion = await page.evaluate(
      (options) => (globalThis as unknown as { answerWithPasskey(o: string): Promise<string> }).answerWithPasskey(options),
      challenge.credentialRequestOptions,
    );
    expect(await verifyPasskeyAssertion(sandbox.app.services, pool, user, challenge, assertion)).toEqual({ credentialId, userVerified: true });
    const [afterSigning] = await authenticatorCredentials();
    expect(sandbox.app.store.webAuthnCredentials.find(poolId, credentialId)!.signCount).toBe(afterSigning!.signCount);
    expect(afterSigning!.signCount).toBeGreaterThan(0);

    // The assertion answered that challenge once: its counter is spent.
    await expect(verifyPasskeyAssertion(sandbox.app.services, pool, user, challenge, assertion)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('signs in with the passkey by USER_AUTH: WEB_AUTHN answered with navigator.credentials.get', async () => {
    const { clientId, accessToken } = await signedInUser();
    await registerInBrowser(accessToken);
    const tokens = await page.evaluate(
      ([endpoint, client]) =>
        (globalThis as unknown as { signInWithPasskey(e: string, c: string, u: string): Promise<{ AccessToken: string }> }).signInWithPasskey(endpoint, client, 'alice'),
      [sandbox.url, clientId] as const,
    );
    const { Username } = await sandbox.cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(Username).toBe('alice');
  });

  // (A relying party the page is not on is left to the protocol tests: Chromium would try to
  // fetch that domain's /.well-known/webauthn, and these tests reach no network.)
  it('excludes the passkey the authenticator already holds', async () => {
    const { accessToken } = await signedInUser();
    await registerInBrowser(accessToken);
    await expect(registerInBrowser(accessToken)).rejects.toThrow(/InvalidStateError/);
    expect(await authenticatorCredentials()).toHaveLength(1);
    const { Credentials } = await sandbox.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    expect(Credentials).toHaveLength(1);
  });
});
