/**
 * `POST /_sandbox/api/oauth-tries` and `GET /_sandbox/api/oauth-tries/{state}`: the hosted logins
 * the window's "Try it" opened, each with the PKCE verifier behind its code_challenge. The login
 * may run in another browser than the window (the desktop app opens it in the system browser),
 * so the sandbox's callback page (`/_sandbox/oauth-callback`) finds the verifier here by the
 * `state` it is sent back, and redeems the code at /oauth2/token like any app would.
 *
 * Kept in memory only, for 30 minutes (a sign-up with its confirmation code fits), at most 100:
 * a debugging aid, not data. Reading one changes nothing.
 */
import express from 'express';
import type { OAuthTry, OAuthTryStart } from '../../../shared/debugger-api.js';
import type { Services } from '../../services.js';
import { notFound, type ApiHandler } from './route.js';

const KEPT_MS = 30 * 60_000;
const MAX_TRIES = 100;

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] - . _ ~ */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const TEXT_LIMITS: Record<keyof OAuthTryStart, number> = {
  state: 512,
  poolId: 55,
  clientId: 128,
  redirectUri: 1024,
  codeVerifier: 128,
  nonce: 512,
  scope: 2048,
};

/** The body as an OAuthTryStart, or the sentence saying what is wrong with it. */
function readStart(body: unknown): OAuthTryStart | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object.';
  const fields = body as Record<string, unknown>;
  for (const [name, limit] of Object.entries(TEXT_LIMITS)) {
    const value = fields[name];
    if (typeof value !== 'string' || value.length === 0 || value.length > limit) return `${name} must be text of 1 to ${limit} characters.`;
  }
  const start = fields as unknown as OAuthTryStart;
  if (!CODE_VERIFIER.test(start.codeVerifier)) return 'codeVerifier must be 43 to 128 unreserved characters (RFC 7636).';
  const { state, poolId, clientId, redirectUri, codeVerifier, nonce, scope } = start;
  return { state, poolId, clientId, redirectUri, codeVerifier, nonce, scope };
}

const parseJson = express.json({ limit: '16kb' });

export function oauthTries({ clock }: Pick<Services, 'clock'>): { start: ApiHandler<'startOAuthTry'>; find: ApiHandler<'oauthTry'> } {
  const tries = new Map<string, OAuthTry>();

  function forgetExpired(now: number): void {
    for (const [state, kept] of tries) if (kept.expires <= now) tries.delete(state);
  }

  function keep(req: express.Request, res: Parameters<ApiHandler<'startOAuthTry'>>[1]): void {
    const read = readStart(req.body);
    if (typeof read === 'string') {
      res.status(400).json({ error: 'bad_request', message: read });
      return;
    }
    const now = clock.now();
    forgetExpired(now);
    tries.delete(read.state);
    while (tries.size >= MAX_TRIES) tries.delete(tries.keys().next().value!);
    const kept: OAuthTry = { ...read, created: now, expires: now + KEPT_MS };
    tries.set(read.state, kept);
    res.status(201).json(kept);
  }

  /** A body that is not JSON (or over 16 KB) is refused like a wrong one. */
  const start: ApiHandler<'startOAuthTry'> = (req, res) => {
    if (!req.is('application/json')) {
      res.status(400).json({ error: 'bad_request', message: 'The body must be JSON (Content-Type: application/json).' });
      return;
    }
    parseJson(req, res, (error?: unknown) => {
      if (error) res.status(400).json({ error: 'bad_request', message: 'The body is not readable JSON of at most 16 KB.' });
      else keep(req, res);
    });
  };

  const find: ApiHandler<'oauthTry'> = (req, res) => {
    const kept = tries.get(req.params.state);
    if (!kept || kept.expires <= clock.now()) {
      notFound(res, 'No "Try it" login started in the debugger has this state (or it is more than 30 minutes old).');
      return;
    }
    res.json(kept);
  };

  return { start, find };
}
