/**
 * `/_mock-idp/amazon`: a mock of Login with Amazon with its paths under the mock
 * (www.amazon.com/ap/oa → /ap/oa, api.amazon.com/auth/o2/token → /auth/o2/token,
 * api.amazon.com/user/profile → /user/profile) and its wire: scopes `profile`,
 * `profile:user_id`, `postal_code`; codes `AN…`; the token answer `{access_token: 'Atza|…',
 * refresh_token: 'Atzr|…', token_type: 'bearer', expires_in: 3600}` for client_secret_post (or
 * Basic); the profile `{user_id: 'amzn1.account.…', name, email, postal_code?}` by scope; LWA's
 * error bodies `{error_description, error}` ("The request has an invalid grant parameter : code");
 * `/auth/o2/tokeninfo` answering whose token it is and for which app.
 */
import express, { type Response } from 'express';
import type { Services } from '../../../services.js';
import { randomText, type MockGrants } from '../grants.js';
import { authenticatedBySecret, bearerToken, clientCredentials, parseForm, readParams, redeemCode, redirectWith, serveAuthorize, type SocialAuthorize } from '../social.js';

const SCOPES = new Set(['profile', 'profile:user_id', 'postal_code']);

function lwaError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error_description: description, error });
}

const authorize = (): SocialAuthorize => ({
  idp: 'amazon',
  splitScope: (scope) => [...new Set(scope.split(/\s+/).filter(Boolean))],
  unknownClient: () => ({ status: 400, error: 'invalid_client', description: 'An unknown client_id was provided.' }),
  badRedirect: () => ({
    status: 400,
    error: 'invalid_request',
    description: "An unknown redirect_uri was provided: the mock accepts Cognito's /oauth2/idpresponse on a loopback host.",
  }),
  check: (request) => {
    const type = request.params.response_type;
    if (!type) return { error: 'invalid_request', description: 'The request is missing a required parameter : response_type' };
    if (type !== 'code') return { error: 'unsupported_response_type', description: 'The authorization server does not support obtaining an authorization code using this method' };
    if (request.scopes.length === 0) return { error: 'invalid_request', description: 'The request is missing a required parameter : scope' };
    if (request.scopes.some((scope) => !SCOPES.has(scope))) return { error: 'invalid_scope', description: 'An unknown scope was requested' };
    return undefined;
  },
  cancelled: { error: 'access_denied', description: 'The user denied the request' },
  newCode: () => `AN${randomText(15).replace(/[-_]/g, 'x')}`,
  respond: (res, request, answer) => {
    const params =
      'code' in answer
        ? { code: answer.code, scope: request.scopes.join(' '), state: request.state }
        : { error_description: answer.description, error: answer.error, state: request.state };
    res.redirect(302, redirectWith(request.redirectUri, params));
  },
});

export function amazonMock(services: Services, grants: MockGrants): express.Router {
  const router = express.Router();
  serveAuthorize(router, '/ap/oa', services, grants, authorize());

  router.post('/auth/o2/token', parseForm, (req, res) => {
    const { params } = readParams(req.body);
    const { clientId, clientSecret } = clientCredentials(req, params);
    if (params.grant_type !== 'authorization_code') {
      return lwaError(res, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
    }
    if (!params.code) return lwaError(res, 400, 'invalid_request', 'The request is missing a required parameter : code');
    if (authenticatedBySecret(services, 'amazon', clientId, clientSecret).length === 0) return lwaError(res, 401, 'invalid_client', 'Client authentication failed');
    const grant = redeemCode(grants, 'amazon', params.code, clientId!, params.redirect_uri);
    if (grant === 'other-redirect') return lwaError(res, 400, 'invalid_grant', 'The request has an invalid parameter : redirect_uri');
    if (typeof grant === 'string') return lwaError(res, 400, 'invalid_grant', 'The request has an invalid grant parameter : code');
    const token = grants.issueAccessToken(`Atza|IwEB${randomText(120)}`, { idp: 'amazon', clientId: grant.clientId, personId: grant.personId, scopes: grant.scopes });
    res.set('Cache-Control', 'no-store').json({ access_token: token, refresh_token: `Atzr|IwEB${randomText(120)}`, token_type: 'bearer', expires_in: 3600 });
  });

  router.get('/user/profile', (req, res) => {
    const token = bearerToken(req);
    if (!token) return lwaError(res, 400, 'invalid_request', 'The request is missing a required parameter : access_token');
    const grant = grants.findAccessToken(token);
    const person = typeof grant === 'string' || grant.idp !== 'amazon' ? undefined : services.store.mockIdpPeople.find('amazon', grant.personId);
    if (typeof grant === 'string' || !person) return lwaError(res, 401, 'invalid_token', 'The access token provided is expired, revoked, malformed, or invalid for other reasons.');
    const profile: Record<string, string> = { user_id: person.id };
    if (grant.scopes.includes('profile')) {
      for (const name of ['name', 'email'] as const) if (person.claims[name] !== undefined) profile[name] = person.claims[name];
    }
    if (grant.scopes.includes('postal_code') && person.claims.postal_code !== undefined) profile.postal_code = person.claims.postal_code;
    res.set('Cache-Control', 'no-store').json(profile);
  });

  // LWA's token information (api.amazon.com/auth/o2/tokeninfo), as Cognito Identity checks a login's app with it.
  // The mock has one id per app: its app_id is the client_id (`aud`).
  router.get('/auth/o2/tokeninfo', (req, res) => {
    const token = bearerToken(req);
    if (!token) return lwaError(res, 400, 'invalid_request', 'The request is missing a required parameter : access_token');
    const grant = grants.findAccessToken(token);
    if (typeof grant === 'string' || grant.idp !== 'amazon') return lwaError(res, 400, 'invalid_token', 'The request has an invalid parameter : access_token');
    res.set('Cache-Control', 'no-store').json({ iss: 'https://www.amazon.com', user_id: grant.personId, aud: grant.clientId, app_id: grant.clientId });
  });
  return router;
}
