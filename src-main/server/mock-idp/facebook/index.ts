/**
 * `/_mock-idp/facebook`: a mock of Facebook Login and the Graph API's `/me`, versioned like the
 * real ones (`/{v}/dialog/oauth`, `GET /{v}/oauth/access_token`, `GET /{v}/me?fields=...`), with
 * Facebook's wire: scopes comma-separated, the code redirect ending `#_=_`, a declined login as
 * `error=access_denied&error_code=200&error_reason=user_denied`, the token answer
 * `{access_token, token_type: 'bearer', expires_in}`, `/me` answering the asked fields only (`id`
 * and `name` by default; email with the email permission; picture as Graph's `{data: {url}}`),
 * `/app` answering the app the token was issued to (`{link, name, id}`), and Graph's error body
 * `{error: {message, type: 'OAuthException', code, error_subcode?, fbtrace_id}}`.
 */
import express, { type Request, type Response } from 'express';
import type { Services } from '../../../services.js';
import type { MockPerson } from '../../../store/repositories/mock-idp-people.js';
import { randomText, type MockGrants } from '../grants.js';
import { sendErrorPage } from '../pages.js';
import { authenticatedBySecret, bearerToken, parseForm, readParams, redeemCode, redirectWith, serveAuthorize, type SocialAuthorize } from '../social.js';
import { requestersOf } from '../requesters.js';

const VERSION = /^v\d{1,2}\.\d{1,2}$/;
/** Fields of Graph's User node the mock knows; a person's own claims are fields too. */
const USER_FIELDS = new Set([
  'id', 'name', 'first_name', 'last_name', 'middle_name', 'name_format', 'short_name', 'email', 'picture', 'birthday',
  'gender', 'link', 'locale', 'location', 'hometown', 'age_range', 'timezone', 'verified', 'updated_time',
]);
const EMAIL_FIELD = 'email';
const TOKEN_LIFETIME_S = 5_183_944;

interface GraphError {
  message: string;
  code: number;
  subcode?: number;
}

function graphError(res: Response, status: number, { message, code, subcode }: GraphError): void {
  res.status(status).set('Cache-Control', 'no-store').json({
    error: { message, type: 'OAuthException', code, ...(subcode !== undefined && { error_subcode: subcode }), fbtrace_id: randomText(8) },
  });
}

/** `picture` as Graph answers it; other fields as the directory holds them. */
function fieldValue(person: MockPerson, field: string): unknown {
  if (field === 'id') return person.id;
  const value = person.claims[field];
  if (value === undefined) return undefined;
  if (field === 'picture') return { data: { height: 50, is_silhouette: false, url: value, width: 50 } };
  return value;
}

const authorize = (): SocialAuthorize => ({
  idp: 'facebook',
  splitScope: (scope) => [...new Set(['public_profile', ...scope.split(/[\s,]+/).filter(Boolean)])],
  unknownClient: () => ({ status: 400, error: 'Invalid App ID', description: 'The provided app ID does not look like a valid app ID.' }),
  badRedirect: () => ({
    status: 400,
    error: 'URL blocked',
    description:
      "This redirect failed because the redirect URI is not white-listed in the app's client OAuth settings. The mock accepts Cognito's /oauth2/idpresponse on a loopback host.",
  }),
  check: (request) => {
    const type = request.params.response_type ?? 'code';
    return type === 'code' ? undefined : { error: 'unsupported_response_type', description: `The mock answers response_type=code only, not ${type}.` };
  },
  cancelled: { error: 'access_denied', description: 'Permissions error' },
  newCode: () => `AQ${randomText(180)}`,
  respond: (res, request, answer) => {
    const params =
      'code' in answer
        ? { code: answer.code, state: request.state }
        : answer.error === 'access_denied'
          ? { error: 'access_denied', error_code: '200', error_description: answer.description, error_reason: 'user_denied', state: request.state }
          : { error: answer.error, error_description: answer.description, state: request.state };
    res.redirect(302, redirectWith(request.redirectUri, params, '#_=_'));
  },
});

