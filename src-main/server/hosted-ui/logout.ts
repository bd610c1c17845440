/**
 * GET /logout: ends the browser's hosted session, then either goes to `logout_uri` (one of the
 * client's sign-out URLs) or, with `redirect_uri` and `response_type` instead, back to the
 * sign-in page for a new login. A client or URL the client does not list is the error page.
 * A session opened by a SAML provider with IDPSignout "true" first sends the browser to the
 * provider with a signed LogoutRequest; its answer at /saml2/logout sends the browser on.
 */
import express from 'express';
import { findAppClient } from '../../cognito/app-clients.js';
import { startSamlLogout } from '../../cognito/federation/saml-logout.js';
import { hostedSessionSamlIdentity } from '../../cognito/hosted-sessions.js';
import { isRegisteredCallback } from '../../cognito/oauth.js';
import type { OAuthError } from '../../cognito/oauth-errors.js';
import type { Services } from '../../services.js';
import { noteExchange } from '../oauth2/exchange.js';
import { singleValued, type OAuthParams } from '../oauth2/parameters.js';
import { ErrorPage } from './authorize-request.js';
import { clearHostedSessionCookie, hostedSessionCookie } from './cookies.js';
import { callOf, sendRefusal } from './login.js';

/** The sign-in page a logout with redirect_uri goes on to: the authorize parameters it was given. */
function signInAgain(params: OAuthParams): string {
  const query = new URLSearchParams();
  for (const name of ['client_id', 'response_type', 'redirect_uri', 'scope', 'state']) if (params[name] !== undefined) query.set(name, params[name]!);
  return `/login?${query}`;
}

export function logoutRoutes(services: Services): express.Router {
  const router = express.Router();
  router.get('/logout', async (req, res) => {
    try {
      let params: OAuthParams;
      try {
        params = singleValued(req.query);
      } catch (error) {
        throw new ErrorPage(`invalid_request: ${(error as OAuthError).description}`);
      }
      const client = params.client_id ? findAppClient(services.store, params.client_id) : undefined;
      const pool = client && services.store.pools.findById(client.poolId);
      if (!client || !pool) throw new ErrorPage('invalid_request: Client does not exist');
      noteExchange(res, { poolId: pool.id });
      let next: string;
      if (params.logout_uri !== undefined) {
        if (!client.config.LogoutURLs.includes(params.logout_uri)) throw new ErrorPage('redirect_mismatch');
        next = params.logout_uri;
      } else if (params.redirect_uri !== undefined && params.response_type !== undefined) {
        if (!isRegisteredCallback(client, params.redirect_uri)) throw new ErrorPage('redirect_mismatch');
        next = signInAgain(params);
      } else {
        throw new ErrorPage('invalid_request: logout_uri, or redirect_uri with response_type, is required');
      }
      const hostedSession = hostedSessionCookie(req, pool.id);
      const samlIdentity = hostedSessionSamlIdentity(services, pool.id, hostedSession);
      const call = callOf(req);
      await services.flows.logout.signOut({ pool, client, next, ...(hostedSession && { hostedSession }) }, call);
      noteExchange(res, { ...(call.flowId && { flowId: call.flowId }) });
      clearHostedSessionCookie(req, res, pool.id);
      const idpLogout = samlIdentity && (await startSamlLogout(services, { pool, identity: samlIdentity, origin: call.origin, next, flowId: call.flowId ?? null }));
      res.redirect(302, idpLogout || next);
    } catch (error) {
      sendRefusal(res, error);
    }
  });
  return router;
}
