/**
 * The OpenID tokens of the sandbox's Cognito Identity issuer, as GetOpenIdToken and
 * GetOpenIdTokenForDeveloperIdentity hand them out and STS's AssumeRoleWithWebIdentity takes them.
 * Signed as Cognito Identity signs: header `{ kid: "us-east-11", typ: "JWS", alg: "RS512" }` (one
 * key per region, named `{region}1`); claims `sub` (the identity id), `aud` (the identity pool id),
 * `amr`, `iss`, `https://cognito-identity.amazonaws.com/identity-pool-arn`, `exp`, `iat`, and the
 * principal tags under `https://aws.amazon.com/tags` when there are any.
 *
 * The issuer is the sandbox's own (`{origin}/_cognito-identity`, whose discovery document and JWKS
 * the sandbox serves), or Cognito Identity's real one (`https://cognito-identity.amazonaws.com`)
 * with `awsIssuer`. Either is taken back.
 *
 * Two places take the tokens back, each refusing as its service does: a `cognito-identity.amazonaws.com`
 * login (verifyOpenIdToken: NotAuthorizedException) and STS (verifyWebIdentityToken:
 * InvalidIdentityToken, ExpiredTokenException).
 *
 * Assumptions (Cognito and STS do not document their messages): a token that is no JWT is "Invalid
 * login token. Not a valid OpenId Connect identity token." / "The ID Token provided is not a valid JWT.
 * (You may see this error if you sent an Access Token)"; a bad algorithm, kid or signature is
 * "Invalid login token. Couldn't verify signed token." / STS's "Couldn't retrieve verification key
 * from your identity provider, ..." (unknown kid) or "Invalid token signature" (the signature); an
 * expired one "Invalid login token. Token expired: {now} >= {exp}" / "Token expired: current
 * date/time {now} must be before the expiration date/time {exp}" (no clock skew allowed).
 */
import {
  SignJWT,
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { BaseServices } from '../../base-services.js';
import type { Store } from '../../store/index.js';
import { NotAuthorizedException, type CognitoError } from '../errors.js';
import type { FederationRecord } from '../federation/federation-record.js';
import { identityPoolArn, identityPoolRegion } from './identity-pools.js';
import { expiredToken, invalidIdentityToken } from './sts-errors.js';

export const COGNITO_IDENTITY_PROVIDER = 'cognito-identity.amazonaws.com';
export const AWS_COGNITO_IDENTITY_ISSUER = `https://${COGNITO_IDENTITY_PROVIDER}`;
/** Where the sandbox's issuer lives on its port: `{origin}/_cognito-identity/.well-known/...`. */
export const COGNITO_IDENTITY_ISSUER_PATH = '/_cognito-identity';
export const IDENTITY_POOL_ARN_CLAIM = `${AWS_COGNITO_IDENTITY_ISSUER}/identity-pool-arn`;
export const PRINCIPAL_TAGS_CLAIM = 'https://aws.amazon.com/tags';
const ALG = 'RS512';
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

export type OpenIdTokenServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'options'>;

export function cognitoIdentityIssuer(origin: string, awsIssuer: boolean): string {
  return awsIssuer ? AWS_COGNITO_IDENTITY_ISSUER : `${origin}${COGNITO_IDENTITY_ISSUER_PATH}`;
}

// ---- keys ----

interface IssuerKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** What the issuer's JWKS serves. */
  publicJwk: JWK;
}

const loaded = new WeakMap<Store, Map<string, Promise<IssuerKey>>>();

function publicPart({ kty, n, e }: JWK, kid: string): JWK {
  return { kty, alg: ALG, use: 'sig', kid, n, e };
}

