/**
 * /saml2/logout: where a SAML provider with IDPSignout "true" answers the pool's LogoutRequest
 * (its LogoutResponse: the browser goes on to the app's sign-out URL or the sign-in page) or asks
 * for a logout itself (its LogoutRequest: the hosted sessions of that NameID end, and the browser
 * goes back to the provider with the LogoutResponse). POST binding, as Cognito documents it, or
 * HTTP-Redirect. What it refuses is the error page.
 */
import express from 'express';
import { answerSamlLogoutMessage, SamlLogoutRefused } from '../../cognito/federation/saml-logout.js';
import type { Services } from '../../services.js';
import { ErrorPage } from '../hosted-ui/authorize-request.js';
import { poolOfHost } from '../hosted-ui/domain-host.js';
import { callOf, sendRefusal } from '../hosted-ui/login.js';
import { noteExchange } from '../oauth2/exchange.js';
import { formBody } from '../oauth2/parameters.js';

const SAML_PARAMETERS = ['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg', 'Signature'];

/** The SAML binding's parameters, each a single string; anything else the request carries is ignored. */
function samlParameters(source: unknown): Record<string, string> {
  const given = (source && typeof source === 'object' ? source : {}) as Record<string, unknown>;
  const parameters: Record<string, string> = {};
  for (const name of SAML_PARAMETERS) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new ErrorPage(`invalid_request: Parameter ${name} is repeated or malformed`);
    parameters[name] = value;
  }
  return parameters;
}

export function samlLogoutRoutes(services: Services): express.Router {
  const router = express.Router();
  const answer = (binding: 'post' | 'redirect') => async (req: express.Request, res: express.Response) => {
    try {
      const poolId = poolOfHost(services, req.headers.host);
      if (poolId === null) throw new ErrorPage('invalid_request: No user pool has this domain');
      const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
      const outcome = await answerSamlLogoutMessage(services, {
        binding,
        parameters: samlParameters(binding === 'post' ? req.body : req.query),
        rawQuery,
        origin: callOf(req).origin,
        ...(poolId && { poolId }),
      });
      noteExchange(res, { poolId: outcome.poolId });
      res.redirect(302, outcome.kind === 'answered' ? outcome.next : outcome.location);
    } catch (error) {
      sendRefusal(res, error instanceof SamlLogoutRefused ? new ErrorPage(`invalid_request: ${error.message}`) : error);
    }
  };
  router.get('/saml2/logout', answer('redirect'));
  router.post('/saml2/logout', formBody, answer('post'));
  return router;
}
