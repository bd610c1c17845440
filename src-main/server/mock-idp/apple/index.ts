/**
 * `/_mock-idp/apple`: a mock of Sign in with Apple with its paths under the mock
 * (appleid.apple.com/auth/authorize → /auth/authorize, /auth/token, /auth/keys) and its wire:
 * scopes `name` and `email`, which require `response_mode=form_post`: the browser POSTs `code`,
 * `state`, `id_token` (when response_type has it) and, on the person's first consent to the
 * client only, `user` (`{"name":{"firstName","lastName"},"email"}`) to the redirect URI; a
 * cancelled sign-in as `error=user_cancelled_authorize`. The token endpoint takes the client
 * secret JWT (client-secret.ts) and answers `{access_token, token_type: 'Bearer', expires_in,
 * refresh_token, id_token}`; ID tokens are signed RS256 with `iss: https://appleid.apple.com`,
 * `aud` the client_id (the Services ID), the nonce, `c_hash` / `at_hash`, `email`,
 * `email_verified`, `is_private_email` (a private relay address for the hidden-email person),
 * `auth_time` and `nonce_supported`. Errors as Apple words them: `{"error": "invalid_client"}`,
 * `invalid_grant` "The code has expired or has been revoked.".
 */
import express, { type Response } from 'express';
import type { Services } from '../../../services.js';
import type { MockPerson } from '../../../store/repositories/mock-idp-people.js';
import { wireClaims } from '../claims.js';
import { randomText, type CodeGrant, type MockGrants } from '../grants.js';
import { mockSigningKey } from '../keys.js';
import { sendAutoPostForm } from '../pages.js';
import { requestersOf } from '../requesters.js';
import { halfHash, parseForm, readParams, redeemCode, redirectWith, sendJwks, serveAuthorize, signIdToken, type AuthorizeRequest, type SocialAuthorize } from '../social.js';
import { APPLE_AUDIENCE, clientSecretVerifies } from './client-secret.js';

export const APPLE_ISSUER = APPLE_AUDIENCE;
const SCOPES = new Set(['name', 'email']);
const RESPONSE_TYPES = new Set(['code', 'code id_token']);
const RESPONSE_MODES = new Set(['query', 'fragment', 'form_post']);
const ID_TOKEN_LIFETIME_S = 600;

function appleError(res: Response, error: string, description?: string): void {
  res.status(400).set('Cache-Control', 'no-store').json({ error, ...(description && { error_description: description }) });
}

/** Apple's hex-looking opaque values: `c{hex}.0.{short}.{base64url}` for codes, `a…` for access tokens, `r…` for refresh tokens. */
function appleOpaque(prefix: string): string {
  return `${prefix}${randomText(24).replace(/[-_]/g, '0').toLowerCase()}.0.${randomText(3).toLowerCase().replace(/[-_]/g, 'x')}.${randomText(16)}`;
}

/** The ID token's claims for the person, by the scopes they consented to. */
function identityClaims(person: MockPerson, grant: Pick<CodeGrant, 'clientId' | 'scopes' | 'nonce' | 'authTime'>, nowS: number): Record<string, unknown> {
  const claims = wireClaims(person.claims);
  return {
    iss: APPLE_ISSUER,
    aud: grant.clientId,
    exp: nowS + ID_TOKEN_LIFETIME_S,
    iat: nowS,
    sub: person.id,
    ...(grant.nonce !== undefined && { nonce: grant.nonce }),
    ...(grant.scopes.includes('email') &&
      claims.email !== undefined && {
        email: claims.email,
        email_verified: claims.email_verified ?? true,
        is_private_email: claims.is_private_email ?? String(claims.email).endsWith('@privaterelay.appleid.com'),
      }),
    auth_time: Math.floor(grant.authTime / 1000),
    nonce_supported: true,
  };
}

/** The `user` form field: what Apple sends once, on the first consent, for the scopes asked. */
function userField(person: MockPerson, scopes: string[]): string {
  const user: Record<string, unknown> = {};
  if (scopes.includes('name')) user.name = { firstName: person.claims.firstName ?? '', lastName: person.claims.lastName ?? '' };
  if (scopes.includes('email') && person.claims.email) user.email = person.claims.email;
  return JSON.stringify(user);
}

