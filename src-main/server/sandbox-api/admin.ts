/**
 * `POST /_sandbox/api/admin/reset`: back to an empty sandbox. Every user pool goes, and with
 * it (by cascade) its clients, users, groups, domains, resource servers, identity providers,
 * signing keys and refresh tokens; the flows, the outbox and the event history go too. One
 * transaction: all of it, or none. The answer holds counts only, never what was deleted.
 * Flows paused at a breakpoint are released first (their requests answered, not left hanging),
 * and the pools' breakpoints go with the pools. Every injected fault is switched off, and the
 * clock goes back to real time. Published as `sandbox.reset`, the new history's first event, so
 * every window reloads.
 */
import type { ResetResult } from '../../../shared/debugger-api.js';
import { moveClock } from '../../flows/time-travel.js';
import type { Services } from '../../services.js';
import type { ApiHandler } from './route.js';

type ResetServices = Pick<Services, 'store' | 'bus' | 'clock' | 'flows' | 'keys' | 'breakpoints' | 'faults'>;

export function resetSandbox(services: ResetServices): ApiHandler<'reset'> {
  const { store, keys, breakpoints, faults, clock, bus } = services;
  return async (_req, res) => {
    const releasedPauses = await breakpoints.releaseAll();
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
    const result = { deleted, releasedPauses, faultsCleared: faults.list().length, clockOffsetMs: clock.offsetMs };
    // Announced first, so that the new history begins with it; what it says is done in the same turn.
    bus.publish('sandbox.reset', result);
    faults.clear();
    if (result.clockOffsetMs > 0) moveClock({ ...services, runner: services.flows.runner }, { realTime: true });
    res.json({ reset: true, ...result });
  };
}
