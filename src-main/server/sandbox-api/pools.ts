/**
 * `GET /_sandbox/api/pools`: every user pool with its app clients (ids, names, whether they have
 * a secret, their auth flows), so the window's first-run snippets can name real ids without
 * calling the AWS API (which would show up in the debugger's own API-call log).
 */
import { appClientOf } from '../../cognito/app-clients.js';
import type { Services } from '../../services.js';
import type { ApiHandler } from './route.js';

const CLIENTS_SHOWN = 60;

export function listPools({ store }: Pick<Services, 'store'>): ApiHandler<'pools'> {
  return (_req, res) => {
    const pools = store.pools.all().map((pool) => ({
      id: pool.id,
      name: pool.name,
      created: pool.created,
      clients: (store.clients.listPage(pool.id, CLIENTS_SHOWN)?.clients ?? []).map((client) => ({
        id: client.clientId,
        name: client.name,
        hasSecret: client.secret !== undefined,
        authFlows: appClientOf(client).config.ExplicitAuthFlows,
      })),
    }));
    res.json(pools);
  };
}
