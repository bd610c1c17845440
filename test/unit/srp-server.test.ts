import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { N, createVerifier, g, hexHash, k, padHex, poolNameOf } from '../../src-main/auth/srp.js';
import {
  claimSignature,
  formatTimestamp,
  parseSrpA,
  parseTimestamp,
  passwordAuthenticationKey,
  serverEphemeral,
  simulatedUser,
  verifyPasswordClaim,
  type SrpExchange,
} from '../../src-main/auth/srp-server.js';

const POOL_ID = 'us-east-1_AbC123xyZ';
const NOW = Date.UTC(2023, 6, 4, 5, 6, 7);

/** Square-and-multiply in BigInt: slow, obviously right. */
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/**
 * The client's side, written from amazon-cognito-identity-js's AuthenticationHelper and
 * CognitoUser.authenticateUserDefaultAuth in plain BigInt.
 */
function clientProof(username: string, password: string, challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string }, timestamp: string) {
  const a = BigInt(`0x${randomBytes(128).toString('hex')}`);
  const A = modPow(g, a, N);
  const B = BigInt(`0x${challenge.SRP_B}`);
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${challenge.SALT}`)) + createHash('sha256').update(`${poolNameOf(POOL_ID)}${username}:${password}`).digest('hex'))}`);
  const S = modPow(B - k * modPow(g, x, N), a + u * x, N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
  const message = Buffer.concat([
    Buffer.from(poolNameOf(POOL_ID)),
    Buffer.from(username),
    Buffer.from(challenge.SECRET_BLOCK, 'base64'),
    Buffer.from(timestamp),
  ]);
  return { A: A.toString(16), signature: createHmac('sha256', key).update(message).digest('base64') };
}

/** One full exchange: the client picks A, the server answers B, the client proves `password`. */
async function exchange(storedPassword: string, typedPassword: string, timestamp = formatTimestamp(NOW)) {
  const verifier = createVerifier(POOL_ID, 'alice', storedPassword);
  // The client needs B before it can sign, and B needs no A: derive the server half first.
  const { b, B } = await serverEphemeral(verifier.verifier);
  const secretBlock = randomBytes(96).toString('base64');
  const proof = clientProof('alice', typedPassword, { SALT: verifier.salt, SRP_B: B, SECRET_BLOCK: secretBlock }, timestamp);
  const state: SrpExchange = { A: proof.A, B, b, secretBlock };
  return { state, verifier, claim: { signature: proof.signature, secretBlock, timestamp } };
}

const context = { poolId: POOL_ID, userIdForSrp: 'alice', now: NOW };

describe('the PASSWORD_VERIFIER proof', () => {
  it('accepts the proof of the right password', async () => {
    const { state, verifier, claim } = await exchange('Passw0rd!', 'Passw0rd!');
    expect(await verifyPasswordClaim(state, verifier, claim, context)).toBe(true);
  });

  it('refuses the proof of a wrong password', async () => {
    const { state, verifier, claim } = await exchange('Passw0rd!', 'Passw0rd?');
    expect(await verifyPasswordClaim(state, verifier, claim, context)).toBe(false);
  });

  it('refuses a secret block other than the one handed out', async () => {
    const { state, verifier, claim } = await exchange('Passw0rd!', 'Passw0rd!');
    expect(await verifyPasswordClaim(state, verifier, { ...claim, secretBlock: randomBytes(96).toString('base64') }, context)).toBe(false);
  });

  it('refuses a proof signed for another user id', async () => {
    const { state, verifier, claim } = await exchange('Passw0rd!', 'Passw0rd!');
    expect(await verifyPasswordClaim(state, verifier, claim, { ...context, userIdForSrp: 'bob' })).toBe(false);
  });

  it('accepts a timestamp within five minutes of the server clock, refuses one further off', async () => {
    const early = await exchange('Passw0rd!', 'Passw0rd!', formatTimestamp(NOW - 5 * 60_000));
    expect(await verifyPasswordClaim(early.state, early.verifier, early.claim, context)).toBe(true);
    const late = await exchange('Passw0rd!', 'Passw0rd!', formatTimestamp(NOW + 5 * 60_000 + 1_000));
    expect(await verifyPasswordClaim(late.state, late.verifier, late.claim, context)).toBe(false);
  });

  it('refuses a timestamp not in the clients’ format, even when signed', async () => {
    const iso = await exchange('Passw0rd!', 'Passw0rd!', new Date(NOW).toISOString());
    expect(await verifyPasswordClaim(iso.state, iso.verifier, iso.claim, context)).toBe(false);
  });

  it('derives the key the client derives: B = k*v + g^b and S = (A * v^u)^b', async () => {
    const verifier = createVerifier(POOL_ID, 'alice', 'Passw0rd!');
    const { b, B } = await serverEphemeral(verifier.verifier);
    const v = BigInt(`0x${verifier.verifier}`);
    expect(BigInt(`0x${B}`)).toBe((k * v + modPow(g, BigInt(`0x${b}`), N)) % N);
    const message = { poolId: POOL_ID, userIdForSrp: 'alice', secretBlock: 'AAAA', timestamp: formatTimestamp(NOW) };
    const proof = clientProof('alice', 'Passw0rd!', { SALT: verifier.salt, SRP_B: B, SECRET_BLOCK: 'AAAA' }, message.timestamp);
    const key = (await passwordAuthenticationKey({ A: proof.A, B, b }, verifier.verifier))!;
    expect(key).toHaveLength(16);
    expect(claimSignature(key, message)).toBe(proof.signature);
  });
});