export function facebookMock(services: Services, grants: MockGrants): express.Router {
  const router = express.Router();
  router.use('/:version', (req, res, next) => {
    if (VERSION.test(req.params.version)) return next();
    sendErrorPage(res, 'facebook', 400, 'Unknown path components', `/${req.params.version} is not a Graph API version such as v17.0.`);
  });
  serveAuthorize(router, '/:version/dialog/oauth', services, grants, authorize());

  const accessToken = (req: Request, res: Response) => {
    const { params } = readParams(req.method === 'POST' ? req.body : req.query);
    if (!params.client_id) return graphError(res, 400, { message: 'Missing client_id parameter.', code: 101 });
    if (requestersOf(services.store, 'facebook', params.client_id).length === 0) {
      return graphError(res, 400, { message: 'Error validating application. Invalid application ID.', code: 101 });
    }
    if (!params.redirect_uri) return graphError(res, 400, { message: 'Missing redirect_uri parameter.', code: 191 });
    if (authenticatedBySecret(services, 'facebook', params.client_id, params.client_secret).length === 0) {
      return graphError(res, 400, { message: 'Error validating client secret.', code: 1 });
    }
    if (!params.code) return graphError(res, 400, { message: 'Missing code parameter.', code: 100 });
    const grant = redeemCode(grants, 'facebook', params.code, params.client_id, params.redirect_uri);
    if (grant === 'used') return graphError(res, 400, { message: 'This authorization code has been used.', code: 100, subcode: 36009 });
    if (grant === 'expired') return graphError(res, 400, { message: 'This authorization code has expired.', code: 100, subcode: 36007 });
    if (grant === 'other-redirect') {
      return graphError(res, 400, {
        message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        code: 100,
        subcode: 36008,
      });
    }
    if (typeof grant === 'string') return graphError(res, 400, { message: 'Invalid verification code format.', code: 100 });
    const token = grants.issueAccessToken(`EAA${randomText(150)}`, { idp: 'facebook', clientId: grant.clientId, personId: grant.personId, scopes: grant.scopes });
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'bearer', expires_in: TOKEN_LIFETIME_S });
  };
  router.get('/:version/oauth/access_token', accessToken);
  router.post('/:version/oauth/access_token', parseForm, accessToken);

  router.get('/:version/me', (req, res) => {
    const token = bearerToken(req);
    if (!token) return graphError(res, 400, { message: 'An active access token must be used to query information about the current user.', code: 2500 });
    const grant = grants.findAccessToken(token);
    if (grant === 'expired') return graphError(res, 400, { message: 'Error validating access token: Session has expired.', code: 190, subcode: 463 });
    const person = typeof grant === 'string' || grant.idp !== 'facebook' ? undefined : services.store.mockIdpPeople.find('facebook', grant.personId);
    if (typeof grant === 'string' || !person) return graphError(res, 400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });

    const asked = typeof req.query.fields === 'string' && req.query.fields.trim() ? req.query.fields : 'id,name';
    const fields = [...new Set(asked.split(',').map((field) => field.trim().replace(/[.{].*$/, '')).filter(Boolean))];
    const unknown = fields.find((field) => !USER_FIELDS.has(field) && person.claims[field] === undefined);
    if (unknown) return graphError(res, 400, { message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (User)`, code: 100 });
    const profile: Record<string, unknown> = {};
    for (const field of fields) {
      if (field === EMAIL_FIELD && !grant.scopes.includes('email')) continue;
      const value = fieldValue(person, field);
      if (value !== undefined) profile[field] = value;
    }
    if (profile.id === undefined) profile.id = person.id;
    res.set('Cache-Control', 'no-store').json(profile);
  });

  // The app a user access token was issued to, as Graph's `/app` answers it (Cognito Identity checks a login's app id with it).
  router.get('/:version/app', (req, res) => {
    const token = bearerToken(req);
    if (!token) return graphError(res, 400, { message: 'An access token is required to request this resource.', code: 104 });
    const grant = grants.findAccessToken(token);
    if (grant === 'expired') return graphError(res, 400, { message: 'Error validating access token: Session has expired.', code: 190, subcode: 463 });
    if (typeof grant === 'string' || grant.idp !== 'facebook') return graphError(res, 400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
    res.set('Cache-Control', 'no-store').json({ link: `https://www.facebook.com/games/?app_id=${grant.clientId}`, name: 'Mock Facebook app', id: grant.clientId });
  });
  return router;
}
