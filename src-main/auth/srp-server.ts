/**
 * The server's side of Cognito's SRP sign-in (USER_SRP_AUTH, then PASSWORD_VERIFIER), byte for
 * byte what amazon-cognito-identity-js and Amplify v6 compute on the client:
 *
 *   B = (k*v + g^b) mod N                       sent as SRP_B, with the user's SALT
 *   u = H(padHex(A) || padHex(B))
 *   S = (A * v^u)^b mod N
 *   key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key")[0..16]
 *   PASSWORD_CLAIM_SIGNATURE = Base64(HMAC-SHA256(key, poolName || USER_ID_FOR_SRP
 *                                                   || Base64Decode(SECRET_BLOCK) || TIMESTAMP))
 *
 * Values travel between the two calls as hex strings (flow snapshots are JSON). The modular
 * exponentiations run in worker threads (crypto-workers.ts, OpenSSL), off the event loop.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { modPowNAsync, srpSecretAsync } from './crypto-workers.js';
import { N, g, hexHash, k, modPowN, padHex, poolNameOf, type SrpVerifier } from './srp.js';

/** What the server keeps between InitiateAuth and the client's answer (hex, except the block). */
export interface SrpExchange {
  /** The client's public value, as the client sent it. */
  A: string;
  /** The server's public value. */
  B: string;
  /** The server's private value: never sent, never published. */
  b: string;
  /** The opaque SECRET_BLOCK handed to the client, which must come back unchanged. */
  secretBlock: string;
}

const PRIVATE_VALUE_BYTES = 32;
const SECRET_BLOCK_BYTES = 96;
const HKDF_INFO = 'Caldera Derived Key';
const KEY_BYTES = 16;
/** How far the client's TIMESTAMP may be from the server's clock. */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const fromHex = (hex: string) => BigInt(`0x${hex}`);

/** The client's SRP_A as a number, or undefined when it is not hex or A mod N is 0 (refused). */
export function parseSrpA(text: string): bigint | undefined {
  if (!/^[0-9a-f]+$/i.test(text)) return undefined;
  const A = fromHex(text);
  return A % N === 0n ? undefined : A;
}

/** A fresh private b and the public B = (k*v + g^b) mod N for the stored verifier. */
export async function serverEphemeral(verifierHex: string): Promise<{ b: string; B: string }> {
  const v = fromHex(verifierHex);
  for (;;) {
    const b = fromHex(randomBytes(PRIVATE_VALUE_BYTES).toString('hex'));
    const B = (k * v + (await modPowNAsync(g, b))) % N;
    if (B !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

export function newSecretBlock(): string {
  return randomBytes(SECRET_BLOCK_BYTES).toString('base64');
}

/** The 16-byte key both sides derive, or undefined when u = 0 (the exchange must be abandoned). */
export async function passwordAuthenticationKey(exchange: Pick<SrpExchange, 'A' | 'B' | 'b'>, verifierHex: string): Promise<Buffer | undefined> {
  const A = fromHex(exchange.A);
  const u = fromHex(hexHash(padHex(A) + padHex(exchange.B)));
  if (u === 0n) return undefined;
  const S = await srpSecretAsync(A, fromHex(verifierHex), u, fromHex(exchange.b));
  return Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), HKDF_INFO, KEY_BYTES));
}

export interface ClaimMessage {
  poolId: string;
  userIdForSrp: string;
  secretBlock: string;
  timestamp: string;
}

/** PASSWORD_CLAIM_SIGNATURE for `message` under `key`. */
export function claimSignature(key: Buffer, message: ClaimMessage): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolNameOf(message.poolId), 'utf8'))
    .update(Buffer.from(message.userIdForSrp, 'utf8'))
    .update(Buffer.from(message.secretBlock, 'base64'))
    .update(Buffer.from(message.timestamp, 'utf8'))
    .digest('base64');
}

/** `ddd MMM D HH:mm:ss UTC YYYY` in UTC, the day of the month not zero-padded, as clients send it. */
export function formatTimestamp(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

const TIMESTAMP = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;

/** Epoch milliseconds of a client TIMESTAMP, or undefined when it is not in that format. */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, , month, day, hours, minutes, seconds, year] = match;
  const ms = Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hours), Number(minutes), Number(seconds));
  return formatTimestamp(ms) === text.replace(/ 0(\d) /, ' $1 ') ? ms : undefined;
}

export interface PasswordClaim {
  signature: string;
  secretBlock: string;
  timestamp: string;
}

/**
 * Whether the client's PASSWORD_VERIFIER answer proves the password behind `verifier`: the
 * secret block is the one handed out, the timestamp is well-formed and within the allowed skew
 * of `now`, and the signature is the one the shared key gives.
 */
export async function verifyPasswordClaim(
  exchange: SrpExchange,
  verifier: SrpVerifier,
  claim: PasswordClaim,
  context: { poolId: string; userIdForSrp: string; now: number },
): Promise<boolean> {
  if (claim.secretBlock !== exchange.secretBlock) return false;
  const time = parseTimestamp(claim.timestamp);
  if (time === undefined || Math.abs(time - context.now) > TIMESTAMP_SKEW_MS) return false;
  const key = await passwordAuthenticationKey(exchange, verifier.verifier);
  if (!key) return false;
  const expected = Buffer.from(claimSignature(key, { ...context, secretBlock: exchange.secretBlock, timestamp: claim.timestamp }), 'base64');
  const given = Buffer.from(claim.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * What Cognito answers for a username it does not know when user-existence errors are prevented
 * (RFC 5054 2.5.1.3): a salt, a verifier and a UUID user id derived from the pool and the
 * username, the same on every try, so the challenge looks like a real user's (B still changes
 * every time, as it does for real users) and fails only at PASSWORD_VERIFIER.
 */
export function simulatedUser(poolId: string, usernameKey: string): { userIdForSrp: string; verifier: SrpVerifier } {
  const derive = (purpose: string) => createHmac('sha256', 'cognito-sandbox simulated user').update(`${purpose}\0${poolId}\0${usernameKey}`).digest();
  const salt = derive('salt').subarray(0, 16).toString('hex');
  const verifier = padHex(modPowN(g, fromHex(derive('exponent').toString('hex'))));
  const id = derive('user id').subarray(0, 16);
  id[6] = (id[6]! & 0x0f) | 0x40;
  id[8] = (id[8]! & 0x3f) | 0x80;
  const hex = id.toString('hex');
  const userIdForSrp = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { userIdForSrp, verifier: { salt, verifier } };
}
