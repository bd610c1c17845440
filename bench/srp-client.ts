/**
 * The client half of Cognito's SRP, as amazon-cognito-identity-js computes it, on OpenSSL (so that
 * the bench client is not the bottleneck). `poolName` is the pool id's part after "_" for a user,
 * the device group key for a device; `userId` is USER_ID_FOR_SRP, or the device key.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { N, g, hexHash, k, modPowN, padHex } from '../src-main/auth/srp.js';
import { formatTimestamp } from '../src-main/auth/srp-server.js';

export function srpClient(poolName: string) {
  const a = BigInt(`0x${randomBytes(32).toString('hex')}`);
  const A = modPowN(g, a);
  return {
    A: A.toString(16),
    /** PASSWORD_CLAIM_SIGNATURE and TIMESTAMP for a PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) challenge. */
    proof(challenge: Record<string, string>, userId: string, password: string) {
      const B = BigInt(`0x${challenge.SRP_B}`);
      const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
      const inner = createHash('sha256').update(`${poolName}${userId}:${password}`).digest('hex');
      const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${challenge.SALT}`)) + inner)}`);
      const base = (((B - k * modPowN(g, x)) % N) + N) % N;
      const S = modPowN(base, a + u * x);
      const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
      const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
      const timestamp = formatTimestamp(Date.now());
      const message = Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(challenge.SECRET_BLOCK!, 'base64'), Buffer.from(timestamp)]);
      return { signature: createHmac('sha256', key).update(message).digest('base64'), timestamp };
    },
  };
}
