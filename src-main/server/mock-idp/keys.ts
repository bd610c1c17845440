/**
 * The RS256 keys the mocks sign ID tokens with (one per mock: the OIDC provider, Google, Apple),
 * generated on first use and kept in the store so tokens and JWKS outlive a restart.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Store } from '../../store/index.js';

export interface MockSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** Private JWK with kid, alg and use: what oidc-provider takes as its keystore. */
  privateJwk: JWK;
  /** What the mock's JWKS serves. */
  publicJwk: JWK;
}

export type SigningMock = 'oidc' | 'google' | 'apple';

const loaded = new WeakMap<Store, Map<SigningMock, Promise<MockSigningKey>>>();

function publicPart({ kty, n, e, kid, alg, use }: JWK): JWK {
  return { kty, n, e, kid, alg, use };
}

async function keptOrNew(store: Store, name: SigningMock): Promise<MockSigningKey> {
  let kept = store.mockIdpKeys.find(name);
  if (!kept) {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk);
    kept = store.mockIdpKeys.keep({ name, kid, privateJwk: JSON.stringify({ ...jwk, kid, alg: 'RS256', use: 'sig' }), created: Date.now() });
  }
  const privateJwk: JWK = JSON.parse(kept.privateJwk);
  return { kid: kept.kid, privateJwk, publicJwk: publicPart(privateJwk), privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey };
}

export function mockSigningKey(store: Store, name: SigningMock): Promise<MockSigningKey> {
  let keys = loaded.get(store);
  if (!keys) {
    loaded.set(store, (keys = new Map()));
    store.snapshots.onRestored(() => loaded.delete(store));
  }
  let key = keys.get(name);
  if (!key) {
    key = keptOrNew(store, name);
    keys.set(name, key);
    key.catch(() => keys.delete(name));
  }
  return key;
}
