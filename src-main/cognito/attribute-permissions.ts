/**
 * Which attributes an app client may read and write. A client with its own ReadAttributes /
 * WriteAttributes gets exactly those. A client without them gets every attribute of its pool,
 * custom ones included ("all attributes are readable and writable by default", as Cognito's
 * console puts it, and as real ID tokens show): never developer-only attributes, and never
 * writes to `sub` or the verified flags.
 */
import type { AppClient } from './app-clients.js';
import { UNWRITABLE_ATTRIBUTES } from './app-clients.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import { schemaOf } from './pool-config.js';
import { IDENTITIES } from './federation/identities.js';

function poolAttributes(pool: UserPool): string[] {
  return schemaOf(pool)
    .filter((attribute) => !attribute.DeveloperOnlyAttribute && !attribute.Name!.startsWith('dev:'))
    .map((attribute) => attribute.Name!);
}

/** Every client reads `identities`, which Cognito alone writes (GetUser, userInfo and the ID token show it). */
export function readableAttributes(client: AppClient, pool: UserPool): Set<string> {
  return new Set([...(client.settings.ReadAttributes ?? [...client.config.ReadAttributes, ...poolAttributes(pool)]), IDENTITIES]);
}

export function writableAttributes(client: AppClient, pool: UserPool): Set<string> {
  if (client.settings.WriteAttributes) return new Set(client.settings.WriteAttributes);
  return new Set([...client.config.WriteAttributes, ...poolAttributes(pool).filter((name) => !UNWRITABLE_ATTRIBUTES.has(name))]);
}
