/**
 * The logins of an identity-pool call (`Logins`: login key → token) checked as Cognito Identity
 * checks them, one after the other, each published as `identity.loginChecked` with its checks
 * passed and failed; the first that fails refuses the call.
 *
 * What a login key names, in this priority order (a key naming two things is the first):
 *  1. a user pool, `cognito-idp.{region}.amazonaws.com/{userPoolId}`: the pool's ID token, signed
 *     by the sandbox's key for that pool; `iss` the login key (`https://` + key) or the sandbox's
 *     own issuer `{origin}/{userPoolId}`; `aud` a ClientId the pool's CognitoIdentityProviders
 *     pair with that key; unexpired; with ServerSideTokenCheck, its user still there and enabled
 *     and the token not revoked (RevokeToken, GlobalSignOut). Amplify v6 names the login by the
 *     token's `iss` without its scheme: `{host}/{userPoolId}` (on this host or a loopback one) is
 *     taken for the user pool's key, the token's `iss` then that URL; the login is the user pool's
 *     (VerifiedLogin.provider and the event name it `cognito-idp...`).
 *  2. Google `accounts.google.com` and 3. Apple `appleid.apple.com` in SupportedLoginProviders: an
 *     ID token with the real issuer, verified with the built-in mocks' keys, `aud` the app id(s)
 *     the pool names (comma-separated when several).
 *  4. an OIDC provider of OpenIdConnectProviderARNs (`arn:aws:iam::ACCOUNT:oidc-provider/{key}`):
 *     an ID token whose `iss` is `https://{key}` (`http://` on loopback hosts), verified with the
 *     keys its discovery document names.
 *  5. Facebook `graph.facebook.com` and 6. Login with Amazon `www.amazon.com`: an access token,
 *     asked about at the mocks (Graph's `/app` and `/me`; LWA's `/auth/o2/tokeninfo` and
 *     `/user/profile`): the app it was issued to must be the pool's.
 *  7. `cognito-identity.amazonaws.com`: an OpenID token of the sandbox's Cognito Identity issuer
 *     for this identity pool (GetCredentialsForIdentity takes it; GetId refuses it).
 *  8. a SAML provider of SamlProviderARNs (`arn:aws:iam::ACCOUNT:saml-provider/NAME`): a base64
 *     SAMLResponse addressed to AWS, checked against the metadata of the user pools' SAML
 *     identity provider NAME in place of IAM's (saml-login.ts); the enhanced flow only.
 * Anything else is not a provider of the pool.
 *
 * Cognito's messages, as reported by its users: "Token is not from a supported provider of this
 * identity pool.", "Invalid login token. Issuer doesn't match providerName", "... Missing a
 * required claim: aud" (an access token), "... Couldn't verify signed token.", "... Token expired:
 * {now} >= {exp}", "... Incorrect token audience.", "... Not a valid OpenId Connect identity
 * token.", "... Can't pass in a Cognito token." (GetId). A provider that cannot be reached is
 * ExternalServiceException. Assumed (sandbox wording, Cognito's is not known): the
 * ServerSideTokenCheck refusals, an OIDC provider's discovery failing, a refused Facebook or Amazon
 * token ("Invalid login token. " + the provider's own message). The sandbox keeps no IAM OIDC
 * providers, so an OIDC token's audience (the provider's client ID list) and the certificate
 * thumbprints are not checked.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { BaseServices } from '../../base-services.js';
import type { FederationCheck, IdentityLoginKind } from '../../../shared/events.js';
import { issuerFor } from '../../tokens/issuer.js';
import { CognitoError, ExternalServiceException, NotAuthorizedException } from '../errors.js';
import { FederationRecord } from '../federation/federation-record.js';
import { verifyIdToken } from '../federation/id-token.js';
import { IdpUnreachable, idpFetch, jsonOf, type IdpAnswer } from '../federation/idp-fetch.js';
import { discoverOidc } from '../federation/oidc-discovery.js';
import { FederationError } from '../federation/types.js';
import { COGNITO_IDENTITY_PROVIDER, verifyOpenIdToken } from './openid-token.js';
import { oidcLoginKey } from './role-mapping.js';
import { verifySamlLogin } from './saml-login.js';
import type { CognitoIdentityProvider, IdentityPool, VerifiedLogin } from './types.js';

export type LoginCheckServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'options'>;

export interface LoginCheckContext {
  flowId?: string | null;
  /** `http://HOST:PORT` as the call reached the sandbox: its own issuers and the mocks are under it. */
  origin: string;
  region: string;
  /** The operation checking the logins: GetId refuses a Cognito Identity token. */
  call?: string;
}

