/**
 * `POST /_sandbox/api/admin/reset`: back to an empty sandbox. Every user pool goes, and with
 * it (by cascade) its clients, users, groups, domains, resource servers, identity providers,
 * signing keys and refresh tokens; the flows, the outbox and the event history go too. One
 * transaction: all of it, or none. The answer holds counts only, never what was deleted.
 * Flows paused at a breakpoint are released first (their requests answered, not left hanging),
 * and the pools' breakpoints go with the pools. Every injected fault is switched off.
 */
import type { ResetResult } from '../../../shared/debugger-api.js';
import type { Services } from '../../services.js';
import type { ApiHandler } from './route.js';

export function resetSandbox({ store, keys, breakpoints, faults }: Pick<Services, 'store' | 'keys' | 'breakpoints' | 'faults'>): ApiHandler<'reset'> {
  return async (_req, res) => {
    await breakpoints.releaseAll();
    const pools = store.pools.all();
    const deleted: ResetResult['deleted'] = store.transaction(() => {
      for (const pool of pools) store.pools.delete(pool.id);
      store.flowPins.deleteAll();
      return {
        userPools: pools.length,
        flows: store.flows.deleteAll(),
        messages: store.outbox.deleteAll(),
        events: store.events.deleteAll(),
      };
    });
    for (const pool of pools) keys.forget(pool.id);
    faults.clear();
    res.json({ reset: true, deleted });
  };
}
