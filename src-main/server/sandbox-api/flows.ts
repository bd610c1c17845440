/**
 * `GET /_sandbox/api/flows` (newest first; `?before=CREATED&limit=`) and
 * `GET /_sandbox/api/flows/{id}` (the flow with every event it published). The persisted
 * snapshot and Session hash are never served: they hold the flow's secrets.
 */
import type { FlowListItem, FlowOutcome } from '../../../shared/debugger-api.js';
import type { Services } from '../../services.js';
import type { StoredFlow } from '../../store/repositories/flows.js';
import { integerQuery, notFound, type ApiHandler } from './route.js';

const OUTCOMES: readonly FlowOutcome[] = ['success', 'failure', 'expired', 'abandoned'];

function listItem(flow: StoredFlow): FlowListItem {
  return {
    id: flow.id,
    poolId: flow.poolId,
    clientId: flow.clientId,
    kind: flow.kind,
    username: flow.username,
    state: flow.state,
    sessionExpires: flow.sessionExpires,
    created: flow.created,
    updated: flow.updated,
    ended: flow.ended,
    outcome: OUTCOMES.find((outcome) => outcome === flow.outcome) ?? null,
    awaitingClient: flow.ended === null && flow.snapshot !== null,
  };
}

export function listFlows({ store }: Pick<Services, 'store'>): ApiHandler<'flows'> {
  return (req, res) => {
    const limit = integerQuery(req.query, 'limit', { min: 1, max: 1_000, fallback: 100 });
    const before = integerQuery(req.query, 'before', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: Number.MAX_SAFE_INTEGER });
    res.json(store.flows.recent(limit, before).map(listItem));
  };
}

export function getFlow({ store }: Pick<Services, 'store'>): ApiHandler<'flow'> {
  return (req, res) => {
    const flow = store.flows.findById(req.params.id);
    if (!flow) return notFound(res, `No flow ${req.params.id}.`);
    res.json({ ...listItem(flow), events: store.events.forFlow(flow.id) });
  };
}
