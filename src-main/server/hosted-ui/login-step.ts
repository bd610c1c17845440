/**
 * Answers the browser with where a hosted login stands: a page (sign-in, or the challenge the
 * sign-in is at) or the way back to the app (the code in the query, or the implicit grant's
 * tokens in the fragment), with the hosted session cookie once the user signed in.
 */
import type { Request, Response } from 'express';
import type { HostedLoginStep } from '../../flows/hosted-login/hosted-login.js';
import type { HostedLoginContext } from '../../flows/hosted-login/machine.js';
import { pageCustomizationFor } from '../../cognito/managed-login-style.js';
import type { Services } from '../../services.js';
import { noteExchange } from '../oauth2/exchange.js';
import { redirectWith } from './authorize-request.js';
import { setHostedSessionCookie } from './cookies.js';
import { mfaSetupPageOf } from './mfa-setup-pages.js';
import { errorPage, loginPage, mfaCodePage, newPasswordPage, selectMfaPage, type PageContext, type ProviderButton } from './pages.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { ssoSessionMinutes } from '../../cognito/user-sessions.js';
import { sendPage } from './send-page.js';

/** Challenges the hosted UI shows as a code page. */
export const CODE_CHALLENGES: Readonly<Record<string, string>> = {
  SMS_MFA: 'SMS_MFA_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

/** The authorize request's parameters, for the links to sign-up and forgot-password (which carry the login's Session too). */
export function linkQuery(context: HostedLoginContext, session: string): string {
  const { authorize, clientId } = context;
  const params = new URLSearchParams({ client_id: clientId, response_type: authorize.responseType, redirect_uri: authorize.redirectUri, scope: authorize.scopes.join(' ') });
  if (authorize.state !== undefined) params.set('state', authorize.state);
  params.set('session', session);
  return params.toString();
}

const jsonList = (text: string | undefined): string[] => {
  try {
    const parsed = JSON.parse(text ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

/**
 * What the sign-in page offers: the client's identity providers (in its SupportedIdentityProviders
 * order), the corporate email box when every SAML provider among them has identifiers, and the
 * password form when the client supports COGNITO.
 */
function signInChoices(services: Pick<Services, 'store'>, context: HostedLoginContext): { providers: ProviderButton[]; domainBox: boolean; withPassword: boolean } {
  const client = findAppClient(services.store, context.clientId);
  const supported = client?.config.SupportedIdentityProviders ?? ['COGNITO'];
  const providers = supported
    .filter((name) => name !== 'COGNITO')
    .map((name) => services.store.identityProviders.find(context.poolId, name))
    .filter((provider) => provider !== undefined);
  const saml = providers.filter((provider) => provider.type === 'SAML');
  return {
    providers: providers.map(({ name, type }) => ({ name, type })),
    domainBox: saml.length > 0 && saml.every((provider) => provider.idpIdentifiers.length > 0),
    withPassword: supported.includes('COGNITO'),
  };
}

/** The page the login shows now, and its name in the debugger's lane. */
function pageOf(services: Pick<Services, 'store'>, step: HostedLoginStep): { name: string; body: string; status?: number } {
  const { context } = step;
  const session = step.session!;
  const pageContext: PageContext = {
    session,
    linkQuery: linkQuery(context, session),
    customization: pageCustomizationFor(services.store, context.poolId, context.clientId),
    ...(context.failure && { error: context.failure.error.message }),
  };
  const setupPage = mfaSetupPageOf(services, step, pageContext);
  if (setupPage) return setupPage;
  const challenge = context.challenge;
  if (step.state === 'signInPage' || !challenge) {
    const pool = services.store.pools.findById(context.poolId);
    const allowSignUp = !pool?.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly;
    return { name: 'login', body: loginPage({ ...pageContext, allowSignUp, ...signInChoices(services, context) }) };
  }
  if (challenge.name === 'NEW_PASSWORD_REQUIRED') {
    const requiredAttributes = jsonList(challenge.parameters.requiredAttributes).map((name) => name.replace(/^userAttributes\./, ''));
    return { name: 'new-password', body: newPasswordPage({ ...pageContext, requiredAttributes }) };
  }
  if (CODE_CHALLENGES[challenge.name]) return { name: 'mfa', body: mfaCodePage({ ...pageContext, challengeName: challenge.name, parameters: challenge.parameters }) };
  if (challenge.name === 'SELECT_MFA_TYPE') return { name: 'mfa-choice', body: selectMfaPage({ ...pageContext, choices: jsonList(challenge.parameters.MFAS_CAN_CHOOSE) }) };
  return { name: 'error', status: 400, body: errorPage(`The hosted UI cannot answer the ${challenge.name} challenge.`) };
}

export function sendLoginStep(services: Services, req: Request, res: Response, step: HostedLoginStep): void {
  const { context } = step;
  noteExchange(res, { flowId: step.flowId, poolId: context.poolId });
  if (step.hostedSession) setHostedSessionCookie(req, res, context.poolId, step.hostedSession, ssoSessionMinutes(services.store, context.poolId) * 60);
  const { authorize } = context;
  if (step.state === 'awaitingIdp' && context.idp?.location) {
    res.redirect(302, context.idp.location);
    return;
  }
  if (step.state === 'idpRefused') {
    const error = context.failure?.error ?? { type: 'invalid_request', message: 'The identity provider could not sign the user in.' };
    noteExchange(res, { error: { error: error.type, error_description: error.message } });
    res.redirect(302, redirectWith(authorize.redirectUri, authorize.responseType, { error_description: error.message, error: error.type, state: authorize.state }));
    return;
  }
  if (step.state === 'codeIssued') {
    res.redirect(302, redirectWith(authorize.redirectUri, 'code', { code: step.session, state: authorize.state }));
    return;
  }
  if (step.state === 'redirected' && step.tokens) {
    const { IdToken, AccessToken, ExpiresIn } = step.tokens;
    res.redirect(
      302,
      redirectWith(authorize.redirectUri, 'token', { id_token: IdToken, access_token: AccessToken, token_type: 'Bearer', expires_in: String(ExpiresIn), state: authorize.state }),
    );
    return;
  }
  const { name, body, status = 200 } = pageOf(services, step);
  sendPage(res, name, body, status);
}
