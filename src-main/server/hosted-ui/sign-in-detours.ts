/**
 * A password sign-in on the hosted page that the account's state refuses goes where Cognito's
 * hosted UI sends the user: an unconfirmed account (UserNotConfirmedException) to the confirm
 * page with a new code sent, an account whose password must be reset
 * (PasswordResetRequiredException) to the reset page with a reset code sent. Either page carries
 * the login's Session, so the login goes on once the account is ready.
 *
 * Assumption where the guide is silent: the reset code is sent anew (ForgotPassword), as the
 * confirmation code is; the user may not have the code an administrator's reset sent.
 */
import type { Response } from 'express';
import type { FlowCall } from '../../flows/call.js';
import type { HostedLoginStep } from '../../flows/hosted-login/hosted-login.js';
import type { Services } from '../../services.js';
import { noteExchange } from '../oauth2/exchange.js';
import { pageLogin, refusalOrThrow, userCallOf } from './account-login.js';
import { confirmAccountPage, resetPasswordPage } from './account-pages.js';
import { sendPage } from './send-page.js';

/** Shows the confirm or reset page when the sign-in was refused for the account's state; false when it was not. */
export async function detourAfterSignIn(services: Services, res: Response, step: HostedLoginStep, username: string, call: FlowCall): Promise<boolean> {
  const refusal = step.state === 'signInPage' ? step.context.failure?.error.type : undefined;
  if (refusal !== 'UserNotConfirmedException' && refusal !== 'PasswordResetRequiredException') return false;
  const login = pageLogin(services, step, call);
  noteExchange(res, { flowId: step.flowId, poolId: login.pool.id });
  const request = userCallOf(login, username);
  if (refusal === 'UserNotConfirmedException') {
    try {
      const delivery = await services.flows.signUp.resend(request, login.childCall);
      sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, delivery }));
    } catch (error) {
      sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, error: refusalOrThrow(error) }));
    }
    return true;
  }
  const notice = step.context.failure!.error.message;
  try {
    const delivery = await services.flows.forgotPassword.request(request, login.childCall);
    sendPage(res, 'reset-password', resetPasswordPage({ ...login.page, username, delivery, notice }));
  } catch (error) {
    sendPage(res, 'reset-password', resetPasswordPage({ ...login.page, username, notice, error: refusalOrThrow(error) }));
  }
  return true;
}