function authorize(services: Services): SocialAuthorize {
  const store = services.store;
  return {
    idp: 'apple',
    splitScope: (scope) => [...new Set(scope.split(/\s+/).filter(Boolean))],
    unknownClient: () => ({ status: 400, error: 'invalid_client', description: 'Invalid client id or web redirect url.' }),
    badRedirect: () => ({ status: 400, error: 'invalid_request', description: "Invalid web redirect url: the mock accepts Cognito's /oauth2/idpresponse on a loopback host." }),
    check: (request) => {
      const type = request.params.response_type;
      if (!type || !RESPONSE_TYPES.has(type)) return { error: 'unsupported_response_type', description: 'response_type must be code or code id_token.' };
      const mode = request.params.response_mode ?? 'query';
      if (!RESPONSE_MODES.has(mode)) return { error: 'invalid_request', description: `Invalid response_mode: ${mode}.` };
      if (request.scopes.some((scope) => !SCOPES.has(scope))) return { error: 'invalid_scope', description: 'Invalid scope: Sign in with Apple knows name and email.' };
      if (request.scopes.length > 0 && mode !== 'form_post') return { error: 'invalid_request', description: 'response_mode must be form_post when name or email scope is requested.' };
      return undefined;
    },
    cancelled: { error: 'user_cancelled_authorize' },
    newCode: () => appleOpaque('c'),
    respond: async (res, request: AuthorizeRequest, answer) => {
      const fields: Record<string, string | undefined> = { state: request.state };
      if ('code' in answer) {
        fields.code = answer.code;
        if (request.params.response_type === 'code id_token') {
          const nowS = Math.floor(services.clock.now() / 1000);
          fields.id_token = await signIdToken(await mockSigningKey(store, 'apple'), { ...identityClaims(answer.person, answer.grant, nowS), c_hash: halfHash(answer.code) });
        }
        if (request.scopes.length > 0 && !store.mockIdpPeople.hasConsented('apple', request.clientId, answer.person.id)) {
          fields.user = userField(answer.person, request.scopes);
          store.mockIdpPeople.recordConsent('apple', request.clientId, answer.person.id);
        }
      } else {
        fields.error = answer.error;
      }
      const mode = request.params.response_mode ?? 'query';
      if (mode === 'form_post') return sendAutoPostForm(res, 'apple', request.redirectUri, fields);
      if (mode === 'fragment') {
        const fragment = new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
        return res.redirect(302, `${request.redirectUri}#${fragment}`);
      }
      res.redirect(302, redirectWith(request.redirectUri, fields));
    },
  };
}

export function appleMock(services: Services, grants: MockGrants): express.Router {
  const router = express.Router();
  serveAuthorize(router, '/auth/authorize', services, grants, authorize(services));

  router.post('/auth/token', parseForm, async (req, res, next) => {
    try {
      const { params } = readParams(req.body);
      if (params.grant_type !== 'authorization_code') return appleError(res, 'unsupported_grant_type');
      if (!params.client_id || !params.client_secret || !params.code) return appleError(res, 'invalid_request', 'client_id, client_secret and code are required.');
      const providers = requestersOf(services.store, 'apple', params.client_id);
      if (!(await clientSecretVerifies(params.client_secret, params.client_id, providers, services.clock.now()))) return appleError(res, 'invalid_client');
      const grant = redeemCode(grants, 'apple', params.code, params.client_id, params.redirect_uri);
      if (grant === 'other-redirect') return appleError(res, 'invalid_grant', 'The redirect_uri does not match the one the code was issued for.');
      if (typeof grant === 'string') return appleError(res, 'invalid_grant', 'The code has expired or has been revoked.');
      const person = services.store.mockIdpPeople.find('apple', grant.personId);
      if (!person) return appleError(res, 'invalid_grant', 'The code has expired or has been revoked.');

      const accessToken = grants.issueAccessToken(appleOpaque('a'), { idp: 'apple', clientId: grant.clientId, personId: person.id, scopes: grant.scopes });
      const nowS = Math.floor(services.clock.now() / 1000);
      const idToken = await signIdToken(await mockSigningKey(services.store, 'apple'), { ...identityClaims(person, grant, nowS), at_hash: halfHash(accessToken) });
      res.set('Cache-Control', 'no-store').json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600, refresh_token: appleOpaque('r'), id_token: idToken });
    } catch (error) {
      next(error);
    }
  });

  router.get('/auth/keys', (_req, res, next) => {
    mockSigningKey(services.store, 'apple').then((key) => sendJwks(res, key), next);
  });
  return router;
}
