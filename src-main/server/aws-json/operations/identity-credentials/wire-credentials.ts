import type { IssuedCredentials } from '../../../../cognito/identity/types.js';

/** Credentials as Cognito Identity sends them: Expiration in epoch seconds. */
export function wireCredentials(credentials: IssuedCredentials) {
  return {
    AccessKeyId: credentials.AccessKeyId,
    SecretKey: credentials.SecretKey,
    SessionToken: credentials.SessionToken,
    Expiration: Math.floor(credentials.Expiration / 1000),
  };
}
