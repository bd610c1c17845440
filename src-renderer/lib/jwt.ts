/**
 * Reading a pool's JWTs in the browser: decoding header and claims, and checking the RS256
 * signature against the pool's JWKS with WebCrypto (the window is a secure context: loopback).
 */

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Uint8Array;
}

export type SignatureCheck =
  | { status: 'valid'; kid: string }
  | { status: 'invalid'; detail: string }
  | { status: 'unchecked'; detail: string };

function base64UrlBytes(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function base64UrlJson(text: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64UrlBytes(text))) as Record<string, unknown>;
}

/** The JWT's parts, or undefined for anything that is not a three-part JWS (a refresh token). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return {
      header: base64UrlJson(parts[0]!),
      claims: base64UrlJson(parts[1]!),
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: base64UrlBytes(parts[2]!),
    };
  } catch {
    return undefined;
  }
}

interface Jwk extends JsonWebKey {
  kid?: string;
}

const jwksByPool = new Map<string, Promise<Jwk[]>>();

async function poolKeys(poolId: string): Promise<Jwk[]> {
  let keys = jwksByPool.get(poolId);
  if (!keys) {
    keys = fetch(`/${encodeURIComponent(poolId)}/.well-known/jwks.json`).then(async (response) => {
      if (!response.ok) throw new Error(`the pool's JWKS answered ${response.status}`);
      return ((await response.json()) as { keys: Jwk[] }).keys;
    });
    jwksByPool.set(poolId, keys);
    keys.catch(() => jwksByPool.delete(poolId));
  }
  return keys;
}

/** Checks the RS256 signature with the pool's published key named by the header's `kid`. */
export async function checkSignature(jwt: DecodedJwt, poolId: string): Promise<SignatureCheck> {
  if (jwt.header.alg !== 'RS256') return { status: 'invalid', detail: `unexpected alg ${String(jwt.header.alg)}` };
  const kid = String(jwt.header.kid ?? '');
  let keys: Jwk[];
  try {
    keys = await poolKeys(poolId);
  } catch (error) {
    return { status: 'unchecked', detail: (error as Error).message };
  }
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return { status: 'invalid', detail: `no key ${kid} in the pool's JWKS (was the pool deleted?)` };
  if (!globalThis.crypto?.subtle) return { status: 'unchecked', detail: 'WebCrypto is unavailable here' };
  const { kty, n, e } = jwk;
  const key = await crypto.subtle.importKey('jwk', { kty, n, e }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  const valid = await crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    key,
    jwt.signature as Uint8Array<ArrayBuffer>,
    new TextEncoder().encode(jwt.signingInput),
  );
  return valid ? { status: 'valid', kid } : { status: 'invalid', detail: 'the signature does not match the key' };
}
