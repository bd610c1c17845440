/**
 * A provider's signing keys (its JWKS), read through idpFetch so each read shows in the identity
 * provider lane, and kept an hour per URL. A token naming a key the kept set lacks makes the set
 * read again once (the provider may have rotated its keys).
 */
import { createLocalJWKSet, type CryptoKey, type JSONWebKeySet, type JWSHeaderParameters } from 'jose';
import type { BaseServices } from '../../base-services.js';
import { IdpCache } from './idp-cache.js';
import { jsonOf, type IdpCallContext } from './idp-fetch.js';
import { answeredBadly, callIdp } from './idp-refusals.js';

export type KeyServices = Pick<BaseServices, 'bus' | 'clock' | 'options'>;

const JWKS_TTL_MS = 60 * 60 * 1000;
const keySets = new IdpCache<JSONWebKeySet>(JWKS_TTL_MS);

function isKeySet(value: Record<string, unknown> | undefined): value is Record<string, unknown> & JSONWebKeySet {
  return Array.isArray(value?.keys) && value.keys.every((key: unknown) => key !== null && typeof key === 'object' && !Array.isArray(key));
}

/** The provider's JWKS; throws the FederationError a sign-in is refused with when it cannot be had. */
async function readKeySet(services: KeyServices, providerName: string, jwksUri: string, context: IdpCallContext): Promise<JSONWebKeySet> {
  const answer = await callIdp(services, 'jwks', jwksUri, {}, context);
  const body = answer.status === 200 ? jsonOf(answer) : undefined;
  if (!isKeySet(body)) throw answeredBadly(providerName, 'jwks', answer);
  const keySet: JSONWebKeySet = { keys: body.keys };
  keySets.set(services, jwksUri, keySet);
  return keySet;
}

/** The keys of `keySet` a token with this header may be verified with (several when the provider repeats a kid). */
async function candidates(keySet: JSONWebKeySet, header: JWSHeaderParameters): Promise<CryptoKey[]> {
  try {
    return [(await createLocalJWKSet(keySet)(header)) as CryptoKey];
  } catch (error) {
    if ((error as Error).name === 'JWKSMultipleMatchingKeys') {
      const keys: CryptoKey[] = [];
      for await (const key of error as AsyncIterable<CryptoKey>) keys.push(key);
      return keys;
    }
    if ((error as Error).name === 'JWKSNoMatchingKey') return [];
    throw error;
  }
}

/**
 * The provider's public keys matching the token's `kid` and `alg`, the JWKS read again once when
 * the kept one has none. Empty when the provider has no such key. A malformed key in the set throws.
 */
export async function providerKeysFor(
  services: KeyServices,
  providerName: string,
  jwksUri: string,
  header: JWSHeaderParameters,
  context: IdpCallContext,
): Promise<CryptoKey[]> {
  const kept = keySets.get(services, jwksUri);
  if (kept) {
    const keys = await candidates(kept, header);
    if (keys.length) return keys;
  }
  return candidates(await readKeySet(services, providerName, jwksUri, context), header);
}
