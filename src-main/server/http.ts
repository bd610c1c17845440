/** The one Express application: every path the sandbox serves, on one port. */
import express from 'express';
import type { Services } from '../services.js';
import { awsJsonRouter } from './aws-json/router.js';
import { callerContext } from './caller-context.js';
import { corsPolicy } from './cors.js';
import { debuggerPage } from './debugger-page.js';
import { hostCheck } from './host-check.js';
import { cognitoIdentityIssuerRoutes, stsRouter } from './identity/index.js';
import { mockIdpRoutes } from './mock-idp/index.js';
import { oauth2Routes } from './oauth2/index.js';
import { wellKnown } from './oauth2/well-known.js';
import { sandboxApi } from './sandbox-api/index.js';
import { userImportUploads } from './user-import-upload.js';

/** Cognito's API takes POST requests only: any other method on `/` (but GET, which opens the debugger) is no operation. */
function notAnOperation(req: express.Request, res: express.Response): void {
  res
    .status(405)
    .set('Allow', 'GET, POST, OPTIONS')
    .set('x-amzn-ErrorType', 'UnknownOperationException')
    .type('application/x-amz-json-1.1')
    .send(JSON.stringify({ __type: 'UnknownOperationException', message: `${req.method} / is not an operation: the Cognito API takes POST requests with an X-Amz-Target header.` }));
}

export function createHttpApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(hostCheck(services.options.host));
  app.use(callerContext);

  app.use('/_sandbox/api', sandboxApi(services));
  app.use('/_sandbox', debuggerPage());

  const cors = corsPolicy(services.options.corsOrigins ?? []);
  app.options('/', cors);
  app.post('/', cors, stsRouter(services), awsJsonRouter(services));
  app.get('/', (_req, res) => res.redirect(302, '/_sandbox/'));
  app.all('/', notAnOperation);
  app.use('/_mock-idp', mockIdpRoutes(services));
  app.use('/_user-import', userImportUploads(services));
  app.use(oauth2Routes(services));
  app.use(cors, cognitoIdentityIssuerRoutes(services));
  app.use(cors, wellKnown(services, services.keys));

  app.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `Cognito Sandbox serves nothing at ${req.method} ${req.path}` });
  });
  return app;
}
