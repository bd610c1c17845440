/**
 * `/_mock-idp/google`: a mock of Google's OAuth 2.0 / OpenID Connect endpoints with their paths
 * under the mock (accounts.google.com/o/oauth2/v2/auth → /o/oauth2/v2/auth, oauth2.googleapis.com
 * /token → /token, openidconnect.googleapis.com/v1/userinfo → /v1/userinfo, googleapis.com/oauth2
 * /v3/certs → /oauth2/v3/certs) and Google's wire: the code redirect with `scope`, `authuser` and
 * `prompt`; the token answer with `expires_in: 3599`; ID tokens signed RS256 with
 * `iss: https://accounts.google.com`, `azp` and `aud` the client_id, `at_hash`, the nonce, and
 * the person's claims by scope (email, email_verified; name, given_name, family_name, picture,
 * locale; hd); Google's error bodies (`invalid_grant` "Bad Request", `invalid_client`
 * "Unauthorized", `redirect_uri_mismatch`).
 */
import express, { type Request, type Response } from 'express';
import type { Services } from '../../../services.js';
import type { MockPerson } from '../../../store/repositories/mock-idp-people.js';
import { wireClaims } from '../claims.js';
import { randomText, type MockGrants, type TokenGrant } from '../grants.js';
import { mockSigningKey } from '../keys.js';
import { requestOrigin } from '../origin.js';
import {
  authenticatedBySecret,
  bearerToken,
  clientCredentials,
  halfHash,
  parseForm,
  readParams,
  redeemCode,
  redirectWith,
  sendJwks,
  serveAuthorize,
  signIdToken,
  type SocialAuthorize,
} from '../social.js';

export const GOOGLE_ISSUER = 'https://accounts.google.com';

const SCOPE_NAMES: Record<string, string> = {
  'https://www.googleapis.com/auth/userinfo.email': 'email',
  'https://www.googleapis.com/auth/userinfo.profile': 'profile',
};
const PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'picture', 'locale'];
const EMAIL_CLAIMS = ['email', 'email_verified'];
const STANDARD_SCOPES = new Set(['openid', 'email', 'profile']);

/** `email profile openid` and their long forms, as Google echoes them in the redirect. */
function grantedScopeText(scopes: string[]): string {
  const out = [...scopes.filter((scope) => STANDARD_SCOPES.has(scope))];
  if (scopes.includes('email')) out.push('https://www.googleapis.com/auth/userinfo.email');
  if (scopes.includes('profile')) out.push('https://www.googleapis.com/auth/userinfo.profile');
  return out.join(' ');
}

/** The person's claims the scopes let out: sub always, email and profile claims by scope, anything else the directory holds (hd, ...). */
function claimsFor(person: MockPerson, scopes: string[]): Record<string, unknown> {
  const claims = wireClaims(person.claims);
  const out: Record<string, unknown> = { sub: person.id };
  for (const [name, value] of Object.entries(claims)) {
    if (PROFILE_CLAIMS.includes(name) ? scopes.includes('profile') : EMAIL_CLAIMS.includes(name) ? scopes.includes('email') : name !== 'sub') out[name] = value;
  }
  return out;
}

function tokenError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });
}

const authorize = (): SocialAuthorize => ({
  idp: 'google',
  splitScope: (scope) => [...new Set(scope.split(/\s+/).filter(Boolean).map((name) => SCOPE_NAMES[name] ?? name))],
  unknownClient: () => ({ status: 401, error: 'invalid_client', description: 'The OAuth client was not found.' }),
  badRedirect: (uri) => ({
    status: 400,
    error: 'redirect_uri_mismatch',
    description: `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${uri ?? ''} is not Cognito's /oauth2/idpresponse on a loopback host.`,
  }),
  check: (request) => {
    if (request.params.response_type === undefined) return { error: 'invalid_request', description: 'Required parameter is missing: response_type' };
    if (request.params.response_type !== 'code') return { error: 'unsupported_response_type', description: `Invalid response_type: ${request.params.response_type}` };
    if (request.scopes.length === 0) return { error: 'invalid_request', description: 'Missing required parameter: scope' };
    const unknown = request.scopes.find((scope) => !STANDARD_SCOPES.has(scope));
    if (unknown) return { error: 'invalid_scope', description: `Some requested scopes were invalid. {invalid=[${unknown}]}` };
    return undefined;
  },
  cancelled: { error: 'access_denied' },
  newCode: () => `4/0A${randomText(48)}`,
  respond: (res, request, answer) => {
    const params =
      'code' in answer
        ? { state: request.state, code: answer.code, scope: grantedScopeText(request.scopes), authuser: '0', prompt: 'consent' }
        : { error: answer.error, error_description: answer.description, state: request.state };
    res.redirect(302, redirectWith(request.redirectUri, params));
  },
});

