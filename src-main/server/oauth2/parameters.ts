/**
 * The parameters of an OAuth request (its query string or its form), as single strings. RFC 6749
 * §3.1: a parameter sent more than once is `invalid_request`; so is one longer than any real
 * value (a redirect URI, a state, a token) needs to be.
 */
import express from 'express';
import { OAuthError } from '../../cognito/oauth-errors.js';

/** Longer than any token, URI or state a client sends; anything past it is refused, not stored. */
export const MAX_PARAMETER_LENGTH = 8192;

export type OAuthParams = Record<string, string>;

/** The query string or form as single-valued parameters (`invalid_request` otherwise). */
export function singleValued(source: unknown, maxLength = MAX_PARAMETER_LENGTH): OAuthParams {
  const params: OAuthParams = {};
  if (!source || typeof source !== 'object') return params;
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new OAuthError('invalid_request', `Parameter ${name} is repeated`);
    if (typeof value !== 'string') throw new OAuthError('invalid_request', `Parameter ${name} is malformed`);
    if (value.length > maxLength) throw new OAuthError('invalid_request', `Parameter ${name} is too long`);
    params[name] = value;
  }
  return params;
}

/** A form body as OAuth endpoints take it: urlencoded, flat, bounded. */
export const formBody = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });

/** Whether the request's body is a form (the token and revocation endpoints take nothing else). */
export const isForm = (req: express.Request): boolean => req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
