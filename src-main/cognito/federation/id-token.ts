/**
 * The provider's ID token checked as Cognito checks it, each check recorded for the debugger:
 * a signed JWT (JWS compact), an algorithm Cognito takes, the key named by `kid` at the provider's
 * JWKS, the signature, `iss` the provider's issuer, `aud` holding the client_id, `exp` not passed
 * and `iat` not ahead (a minute of clock skew), `nonce` the one sent.
 *
 * Algorithms: the guide's OIDC prerequisites, "Only signs ID tokens with HMAC-SHA, ECDSA, or RSA
 * algorithms" and "Publishes a key ID kid ... and includes a kid claim in its tokens": RS*, PS*
 * and ES* are verified with the JWKS key the token's kid names (a token without kid is refused);
 * HS* with the provider's client_secret as the key (OpenID Connect Core §10.1), never with a JWKS
 * key. `none`, EdDSA and anything else are refused.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, type CryptoKey, type JWSHeaderParameters } from 'jose';
import type { FederationRecord } from './federation-record.js';
import type { IdpCallContext } from './idp-fetch.js';
import { providerKeysFor, type KeyServices } from './idp-keys.js';
import { badIdToken } from './idp-refusals.js';
import { FederationError } from './types.js';
import { providerClockOf } from '../../clock.js';

const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const HMAC_ALGS = ['HS256', 'HS384', 'HS512'];
const CLOCK_SKEW_S = 60;

export interface IdTokenExpectations {
  providerName: string;
  /** `iss` values taken (the provider's issuer; Google also writes it without the scheme). */
  issuers: string[];
  clientId: string;
  /** The key of HS* tokens. */
  clientSecret?: string;
  jwksUri: string;
  /** The nonce sent with the authorize request. */
  nonce?: string;
}

export interface VerifiedIdToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function decoded(token: string, record: FederationRecord): VerifiedIdToken {
  try {
    if (token.split('.').length !== 3) throw new Error('not three parts');
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, claims: decodeJwt(token) as Record<string, unknown> };
  } catch {
    return record.fail('ID token format', 'not a signed JWT (JWS compact serialization)', badIdToken());
  }
}

async function verificationKeys(
  services: KeyServices,
  header: JWSHeaderParameters,
  expect: IdTokenExpectations,
  record: FederationRecord,
  context: IdpCallContext,
): Promise<Array<CryptoKey | Uint8Array>> {
  const alg = header.alg!;
  if (HMAC_ALGS.includes(alg)) {
    if (!expect.clientSecret) return record.fail('signing key', `${alg} needs the client_secret, which this provider has none of`, badIdToken(`alg ${alg}`));
    record.pass('signing key', `${alg}: the provider's client_secret`);
    return [new TextEncoder().encode(expect.clientSecret)];
  }
  if (typeof header.kid !== 'string' || !header.kid) return record.fail('signing key', 'the token names no kid', badIdToken('kid'));
  let keys: CryptoKey[];
  try {
    keys = await providerKeysFor(services, expect.providerName, expect.jwksUri, header, context);
  } catch (error) {
    if (error instanceof FederationError) return record.fail('signing key', `${expect.jwksUri}: ${error.description}`, error);
    return record.fail('signing key', `the JWKS at ${expect.jwksUri} holds a key that cannot be used: ${(error as Error).message}`, badIdToken(`kid ${header.kid}`));
  }
  if (!keys.length) return record.fail('signing key', `no ${alg} key ${header.kid} at ${expect.jwksUri}`, badIdToken(`kid ${header.kid}`));
  record.pass('signing key', `${header.kid} from ${expect.jwksUri}`);
  return keys;
}

async function checkSignature(token: string, alg: string, keys: Array<CryptoKey | Uint8Array>, record: FederationRecord): Promise<void> {
  for (const key of keys) {
    try {
      await compactVerify(token, key, { algorithms: [alg] });
      record.pass('signature', alg);
      return;
    } catch {
      // the next key with the same kid, if any
    }
  }
  record.fail('signature', `the ${alg} signature does not verify`, badIdToken('signature'));
}

const withoutTrailingSlash = (value: string) => value.replace(/\/+$/, '');

function checkClaims(claims: Record<string, unknown>, expect: IdTokenExpectations, now: number, record: FederationRecord): void {
  const iss = claims.iss;
  if (typeof iss !== 'string' || !expect.issuers.some((issuer) => withoutTrailingSlash(issuer) === withoutTrailingSlash(iss))) {
    record.fail('issuer', `iss ${String(iss)} is not ${expect.issuers[0]}`, badIdToken(`issuer ${String(iss)}`));
  }
  record.pass('issuer', iss);

  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expect.clientId)) {
    record.fail('audience', `aud ${JSON.stringify(claims.aud)} does not hold ${expect.clientId}`, badIdToken(`audience ${audiences.join(',')}`));
  }
  record.pass('audience', `aud holds ${expect.clientId}`);

  const nowS = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S <= nowS) {
    record.fail('expiry', typeof claims.exp === 'number' ? `expired at ${new Date(claims.exp * 1000).toISOString()}` : 'no exp', badIdToken('expired'));
  }
  record.pass('expiry', `until ${new Date(claims.exp * 1000).toISOString()}`);
  if (typeof claims.iat !== 'number' || claims.iat - CLOCK_SKEW_S > nowS) {
    record.fail('issued at', typeof claims.iat === 'number' ? `issued in the future (${new Date(claims.iat * 1000).toISOString()})` : 'no iat', badIdToken('iat'));
  }
  record.pass('issued at', new Date(claims.iat * 1000).toISOString());

  if (expect.nonce !== undefined) {
    if (claims.nonce !== expect.nonce) record.fail('nonce', claims.nonce === undefined ? 'no nonce' : 'not the nonce sent', badIdToken('nonce'));
    record.pass('nonce', 'the nonce sent');
  }
}

/** The token's header and claims once every check passed; a failed check is recorded and its refusal thrown. */
export async function verifyIdToken(
  services: KeyServices,
  token: string,
  expect: IdTokenExpectations,
  record: FederationRecord,
  context: IdpCallContext,
): Promise<VerifiedIdToken> {
  const { header, claims } = decoded(token, record);
  record.idToken = { header, claims };
  const alg = typeof header.alg === 'string' ? header.alg : 'none';
  if (![...ASYMMETRIC_ALGS, ...HMAC_ALGS].includes(alg)) {
    record.fail('signature algorithm', `${alg} is not one Cognito takes (HMAC-SHA, ECDSA, RSA)`, badIdToken(`alg ${alg}`));
  }
  record.pass('signature algorithm', alg);
  await checkSignature(token, alg, await verificationKeys(services, header as JWSHeaderParameters, expect, record, context), record);
  // The provider stamped the token with real time, whatever time travel did to the sandbox's clock.
  checkClaims(claims, expect, providerClockOf(services.clock).now(), record);
  return { header, claims };
}
