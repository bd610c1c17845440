/**
 * SECRET_HASH / SecretHash: what a client with a secret proves on every call that names a user,
 * Base64(HMAC-SHA256(key = client secret, message = username + client id)). Sign-in, sign-up,
 * confirmation and password recovery all check it through `checkSecretHash`. GetTokensFromRefreshToken
 * sends the secret itself instead (`checkClientSecret`). A client holding several secrets
 * (client-secrets.ts) accepts a hash made with any of them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppClient } from './app-clients.js';
import { clientSecretsOf, hasClientSecret, matchesClientSecret } from './client-secrets.js';
import { NotAuthorizedException } from './errors.js';

type SecretClient = Pick<AppClient, 'clientId' | 'secret' | 'secrets'>;

export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(`${username}${clientId}`).digest('base64');
}

/**
 * How the request carries the hash, which decides Cognito's wording when it is missing:
 * `SECRET_HASH` in AuthParameters / ChallengeResponses, `SecretHash` as a member (SignUp, ...).
 */
export type SecretHashCarrier = 'SECRET_HASH' | 'SecretHash';

function missingMessage(clientId: string, carrier: SecretHashCarrier): string {
  return carrier === 'SECRET_HASH'
    ? `Client ${clientId} is configured with secret but SECRET_HASH was not received`
    : `Client ${clientId} is configured for secret but secret was not received`;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks `given` against the client's secrets, when it has any (a client without a secret ignores
 * any hash sent). `usernames` lists every name the hash may have been computed over: what the
 * user typed, and the username it resolved to (clients hash whichever they send).
 */
export function checkSecretHash(
  client: SecretClient,
  usernames: string | readonly string[],
  given: string | undefined,
  carrier: SecretHashCarrier = 'SECRET_HASH',
): void {
  const secrets = clientSecretsOf(client);
  if (secrets.length === 0) return;
  if (given === undefined || given === '') throw new NotAuthorizedException(missingMessage(client.clientId, carrier));
  const candidates = typeof usernames === 'string' ? [usernames] : usernames;
  const matches = secrets.some((secret) => candidates.some((username) => sameText(secretHash(secret, username, client.clientId), given)));
  if (!matches) throw new NotAuthorizedException(`Unable to verify secret hash for client ${client.clientId}`);
}

/**
 * A ClientSecret sent as is (GetTokensFromRefreshToken): a client with a secret needs it, a client
 * without one ignores it. Assumption: the reference names NotAuthorizedException but not its
 * wording; a missing secret is worded as for SecretHash, a wrong one after SECRET_HASH's.
 */
export function checkClientSecret(client: SecretClient, given: string | undefined): void {
  if (!hasClientSecret(client)) return;
  if (given === undefined || given === '') throw new NotAuthorizedException(missingMessage(client.clientId, 'SecretHash'));
  if (!matchesClientSecret(client, given)) throw new NotAuthorizedException(`Unable to verify secret for client ${client.clientId}`);
}
