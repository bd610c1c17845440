/**
 * Tokens of the built-in mock identity providers, got as an app gets them from the real ones: the
 * app (a user pool's identity provider naming the mock's client) is registered, the person chosen
 * on the mock's login page, the code redeemed at the token endpoint. Google, Apple and the mock
 * OIDC provider answer ID tokens; Facebook and Login with Amazon access tokens.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CreateIdentityProviderCommand, type IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import { FetchBrowser, loginForm, peopleOffered } from './fetch-browser.js';
import type { TestSandbox } from './sandbox.js';
import { createPool } from './world.js';

export const MOCK_CLIENT_SECRET = 'mock-client-secret-0123456789';

let apps = 0;

/** Registers `clientId` with a mock: a user pool whose identity provider of that type is the mock's client. */
export async function registerMockApp(sandbox: TestSandbox, type: Exclude<IdentityProviderTypeType, 'SAML'>, clientId: string): Promise<void> {
  apps += 1;
  const poolId = await createPool(sandbox.cognito, { PoolName: `mock-app-${apps}` });
  const details: Record<string, string> =
    type === 'SignInWithApple'
      ? {
          client_id: clientId,
          team_id: 'TEAM123456',
          key_id: 'KEY1234567',
          private_key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          authorize_scopes: 'email',
        }
      : type === 'OIDC'
        ? { client_id: clientId, client_secret: MOCK_CLIENT_SECRET, authorize_scopes: 'openid', attributes_request_method: 'GET', oidc_issuer: `${sandbox.url}/_mock-idp/oidc` }
        : { client_id: clientId, client_secret: MOCK_CLIENT_SECRET, authorize_scopes: type === 'LoginWithAmazon' ? 'profile' : type === 'Facebook' ? 'public_profile,email' : 'openid email profile' };
  await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: type === 'OIDC' ? `MockOidc${apps}` : type, ProviderType: type, ProviderDetails: details }));
}

/** Through the mock's login page (following its redirects) to the redirect URI, choosing `person` (the first offered when absent). */
async function signIn(authorizeUrl: string, redirectUri: string, person?: string): Promise<URL> {
  const browser = new FetchBrowser();
  const page = await browser.follow(await browser.get(authorizeUrl));
  if (page.status !== 200) throw new Error(`the mock answered ${page.status}: ${page.body.slice(0, 300)}`);
  const { action, fields } = loginForm(page.body, page.url);
  const chosen = await browser.post(action, { ...fields, person: person ?? peopleOffered(page.body)[0]! });
  const back = await browser.follow(chosen, (url) => url.startsWith(redirectUri));
  if (!back.location) throw new Error(`the mock did not send the browser back: ${back.body.slice(0, 300)}`);
  return new URL(back.location);
}

async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  const body = (await response.json()) as Record<string, string>;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** A Google ID token (iss https://accounts.google.com, aud `clientId`). */
export async function googleIdToken(sandbox: TestSandbox, clientId: string, person?: string): Promise<string> {
  const redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  const back = await signIn(
    `${sandbox.url}/_mock-idp/google/o/oauth2/v2/auth?${query({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', state: 's' })}`,
    redirectUri,
    person,
  );
  const token = await postForm(`${sandbox.url}/_mock-idp/google/token`, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code')!,
    client_id: clientId,
    client_secret: MOCK_CLIENT_SECRET,
    redirect_uri: redirectUri,
  });
  return token.id_token!;
}

/** A Sign in with Apple ID token (iss https://appleid.apple.com, aud `clientId`), from the authorize redirect (`code id_token`). */
export async function appleIdToken(sandbox: TestSandbox, clientId: string, person?: string): Promise<string> {
  const redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  const back = await signIn(`${sandbox.url}/_mock-idp/apple/auth/authorize?${query({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code id_token', state: 's' })}`, redirectUri, person);
  return back.searchParams.get('id_token')!;
}

/** A Facebook user access token of the app `appId`. */
export async function facebookAccessToken(sandbox: TestSandbox, appId: string, person?: string): Promise<string> {
  const redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  const graph = `${sandbox.url}/_mock-idp/facebook/v17.0`;
  const back = await signIn(`${graph}/dialog/oauth?${query({ client_id: appId, redirect_uri: redirectUri, scope: 'public_profile,email', state: 's' })}`, redirectUri, person);
  const response = await fetch(`${graph}/oauth/access_token?${query({ client_id: appId, client_secret: MOCK_CLIENT_SECRET, redirect_uri: redirectUri, code: back.searchParams.get('code')! })}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A Login with Amazon access token of the client `clientId`. */
export async function amazonAccessToken(sandbox: TestSandbox, clientId: string, person?: string): Promise<string> {
  const redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  const back = await signIn(`${sandbox.url}/_mock-idp/amazon/ap/oa?${query({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'profile', state: 's' })}`, redirectUri, person);
  const token = await postForm(`${sandbox.url}/_mock-idp/amazon/auth/o2/token`, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code')!,
    redirect_uri: redirectUri,
    client_id: clientId,
    client_secret: MOCK_CLIENT_SECRET,
  });
  return token.access_token!;
}

/** An ID token of the mock OIDC provider (iss `{sandbox}/_mock-idp/oidc`, aud `clientId`). */
export async function oidcIdToken(sandbox: TestSandbox, clientId: string, person?: string): Promise<string> {
  const redirectUri = `${sandbox.url}/oauth2/idpresponse`;
  const issuer = `${sandbox.url}/_mock-idp/oidc`;
  const back = await signIn(`${issuer}/auth?${query({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: 's', nonce: 'n' })}`, redirectUri, person);
  const token = await postForm(
    `${issuer}/token`,
    { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: redirectUri },
    { authorization: `Basic ${Buffer.from(`${clientId}:${MOCK_CLIENT_SECRET}`).toString('base64')}` },
  );
  return token.id_token!;
}
