/**
 * An app client's secrets: a confidential client holds one or more (Cognito: "up to 2 active
 * secrets per app client for zero-downtime credential rotation"), and every place a client
 * authenticates accepts any of them: SECRET_HASH / SecretHash (secret-hash.ts), the ClientSecret
 * of GetTokensFromRefreshToken and RevokeToken, the token and revocation endpoints' client
 * authentication, GetClientToken. `matchesClientSecret` is that one check.
 *
 * Rules of AddUserPoolClientSecret and DeleteUserPoolClientSecret [SDK docs]: a public client
 * (created without a secret) gets none; a third secret exceeds the limit; the last secret cannot
 * be deleted. Assumptions (the docs name the exceptions, not when each applies nor the wording):
 * a public client is InvalidParameterException; a third secret LimitExceededException; the last
 * secret InvalidParameterException; an id the client has no secret of ResourceNotFoundException;
 * a chosen value the client already holds InvalidParameterException. ClientSecretId's
 * `<epoch-create-time>` is in milliseconds, one later than the newest secret's when two would
 * share a millisecond, so ids stay unique.
 */
import { timingSafeEqual } from 'node:crypto';
import { clientSecretId, type StoredAppClient, type StoredClientSecret } from '../store/repositories/app-clients.js';
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException } from './errors.js';

export const MAX_CLIENT_SECRETS = 2;

type SecretHolder = Pick<StoredAppClient, 'secret' | 'secrets'>;

/** The client's secrets, oldest first; a client not read from the store (no `secrets`) holds its `secret` alone. */
export function clientSecretsOf(client: SecretHolder): string[] {
  if (client.secrets) return client.secrets.map((secret) => secret.value);
  return client.secret === undefined ? [] : [client.secret];
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether `given` is one of the client's secrets (never, for a public client or nothing given). */
export function matchesClientSecret(client: SecretHolder, given: string | undefined): boolean {
  if (given === undefined) return false;
  return clientSecretsOf(client).some((secret) => sameText(given, secret));
}

/** Whether the client is confidential: it holds a secret. */
export function hasClientSecret(client: SecretHolder): boolean {
  return clientSecretsOf(client).length > 0;
}

/** The secret AddUserPoolClientSecret gives the client: `value` as chosen, or generated. */
export function newClientSecret(
  client: Pick<StoredAppClient, 'clientId' | 'secret' | 'secrets'>,
  chosen: string | undefined,
  now: number,
  generate: () => string,
): StoredClientSecret {
  const held = client.secrets ?? [];
  if (!hasClientSecret(client)) throw new InvalidParameterException(`Client ${client.clientId} has no client secret: secrets can only be added to a confidential client.`);
  if (held.length >= MAX_CLIENT_SECRETS) {
    throw new LimitExceededException(`Client ${client.clientId} already has ${MAX_CLIENT_SECRETS} client secrets, the most it may hold.`);
  }
  if (chosen !== undefined && matchesClientSecret(client, chosen)) throw new InvalidParameterException('The client already has this client secret.');
  const newest = Math.max(...held.map((secret) => secret.created));
  const created = Math.max(now, newest + 1);
  return { secretId: clientSecretId(client.clientId, created), value: chosen ?? generate(), created };
}

/** The secret DeleteUserPoolClientSecret may take away: one the client holds, not its last. */
export function requireDeletableSecret(client: Pick<StoredAppClient, 'clientId' | 'secrets'>, secretId: string): StoredClientSecret {
  const held = client.secrets ?? [];
  const secret = held.find((candidate) => candidate.secretId === secretId);
  if (!secret) throw new ResourceNotFoundException(`Client secret ${secretId} does not exist for client ${client.clientId}.`);
  if (held.length === 1) throw new InvalidParameterException('You cannot delete the last remaining secret for an app client.');
  return secret;
}
