/**
 * The client's side of SRP for protocol tests, by amazon-cognito-identity-js's own
 * AuthenticationHelper: SRP_A, then PASSWORD_VERIFIER's responses as
 * CognitoUser.authenticateUserDefaultAuth builds them.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { formatTimestamp } from '../../src-main/auth/srp-server.js';

const require = createRequire(import.meta.url);
const { default: AuthenticationHelper } = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
const { default: BigInteger } = require('amazon-cognito-identity-js/lib/BigInteger.js');

export interface SrpClient {
  /** SRP_A, hex. */
  A: string;
  /** PASSWORD_VERIFIER's responses proving `password`, signed at `timestamp` (Cognito's format; the real clock by default). */
  prove(parameters: Record<string, string>, password: string, timestamp?: string): Promise<Record<string, string>>;
}

export async function srpClient(poolId: string): Promise<SrpClient> {
  const poolName = poolId.split('_')[1]!;
  const helper = new AuthenticationHelper(poolName);
  const A: { toString(radix: number): string } = await new Promise((resolve, reject) =>
    helper.getLargeAValue((error: Error | null, value: never) => (error ? reject(error) : resolve(value))),
  );
  return {
    A: A.toString(16),
    async prove(parameters, password, timestamp = formatTimestamp(Date.now())) {
      const userId = parameters.USER_ID_FOR_SRP!;
      const key: Buffer = await new Promise((resolve, reject) =>
        helper.getPasswordAuthenticationKey(userId, password, new BigInteger(parameters.SRP_B, 16), new BigInteger(parameters.SALT, 16), (error: Error | null, hkdf: Buffer) =>
          error ? reject(error) : resolve(hkdf),
        ),
      );
      const message = Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(parameters.SECRET_BLOCK!, 'base64'), Buffer.from(timestamp)]);
      return {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: createHmac('sha256', Buffer.from(key)).update(message).digest('base64'),
      };
    },
  };
}
