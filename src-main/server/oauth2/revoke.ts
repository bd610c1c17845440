/**
 * POST /oauth2/revoke (RFC 7009): the refresh token, and every access token minted from it, stop
 * working. The client authenticates as at the token endpoint. A token the client does not hold, or
 * one revoked already, still answers 200 (RFC 7009 §2.2); an access or ID token is
 * `unsupported_token_type`; a client without token revocation, `invalid_request`.
 */
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { Services } from '../../services.js';
import { authenticateClient } from './client-auth.js';
import { noteExchange } from './exchange.js';
import { isForm, singleValued } from './parameters.js';
import { sendOAuthError } from './send-error.js';

/** An ID or access token (a signed JWT with a token_use) rather than a refresh token. */
function isJwtOfUse(token: string): boolean {
  if (token.split('.').length !== 3) return false;
  try {
    return typeof decodeJwt(token).token_use === 'string';
  } catch {
    return false;
  }
}

export function revokeEndpoint(services: Services) {
  return (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    try {
      if (!isForm(req)) throw new OAuthError('invalid_request', 'The revocation endpoint takes application/x-www-form-urlencoded');
      const params = singleValued(req.body);
      const { client, pool } = authenticateClient(services, req, params);
      noteExchange(res, { poolId: pool.id });
      if (!params.token) throw new OAuthError('invalid_request', 'token is missing');
      if (!client.config.EnableTokenRevocation) throw new OAuthError('invalid_request', 'Token revocation is not enabled for the client');
      if (isJwtOfUse(params.token)) throw new OAuthError('unsupported_token_type', 'Only refresh tokens can be revoked');
      services.tokens.revokeRefreshToken(params.token, client);
      res.status(200).end();
    } catch (error) {
      sendOAuthError(res, error);
    }
  };
}
