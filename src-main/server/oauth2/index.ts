/**
 * The OAuth 2.0 / OIDC endpoints and the hosted UI, as a pool's domain serves them (the pool
 * follows from client_id, or from the `{prefix}.localhost` host). The browser's requests and the
 * app's back-channel calls are published in the debugger's lanes (exchange.ts).
 */
import express from 'express';
import type { Services } from '../../services.js';
import { corsPolicy } from '../cors.js';
import { idpResponseRoutes } from '../hosted-ui/idp-response.js';
import { hostedLoginRoutes } from '../hosted-ui/login.js';
import { samlLogoutRoutes } from '../saml/index.js';
import { logoutRoutes } from '../hosted-ui/logout.js';
import { mfaSetupRoutes } from '../hosted-ui/mfa-setup.js';
import { passwordResetRoutes } from '../hosted-ui/password-reset.js';
import { signUpRoutes } from '../hosted-ui/sign-up.js';
import { exchangeLog } from './exchange.js';
import { formBody } from './parameters.js';
import { revokeEndpoint } from './revoke.js';
import { sendOAuthError } from './send-error.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { tokenEndpoint } from './token.js';
import { userInfoEndpoint } from './user-info.js';

const BROWSER_PATHS = ['/oauth2/authorize', '/login', '/mfa', '/forceChangePassword', '/mfaSetup', '/logout', '/error', '/signup', '/confirmUser', '/resendcode', '/forgotPassword', '/confirmForgotPassword', '/oauth2/idpresponse', '/saml2/idpresponse', '/saml2/logout'];
const BACKCHANNEL_PATHS = ['/oauth2/token', '/oauth2/userInfo', '/oauth2/revoke'];

/** A method an endpoint does not take: 405 with the OAuth error shape. */
function methodNotAllowed(allow: string) {
  return (_req: express.Request, res: express.Response) => {
    res.set('Allow', allow);
    sendOAuthError(res, new OAuthError('invalid_request', `This endpoint takes ${allow} requests`, 405));
  };
}

/** A body the form parser refused (too large, too many fields, malformed): invalid_request, never a 500. */
function unreadableForm(error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) {
  if (!error || typeof error !== 'object' || !('type' in error)) return next(error);
  sendOAuthError(res, new OAuthError('invalid_request', `The form could not be read: ${(error as unknown as Error).message}`, (error as { status?: number }).status === 413 ? 413 : 400));
}

export function oauth2Routes(services: Services): express.Router {
  const router = express.Router();
  const cors = corsPolicy(services.options.corsOrigins ?? []);
  router.use(BROWSER_PATHS, exchangeLog(services, 'browser'));
  router.use(BACKCHANNEL_PATHS, exchangeLog(services, 'backchannel'));

  router.options(BACKCHANNEL_PATHS, cors);
  router.post('/oauth2/token', cors, formBody, tokenEndpoint(services));
  router.all('/oauth2/token', methodNotAllowed('POST'));
  router.get('/oauth2/userInfo', cors, userInfoEndpoint(services));
  router.post('/oauth2/userInfo', cors, userInfoEndpoint(services));
  router.all('/oauth2/userInfo', methodNotAllowed('GET, POST'));
  router.post('/oauth2/revoke', cors, formBody, revokeEndpoint(services));
  router.all('/oauth2/revoke', methodNotAllowed('POST'));

  router.use(hostedLoginRoutes(services));
  router.use(idpResponseRoutes(services));
  router.use(samlLogoutRoutes(services));
  router.use(signUpRoutes(services));
  router.use(passwordResetRoutes(services));
  router.use(mfaSetupRoutes(services));
  router.use(logoutRoutes(services));
  router.use(unreadableForm);
  return router;
}
