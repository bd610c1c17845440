/** Identifiers shaped like Cognito's (aws-jwt-verify and Amplify parse some of them). */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export interface Ids {
  /** `us-east-1_AbC123xyZ`: region, underscore, 9 alphanumerics. */
  userPoolId(region: string): string;
  /** 26 lowercase alphanumerics. */
  clientId(): string;
  /** 51 lowercase alphanumerics, like Cognito's generated client secrets. */
  clientSecret(): string;
  uuid(): string;
  /** An unguessable opaque token (URL-safe base64). */
  opaque(bytes?: number): string;
}

export const randomIds: Ids = {
  userPoolId: (region) => `${region}_${randomString(ALNUM, 9)}`,
  clientId: () => randomString(LOWER_ALNUM, 26),
  clientSecret: () => randomString(LOWER_ALNUM, 51),
  uuid: () => randomUUID(),
  opaque: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};
