/**
 * POST /mfaSetup: the forms of the MFA set-up pages (mfa-setup-pages.ts). What a form means
 * follows from the page the login is at: the method chosen, the authenticator app's code (and
 * device name), the phone number, or the SMS code ("Send a new code" and "Back" post `resend` and
 * `change_phone_number`). The login answers with its next page or goes back to the app.
 */
import express from 'express';
import type { MfaSetupAction } from '../../flows/hosted-login/hosted-login.js';
import type { Services } from '../../services.js';
import type { OAuthParams } from '../oauth2/parameters.js';
import { formBody } from '../oauth2/parameters.js';
import { loginOfForm } from './account-login.js';
import { callOf, formOf, sendRefusal } from './login.js';
import { sendLoginStep } from './login-step.js';

/** What the form posted at the page the login shows: undefined when the login is at no set-up page. */
function actionOf(state: string, form: OAuthParams): MfaSetupAction | undefined {
  const code = (form.code ?? '').trim();
  switch (state) {
    case 'mfaSetupChoicePage':
      return { type: 'CHOOSE_MFA_SETUP', factor: form.mfa_type ?? '' };
    case 'softwareTokenPage': {
      const friendlyDeviceName = (form.device_name ?? '').trim();
      return { type: 'VERIFY_SOFTWARE_TOKEN', code, ...(friendlyDeviceName && { friendlyDeviceName }) };
    }
    case 'phoneNumberPage':
      return { type: 'SET_PHONE_NUMBER', phoneNumber: (form.phone_number ?? '').replace(/[\s()-]/g, '') };
    case 'setupCodePage':
      if (form.resend) return { type: 'RESEND_SETUP_CODE' };
      if (form.change_phone_number) return { type: 'CHANGE_PHONE_NUMBER' };
      return { type: 'VERIFY_PHONE_NUMBER', code };
    default:
      return undefined;
  }
}

export function mfaSetupRoutes(services: Services): express.Router {
  const router = express.Router();
  const logins = services.flows.hostedLogin;

  router.post('/mfaSetup', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const current = loginOfForm(services, form.session);
      const action = actionOf(current.state, form);
      sendLoginStep(services, req, res, action ? await logins.setUpMfa(form.session!, action, callOf(req)) : current);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  return router;
}
