/**
 * The hosted login's doors: GET /oauth2/authorize starts a login (or, with a live hosted session,
 * goes straight back to the app with a code), GET /login shows the login's page (or starts one
 * from the authorize parameters, as Cognito's /login accepts them), and the forms post to
 * /login, /mfa and /forceChangePassword.
 */
import express, { type Request, type Response } from 'express';
import { findHostedSession } from '../../cognito/hosted-sessions.js';
import { clientMayReuse, noteSsoSessionUse } from '../../cognito/user-sessions.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { FlowCall } from '../../flows/call.js';
import type { HostedLoginStep } from '../../flows/hosted-login/hosted-login.js';
import type { Services } from '../../services.js';
import { noteExchange } from '../oauth2/exchange.js';
import { formBody, singleValued, type OAuthParams } from '../oauth2/parameters.js';
import { checkAuthorize, ErrorPage, errorRedirect, providerOfIdentifier, RedirectError, type CheckedAuthorize } from './authorize-request.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { hostedSessionCookie } from './cookies.js';
import { CODE_CHALLENGES, sendLoginStep } from './login-step.js';
import { errorPage } from './pages.js';
import { sendPage } from './send-page.js';
import { detourAfterSignIn } from './sign-in-detours.js';

const SESSION_EXPIRED = 'Your session has expired. Please go back to the app and sign in again.';

export function callOf(req: Request): FlowCall {
  return { origin: `${req.protocol}://${req.headers.host}`, ...(req.headers['user-agent'] && { userAgent: req.headers['user-agent'] }) };
}

/** A refusal of the browser's request: the error page, or back to the app with the error. */
export function sendRefusal(res: Response, error: unknown): void {
  if (error instanceof RedirectError) {
    noteExchange(res, { error: error.refusal.toJSON() });
    res.redirect(302, errorRedirect(error));
    return;
  }
  const detail = error instanceof ErrorPage ? error.message : error instanceof OAuthError ? (error.description ?? error.error) : SESSION_EXPIRED;
  if (!(error instanceof ErrorPage) && !(error instanceof OAuthError) && !(error as { type?: string }).type) console.error(error);
  sendPage(res, 'error', errorPage(detail), 400);
}

/** The form's fields as single strings; a form without them (or with them twice) is the error page. */
export function formOf(req: Request): OAuthParams {
  try {
    return singleValued(req.body);
  } catch (error) {
    throw new ErrorPage(`invalid_request: ${(error as OAuthError).description}`);
  }
}

/** The MFA page's form as the challenge's responses: the factor chosen, or the code in the challenge's own response name. */
function mfaResponses(challengeName: string | undefined, form: OAuthParams): Record<string, string> {
  if (challengeName === 'SELECT_MFA_TYPE') return { ANSWER: form.mfa_type ?? '' };
  return { [CODE_CHALLENGES[challengeName ?? ''] ?? 'SMS_MFA_CODE']: (form.code ?? '').trim() };
}

