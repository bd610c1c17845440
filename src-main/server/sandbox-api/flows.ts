/**
 * `GET /_sandbox/api/flows` (newest first; `?before=CREATED&limit=`) and
 * `GET /_sandbox/api/flows/{id}` (the flow with every event it published). The persisted
 * snapshot is never served: it holds the flow's secrets.
 */
import type { Request, Response } from 'express';
import type { Services } from '../../services.js';
import type { StoredFlow } from '../../store/repositories/flows.js';

function summary(flow: StoredFlow) {
  const { snapshot: _snapshot, sessionHash: _session, ...visible } = flow;
  return { ...visible, awaitingClient: flow.ended === null && flow.snapshot !== null };
}

export function listFlows(services: Services) {
  return (req: Request, res: Response) => {
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 1_000);
    const before = Number(req.query.before ?? Number.MAX_SAFE_INTEGER) || Number.MAX_SAFE_INTEGER;
    res.json(services.store.flows.recent(limit, before).map(summary));
  };
}

export function getFlow(services: Services) {
  return (req: Request, res: Response) => {
    const flow = services.store.flows.findById(String(req.params.id));
    if (!flow) {
      res.status(404).json({ error: 'not_found', message: `No flow ${req.params.id}.` });
      return;
    }
    res.json({ ...summary(flow), events: services.store.events.forFlow(flow.id) });
  };
}
