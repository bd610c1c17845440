/**
 * `PUT` and `DELETE /_sandbox/api/flows/{id}/pin`: a pinned flow keeps all of its events however
 * far the history is pruned. Published as `flow.pinned` in the flow, so every window shows it and
 * a reload folds it; `GET /_sandbox/api/history`: the bounds the history is kept within.
 */
import type { Services } from '../../services.js';
import { notFound, type ApiHandler } from './route.js';

type PinServices = Pick<Services, 'store' | 'bus' | 'clock'>;

/** The flow's pool, when the sandbox knows the flow (its stored row, or its events). */
function knownFlow({ store }: PinServices, flowId: string): { poolId: string | null } | undefined {
  const flow = store.flows.findById(flowId);
  if (flow) return { poolId: flow.poolId };
  const first = store.events.forFlow(flowId)[0];
  return first && { poolId: first.poolId };
}

function setPin(services: PinServices, pinned: boolean): ApiHandler<'pinFlow' | 'unpinFlow'> {
  return (req, res) => {
    const flowId = req.params.id;
    const flow = knownFlow(services, flowId);
    if (!flow) return notFound(res, `No flow ${flowId}.`);
    const changed = pinned ? services.store.flowPins.pin(flowId, services.clock.now()) : services.store.flowPins.unpin(flowId);
    if (changed) services.bus.publish('flow.pinned', { pinned }, { flowId, poolId: flow.poolId });
    res.json({ flowId, pinned });
  };
}

export const pinFlow = (services: PinServices): ApiHandler<'pinFlow'> => setPin(services, true);
export const unpinFlow = (services: PinServices): ApiHandler<'unpinFlow'> => setPin(services, false);

export function historyBounds({ store }: Pick<Services, 'store'>): ApiHandler<'history'> {
  return (_req, res) => res.json(store.events.bounds());
}