export const GOOGLE_PROVIDER = 'accounts.google.com';
export const APPLE_PROVIDER = 'appleid.apple.com';
export const FACEBOOK_PROVIDER = 'graph.facebook.com';
export const AMAZON_PROVIDER = 'www.amazon.com';

const UNSUPPORTED_PROVIDER = 'Token is not from a supported provider of this identity pool.';
const invalidToken = (why: string) => new NotAuthorizedException(`Invalid login token. ${why}`);
const NOT_A_JWT = 'Not a valid OpenId Connect identity token.';
const BAD_SIGNATURE = "Couldn't verify signed token.";
const ISSUER_MISMATCH = "Issuer doesn't match providerName";

const USER_POOL_KEY = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/(([a-z0-9-]+)_[0-9a-zA-Z]+)$/;
/** A user pool named as the sandbox's issuer without its scheme (`127.0.0.1:9229/us-east-1_Ab12`): Amplify v6 makes the login key of the ID token's iss. */
const SANDBOX_USER_POOL_KEY = /^([^/]+)\/(([a-z0-9-]+)_[0-9a-zA-Z]+)$/;
const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
/** Where the built-in mocks answer, under the sandbox's origin. */
const MOCKS = '/_mock-idp';
const GRAPH_VERSION = 'v19.0';

/** One login's checks, as the debugger lists them; a failed check throws the call's refusal. */
class LoginCheck {
  readonly checks: FederationCheck[] = [];
  claims?: Record<string, unknown>;

  pass(check: string, detail?: string): void {
    this.checks.push({ check, passed: true, ...(detail && { detail }) });
  }

  fail(check: string, detail: string, refusal: CognitoError): never {
    this.checks.push({ check, passed: false, detail });
    throw refusal;
  }

  /** The checks a federation module recorded (its refusal, if any, is the caller's to word). */
  absorb(record: FederationRecord): void {
    this.checks.push(...record.checks);
    if (record.idToken) this.claims = record.idToken.claims;
  }
}

interface Login {
  key: string;
  token: string;
}

type Verify = (services: LoginCheckServices, pool: IdentityPool, login: Login, check: LoginCheck, context: LoginCheckContext) => Promise<VerifiedLogin>;

interface LoginProvider {
  kind: IdentityLoginKind;
  verify: Verify;
}

// ---- tokens ----

function decodedToken(token: string, check: LoginCheck): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    if (token.split('.').length !== 3) throw new Error('not three parts');
    const decoded = { header: decodeProtectedHeader(token) as Record<string, unknown>, claims: decodeJwt(token) as Record<string, unknown> };
    check.claims = decoded.claims;
    check.pass('token format', 'a signed JWT');
    return decoded;
  } catch {
    return check.fail('token format', 'not a signed JWT (JWS compact serialization)', invalidToken(NOT_A_JWT));
  }
}

