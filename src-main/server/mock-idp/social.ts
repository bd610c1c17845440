/**
 * What the social mocks (Google, Facebook, Login with Amazon, Sign in with Apple) share: the
 * authorize endpoint's steps (the client and redirect URI checked, the login page, the chosen
 * person's code), the token endpoint's client credentials and code redemption, bearer tokens,
 * and RS256 ID tokens. Each mock says its own wire: parameter names, error shapes, the answer.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { SignJWT, type JWTPayload } from 'jose';
import type { MockIdpKind } from '../../../shared/mock-idp.js';
import type { Services } from '../../services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import type { MockPerson } from '../../store/repositories/mock-idp-people.js';
import type { CodeGrant, MockGrants } from './grants.js';
import type { MockSigningKey } from './keys.js';
import { mockLoginPage } from './login-page.js';
import { LOGIN_PAGE_CSP, sendErrorPage } from './pages.js';
import { isIdpResponseUri, requestersOf } from './requesters.js';

/** The most a parameter may hold: far above any real request, far below what would hurt. */
const MAX_PARAMETER_CHARS = 4096;

export const parseForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });

/** A request's parameters as single strings; the names given more than once (or too long) apart. */
export function readParams(source: unknown): { params: Record<string, string>; malformed: string[] } {
  const params: Record<string, string> = {};
  const malformed: string[] = [];
  for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && value.length <= MAX_PARAMETER_CHARS) params[name] = value;
    else malformed.push(name);
  }
  return { params, malformed };
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scopes: string[];
  nonce?: string;
  /** Every parameter as received: the login page carries them through its form. */
  params: Record<string, string>;
}

/** A refusal shown on the provider's own page (the redirect URI is not to be trusted). */
export interface PageRefusal {
  status: number;
  error: string;
  description: string;
}

/** What goes back to the client at its redirect URI. */
export type AuthorizeAnswer = { code: string; person: MockPerson; grant: CodeGrant } | { error: string; description?: string };

export interface SocialAuthorize {
  idp: MockIdpKind;
  splitScope(scope: string): string[];
  unknownClient(clientId: string | undefined): PageRefusal;
  badRedirect(redirectUri: string | undefined): PageRefusal;
  /** The request's other rules; a refusal here is sent back to the client. */
  check(request: AuthorizeRequest): { error: string; description: string } | undefined;
  /** The cancel button's answer. */
  cancelled: { error: string; description?: string };
  newCode(): string;
  respond(res: Response, request: AuthorizeRequest, answer: AuthorizeAnswer): void | Promise<void>;
}

/** Appends `params` to the redirect URI's query (and `fragment`, as Facebook does): the app's own query stays. */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>, fragment?: string): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return `${url.href}${fragment ?? ''}`;
}

const LOGIN_FIELDS_LEFT_OUT = new Set(['person', 'cancel']);