async function toIssuerKey(kid: string, privateJwk: JWK): Promise<IssuerKey> {
  const publicJwk = publicPart(privateJwk, kid);
  return {
    kid,
    privateKey: (await importJWK(privateJwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
    publicJwk,
  };
}

async function keptOrNew(store: Store, kid: string, now: number): Promise<IssuerKey> {
  let kept = store.cognitoIdentityKeys.find(kid);
  if (!kept) {
    const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    kept = store.cognitoIdentityKeys.keep({ kid, privateJwk: JSON.stringify(jwk), created: now });
  }
  return toIssuerKey(kept.kid, JSON.parse(kept.privateJwk) as JWK);
}

function cached(store: Store, kid: string, load: () => Promise<IssuerKey>): Promise<IssuerKey> {
  let keys = loaded.get(store);
  if (!keys) {
    loaded.set(store, (keys = new Map()));
    store.snapshots.onRestored(() => loaded.delete(store));
  }
  let key = keys.get(kid);
  if (!key) {
    key = load();
    keys.set(kid, key);
    key.catch(() => keys.delete(kid));
  }
  return key;
}

/** The signing key of a region, made on first use. */
function regionKey(services: Pick<BaseServices, 'store' | 'clock'>, region: string): Promise<IssuerKey> {
  const kid = `${region}1`;
  return cached(services.store, kid, () => keptOrNew(services.store, kid, services.clock.now()));
}

/** A key the issuer has made, by its kid; never makes one. */
async function knownKey(store: Store, kid: string): Promise<IssuerKey | undefined> {
  const kept = store.cognitoIdentityKeys.find(kid);
  if (!kept) return undefined;
  return cached(store, kid, () => toIssuerKey(kept.kid, JSON.parse(kept.privateJwk) as JWK));
}

/** `us-east-1` of `us-east-1:4b1c…`; the sandbox's region when the id names none. */
function regionOf(identityPoolId: string, fallback: string): string {
  const region = identityPoolRegion(identityPoolId);
  return REGION.test(region) ? region : fallback;
}

/** The issuer's JWKS: every key it has made (the sandbox's region's at least, so the set is never empty). */
export async function cognitoIdentityJwks(services: Pick<BaseServices, 'store' | 'clock' | 'options'>): Promise<{ keys: JWK[] }> {
  await regionKey(services, services.options.region);
  const keys = await Promise.all(services.store.cognitoIdentityKeys.all().map((k) => knownKey(services.store, k.kid)));
  return { keys: keys.filter((k): k is IssuerKey => k !== undefined).map((k) => k.publicJwk) };
}

// ---- signing ----

export interface OpenIdTokenRequest {
  identityPoolId: string;
  identityId: string;
  /** `["authenticated", "cognito-idp.us-east-1.amazonaws.com", "cognito-idp.us-east-1.amazonaws.com/us-east-1_X:CognitoSignIn:SUB"]` or `["unauthenticated"]`. */
  amr: string[];
  durationSeconds: number;
  principalTags?: Record<string, string>;
  origin: string;
  flowId?: string;
}

export interface SignedOpenIdToken {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Seconds. */
  expiresIn: number;
}

/** STS's session-tag claim: each tag's value as a one-element list. */
function tagsClaim(tags: Record<string, string>): Record<string, unknown> {
  return { principal_tags: Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, [value]])) };
}

export async function signOpenIdToken(services: OpenIdTokenServices, request: OpenIdTokenRequest): Promise<SignedOpenIdToken> {
  const region = regionOf(request.identityPoolId, services.options.region);
  const key = await regionKey(services, region);
  const iat = Math.floor(services.clock.now() / 1000);
  const header = { kid: key.kid, typ: 'JWS', alg: ALG };
  const claims: Record<string, unknown> = {
    sub: request.identityId,
    aud: request.identityPoolId,
    amr: request.amr,
    iss: cognitoIdentityIssuer(request.origin, services.options.awsIssuer ?? false),
    [IDENTITY_POOL_ARN_CLAIM]: identityPoolArn(request.identityPoolId, services.options.accountId),
    ...(request.principalTags && Object.keys(request.principalTags).length > 0 && { [PRINCIPAL_TAGS_CLAIM]: tagsClaim(request.principalTags) }),
    exp: iat + request.durationSeconds,
    iat,
  };
  const token = await new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey);
  services.bus.publish(
    'identity.openIdTokenIssued',
    { identityPoolId: request.identityPoolId, identityId: request.identityId, header, claims, expiresIn: request.durationSeconds },
    { flowId: request.flowId, poolId: request.identityPoolId },
  );
  return { token, header, claims, expiresIn: request.durationSeconds };
}

// ---- verification ----

type RefusalReason = 'format' | 'algorithm' | 'key' | 'signature' | 'issuer' | 'expired';

/** Why a token was refused, before a service words it. */
class OpenIdTokenRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
    readonly facts: { now?: number; exp?: number; iss?: string } = {},
  ) {
    super(detail);
  }
}

class Checks {
  constructor(private readonly record: FederationRecord | undefined) {}

  pass(check: string, detail: string): void {
    this.record?.checks.push({ check, passed: true, detail });
  }

  fail(check: string, refusal: OpenIdTokenRefusal): never {
    this.record?.checks.push({ check, passed: false, detail: refusal.detail });
    throw refusal;
  }
}

function decode(token: string, checks: Checks): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    if (token.split('.').length !== 3) throw new Error('not three parts');
    const decoded = { header: decodeProtectedHeader(token) as Record<string, unknown>, claims: decodeJwt(token) as Record<string, unknown> };
    checks.pass('token format', 'a signed JWT');
    return decoded;
  } catch {
    return checks.fail('token format', new OpenIdTokenRefusal('format', 'not a signed JWT (JWS compact serialization)'));
  }
}

async function signingKey(store: Store, header: Record<string, unknown>, checks: Checks): Promise<IssuerKey> {
  if (header.alg !== ALG) checks.fail('signature algorithm', new OpenIdTokenRefusal('algorithm', `${String(header.alg)} is not ${ALG}, which the issuer signs with`));
  checks.pass('signature algorithm', ALG);
  const key = typeof header.kid === 'string' ? await knownKey(store, header.kid) : undefined;
  if (!key) checks.fail('signing key', new OpenIdTokenRefusal('key', `the issuer has no key ${String(header.kid)}`));
  checks.pass('signing key', key.kid);
  return key;
}

