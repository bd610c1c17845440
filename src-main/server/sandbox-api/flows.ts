/**
 * `GET /_sandbox/api/flows` (newest first; `?before=CREATED&limit=`) and
 * `GET /_sandbox/api/flows/{id}` (the flow with every event it published; to `Accept: text/plain`,
 * its trace: debug/flow-trace.ts). The persisted
 * snapshot and Session hash are never served: they hold the flow's secrets.
 */
import type { FlowListItem, FlowOutcome, PersonLabel } from '../../../shared/debugger-api.js';
import type { Services } from '../../services.js';
import type { StoredFlow } from '../../store/repositories/flows.js';
import { flowTrace } from '../../debug/flow-trace.js';
import { findPerson, personLabel } from './people.js';
import { integerQuery, notFound, type ApiHandler } from './route.js';

const OUTCOMES: readonly FlowOutcome[] = ['success', 'failure', 'expired', 'abandoned'];

type PersonOf = (flow: StoredFlow) => PersonLabel | undefined;

/** Labels flows by the user their name stands for, looking each (pool, name) up once. */
function personResolver(services: Pick<Services, 'store'>): PersonOf {
  const known = new Map<string, PersonLabel | undefined>();
  return ({ poolId, username }) => {
    if (!poolId || !username) return undefined;
    const key = `${poolId}/${username}`;
    if (!known.has(key)) {
      const user = findPerson(services, poolId, username);
      known.set(key, user && personLabel(user));
    }
    return known.get(key);
  };
}

function listItem(flow: StoredFlow, personOf: PersonOf, pinnedOf: (flowId: string) => boolean): FlowListItem {
  const person = personOf(flow);
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
    pinned: pinnedOf(flow.id),
    ...(person && { person }),
  };
}

export function listFlows(services: Pick<Services, 'store'>): ApiHandler<'flows'> {
  const { store } = services;
  return (req, res) => {
    const limit = integerQuery(req.query, 'limit', { min: 1, max: 1_000, fallback: 100 });
    const before = integerQuery(req.query, 'before', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: Number.MAX_SAFE_INTEGER });
    const personOf = personResolver(services);
    const pinned = store.flowPins.pinnedIds();
    res.json(store.flows.recent(limit, before).map((flow) => listItem(flow, personOf, (id) => pinned.has(id))));
  };
}

export function getFlow(services: Pick<Services, 'store'>): ApiHandler<'flow'> {
  const { store } = services;
  return (req, res) => {
    const flow = store.flows.findById(req.params.id);
    if (!flow) return notFound(res, `No flow ${req.params.id}.`);
    // A terminal or CI log asks for the plain-text trace; everyone else gets JSON.
    if (req.accepts(['application/json', 'text/plain']) === 'text/plain') {
      res.type('text/plain').end(flowTrace(store.events.forFlow(flow.id)));
      return;
    }
    res.json({ ...listItem(flow, personResolver(services), (id) => store.flowPins.isPinned(id)), events: store.events.forFlow(flow.id) });
  };
}
