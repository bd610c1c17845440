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
import express from 'express';
import type { Services } from '../../services.js';
import { oidcMock } from './oidc/index.js';
import { samlMockRoutes } from './saml/index.js';

export function mockIdpRoutes(services: Services): express.Router {
  const router = express.Router();
  router.use('/oidc', oidcMock(services));
  router.use('/saml', samlMockRoutes(services));
  router.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `No mock identity provider serves ${req.method} ${req.baseUrl}${req.path}` });
  });
  return router;
}