export function hostedLoginRoutes(services: Services): express.Router {
  const router = express.Router();
  const logins = services.flows.hostedLogin;

  /** Starts the login the checked request asks for; with a live hosted session (and no prompt=login), the user is signed in at once. */
  async function startLogin(req: Request, res: Response, checked: CheckedAuthorize): Promise<HostedLoginStep | undefined> {
    const { pool, client, authorize, prompt, identityProvider } = checked;
    noteExchange(res, { poolId: pool.id });
    if (identityProvider) return logins.start({ pool, client, authorize, identityProvider }, callOf(req));
    const live = prompt === 'login' ? undefined : findHostedSession(services, pool.id, hostedSessionCookie(req, pool.id));
    const session = live && clientMayReuse(services, live, client.clientId) ? live : undefined;
    if (prompt === 'none' && !session) {
      throw new RedirectError(new OAuthError('login_required'), authorize.redirectUri, authorize.responseType, authorize.state);
    }
    const step = await logins.start({ pool, client, authorize, ...(session && { hostedSession: { sub: session.sub, authTime: session.authTime } }) }, callOf(req));
    if (session) noteSsoSessionUse(services, session);
    return step;
  }

  router.get('/oauth2/authorize', async (req, res) => {
    try {
      const checked = checkAuthorize(services, req.query, req.headers.host);
      const step = (await startLogin(req, res, checked))!;
      if (step.state !== 'signInPage') return sendLoginStep(services, req, res, step);
      noteExchange(res, { flowId: step.flowId });
      const query = new URLSearchParams(checked.params);
      query.set('session', step.session!);
      res.redirect(302, `/login?${query}`);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.get('/login', async (req, res) => {
    try {
      const session = typeof req.query.session === 'string' ? req.query.session : undefined;
      const current = session ? viewIfLive(session) : undefined;
      if (current) return sendLoginStep(services, req, res, current);
      const { session: _stale, ...authorizeQuery } = req.query;
      const step = (await startLogin(req, res, checkAuthorize(services, authorizeQuery, req.headers.host)))!;
      sendLoginStep(services, req, res, step);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  function viewIfLive(session: string): HostedLoginStep | undefined {
    try {
      return logins.view(session);
    } catch {
      return undefined;
    }
  }

  router.post('/login', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const { session, username = '', password = '' } = form;
      if (!session) throw new ErrorPage(SESSION_EXPIRED);
      if (form.identity_provider !== undefined || form.idp_identifier !== undefined) return sendLoginStep(services, req, res, await federate(req, session, form));
      const step = await logins.signIn(session, { username: username.trim(), password }, callOf(req));
      if (await detourAfterSignIn(services, res, step, username.trim(), callOf(req))) return;
      sendLoginStep(services, req, res, step);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  /** A provider's button or the corporate email box: the login goes on through that identity provider. */
  async function federate(req: Request, session: string, form: OAuthParams): Promise<HostedLoginStep> {
    const current = logins.view(session);
    const pool = services.store.pools.findById(current.context.poolId);
    const client = findAppClient(services.store, current.context.clientId);
    if (!pool || !client) throw new ErrorPage(SESSION_EXPIRED);
    const provider = form.identity_provider ?? providerOfIdentifier(services, pool, client, form.idp_identifier ?? '');
    if (!provider) {
      const error = { type: 'InvalidParameterException', message: 'No identity provider of this app signs in users of that domain.' };
      return { ...current, context: { ...current.context, failure: { reason: 'no identity provider for the identifier', error } } };
    }
    return logins.federate(session, provider, callOf(req));
  }

  router.post('/mfa', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      if (!form.session) throw new ErrorPage(SESSION_EXPIRED);
      const responses = mfaResponses(logins.view(form.session).context.challenge?.name, form);
      sendLoginStep(services, req, res, await logins.answer(form.session, responses, callOf(req)));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/forceChangePassword', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      if (!form.session) throw new ErrorPage(SESSION_EXPIRED);
      const current = logins.view(form.session);
      if ((form.new_password ?? '') !== (form.confirm_password ?? '')) {
        const refused: HostedLoginStep = { ...current, context: { ...current.context, failure: { reason: 'passwords differ', error: { type: 'InvalidParameterException', message: 'Passwords do not match.' } } } };
        return sendLoginStep(services, req, res, refused);
      }
      const attributes = Object.fromEntries(
        Object.entries(form)
          .filter(([name]) => name.startsWith('requiredAttributes[') && name.endsWith(']'))
          .map(([name, value]) => [`userAttributes.${name.slice('requiredAttributes['.length, -1)}`, value]),
      );
      sendLoginStep(services, req, res, await logins.answer(form.session, { NEW_PASSWORD: form.new_password ?? '', ...attributes }, callOf(req)));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.get('/error', (req, res) => {
    const detail = typeof req.query.error === 'string' ? req.query.error.slice(0, 200) : 'Something went wrong';
    sendPage(res, 'error', errorPage(detail), 400);
  });

  return router;
}