describe('amazon-cognito-identity-js’s own AuthenticationHelper', () => {
  const require = createRequire(import.meta.url);
  const { default: AuthenticationHelper } = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
  const { default: BigInteger } = require('amazon-cognito-identity-js/lib/BigInteger.js');

  it('derives the same key from the password as the server from the verifier', async () => {
    const verifier = createVerifier(POOL_ID, 'alice', 'Passw0rd!');
    const helper = new AuthenticationHelper(poolNameOf(POOL_ID));
    const A: { toString(radix: number): string } = await new Promise((resolve, reject) =>
      helper.getLargeAValue((error: Error | null, value: { toString(radix: number): string }) => (error ? reject(error) : resolve(value))),
    );
    const { b, B } = await serverEphemeral(verifier.verifier);
    const clientKey: Buffer = await new Promise((resolve, reject) =>
      helper.getPasswordAuthenticationKey('alice', 'Passw0rd!', new BigInteger(B, 16), new BigInteger(verifier.salt, 16), (error: Error | null, hkdf: Buffer) =>
        error ? reject(error) : resolve(hkdf),
      ),
    );
    const serverKey = (await passwordAuthenticationKey({ A: A.toString(16), B, b }, verifier.verifier))!;
    expect(Buffer.from(clientKey).toString('hex')).toBe(serverKey.toString('hex'));
  });
});

describe('SRP_A', () => {
  it('is a hex number not divisible by N', () => {
    expect(parseSrpA('abc123')).toBe(0xabc123n);
    expect(parseSrpA('0')).toBeUndefined();
    expect(parseSrpA(N.toString(16))).toBeUndefined();
    expect(parseSrpA((2n * N).toString(16))).toBeUndefined();
    expect(parseSrpA('not hex')).toBeUndefined();
    expect(parseSrpA('')).toBeUndefined();
  });
});

describe('TIMESTAMP', () => {
  it('is `ddd MMM D HH:mm:ss UTC YYYY` with the day of the month not zero-padded', () => {
    expect(formatTimestamp(NOW)).toBe('Tue Jul 4 05:06:07 UTC 2023');
    expect(formatTimestamp(Date.UTC(2024, 11, 25, 23, 59, 9))).toBe('Wed Dec 25 23:59:09 UTC 2024');
  });

  it('parses what clients send, a zero-padded day too, and nothing else', () => {
    expect(parseTimestamp('Tue Jul 4 05:06:07 UTC 2023')).toBe(NOW);
    expect(parseTimestamp('Tue Jul 04 05:06:07 UTC 2023')).toBe(NOW);
    expect(parseTimestamp('Wed Jul 4 05:06:07 UTC 2023')).toBeUndefined();
    expect(parseTimestamp('Tue Jul 4 05:06:07 GMT 2023')).toBeUndefined();
    expect(parseTimestamp('Fri Feb 31 05:06:07 UTC 2023')).toBeUndefined();
  });
});

describe('a simulated user (PreventUserExistenceErrors)', () => {
  it('has the same salt, verifier and UUID on every try, different for another username or pool', () => {
    const first = simulatedUser(POOL_ID, 'nobody');
    expect(simulatedUser(POOL_ID, 'nobody')).toEqual(first);
    expect(first.userIdForSrp).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.verifier.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(simulatedUser(POOL_ID, 'somebody')).not.toEqual(first);
    expect(simulatedUser('us-east-1_Other0000', 'nobody')).not.toEqual(first);
  });
});
