/**
 * Each pool signs with two RSA key pairs, one for ID tokens and one for access tokens, so
 * their `kid`s differ as Cognito's do. A pool takes its keys on first use, stored with the pool
 * and cached in memory as KeyObjects. Generating a key pair takes tens of milliseconds, so a few
 * are kept in reserve, made in the background once pools are being created: a new pool's first
 * sign-in takes its keys from the reserve and is as fast as any other, and a pool nobody signs in
 * to costs nothing.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock } from '../clock.js';
import type { SigningKeysRepository, TokenUse } from '../store/repositories/signing-keys.js';

const generateRsa = promisify(generateKeyPair);

export interface SigningKey {
  kid: string;
  tokenUse: TokenUse;
  privateKey: KeyObject;
  /** The private key as PKCS #8 PEM, as the signing workers take it. */
  privatePem: string;
  publicKey: KeyObject;
  publicJwk: PublicJwk;
}

export interface PublicJwk {
  alg: 'RS256';
  e: string;
  kid: string;
  kty: 'RSA';
  n: string;
  use: 'sig';
}

export type PoolKeys = Record<TokenUse, SigningKey>;

const TOKEN_USES: readonly TokenUse[] = ['access', 'id'];
/** Key pairs kept ready: enough for two new pools. */
const RESERVE = 4;

function toSigningKey(tokenUse: TokenUse, kid: string, privateJwk: string): SigningKey {
  const privateKey = createPrivateKey({ key: JSON.parse(privateJwk), format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  return { kid, tokenUse, privateKey, privatePem, publicKey, publicJwk: { alg: 'RS256', e, kid, kty: 'RSA', n, use: 'sig' } };
}

/** Cognito's kids are base64 SHA-256 digests; ours are the digest of the modulus. */
function kidFor(n: string): string {
  return createHash('sha256').update(n).digest('base64');
}

export class SigningKeys {
  private cache = new Map<string, Promise<PoolKeys>>();
  private reserve: Promise<KeyObject>[] = [];

  constructor(
    private readonly repository: SigningKeysRepository,
    private readonly clock: Clock,
  ) {}

  forPool(poolId: string): Promise<PoolKeys> {
    let keys = this.cache.get(poolId);
    if (!keys) {
      keys = this.load(poolId);
      this.cache.set(poolId, keys);
      keys.catch(() => this.cache.delete(poolId));
    }
    return keys;
  }

  /** The pool's public keys as `/.well-known/jwks.json` serves them. */
  async jwks(poolId: string): Promise<{ keys: PublicJwk[] }> {
    const keys = await this.forPool(poolId);
    return { keys: TOKEN_USES.map((use) => keys[use].publicJwk) };
  }

  /** Fills the reserve of key pairs in the background (when pools are created). */
  warm(): void {
    while (this.reserve.length < RESERVE) {
      const key = generateRsa('rsa', { modulusLength: 2048 }).then(({ privateKey }) => privateKey);
      key.catch(() => undefined);
      this.reserve.push(key);
    }
  }

  /** A key pair from the reserve (made now when it is empty), the reserve then refilled. */
  private async takeKey(): Promise<KeyObject> {
    const key = this.reserve.shift() ?? generateRsa('rsa', { modulusLength: 2048 }).then(({ privateKey }) => privateKey);
    this.warm();
    return key;
  }

  /** Forgets a deleted pool's keys. */
  forget(poolId: string): void {
    this.cache.delete(poolId);
  }

  private async load(poolId: string): Promise<PoolKeys> {
    const stored = new Map(this.repository.forPool(poolId).map((k) => [k.tokenUse, k]));
    for (const tokenUse of TOKEN_USES) {
      if (stored.has(tokenUse)) continue;
      const privateKey = await this.takeKey();
      const jwk = privateKey.export({ format: 'jwk' }) as { n: string };
      this.repository.insertIfAbsent({
        poolId,
        tokenUse,
        kid: kidFor(jwk.n),
        privateJwk: JSON.stringify(jwk),
        created: this.clock.now(),
      });
    }
    const keys = this.repository.forPool(poolId);
    const byUse = (use: TokenUse) => {
      const key = keys.find((k) => k.tokenUse === use)!;
      return toSigningKey(use, key.kid, key.privateJwk);
    };
    return { access: byUse('access'), id: byUse('id') };
  }
}
