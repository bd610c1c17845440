import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  N,
  N_HEX,
  createVerifier,
  g,
  hexHash,
  k,
  modPowN,
  padHex,
  passwordExponent,
  poolNameOf,
  verifierWithSalt,
  verifyPassword,
} from '../../src-main/auth/srp.js';

/** Square-and-multiply in BigInt: slow, obviously right. */
function referenceModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const randomBig = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

/**
 * The client's side of Cognito SRP, written from amazon-cognito-identity-js's
 * AuthenticationHelper with BigInt only: if a server holding our verifier and this client
 * holding the password derive the same session key, the verifier is what the SDKs expect.
 */
function clientSessionKey(poolId: string, username: string, password: string, saltHex: string, a: bigint, B: bigint) {
  const A = referenceModPow(g, a, N);
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  const usernamePasswordHash = sha256Hex(`${poolId.split('_')[1]}${username}:${password}`);
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${saltHex}`)) + usernamePasswordHash)}`);
  const gx = referenceModPow(g, x, N);
  const base = (((B - k * gx) % N) + N) % N;
  const S = referenceModPow(base, a + u * x, N);
  return { A, S, u };
}

function hkdf(ikmHex: string, saltHex: string): Buffer {
  const prk = createHmac('sha256', Buffer.from(saltHex, 'hex')).update(Buffer.from(ikmHex, 'hex')).digest();
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
}

describe('SRP group', () => {
  it('is RFC 5054 3072-bit with g = 2 and k = H(padHex(N) || padHex(g))', () => {
    expect(N.toString(2)).toHaveLength(3072);
    expect(N_HEX.startsWith('FFFFFFFFFFFFFFFFC90FDAA2')).toBe(true);
    expect(k).toBe(BigInt(`0x${sha256Hex(Buffer.from(`00${N_HEX.toLowerCase()}02`, 'hex'))}`));
  });

  it('pads hex to even length and prefixes 00 when the high bit is set', () => {
    expect(padHex(0xfn)).toBe('0f');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0x1234n)).toBe('1234');
    expect(padHex(0xabcn)).toBe('0abc');
    expect(padHex('00ff')).toBe('00ff');
    expect(padHex('0001')).toBe('01');
  });

  it('takes the pool name after the underscore', () => {
    expect(poolNameOf('us-east-1_AbC123xyZ')).toBe('AbC123xyZ');
  });
});

describe('modular exponentiation through OpenSSL', () => {
  it('matches a BigInt reference for g and for arbitrary bases, including repeated use', () => {
    const cases: [bigint, bigint][] = [
      [g, 1n],
      [g, 0xffn],
      [g, randomBig(32)],
      [g, randomBig(32)],
      [randomBig(384) % N, randomBig(32)],
      [randomBig(384) % N, randomBig(32)],
      [randomBig(16), randomBig(64)],
      [N - 1n, 3n],
    ];
    for (const [base, exponent] of cases) {
      expect(modPowN(base, exponent)).toBe(referenceModPow(base, exponent, N));
    }
  });

  it('handles the bases OpenSSL refuses as peer keys, and exponent 0', () => {
    expect(modPowN(g, 0n)).toBe(1n);
    expect(modPowN(0n, 5n)).toBe(0n);
    expect(modPowN(N, 5n)).toBe(0n);
    expect(modPowN(1n, 5n)).toBe(1n);
    expect(modPowN(N - 1n, 4n)).toBe(referenceModPow(N - 1n, 4n, N));
    expect(modPowN(N - 1n, 5n)).toBe(referenceModPow(N - 1n, 5n, N));
  });
});

describe('password verifier', () => {
  const poolId = 'us-east-1_AbC123xyZ';

  it('is g^x mod N with x from the salt, pool name, username and password', () => {
    const stored = createVerifier(poolId, 'alice', 'Passw0rd!');
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
    const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${stored.salt}`)) + sha256Hex(`AbC123xyZalice:Passw0rd!`))}`);
    expect(passwordExponent(poolId, 'alice', 'Passw0rd!', stored.salt)).toBe(x);
    expect(stored.verifier).toBe(padHex(referenceModPow(g, x, N)));
  });

  it('pads salts whose first byte is zero or has the high bit set the way the client does', () => {
    for (const salt of ['00a1b2c3d4e5f60718293a4b5c6d7e8f', 'f0a1b2c3d4e5f60718293a4b5c6d7e8f']) {
      const x = passwordExponent(poolId, 'bob', 'secret', salt);
      const expected = BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + sha256Hex('AbC123xyZbob:secret'))}`);
      expect(x).toBe(expected);
      expect(verifierWithSalt(poolId, 'bob', 'secret', salt).verifier).toBe(padHex(referenceModPow(g, x, N)));
    }
  });

  it('gives a client holding the password and a server holding the verifier the same session key', () => {
    const username = 'a1b2c3d4-e5f6-4789-8abc-def012345678';
    const password = 'Correct-Horse-9';
    const stored = createVerifier(poolId, username, password);
    const v = BigInt(`0x${stored.verifier}`);

    const b = randomBig(32);
    const B = (k * v + modPowN(g, b)) % N;
    const a = randomBig(32);
    const client = clientSessionKey(poolId, username, password, stored.salt, a, B);

    const u = BigInt(`0x${hexHash(padHex(client.A) + padHex(B))}`);
    const serverS = modPowN((client.A * modPowN(v, u)) % N, b);
    expect(serverS).toBe(client.S);
    expect(hkdf(padHex(serverS), padHex(u)).equals(hkdf(padHex(client.S), padHex(client.u)))).toBe(true);

    const wrong = clientSessionKey(poolId, username, 'wrong-password', stored.salt, a, B);
    expect(wrong.S).not.toBe(serverS);
  });

  it('verifies the right password and refuses others', () => {
    const stored = createVerifier(poolId, 'carol', 'Pa55word!');
    expect(verifyPassword(poolId, 'carol', 'Pa55word!', stored)).toBe(true);
    expect(verifyPassword(poolId, 'carol', 'pa55word!', stored)).toBe(false);
    expect(verifyPassword(poolId, 'Carol', 'Pa55word!', stored)).toBe(false);
    expect(verifyPassword('us-east-1_Other1234', 'carol', 'Pa55word!', stored)).toBe(false);
  });

  it('salts every verifier differently', () => {
    const one = createVerifier(poolId, 'dave', 'same');
    const two = createVerifier(poolId, 'dave', 'same');
    expect(one.salt).not.toBe(two.salt);
    expect(one.verifier).not.toBe(two.verifier);
  });
});