async function checkSignature(token: string, key: IssuerKey, checks: Checks): Promise<void> {
  try {
    await compactVerify(token, key.publicKey, { algorithms: [ALG] });
  } catch {
    checks.fail('signature', new OpenIdTokenRefusal('signature', `the ${ALG} signature does not verify with key ${key.kid}`));
  }
  checks.pass('signature', `${ALG}, key ${key.kid}`);
}

function checkClaims(claims: Record<string, unknown>, origin: string, nowMs: number, checks: Checks): void {
  const issuers = [cognitoIdentityIssuer(origin, false), AWS_COGNITO_IDENTITY_ISSUER];
  const iss = typeof claims.iss === 'string' ? claims.iss : undefined;
  if (!iss || !issuers.includes(iss)) {
    checks.fail('issuer', new OpenIdTokenRefusal('issuer', `iss ${String(claims.iss)} is not ${issuers.join(' or ')}`, { iss: String(claims.iss) }));
  }
  checks.pass('issuer', iss);
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number') checks.fail('expiry', new OpenIdTokenRefusal('format', 'the token has no exp'));
  if (now >= claims.exp) {
    checks.fail('expiry', new OpenIdTokenRefusal('expired', `expired at ${new Date(claims.exp * 1000).toISOString()}`, { now, exp: claims.exp }));
  }
  checks.pass('expiry', `until ${new Date(claims.exp * 1000).toISOString()}`);
}

/** The token's claims once every check passed; throws OpenIdTokenRefusal. */
async function checkOpenIdToken(
  services: Pick<BaseServices, 'store' | 'clock'>,
  token: string,
  origin: string,
  record: FederationRecord | undefined,
): Promise<Record<string, unknown>> {
  const checks = new Checks(record);
  const { header, claims } = decode(token, checks);
  if (record) record.idToken = { header, claims };
  await checkSignature(token, await signingKey(services.store, header, checks), checks);
  checkClaims(claims, origin, services.clock.now(), checks);
  return claims;
}

async function verifyWith(
  services: Pick<BaseServices, 'store' | 'clock'>,
  token: string,
  origin: string,
  record: FederationRecord | undefined,
  refusal: (refused: OpenIdTokenRefusal) => CognitoError,
): Promise<Record<string, unknown>> {
  try {
    return await checkOpenIdToken(services, token, origin, record);
  } catch (error) {
    if (error instanceof OpenIdTokenRefusal) throw refusal(error);
    throw error;
  }
}

const COGNITO_REFUSALS: Record<RefusalReason, (r: OpenIdTokenRefusal) => string> = {
  format: () => 'Invalid login token. Not a valid OpenId Connect identity token.',
  algorithm: () => "Invalid login token. Couldn't verify signed token.",
  key: () => "Invalid login token. Couldn't verify signed token.",
  signature: () => "Invalid login token. Couldn't verify signed token.",
  issuer: () => "Invalid login token. Issuer doesn't match providerName",
  expired: (r) => `Invalid login token. Token expired: ${r.facts.now} >= ${r.facts.exp}`,
};

/**
 * A token of the sandbox's Cognito Identity issuer, checked as Cognito Identity checks a
 * `cognito-identity.amazonaws.com` login: its claims, or NotAuthorizedException. The audience
 * (the identity pool) is the caller's to check. Each check is recorded on `record` when given.
 */
export function verifyOpenIdToken(
  services: Pick<BaseServices, 'store' | 'clock'>,
  token: string,
  origin: string,
  record?: FederationRecord,
): Promise<Record<string, unknown>> {
  return verifyWith(services, token, origin, record, (r) => new NotAuthorizedException(COGNITO_REFUSALS[r.reason](r)));
}

const STS_REFUSALS: Record<Exclude<RefusalReason, 'expired'>, (r: OpenIdTokenRefusal) => string> = {
  format: () => 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
  algorithm: () => "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  key: () => "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  signature: () => 'Invalid token signature',
  issuer: (r) => `No OpenIDConnect provider found in your account for ${r.facts.iss}`,
};

/**
 * The same token checked as STS's AssumeRoleWithWebIdentity checks it: its claims, or StsError
 * InvalidIdentityToken / ExpiredTokenException. The audience is the caller's to check.
 */
export function verifyWebIdentityToken(
  services: Pick<BaseServices, 'store' | 'clock'>,
  token: string,
  origin: string,
  record?: FederationRecord,
): Promise<Record<string, unknown>> {
  return verifyWith(services, token, origin, record, (r) =>
    r.reason === 'expired'
      ? expiredToken(`Token expired: current date/time ${r.facts.now} must be before the expiration date/time ${r.facts.exp}`)
      : invalidIdentityToken(STS_REFUSALS[r.reason](r)),
  );
}
