/**
 * The debugger's JSON API at `/_sandbox/api`, its routes and answers as shared/debugger-api.ts
 * declares them. Read endpoints never change state. Only the sandbox's own pages may call it:
 * requests from other origins are refused.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ErrorBody } from '../../../shared/debugger-api.js';
import type { Services } from '../../services.js';
import { resetSandbox } from './admin.js';
import { addBreakpoint, listBreakpoints, listPaused, removeBreakpoint, resumePaused, switchBreakpoint } from './breakpoints.js';
import { deleteSnapshot, downloadSnapshot, listSnapshots, restoreSnapshotRoute, saveSnapshot, uploadSnapshot } from './snapshots.js';
import { clientSecrets } from './client-secrets.js';
import { deleteClock, getClock, postClock } from './clock.js';
import { eventHistory, eventStream } from './events.js';
import { exportConfig } from './export.js';
import { addFault, clearFaults, listFaults, removeFault } from './faults.js';
import { getFlow, listFlows } from './flows.js';
import { exportFlow } from './flow-export/index.js';
import { health } from './health.js';
import { kmsKey } from './kms-keys.js';
import { getMachine, listMachines } from './machines.js';
import { mockIdpPeople, mockIdps, removeMockIdpPerson, saveMockIdpPerson } from './mock-idp.js';
import { oauthTries } from './oauth-tries.js';
import { clearOutbox, outbox } from './outbox.js';
import { getPerson, listPeople } from './people.js';
import { historyBounds, pinFlow, unpinFlow } from './pins.js';
import { listPools } from './pools.js';
import { mount, notFound } from './route.js';
import { softwareTokenOfCall } from './software-tokens.js';
import { tlsCaCertificate } from './tls.js';
import { inspectTokenRoute } from './tokens.js';
import { uiLogo } from './ui-logo.js';
import { brandingAsset } from './branding-asset.js';
import { userAuthenticators } from './user-authenticators.js';
import { authEvents, removeRiskMark, riskFeedback, riskMarks, saveRiskMark } from './risk.js';
import { stats } from './stats.js';
import { userImportLog } from './user-import-log.js';

/** Refuses cross-origin callers: a web page elsewhere must not read the debugger's data. */
function sameOriginOnly(req: Request, res: Response<ErrorBody>, next: NextFunction): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const sameOrigin = origin === undefined || origin === `${req.protocol}://${req.headers.host}`;
  if (sameOrigin && (site === undefined || site === 'same-origin' || site === 'none')) return next();
  res.status(403).json({ error: 'forbidden', message: 'The debugger API answers only the sandbox\'s own pages.' });
}

/**
 * A request refused before or by its handler (a path parameter that is not valid percent-encoding,
 * a query parameter of the wrong kind) answers JSON too, never an HTML page or a stack trace.
 */
function answerErrors(error: { status?: number; message?: string }, _req: Request, res: Response<ErrorBody>, _next: NextFunction): void {
  const status = error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error('[sandbox-api] unexpected failure:', error);
  res.status(status).json(status === 500 ? { error: 'internal', message: 'The debugger API failed.' } : { error: 'bad_request', message: error.message ?? 'Bad request.' });
}

export function sandboxApi(services: Services): express.Router {
  const router = express.Router();
  router.use(sameOriginOnly);
  mount(router, 'health', health(services));
  mount(router, 'events', eventStream(services));
  mount(router, 'eventHistory', eventHistory(services));
  mount(router, 'outbox', outbox(services));
  mount(router, 'clearOutbox', clearOutbox(services));
  mount(router, 'kmsKey', kmsKey(services));
  mount(router, 'flows', listFlows(services));
  mount(router, 'flow', getFlow(services));
  mount(router, 'flowExport', exportFlow(services));
  mount(router, 'pinFlow', pinFlow(services));
  mount(router, 'unpinFlow', unpinFlow(services));
  mount(router, 'history', historyBounds(services));
  mount(router, 'people', listPeople(services));
  mount(router, 'person', getPerson(services));
  mount(router, 'machines', listMachines);
  mount(router, 'machine', getMachine);
  mount(router, 'reset', resetSandbox(services));
  mount(router, 'breakpoints', listBreakpoints(services));
  mount(router, 'addBreakpoint', addBreakpoint(services));
  mount(router, 'switchBreakpoint', switchBreakpoint(services));
  mount(router, 'removeBreakpoint', removeBreakpoint(services));
  mount(router, 'paused', listPaused(services));
  mount(router, 'resumePaused', resumePaused(services));
  mount(router, 'snapshots', listSnapshots(services));
  mount(router, 'saveSnapshot', saveSnapshot(services));
  mount(router, 'snapshot', downloadSnapshot(services));
  mount(router, 'deleteSnapshot', deleteSnapshot(services));
  mount(router, 'restoreSnapshot', restoreSnapshotRoute(services));
  mount(router, 'uploadSnapshot', uploadSnapshot(services));
  mount(router, 'clock', getClock(services));
  mount(router, 'moveClock', postClock(services));
  mount(router, 'resetClock', deleteClock(services));
  mount(router, 'pools', listPools(services));
  mount(router, 'softwareToken', softwareTokenOfCall(services));
  mount(router, 'userAuthenticators', userAuthenticators(services));
  mount(router, 'userImportLog', userImportLog(services));
  mount(router, 'clientSecrets', clientSecrets(services));
  mount(router, 'tlsCaCertificate', tlsCaCertificate(services));
  const tries = oauthTries(services);
  mount(router, 'startOAuthTry', tries.start);
  mount(router, 'oauthTry', tries.find);
  mount(router, 'mockIdps', mockIdps(services));
  mount(router, 'mockIdpPeople', mockIdpPeople(services));
  mount(router, 'saveMockIdpPerson', saveMockIdpPerson(services));
  mount(router, 'removeMockIdpPerson', removeMockIdpPerson(services));
  mount(router, 'riskMarks', riskMarks(services));
  mount(router, 'saveRiskMark', saveRiskMark(services));
  mount(router, 'removeRiskMark', removeRiskMark(services));
  mount(router, 'authEvents', authEvents(services));
  mount(router, 'riskFeedback', riskFeedback(services));
  mount(router, 'exportConfig', exportConfig(services));
  mount(router, 'inspectToken', inspectTokenRoute(services));
  mount(router, 'faults', listFaults(services));
  mount(router, 'addFault', addFault(services));
  mount(router, 'removeFault', removeFault(services));
  mount(router, 'clearFaults', clearFaults(services));
  mount(router, 'stats', stats(services));
  // A logo's or a branding asset's bytes, not JSON: the routes outside the typed contract (GetUICustomization's ImageUrl, the hosted pages' <img>).
  router.get('/pools/:poolId/ui-customization/:clientId/logo', uiLogo(services));
  router.get('/pools/:poolId/managed-login-branding/:brandingId/assets/:category/:colorMode', brandingAsset(services));
  router.use((_req: Request, res: Response<ErrorBody>) => notFound(res, 'No such debugger endpoint.'));
  router.use(answerErrors);
  return router;
}
