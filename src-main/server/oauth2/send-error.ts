/** An OAuth endpoint's refusal on the wire, and what the debugger's lane shows of it. */
import type { Response } from 'express';
import { CognitoError } from '../../cognito/errors.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { InvalidClient } from './client-auth.js';
import { noteExchange } from './exchange.js';

/** Cognito exceptions that reach an OAuth endpoint: a bad request, or an internal failure. */
function asOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof CognitoError && error.status < 500) return new OAuthError('invalid_request', error.message);
  return new OAuthError('server_error', 'The sandbox failed to answer: see its log', 500);
}

export function sendOAuthError(res: Response, error: unknown): void {
  const refusal = asOAuthError(error);
  if (refusal.status >= 500) console.error(error);
  if (error instanceof InvalidClient && error.basic) res.set('WWW-Authenticate', 'Basic realm="cognito-sandbox"');
  noteExchange(res, { error: refusal.toJSON() });
  res.status(refusal.status).json(refusal.toJSON());
}
