/**
 * The hosted UI's password reset, on the forgot-password flow ForgotPassword and
 * ConfirmForgotPassword run (a child flow of the login):
 *  - GET /forgotPassword: "Forgot your password?", "Enter your Username below and we will send a
 *    message to reset your password", "Reset my password";
 *  - POST /forgotPassword: the code goes to the user's recovery destination (the flow's refusals
 *    on the page), then the reset page: the code, "New Password", "Enter New Password Again",
 *    "Change Password";
 *  - GET /confirmForgotPassword (`session` and `username` in the query) shows the reset page;
 *    POST /confirmForgotPassword sets the new password, then the login's sign-in page says so.
 * Form values are checked against ForgotPassword's and ConfirmForgotPassword's input shapes.
 *
 * Assumption where the guide is silent: the note on the sign-in page after a reset ("Your
 * password has been reset. Sign in with your new password.").
 */
import express, { type Request, type Response } from 'express';
import { codeDelivery, type CodeDelivery } from '../../cognito/code-delivery.js';
import { recoveryDestination } from '../../cognito/recovery.js';
import { resolveUser } from '../../cognito/usernames.js';
import type { Services } from '../../services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { ConfirmationCodeType, PasswordType, UsernameType } from '../aws-json/model.js';
import { required, structure, validate } from '../aws-json/shapes.js';
import { noteExchange } from '../oauth2/exchange.js';
import { formBody, type OAuthParams } from '../oauth2/parameters.js';
import { loginOfForm, loginOfLink, pageLogin, refusalOrThrow, signInPageOf, userCallOf, type PageLogin } from './account-login.js';
import { forgotPasswordPage, resetPasswordPage } from './account-pages.js';
import { callOf, formOf, sendRefusal } from './login.js';
import { sendPage } from './send-page.js';

const FORGOT_FORM = structure({ Username: required(UsernameType) });
const RESET_FORM = structure({ Username: required(UsernameType), ConfirmationCode: required(ConfirmationCodeType), Password: required(PasswordType) });

export const PASSWORD_RESET_NOTICE = 'Your password has been reset. Sign in with your new password.';

/** What the page calls the name a user resets with. */
function usernameLabel(pool: UserPool): string {
  const attributes = pool.config.UsernameAttributes ?? [];
  if (attributes.includes('email') && attributes.includes('phone_number')) return 'Email or Phone Number';
  if (attributes.includes('email')) return 'Email';
  return attributes.includes('phone_number') ? 'Phone Number' : 'Username';
}

/** Where the user's reset code goes, for a page shown again: their recovery destination, masked. */
function resetDeliveryOf(services: Pick<Services, 'store'>, pool: UserPool, username: string): CodeDelivery | undefined {
  const user = resolveUser(services.store, pool, username);
  const destination = user && recoveryDestination(pool, user);
  return destination && destination !== 'admin_only' ? codeDelivery(destination) : undefined;
}

export function passwordResetRoutes(services: Services): express.Router {
  const router = express.Router();

  function formLogin(req: Request, res: Response, form: OAuthParams): PageLogin {
    const login = pageLogin(services, loginOfForm(services, form.session), callOf(req));
    noteExchange(res, { flowId: login.step.flowId, poolId: login.pool.id });
    return login;
  }

  function showResetPage(res: Response, login: PageLogin, username: string, shown: { delivery?: CodeDelivery; error?: string } = {}): void {
    const delivery = shown.delivery ?? resetDeliveryOf(services, login.pool, username);
    sendPage(res, 'reset-password', resetPasswordPage({ ...login.page, username, ...(delivery && { delivery }), ...(shown.error && { error: shown.error }) }));
  }

  router.get('/forgotPassword', async (req, res) => {
    try {
      const call = callOf(req);
      const login = pageLogin(services, await loginOfLink(services, req, call), call);
      noteExchange(res, { flowId: login.step.flowId, poolId: login.pool.id });
      sendPage(res, 'forgot-password', forgotPasswordPage({ ...login.page, usernameLabel: usernameLabel(login.pool) }));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/forgotPassword', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const login = formLogin(req, res, form);
      const username = (form.username ?? '').trim();
      let delivery: CodeDelivery;
      try {
        validate(FORGOT_FORM, { Username: username });
        delivery = await services.flows.forgotPassword.request(userCallOf(login, username), login.childCall);
      } catch (error) {
        return sendPage(res, 'forgot-password', forgotPasswordPage({ ...login.page, usernameLabel: usernameLabel(login.pool), username, error: refusalOrThrow(error) }));
      }
      showResetPage(res, login, username, { delivery });
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.get('/confirmForgotPassword', async (req, res) => {
    try {
      const call = callOf(req);
      const login = pageLogin(services, await loginOfLink(services, req, call), call);
      noteExchange(res, { flowId: login.step.flowId, poolId: login.pool.id });
      const username = typeof req.query.username === 'string' ? req.query.username.slice(0, 128) : '';
      if (!username) return sendPage(res, 'forgot-password', forgotPasswordPage({ ...login.page, usernameLabel: usernameLabel(login.pool) }));
      showResetPage(res, login, username);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/confirmForgotPassword', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const login = formLogin(req, res, form);
      const username = form.username ?? '';
      const code = (form.confirmation_code ?? '').trim();
      const password = form.password ?? '';
      if (password !== (form.confirm_password ?? '')) return showResetPage(res, login, username, { error: 'Passwords do not match.' });
      try {
        validate(RESET_FORM, { Username: username, ConfirmationCode: code, Password: password });
        await services.flows.forgotPassword.confirm({ ...userCallOf(login, username), code, password }, login.childCall);
      } catch (error) {
        return showResetPage(res, login, username, { error: refusalOrThrow(error) });
      }
      sendPage(res, 'login', signInPageOf(login, { notice: PASSWORD_RESET_NOTICE }));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  return router;
}
