/**
 * The debugger's JSON API at `/_sandbox/api`. Read endpoints never change state. Only the
 * sandbox's own pages may call it: requests from other origins are refused.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { resetSandbox } from './admin.js';
import { eventStream } from './events.js';
import { getFlow, listFlows } from './flows.js';
import { health } from './health.js';
import { kmsKey } from './kms-keys.js';
import { getMachine, listMachines } from './machines.js';
import { outbox } from './outbox.js';
import { listPools } from './pools.js';

/** Refuses cross-origin callers: a web page elsewhere must not read the debugger's data. */
function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const sameOrigin = origin === undefined || origin === `${req.protocol}://${req.headers.host}`;
  if (sameOrigin && (site === undefined || site === 'same-origin' || site === 'none')) return next();
  res.status(403).json({ error: 'forbidden', message: 'The debugger API answers only the sandbox\'s own pages.' });
}

export function sandboxApi(services: Services): express.Router {
  const router = express.Router();
  router.use(sameOriginOnly);
  router.get('/health', health(services));
  router.get('/events', eventStream(services));
  router.get('/outbox', outbox(services));
  router.get('/kms-keys', kmsKey(services));
  router.get('/flows', listFlows(services));
  router.get('/flows/:id', getFlow(services));
  router.get('/machines', listMachines);
  router.get('/machines/:id', getMachine);
  router.post('/admin/reset', resetSandbox(services));
  router.get('/pools', listPools(services));
  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found', message: 'No such debugger endpoint.' });
  });
  return router;
}