const audiencesOf = (claims: Record<string, unknown>): string[] =>
  (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((aud): aud is string => typeof aud === 'string');

function checkExpiry(claims: Record<string, unknown>, nowMs: number, check: LoginCheck): void {
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number') return check.fail('expiry', 'no exp', invalidToken('Missing a required claim: exp'));
  if (now >= claims.exp) return check.fail('expiry', `expired at ${new Date(claims.exp * 1000).toISOString()}`, invalidToken(`Token expired: ${now} >= ${claims.exp}`));
  check.pass('expiry', `until ${new Date(claims.exp * 1000).toISOString()}`);
}

/**
 * A federation module's refusal (verifyIdToken, discovery) as Cognito Identity answers it: the
 * provider unreachable or answering badly is ExternalServiceException; a bad token is refused by
 * the check that failed.
 */
function identityRefusal(error: FederationError, record: FederationRecord, claims: Record<string, unknown> | undefined, nowMs: number): CognitoError {
  if (!error.description.startsWith('Bad id_token')) return new ExternalServiceException(error.description);
  const failed = record.checks.at(-1)?.check;
  if (failed === 'ID token format') return invalidToken(NOT_A_JWT);
  if (failed === 'issuer') return invalidToken(ISSUER_MISMATCH);
  if (failed === 'audience') return invalidToken('Incorrect token audience.');
  if (failed === 'expiry') {
    return typeof claims?.exp === 'number' ? invalidToken(`Token expired: ${Math.floor(nowMs / 1000)} >= ${claims.exp}`) : invalidToken('Missing a required claim: exp');
  }
  if (failed === 'issued at') return invalidToken('Token used before issued.');
  return invalidToken(BAD_SIGNATURE);
}

/** verifyIdToken, its checks recorded on `check` and its refusal worded as Cognito Identity words it. */
async function checkIdToken(
  services: LoginCheckServices,
  token: string,
  expect: Parameters<typeof verifyIdToken>[2],
  check: LoginCheck,
  context: LoginCheckContext,
  poolId: string,
): Promise<Record<string, unknown>> {
  const record = new FederationRecord();
  try {
    const { claims } = await verifyIdToken(services, token, expect, record, { flowId: context.flowId ?? null, poolId });
    check.absorb(record);
    return claims;
  } catch (error) {
    check.absorb(record);
    if (error instanceof FederationError) throw identityRefusal(error, record, record.idToken?.claims, services.clock.now());
    throw error;
  }
}

// ---- user pools ----

/** The public key the sandbox signed the user pool's ID tokens with, when `kid` names it. */
function userPoolIdKey(services: LoginCheckServices, userPoolId: string, kid: unknown) {
  const stored = services.store.signingKeys.forPool(userPoolId).find((key) => key.tokenUse === 'id' && key.kid === kid);
  return stored && createPublicKey(createPrivateKey({ key: JSON.parse(stored.privateJwk), format: 'jwk' }));
}

function serverSideTokenCheck(services: LoginCheckServices, userPoolId: string, claims: Record<string, unknown>, check: LoginCheck): void {
  const { store } = services;
  const user = store.users.findBySub(userPoolId, String(claims.sub));
  if (!user) return check.fail('server-side token check', `no user ${String(claims.sub)} in ${userPoolId}`, invalidToken('User does not exist.'));
  if (!user.enabled) return check.fail('server-side token check', `${user.username} is disabled`, invalidToken('User is disabled.'));
  const originJti = claims.origin_jti;
  const revoked =
    typeof originJti === 'string'
      ? store.refreshTokens.findByJti(originJti)?.revoked !== undefined
      : (store.signOuts.lastSignOut(userPoolId, user.sub) ?? -1) >= Number(claims.iat) * 1000;
  if (revoked) return check.fail('server-side token check', 'the token was revoked (RevokeToken or a global sign-out)', invalidToken('Token has been revoked.'));
  check.pass('server-side token check', `${user.username} exists, is enabled, and the token is not revoked`);
}

interface UserPoolKey {
  userPoolId: string;
  /** `cognito-idp.{region}.amazonaws.com/{userPoolId}`, the name the identity pool knows the user pool by. */
  providerName: string;
  /** The `iss` values the key stands for. */
  issuers: string[];
}

/** The user pool a login key names: Cognito's key, or the sandbox issuer's own name for it (on this host or a loopback one). */
function userPoolKeyOf(key: string, origin: string): UserPoolKey | undefined {
  const aws = USER_POOL_KEY.exec(key);
  if (aws) {
    const [, keyRegion, userPoolId, poolRegion] = aws;
    return { userPoolId: userPoolId!, providerName: key, issuers: keyRegion === poolRegion ? [`https://${key}`, issuerFor(userPoolId!, origin)] : [`https://${key}`] };
  }
  const sandbox = SANDBOX_USER_POOL_KEY.exec(key);
  if (!sandbox || (sandbox[1] !== new URL(origin).host && !LOOPBACK_HOST.test(sandbox[1]!))) return undefined;
  const [, , userPoolId, region] = sandbox;
  return { userPoolId: userPoolId!, providerName: `cognito-idp.${region}.amazonaws.com/${userPoolId}`, issuers: [`http://${key}`, `https://${key}`] };
}

const userPoolLogin: Verify = async (services, pool, { key: sent, token }, check, context) => {
  const { userPoolId, providerName: key, issuers } = userPoolKeyOf(sent, context.origin)!;
  if (sent !== key) check.pass('login key', `${sent}: the sandbox issuer's name for ${key}`);
  const { header, claims } = decodedToken(token, check);

  if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss)) {
    return check.fail('issuer', `iss ${String(claims.iss)} is not ${issuers.join(' or ')}`, invalidToken(ISSUER_MISMATCH));
  }
  check.pass('issuer', claims.iss);

  const audiences = audiencesOf(claims);
  if (audiences.length === 0) return check.fail('audience', 'no aud (an access token has client_id instead)', invalidToken('Missing a required claim: aud'));
  const provider: CognitoIdentityProvider | undefined = pool.CognitoIdentityProviders.find(
    (candidate) => candidate.ProviderName === key && audiences.includes(candidate.ClientId),
  );
  if (!provider) return check.fail('app client', `aud ${audiences.join(', ')} is not an app client of ${key} in this identity pool`, new NotAuthorizedException(UNSUPPORTED_PROVIDER));
  check.pass('app client', `${provider.ClientId} of ${key}`);

  const publicKey = header.alg === 'RS256' ? userPoolIdKey(services, userPoolId, header.kid) : undefined;
  if (!publicKey) return check.fail('signature', `${userPoolId} has no RS256 ID token key ${String(header.kid)}`, invalidToken(BAD_SIGNATURE));
  try {
    await compactVerify(token, publicKey, { algorithms: ['RS256'] });
  } catch {
    check.fail('signature', `the RS256 signature does not verify with ${String(header.kid)}`, invalidToken(BAD_SIGNATURE));
  }
  check.pass('signature', `RS256, ${String(header.kid)}`);

  if (claims.token_use !== 'id') return check.fail('token use', `token_use ${String(claims.token_use)}, not id`, invalidToken('Not an ID token.'));
  check.pass('token use', 'id');
  checkExpiry(claims, services.clock.now(), check);
  if (provider.ServerSideTokenCheck) serverSideTokenCheck(services, userPoolId, claims, check);

  return { provider: key, kind: 'cognito', subject: String(claims.sub), claims, clientId: provider.ClientId };
};

