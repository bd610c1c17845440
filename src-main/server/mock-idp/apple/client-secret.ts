/**
 * Sign in with Apple's client secret: a JWT the client signs with its private key (the `.p8` key
 * Apple issued, `private_key` of the pool's SignInWithApple provider), checked as Apple checks it:
 * ES256, `kid` the provider's key_id, `iss` its team_id, `sub` the client_id, `aud`
 * `https://appleid.apple.com`, not expired and living at most six months. The mock holds no
 * public key of its own for the client: it derives it from the stored private key.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { IdentityProvider } from '../../../store/repositories/identity-providers.js';

export const APPLE_AUDIENCE = 'https://appleid.apple.com';
/** 15,777,000 seconds: Apple refuses a client secret whose exp is further than that from its iat. */
const MAX_LIFETIME_S = 15_777_000;

/** The .p8 key as stored: PEM, with its line breaks possibly escaped (`\\n`), or its base64 body alone. */
function asPem(privateKey: string): string {
  if (privateKey.includes('-----BEGIN')) return privateKey.replace(/\\n/g, '\n');
  const lines = privateKey.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----`;
}

function publicKeyOf(privateKey: string | undefined): KeyObject | undefined {
  if (!privateKey) return undefined;
  try {
    return createPublicKey(createPrivateKey(asPem(privateKey)));
  } catch {
    return undefined;
  }
}

/** Whether the client secret verifies for one of the providers (each a pool's SignInWithApple with this client_id). */
export async function clientSecretVerifies(secret: string | undefined, clientId: string, providers: IdentityProvider[], nowMs: number): Promise<boolean> {
  if (!secret) return false;
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(secret);
    if (header.alg !== 'ES256') return false;
    kid = header.kid;
  } catch {
    return false;
  }
  for (const provider of providers) {
    const key = publicKeyOf(provider.details.private_key);
    if (!key || kid !== provider.details.key_id) continue;
    try {
      const { payload } = await jwtVerify(secret, key, {
        algorithms: ['ES256'],
        issuer: provider.details.team_id,
        subject: clientId,
        audience: APPLE_AUDIENCE,
        requiredClaims: ['iat', 'exp'],
        currentDate: new Date(nowMs),
      });
      if (payload.exp! - payload.iat! <= MAX_LIFETIME_S) return true;
    } catch {
      // Signed by another key, or a claim Apple would refuse: the next provider may hold the key.
    }
  }
  return false;
}
