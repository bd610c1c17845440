/**
 * `POST /_sandbox/api/tokens/inspect` `{token}`: any pasted token decoded and judged
 * (tokens/inspect.ts): signature against the sandbox pools' keys, issuer, pool, client, use,
 * expiry and revocation with its reason; for an access token, also what an access-token
 * operation such as GetUser would answer for it now. Reads only: nothing is recorded.
 */
import type { Request, Response } from 'express';
import type { ErrorBody, TokenInspection } from '../../../shared/debugger-api.js';
import { CognitoError } from '../../cognito/errors.js';
import type { Services } from '../../services.js';
import { inspectToken, NotAToken } from '../../tokens/inspect.js';
import { signedInUser } from '../aws-json/access-token.js';
import { jsonBodyReader, type ApiHandler } from './route.js';

/** JWTs with large custom claims fit; a pasted page does not. */
const MAX_TOKEN_CHARS = 32_768;
const bodyOf = jsonBodyReader('64kb');

function badRequest(res: Response<ErrorBody>, message: string): void {
  res.status(400).json({ error: 'bad_request', message });
}

/** The pasted text without the whitespace and `Bearer ` a copy from a header brings along. */
function tokenOf(body: unknown): string | undefined {
  const raw = (body as { token?: unknown } | null | undefined)?.token;
  if (typeof raw !== 'string') return undefined;
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  return token.length > 0 && token.length <= MAX_TOKEN_CHARS ? token : undefined;
}

/** The exception an access-token operation answers for the token now; null when it is accepted. */
async function refusalOf(services: Pick<Services, 'tokens' | 'store'>, token: string, inspection: TokenInspection): Promise<string | null> {
  if (inspection.tokenUse !== 'access' || !inspection.pool) return null;
  try {
    await signedInUser(services, token);
    return null;
  } catch (error) {
    if (error instanceof CognitoError) return `${error.type}: ${error.message}`;
    throw error;
  }
}

export function inspectTokenRoute(services: Pick<Services, 'store' | 'clock' | 'keys' | 'tokens'>): ApiHandler<'inspectToken'> {
  return async (req, res) => {
    const answer = res as Response<ErrorBody>;
    if (!req.is('application/json')) return badRequest(answer, 'The body must be JSON (Content-Type: application/json).');
    const body = await bodyOf(req as Request, res as Response);
    const token = tokenOf(body);
    if (!token) return badRequest(answer, `The body must be {"token": "..."} with a token of 1 to ${MAX_TOKEN_CHARS} characters.`);
    try {
      const inspection = await inspectToken(services, token);
      res.json({ ...inspection, refusal: await refusalOf(services, token, inspection) });
    } catch (error) {
      if (error instanceof NotAToken) return badRequest(answer, error.message);
      throw error;
    }
  };
}
