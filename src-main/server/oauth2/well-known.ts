/**
 * `/{poolId}/.well-known/openid-configuration` and `/{poolId}/.well-known/jwks.json`, as
 * Cognito serves them at `https://cognito-idp.{region}.amazonaws.com/{poolId}/...`. The OAuth
 * endpoints listed are the sandbox's own (one port serves what Cognito spreads over the pool's
 * domain and cognito-idp).
 */
import express, { type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import type { SigningKeys } from '../../tokens/keys.js';
import { issuerFor } from '../../tokens/issuer.js';

const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

function origin(req: Request): string {
  return `${req.protocol}://${req.headers.host}`;
}

export function wellKnown(services: Services, keys: SigningKeys): express.Router {
  const router = express.Router();

  const findPool = (req: Request, res: Response) => {
    const poolId = String(req.params.poolId);
    const pool = POOL_ID.test(poolId) ? services.store.pools.findById(poolId) : undefined;
    if (!pool) res.status(404).json({ message: `User pool ${poolId} does not exist.` });
    return pool;
  };

  router.get('/:poolId/.well-known/jwks.json', async (req, res) => {
    const pool = findPool(req, res);
    if (!pool) return;
    res.set('Cache-Control', 'public, max-age=300').json(await keys.jwks(pool.id));
  });

  router.get('/:poolId/.well-known/openid-configuration', (req, res) => {
    const pool = findPool(req, res);
    if (!pool) return;
    const base = origin(req);
    res.json({
      authorization_endpoint: `${base}/oauth2/authorize`,
      end_session_endpoint: `${base}/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: issuerFor(pool.id, base, services.options.awsIssuer),
      jwks_uri: `${base}/${pool.id}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      revocation_endpoint: `${base}/oauth2/revoke`,
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${base}/oauth2/userInfo`,
    });
  });

  return router;
}
