/**
 * The built-in mock identity providers under `/_mock-idp/`, so a pool can federate offline: an
 * OIDC provider (panva's oidc-provider), a SAML 2.0 IdP (saml/), and mocks of Google, Facebook,
 * Login with Amazon and Sign in with Apple with their real URL shapes and claims. Each signs in
 * one of the people of its directory (store.mockIdpPeople), chosen on its login page.
 *
 * Their URLs are on the sandbox's own port, under the origin the browser reached (the host and
 * port vary: loopback names, `*.localhost` domains, port 0 in tests). What they serve publishes no
 * debugger event: the sandbox's calls to them are published by its own side (idpFetch), and the
 * browser's visits by the hosted login.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { amazonMock } from './amazon/index.js';
import { appleMock } from './apple/index.js';
import { facebookMock } from './facebook/index.js';
import { googleMock } from './google/index.js';
import { MockGrants } from './grants.js';
import { oidcMock } from './oidc/index.js';
import { samlMockRoutes } from './saml/index.js';

/** A request no mock could read (a form over its size limit, bad encoding) is a 400; anything else a 500 without its stack. */
function answerErrors(error: { status?: number; message?: string }, req: Request, res: Response, _next: NextFunction): void {
  const status = error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(`[mock-idp] ${req.method} ${req.originalUrl} failed:`, error);
  if (res.headersSent) return;
  res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request', error_description: status === 500 ? 'The mock identity provider failed.' : (error.message ?? 'Bad request.') });
}

export function mockIdpRoutes(sandboxServices: Services): express.Router {
  // The mocks are identity providers outside the sandbox: they keep real time, whatever time travel did to the sandbox's clock.
  const services: Services = { ...sandboxServices, clock: sandboxServices.clock.atRealTime() };
  const router = express.Router();
  const grants = new MockGrants(services.clock);
  router.use('/oidc', oidcMock(services));
  router.use('/saml', samlMockRoutes(services));
  router.use('/google', googleMock(services, grants));
  router.use('/facebook', facebookMock(services, grants));
  router.use('/amazon', amazonMock(services, grants));
  router.use('/apple', appleMock(services, grants));
  router.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `No mock identity provider serves ${req.method} ${req.baseUrl}${req.path}` });
  });
  router.use(answerErrors);
  return router;
}
