/**
 * `GET /_sandbox/api/pools`: every user pool with its app clients (ids, names, whether they have
 * a secret, their auth flows), so the window's first-run snippets can name real ids without
 * calling the AWS API (which would show up in the debugger's own API-call log).
 */
import type { Request, Response } from 'express';
import type { Services } from '../../services.js';

const CLIENTS_SHOWN = 60;

export function listPools(services: Services) {
  return (_req: Request, res: Response) => {
    const pools = services.store.pools.all().map((pool) => ({
      id: pool.id,
      name: pool.name,
      created: pool.created,
      clients: (services.store.clients.listPage(pool.id, CLIENTS_SHOWN)?.clients ?? []).map((client) => ({
        id: client.clientId,
        name: client.name,
        hasSecret: client.secret !== undefined,
        authFlows: client.config.ExplicitAuthFlows,
      })),
    }));
    res.json(pools);
  };
}
