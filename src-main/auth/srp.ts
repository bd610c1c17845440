/**
 * Cognito's SRP-6a group and the password verifier it keeps for each user, byte-compatible with
 * amazon-cognito-identity-js (AuthenticationHelper) and Amplify v6:
 *
 *   N = RFC 5054 3072-bit prime, g = 2, H = SHA-256 over the bytes of hex strings,
 *   k = H(padHex(N) || padHex(g)),
 *   x = H(padHex(salt) || hex(SHA-256(utf8(poolName + username + ":" + password)))),
 *   v = g^x mod N,
 *
 * where poolName is the part of the pool id after "_" and username is the stored username,
 * exactly the string the server sends as USER_ID_FOR_SRP.
 *
 * Modular exponentiation runs in OpenSSL through node:crypto's Diffie-Hellman (g^priv mod N is
 * what generating a DH public key computes): several times faster than BigInt for a 3072-bit
 * modulus. test/unit/srp.test.ts checks it against a BigInt reference.
 */
import { createDiffieHellman, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;

const N_BYTES = Buffer.from(N_HEX, 'hex');
const G_BYTES = Buffer.from([2]);

/** Even-length hex of a non-negative integer, prefixed with "00" when its high bit is set. */
export function padHex(value: bigint | string): string {
  let hex = typeof value === 'bigint' ? value.toString(16) : BigInt(`0x${value || '0'}`).toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of a UTF-8 string or of bytes, as 64 hex digits. */
export function hash(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the bytes a hex string spells (the client's `hexHash`). */
export function hexHash(hex: string): string {
  return hash(Buffer.from(hex, 'hex'));
}

export const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

function toBuffer(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function fromBuffer(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

/**
 * base^exponent mod N in OpenSSL, through a Diffie-Hellman object over (N, g): generating its
 * keys computes g^private, and `computeSecret(peer)` computes peer^private. (A DH object whose
 * generator is the base would do too, but Node checks such a group at length: seconds.)
 */
export function modPowN(base: bigint, exponent: bigint): bigint {
  const reduced = ((base % N) + N) % N;
  if (exponent === 0n) return 1n;
  if (reduced === 0n || reduced === 1n) return reduced;
  // OpenSSL refuses 1 and N - 1 as peer keys; (N - 1)^e is 1 or N - 1 by parity.
  if (reduced === N - 1n) return exponent % 2n === 0n ? 1n : N - 1n;
  const dh = createDiffieHellman(N_BYTES, G_BYTES);
  dh.setPrivateKey(toBuffer(exponent));
  return fromBuffer(reduced === g ? dh.generateKeys() : dh.computeSecret(toBuffer(reduced)));
}

/** The part of a pool id after "_": Cognito's SRP "pool name". */
export function poolNameOf(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

/** x = H(padHex(salt) || H(poolName + username + ":" + password)); `saltHex` as stored. */
export function passwordExponent(poolId: string, username: string, password: string, saltHex: string): bigint {
  const identityHash = hash(`${poolNameOf(poolId)}${username}:${password}`);
  return BigInt(`0x${hexHash(padHex(saltHex) + identityHash)}`);
}

/** What is stored for a password: the salt and the verifier, both as hex. */
export interface SrpVerifier {
  /** 16 random bytes as 32 hex digits, sent to clients as SALT. */
  salt: string;
  /** v = g^x mod N, as padHex. */
  verifier: string;
}

export function createVerifier(poolId: string, username: string, password: string): SrpVerifier {
  const salt = randomBytes(16).toString('hex');
  return verifierWithSalt(poolId, username, password, salt);
}

export function verifierWithSalt(poolId: string, username: string, password: string, salt: string): SrpVerifier {
  const x = passwordExponent(poolId, username, password, salt);
  return { salt, verifier: padHex(modPowN(g, x)) };
}

/** Whether `password` is the one `stored` was made from (for the non-SRP password flows). */
export function verifyPassword(poolId: string, username: string, password: string, stored: SrpVerifier): boolean {
  const candidate = Buffer.from(verifierWithSalt(poolId, username, password, stored.salt).verifier, 'hex');
  const expected = Buffer.from(stored.verifier, 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}
