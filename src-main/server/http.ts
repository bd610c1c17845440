/** The one Express application: every path the sandbox serves, on one port. */
import express from 'express';
import type { Services } from '../services.js';
import { awsJsonRouter } from './aws-json/router.js';
import { publicCors } from './cors.js';
import { debuggerPage } from './debugger-page.js';
import { hostCheck } from './host-check.js';
import { wellKnown } from './oauth2/well-known.js';
import { sandboxApi } from './sandbox-api/index.js';

export function createHttpApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(hostCheck(services.options.host));

  app.use('/_sandbox/api', sandboxApi(services));
  app.use('/_sandbox', debuggerPage());

  app.options('/', publicCors);
  app.post('/', publicCors, awsJsonRouter(services));
  app.get('/', (_req, res) => res.redirect(302, '/_sandbox/'));
  app.use(publicCors, wellKnown(services, services.keys));

  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `Cognito Sandbox serves nothing at ${req.method} ${req.path}` });
  });
  return app;
}
