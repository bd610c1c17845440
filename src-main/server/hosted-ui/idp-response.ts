/**
 * Where identity providers send the browser back: /oauth2/idpresponse (OIDC and social providers:
 * `code` and `state` in the query, or posted by Sign in with Apple's form_post) and
 * /saml2/idpresponse (SAMLResponse and RelayState, posted).
 *
 * The `state` or `RelayState` is the login's Session: the answer resumes that login. A SAML
 * response whose RelayState is no login's Session is IdP-initiated: Cognito then reads the
 * RelayState as the parameters of an authorize request (client_id, redirect_uri, response_type,
 * scope, identity_provider or idp_identifier), and accepts it when that provider has IDPInit on.
 * An answer that names no login, and no app to send an error to, is the error page.
 */
import express, { type Request, type Response } from 'express';
import type { IdpResponse } from '../../cognito/federation/types.js';
import type { Services } from '../../services.js';
import { noteExchange } from '../oauth2/exchange.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { singleValued, type OAuthParams } from '../oauth2/parameters.js';
import { checkAuthorize, ErrorPage } from './authorize-request.js';
import { callOf, sendRefusal } from './login.js';
import { sendLoginStep } from './login-step.js';

/** Cognito's limit on a SAML response at /saml2/idpresponse. */
export const SAML_RESPONSE_LIMIT = 100_000;

/** Room for a SAMLResponse of the limit and its RelayState, URL-encoded. */
const samlForm = express.urlencoded({ extended: false, limit: '400kb', parameterLimit: 20 });
/** Apple's form_post: code, state, id_token and, on the first sign-in, the user's name and email. */
const idpForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 20 });

const NO_LOGIN = 'invalid_state: the identity provider answered a sign-in that is not in progress (unknown, used or expired state). Go back to the app and sign in again.';

function oauthResponseOf(params: OAuthParams): IdpResponse {
  return {
    protocol: 'oauth2',
    ...(params.code !== undefined && { code: params.code }),
    ...(params.error !== undefined && { error: params.error }),
    ...(params.error_description !== undefined && { errorDescription: params.error_description }),
    ...(params.id_token !== undefined && { idToken: params.id_token }),
    ...(params.user !== undefined && { user: params.user }),
  };
}

export function idpResponseRoutes(services: Services): express.Router {
  const router = express.Router();
  const logins = services.flows.hostedLogin;

  async function resumeLogin(req: Request, res: Response, state: string | undefined, response: IdpResponse): Promise<boolean> {
    if (!state) return false;
    let step;
    try {
      step = await logins.idpResponse(state, response, callOf(req));
    } catch (error) {
      if ((error as { type?: string }).type === 'NotAuthorizedException') return false;
      throw error;
    }
    sendLoginStep(services, req, res, step);
    return true;
  }

  async function oauthAnswer(req: Request, res: Response, params: OAuthParams): Promise<void> {
    try {
      if (!(await resumeLogin(req, res, params.state, oauthResponseOf(params)))) throw new ErrorPage(NO_LOGIN);
    } catch (error) {
      sendRefusal(res, error);
    }
  }

  router.get('/oauth2/idpresponse', async (req, res) => {
    try {
      await oauthAnswer(req, res, paramsOf(req.query));
    } catch (error) {
      sendRefusal(res, error);
    }
  });
  router.post('/oauth2/idpresponse', idpForm, async (req, res) => {
    try {
      await oauthAnswer(req, res, paramsOf(req.body));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/saml2/idpresponse', samlForm, async (req, res) => {
    try {
      const form = paramsOf(req.body, SAML_RESPONSE_LIMIT);
      const samlResponse = form.SAMLResponse;
      if (!samlResponse) throw new ErrorPage('invalid_request: SAMLResponse is missing');
      const response: IdpResponse = { protocol: 'saml', samlResponse };
      if (await resumeLogin(req, res, form.RelayState, response)) return;
      await startIdpInitiated(req, res, form.RelayState, samlResponse);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  /** An unsolicited SAML response: its RelayState is the authorize request it signs in for. */
  async function startIdpInitiated(req: Request, res: Response, relayState: string | undefined, samlResponse: string): Promise<void> {
    if (!relayState) throw new ErrorPage('invalid_request: an IdP-initiated SAML response needs a RelayState with the authorize parameters (client_id, redirect_uri, response_type, identity_provider)');
    const checked = checkAuthorize(services, Object.fromEntries(new URLSearchParams(relayState)), req.headers.host);
    const { pool, client, authorize, identityProvider } = checked;
    noteExchange(res, { poolId: pool.id });
    const provider = identityProvider ? services.store.identityProviders.find(pool.id, identityProvider) : undefined;
    if (!provider || provider.type !== 'SAML') throw new ErrorPage('invalid_request: the RelayState of an IdP-initiated SAML response must name a SAML identity provider (identity_provider or idp_identifier)');
    if (provider.details.IDPInit !== 'true') throw new ErrorPage(`invalid_request: ${provider.name} does not accept IdP-initiated sign-in (IDPInit is not true)`);
    const step = await logins.start({ pool, client, authorize, idpInitiated: { provider: provider.name, samlResponse } }, callOf(req));
    sendLoginStep(services, req, res, step);
  }

  return router;
}

/** A query's or form's parameters as single strings (a repeated or too long one is the error page). */
function paramsOf(source: unknown, maxLength?: number): OAuthParams {
  try {
    return singleValued(source, maxLength);
  } catch (error) {
    throw new ErrorPage(`invalid_request: ${(error as OAuthError).description}`);
  }
}