export function googleMock(services: Services, grants: MockGrants): express.Router {
  const router = express.Router();
  serveAuthorize(router, '/o/oauth2/v2/auth', services, grants, authorize());

  router.post('/token', parseForm, async (req, res, next) => {
    try {
      const { params } = readParams(req.body);
      const { clientId, clientSecret } = clientCredentials(req, params);
      if (params.grant_type !== 'authorization_code') {
        return tokenError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${params.grant_type ?? ''}`);
      }
      if (!params.code) return tokenError(res, 400, 'invalid_request', 'Missing required parameter: code');
      if (authenticatedBySecret(services, 'google', clientId, clientSecret).length === 0) return tokenError(res, 401, 'invalid_client', 'Unauthorized');
      const grant = redeemCode(grants, 'google', params.code, clientId!, params.redirect_uri);
      if (grant === 'other-redirect') return tokenError(res, 400, 'redirect_uri_mismatch', 'Bad Request');
      if (typeof grant === 'string') return tokenError(res, 400, 'invalid_grant', 'Bad Request');
      const person = services.store.mockIdpPeople.find('google', grant.personId);
      if (!person) return tokenError(res, 400, 'invalid_grant', 'Bad Request');

      const accessToken = grants.issueAccessToken(`ya29.a0${randomText(96)}`, { idp: 'google', clientId: grant.clientId, personId: person.id, scopes: grant.scopes });
      const now = Math.floor(services.clock.now() / 1000);
      const answer: Record<string, unknown> = { access_token: accessToken, expires_in: 3599, scope: grantedScopeText(grant.scopes), token_type: 'Bearer' };
      if (grant.scopes.includes('openid')) {
        answer.id_token = await signIdToken(await mockSigningKey(services.store, 'google'), {
          iss: GOOGLE_ISSUER,
          azp: grant.clientId,
          aud: grant.clientId,
          ...claimsFor(person, grant.scopes),
          at_hash: halfHash(accessToken),
          ...(grant.nonce !== undefined && { nonce: grant.nonce }),
          iat: now,
          exp: now + 3600,
        });
      }
      res.set('Cache-Control', 'no-store').json(answer);
    } catch (error) {
      next(error);
    }
  });

  const userInfo = (req: Request, res: Response) => {
    const token = bearerToken(req);
    const grant: TokenGrant | string = token ? grants.findAccessToken(token) : 'unknown';
    const person = typeof grant === 'string' || grant.idp !== 'google' ? undefined : services.store.mockIdpPeople.find('google', grant.personId);
    if (typeof grant === 'string' || !person) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"').json({ error: 'invalid_request', error_description: 'Invalid Credentials' });
      return;
    }
    res.set('Cache-Control', 'no-store').json(claimsFor(person, grant.scopes));
  };
  router.get('/v1/userinfo', userInfo);
  router.get('/oauth2/v3/userinfo', userInfo);

  router.get('/oauth2/v3/certs', async (_req, res, next) => {
    mockSigningKey(services.store, 'google').then((key) => sendJwks(res, key), next);
  });

  router.get('/.well-known/openid-configuration', (req, res) => {
    const base = `${requestOrigin(req)}${req.baseUrl}`;
    res.json({
      issuer: GOOGLE_ISSUER,
      authorization_endpoint: `${base}/o/oauth2/v2/auth`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/v1/userinfo`,
      jwks_uri: `${base}/oauth2/v3/certs`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
      grant_types_supported: ['authorization_code'],
    });
  });
  return router;
}
