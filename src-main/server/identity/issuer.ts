/**
 * The sandbox's Cognito Identity issuer, as `https://cognito-identity.amazonaws.com` serves it:
 * its OpenID discovery document at `/_cognito-identity/.well-known/openid-configuration` and its
 * keys at `/_cognito-identity/.well-known/jwks_uri` (Cognito Identity's own path, without `.json`),
 * so anything that verifies GetOpenIdToken's tokens by discovery finds the sandbox's keys.
 *
 * Assumption: the discovery document lists what the tokens are (id_token, public subjects, RS512,
 * their claims); Cognito Identity's own lists no more that a verifier uses.
 */
import express, { type Request } from 'express';
import { COGNITO_IDENTITY_ISSUER_PATH, IDENTITY_POOL_ARN_CLAIM, cognitoIdentityIssuer, cognitoIdentityJwks } from '../../cognito/identity/openid-token.js';
import type { Services } from '../../services.js';

const origin = (req: Request) => `${req.protocol}://${req.headers.host}`;

export function cognitoIdentityIssuerRoutes(services: Services): express.Router {
  const router = express.Router();

  router.get(`${COGNITO_IDENTITY_ISSUER_PATH}/.well-known/openid-configuration`, (req, res) => {
    const base = origin(req);
    res.json({
      issuer: cognitoIdentityIssuer(base, services.options.awsIssuer ?? false),
      jwks_uri: `${base}${COGNITO_IDENTITY_ISSUER_PATH}/.well-known/jwks_uri`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS512'],
      claims_supported: ['sub', 'aud', 'amr', 'iss', 'exp', 'iat', IDENTITY_POOL_ARN_CLAIM],
    });
  });

  router.get(`${COGNITO_IDENTITY_ISSUER_PATH}/.well-known/jwks_uri`, async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await cognitoIdentityJwks(services));
  });

  return router;
}
