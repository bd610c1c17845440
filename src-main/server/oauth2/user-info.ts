/**
 * GET (or POST) /oauth2/userInfo: the signed-in user's attributes that the access token's scopes
 * and the client's read permissions allow, as Cognito answers them (strings, `sub` first,
 * `username` last). Without a bearer token: 400 `invalid_request`; with one that is expired,
 * revoked, signed out or not an access token: 401 and `WWW-Authenticate`.
 */
import type { Request, Response } from 'express';
import { readableAttributes } from '../../cognito/attribute-permissions.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { USER_ADMIN_SCOPE } from '../../cognito/oauth.js';
import type { Services } from '../../services.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { noteExchange } from './exchange.js';

const INVALID_TOKEN = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';

/** Attribute names each scope opens; openid, profile and the user-pools scope open all. */
const SCOPE_ATTRIBUTES: Record<string, readonly string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};
const ALL_ATTRIBUTES = new Set(['openid', 'profile', USER_ADMIN_SCOPE]);

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function visibleAttributes(user: StoredUser, scopes: string[], readable: ReadonlySet<string>): Record<string, string> {
  const all = scopes.some((scope) => ALL_ATTRIBUTES.has(scope));
  const opened = new Set(scopes.flatMap((scope) => SCOPE_ATTRIBUTES[scope] ?? []));
  const attributes: Record<string, string> = {};
  for (const { Name, Value } of user.attributes) {
    if (Name === 'sub' || !readable.has(Name) || !(all || opened.has(Name))) continue;
    attributes[Name] = Value;
  }
  return attributes;
}

export function userInfoEndpoint(services: Services) {
  return async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const token = bearerToken(req);
    if (!token) {
      const refusal = new OAuthError('invalid_request', 'Authorization header with a Bearer access token is required');
      noteExchange(res, { error: refusal.toJSON() });
      res.status(400).json(refusal.toJSON());
      return;
    }
    try {
      const { pool, user, claims, clientId } = await services.tokens.verifyAccessToken(token);
      // A disabled user's token is refused like an expired one: the same 401.
      if (!user.enabled) throw new OAuthError('invalid_token', INVALID_TOKEN, 401);
      const client = findAppClient(services.store, clientId);
      const scopes = String(claims.scope ?? '').split(' ');
      const readable = client ? readableAttributes(client, pool) : new Set<string>();
      const body = { sub: user.sub, ...visibleAttributes(user, scopes, readable), username: user.username };
      noteExchange(res, { poolId: pool.id, response: body });
      res.json(body);
    } catch {
      const refusal = new OAuthError('invalid_token', INVALID_TOKEN, 401);
      noteExchange(res, { error: refusal.toJSON() });
      res
        .status(401)
        .set('WWW-Authenticate', `Bearer error="invalid_token", error_description="${INVALID_TOKEN}"`)
        .json(refusal.toJSON());
    }
  };
}
