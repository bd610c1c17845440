/**
 * An app client's secrets as the sandbox's export wrote them, written back: each value kept with
 * its creation time, so every one is still accepted (SECRET_HASH, ClientSecret, the token
 * endpoint) and ListUserPoolClientSecrets answers the same ids and dates. No operation can do
 * this: AddUserPoolClientSecret gives a new secret a new id and date.
 *
 * The rules are AddUserPoolClientSecret's: a public client holds none, a client at most
 * MAX_CLIENT_SECRETS, each value as ClientSecret is constrained; an entry's ClientSecretId, when
 * given, must be the one its ClientSecretCreateDate names for this client. Refusals are
 * InvalidParameterException.
 */
import type { StoredAppClient, StoredClientSecret } from '../store/repositories/app-clients.js';
import { clientSecretId } from '../store/repositories/app-clients.js';
import type { Store } from '../store/index.js';
import { hasClientSecret, MAX_CLIENT_SECRETS } from './client-secrets.js';
import { InvalidParameterException } from './errors.js';

export interface ClientSecretToRestore {
  ClientSecretId?: string;
  ClientSecretValue: string;
  /** Epoch milliseconds; absent: the client's creation time (one later for each secret after the first). */
  ClientSecretCreateDate?: number;
}

/** ClientSecretType of the API model. */
const SECRET_VALUE = /^[\w+]{24,64}$/;

function storedSecret(client: StoredAppClient, entry: ClientSecretToRestore, fallbackCreated: number): StoredClientSecret {
  if (typeof entry.ClientSecretValue !== 'string' || !SECRET_VALUE.test(entry.ClientSecretValue)) {
    throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: ClientSecretValue must be 24 to 64 word characters or '+'.`);
  }
  const created = entry.ClientSecretCreateDate ?? fallbackCreated;
  if (!Number.isSafeInteger(created) || created < 0) {
    throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: ClientSecretCreateDate must be epoch milliseconds.`);
  }
  const secretId = clientSecretId(client.clientId, created);
  if (entry.ClientSecretId !== undefined && entry.ClientSecretId !== secretId) {
    throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: ClientSecretId ${entry.ClientSecretId} is not ${secretId}.`);
  }
  return { secretId, value: entry.ClientSecretValue, created };
}

function checkDistinct(client: StoredAppClient, secrets: readonly StoredClientSecret[]): void {
  if (new Set(secrets.map((s) => s.secretId)).size !== secrets.length) {
    throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: two secrets have the same ClientSecretCreateDate.`);
  }
  if (new Set(secrets.map((s) => s.value)).size !== secrets.length) {
    throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: the same secret is given twice.`);
  }
}

/** Replaces the client's secrets with `entries` (oldest first after sorting by date). */
export function restoreClientSecrets(store: Store, client: StoredAppClient, entries: readonly ClientSecretToRestore[]): void {
  if (!Array.isArray(entries) || entries.length === 0) throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: give at least one secret.`);
  if (!hasClientSecret(client)) {
    throw new InvalidParameterException(`Client ${client.clientId} has no client secret: secrets can only be restored to a confidential client.`);
  }
  if (entries.length > MAX_CLIENT_SECRETS) {
    throw new InvalidParameterException(`ClientSecrets of client ${client.clientId}: a client holds at most ${MAX_CLIENT_SECRETS} secrets.`);
  }
  const secrets = entries.map((entry, index) => storedSecret(client, entry, client.created + index)).sort((a, b) => a.created - b.created);
  checkDistinct(client, secrets);
  store.clients.replaceSecrets(client.clientId, secrets);
}