/** GET and POST `path`: the authorize request checked, the login page, the person chosen. */
export function serveAuthorize(router: express.Router, path: string, services: Services, grants: MockGrants, spec: SocialAuthorize): void {
  const handle = async (req: Request, res: Response, source: unknown, chosen: boolean) => {
    const { params, malformed } = readParams(source);
    if (malformed.length) return sendErrorPage(res, spec.idp, 400, 'invalid_request', `${malformed[0]} must be given once, as text of at most ${MAX_PARAMETER_CHARS} characters.`);
    const clientId = params.client_id;
    if (!clientId || requestersOf(services.store, spec.idp, clientId).length === 0) {
      const refusal = spec.unknownClient(clientId);
      return sendErrorPage(res, spec.idp, refusal.status, refusal.error, refusal.description);
    }
    if (!isIdpResponseUri(params.redirect_uri)) {
      const refusal = spec.badRedirect(params.redirect_uri);
      return sendErrorPage(res, spec.idp, refusal.status, refusal.error, refusal.description);
    }
    const fields = Object.fromEntries(Object.entries(params).filter(([name]) => !LOGIN_FIELDS_LEFT_OUT.has(name)));
    const request: AuthorizeRequest = {
      clientId,
      redirectUri: params.redirect_uri,
      scopes: spec.splitScope(params.scope ?? ''),
      params: fields,
      ...(params.state !== undefined && { state: params.state }),
      ...(params.nonce !== undefined && { nonce: params.nonce }),
    };
    const refused = spec.check(request);
    if (refused) return spec.respond(res, request, refused);
    if (chosen && params.cancel) return spec.respond(res, request, spec.cancelled);
    const person = chosen && params.person !== undefined ? services.store.mockIdpPeople.find(spec.idp, params.person) : undefined;
    if (!person) {
      const notice = chosen ? 'Choose one of the people below: that one is not in the directory (any more).' : undefined;
      const page = mockLoginPage({
        idp: spec.idp,
        askedBy: { label: 'Client', value: clientId },
        people: services.store.mockIdpPeople.list(spec.idp),
        action: `${req.baseUrl}${req.path}`,
        fields,
        ...(notice && { notice }),
      });
      res.status(notice ? 400 : 200).set('Cache-Control', 'no-store').set('Content-Security-Policy', LOGIN_PAGE_CSP).type('html').send(page);
      return;
    }
    const grant: CodeGrant = {
      idp: spec.idp,
      clientId,
      redirectUri: request.redirectUri,
      personId: person.id,
      scopes: request.scopes,
      authTime: services.clock.now(),
      ...(request.nonce !== undefined && { nonce: request.nonce }),
    };
    const code = grants.issueCode(spec.newCode(), grant);
    return spec.respond(res, request, { code, person, grant });
  };
  router.get(path, (req, res, next) => Promise.resolve(handle(req, res, req.query, false)).catch(next));
  router.post(path, parseForm, (req, res, next) => Promise.resolve(handle(req, res, req.body, true)).catch(next));
}

/** The client's id and secret from a Basic header (client_secret_basic) or the parameters (client_secret_post). */
export function clientCredentials(req: Request, params: Record<string, string>): { clientId?: string; clientSecret?: string } {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    if (at > 0) return { clientId: decodeURIComponent(decoded.slice(0, at)), clientSecret: decodeURIComponent(decoded.slice(at + 1)) };
  }
  return { clientId: params.client_id, clientSecret: params.client_secret };
}

function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The stored providers with this client_id whose client_secret is the one given. */
export function authenticatedBySecret(services: Services, idp: MockIdpKind, clientId: string | undefined, secret: string | undefined): IdentityProvider[] {
  if (!clientId || secret === undefined) return [];
  return requestersOf(services.store, idp, clientId).filter((provider) => provider.details.client_secret !== undefined && sameText(provider.details.client_secret, secret));
}

export type Redemption = CodeGrant | 'unknown' | 'expired' | 'used' | 'other-client' | 'other-redirect';

/** The code's grant for this client and redirect URI, consumed; or why not (the code is consumed only when redeemed). */
export function redeemCode(grants: MockGrants, idp: MockIdpKind, code: string | undefined, clientId: string, redirectUri: string | undefined): Redemption {
  if (!code) return 'unknown';
  const grant = grants.findCode(code);
  if (typeof grant === 'string') return grant;
  if (grant.idp !== idp || grant.clientId !== clientId) return 'other-client';
  if (grant.redirectUri !== redirectUri) return 'other-redirect';
  grants.consumeCode(code);
  return grant;
}

/** The bearer token of a profile request: the Authorization header, or an `access_token` parameter. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header && /^Bearer /i.test(header)) return header.slice(7).trim();
  const param = req.query.access_token;
  return typeof param === 'string' ? param : undefined;
}

/** OIDC's at_hash and c_hash: the left half of the SHA-256 of the value, base64url. */
export function halfHash(value: string): string {
  const digest = createHash('sha256').update(value).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

export function signIdToken(key: MockSigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** The mock's JWKS: its one public key. */
export function sendJwks(res: Response, key: MockSigningKey): void {
  res.set('Cache-Control', 'public, max-age=3600').json({ keys: [key.publicJwk] });
}
