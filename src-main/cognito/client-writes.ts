import type { AppClient } from './app-clients.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import { NotAuthorizedException } from './errors.js';
import { writableAttributes } from './attribute-permissions.js';
import { schemaOf } from './pool-config.js';

/**
 * An app client changes only the attributes in its WriteAttributes. Names outside the schema
 * are left to the schema check, which reports them as such.
 */
export function checkClientMayWrite(pool: UserPool, client: AppClient, names: readonly string[]): void {
  const known = new Set(schemaOf(pool).map((attribute) => attribute.Name));
  const writable = writableAttributes(client, pool);
  if (names.some((name) => known.has(name) && !writable.has(name))) {
    throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
  }
}