// ---- Google, Apple, OIDC ----

/** The pool's app ids for a public provider (SupportedLoginProviders may list several, comma-separated). */
function appIdsOf(pool: IdentityPool, key: string): string[] {
  return (pool.SupportedLoginProviders[key] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

function socialIdTokenLogin(providerName: string, issuers: string[], jwksPath: string): Verify {
  return async (services, pool, { key, token }, check, context) => {
    const appIds = appIdsOf(pool, key);
    let audiences: string[] = [];
    try {
      audiences = audiencesOf(decodeJwt(token) as Record<string, unknown>);
    } catch {
      // verifyIdToken refuses it
    }
    const clientId = appIds.find((id) => audiences.includes(id)) ?? appIds[0]!;
    const claims = await checkIdToken(services, token, { providerName, issuers, clientId, jwksUri: `${context.origin}${MOCKS}${jwksPath}` }, check, context, pool.IdentityPoolId);
    return { provider: key, kind: 'social', subject: String(claims.sub), claims };
  };
}

/** An OIDC issuer host/path as its `iss` and discovery URL have it: https, or http on this machine. */
function oidcIssuer(key: string): string {
  return `${LOOPBACK_HOST.test(key.split('/')[0]!) ? 'http' : 'https'}://${key}`;
}

const oidcLogin: Verify = async (services, pool, { key, token }, check, context) => {
  const { claims: unverified } = decodedToken(token, check);
  const issuer = oidcIssuer(key);
  const idpContext = { flowId: context.flowId ?? null, poolId: pool.IdentityPoolId };
  let jwksUri: string;
  try {
    jwksUri = (await discoverOidc(services, key, issuer, idpContext)).jwks_uri!;
  } catch (error) {
    if (error instanceof FederationError) return check.fail('discovery', `${issuer}: ${error.description}`, new ExternalServiceException(error.description));
    throw error;
  }
  check.pass('discovery', jwksUri);
  const audience = typeof unverified.azp === 'string' ? unverified.azp : (audiencesOf(unverified)[0] ?? '');
  const claims = await checkIdToken(services, token, { providerName: key, issuers: [issuer], clientId: audience, jwksUri }, check, context, pool.IdentityPoolId);
  const audienceCheck = check.checks.find((entry) => entry.check === 'audience');
  if (audienceCheck) audienceCheck.detail = `${audience}: not checked (the sandbox keeps no IAM OIDC provider and its client ID list)`;
  return { provider: key, kind: 'oidc', subject: String(claims.sub), claims };
};

// ---- Facebook, Login with Amazon ----

async function askProvider(services: LoginCheckServices, url: string, token: string, pool: IdentityPool, context: LoginCheckContext, check: LoginCheck, what: string): Promise<IdpAnswer> {
  try {
    return await idpFetch(services, url, { headers: { authorization: `Bearer ${token}` } }, { flowId: context.flowId ?? null, poolId: pool.IdentityPoolId });
  } catch (error) {
    if (error instanceof IdpUnreachable) return check.fail(what, error.message, new ExternalServiceException(error.message));
    throw error;
  }
}

/** The provider's refusal of the token, in its own words (Graph's `error.message`, LWA's `error_description`). */
function providerRefusal(answer: IdpAnswer): string {
  const body = jsonOf(answer);
  const graph = body?.error && typeof body.error === 'object' ? (body.error as { message?: unknown }).message : undefined;
  const said = typeof graph === 'string' ? graph : typeof body?.error_description === 'string' ? body.error_description : `${answer.status}`;
  return said;
}

async function askForJson(services: LoginCheckServices, url: string, token: string, pool: IdentityPool, context: LoginCheckContext, check: LoginCheck, what: string) {
  const answer = await askProvider(services, url, token, pool, context, check, what);
  const body = answer.status === 200 ? jsonOf(answer) : undefined;
  if (answer.status >= 500) return check.fail(what, `${url} answered ${answer.status}`, new ExternalServiceException(`${url} answered ${answer.status}`));
  if (!body) return check.fail(what, `refused: ${providerRefusal(answer)}`, invalidToken(providerRefusal(answer)));
  return body;
}

function checkAppId(appId: unknown, pool: IdentityPool, key: string, check: LoginCheck): void {
  if (typeof appId !== 'string' || !appIdsOf(pool, key).includes(appId)) {
    check.fail('app', `issued to app ${String(appId)}, not ${pool.SupportedLoginProviders[key]}`, new NotAuthorizedException(UNSUPPORTED_PROVIDER));
  }
  check.pass('app', appId);
}

const facebookLogin: Verify = async (services, pool, { key, token }, check, context) => {
  const graph = `${context.origin}${MOCKS}/facebook/${GRAPH_VERSION}`;
  const app = await askForJson(services, `${graph}/app`, token, pool, context, check, 'app');
  checkAppId(app.id, pool, key, check);
  const me = await askForJson(services, `${graph}/me?fields=id,name,email`, token, pool, context, check, 'user');
  if (typeof me.id !== 'string') return check.fail('user', '/me answered no id', invalidToken('The provider answered no user id.'));
  check.pass('user', me.id);
  const claims = { ...me, sub: me.id, aud: app.id };
  check.claims = claims;
  return { provider: key, kind: 'social', subject: me.id, claims };
};

const amazonLogin: Verify = async (services, pool, { key, token }, check, context) => {
  const lwa = `${context.origin}${MOCKS}/amazon`;
  const info = await askForJson(services, `${lwa}/auth/o2/tokeninfo`, token, pool, context, check, 'app');
  checkAppId(appIdsOf(pool, key).includes(String(info.app_id)) ? info.app_id : info.aud, pool, key, check);
  const profile = await askForJson(services, `${lwa}/user/profile`, token, pool, context, check, 'user');
  if (typeof profile.user_id !== 'string') return check.fail('user', '/user/profile answered no user_id', invalidToken('The provider answered no user id.'));
  check.pass('user', profile.user_id);
  const claims = { ...profile, aud: info.aud };
  check.claims = claims;
  return { provider: key, kind: 'social', subject: profile.user_id, claims };
};

// ---- Cognito Identity, SAML, the rest ----

const cognitoIdentityLogin: Verify = async (services, pool, { key, token }, check, context) => {
  if (context.call === 'GetId') return check.fail('provider', `${context.call} takes no Cognito Identity token`, invalidToken("Can't pass in a Cognito token."));
  const record = new FederationRecord();
  let claims: Record<string, unknown>;
  try {
    claims = await verifyOpenIdToken(services, token, context.origin, record);
  } finally {
    check.absorb(record);
  }
  if (claims.aud !== pool.IdentityPoolId) return check.fail('audience', `aud ${String(claims.aud)} is not ${pool.IdentityPoolId}`, invalidToken('Incorrect token audience.'));
  check.pass('audience', pool.IdentityPoolId);
  return { provider: key, kind: 'cognito-identity', subject: String(claims.sub), claims };
};

/** The classic flow's calls: Cognito takes SAML logins in the enhanced flow only. */
const CLASSIC_FLOW_CALLS = new Set(['GetOpenIdToken', 'GetOpenIdTokenForDeveloperIdentity']);

const samlLogin: Verify = async (services, pool, { key, token }, check, context) => {
  if (context.call && CLASSIC_FLOW_CALLS.has(context.call)) {
    return check.fail('flow', `${context.call} is the basic (classic) flow: SAML logins are taken by the enhanced flow only`, invalidToken('SAML logins are supported by the enhanced flow only (GetCredentialsForIdentity).'));
  }
  return verifySamlLogin(services, key, token, check, { flowId: context.flowId ?? null, identityPoolId: pool.IdentityPoolId });
};

/** A key naming no provider of the pool: a token that is no JWT is refused as such first, as Cognito does. */
const unsupportedLogin: Verify = async (_services, pool, { key, token }, check) => {
  if (key === pool.DeveloperProviderName) {
    check.fail('provider', `${key} is the developer provider: only GetOpenIdTokenForDeveloperIdentity takes it`, new NotAuthorizedException(UNSUPPORTED_PROVIDER));
  }
  decodedToken(token, check);
  return check.fail('provider', `${key} is not a provider of this identity pool`, new NotAuthorizedException(UNSUPPORTED_PROVIDER));
};

/** What the key names: the first provider, in priority order, that claims it; `rank` is its place in that order. */
function providerOf(pool: IdentityPool, key: string, origin: string): LoginProvider & { rank: number } {
  const named = (provider: string) => key === provider && pool.SupportedLoginProviders[provider] !== undefined;
  if (userPoolKeyOf(key, origin)) return { rank: 1, kind: 'cognito', verify: userPoolLogin };
  if (named(GOOGLE_PROVIDER)) return { rank: 2, kind: 'social', verify: socialIdTokenLogin('Google', ['https://accounts.google.com', 'accounts.google.com'], '/google/oauth2/v3/certs') };
  if (named(APPLE_PROVIDER)) return { rank: 3, kind: 'social', verify: socialIdTokenLogin('SignInWithApple', ['https://appleid.apple.com'], '/apple/auth/keys') };
  if (pool.OpenIdConnectProviderARNs.some((arn) => oidcLoginKey(arn) === key)) return { rank: 4, kind: 'oidc', verify: oidcLogin };
  if (named(FACEBOOK_PROVIDER)) return { rank: 5, kind: 'social', verify: facebookLogin };
  if (named(AMAZON_PROVIDER)) return { rank: 6, kind: 'social', verify: amazonLogin };
  if (key === COGNITO_IDENTITY_PROVIDER) return { rank: 7, kind: 'cognito-identity', verify: cognitoIdentityLogin };
  if (pool.SamlProviderARNs.includes(key)) return { rank: 8, kind: 'saml', verify: samlLogin };
  return { rank: 9, kind: key === pool.DeveloperProviderName ? 'developer' : 'oidc', verify: unsupportedLogin };
}

/**
 * Checks every login of the call, in the providers' priority order, each published as
 * `identity.loginChecked`: what each proved, or the first refusal (NotAuthorizedException,
 * ExternalServiceException) thrown.
 */
export async function checkLogins(
  services: LoginCheckServices,
  pool: IdentityPool,
  logins: Record<string, string>,
  context: LoginCheckContext,
): Promise<VerifiedLogin[]> {
  const ordered = Object.entries(logins)
    .map(([key, token]) => ({ login: { key, token }, provider: providerOf(pool, key, context.origin) }))
    .sort((a, b) => a.provider.rank - b.provider.rank);
  const verified: VerifiedLogin[] = [];
  for (const { login, provider } of ordered) verified.push(await checkLogin(services, pool, login, provider, context));
  return verified;
}

async function checkLogin(services: LoginCheckServices, pool: IdentityPool, login: Login, provider: LoginProvider, context: LoginCheckContext): Promise<VerifiedLogin> {
  const check = new LoginCheck();
  const publish = (data: { provider?: string; passed: boolean; subject?: string; claims?: Record<string, unknown>; error?: CognitoError }) =>
    services.bus.publish(
      'identity.loginChecked',
      {
        identityPoolId: pool.IdentityPoolId,
        provider: data.provider ?? login.key,
        kind: provider.kind,
        checks: check.checks,
        passed: data.passed,
        ...(data.subject !== undefined && { subject: data.subject }),
        ...(data.claims && { claims: data.claims }),
        ...(data.error && { error: { type: data.error.type, message: data.error.message } }),
      },
      { flowId: context.flowId ?? null, poolId: pool.IdentityPoolId },
    );
  try {
    const verified = await provider.verify(services, pool, login, check, context);
    publish({ provider: verified.provider, passed: true, subject: verified.subject, claims: verified.claims });
    return verified;
  } catch (error) {
    if (error instanceof CognitoError) publish({ passed: false, ...(check.claims && { claims: check.claims }), error });
    throw error;
  }
}
