/**
 * The hosted UI's sign-in pages, with Cognito's wording: sign-in, new password required, the MFA
 * code, the MFA choice, and the error page. Every form carries the login's Session (a hidden
 * field) and posts back to the hosted UI.
 */
import { html, page, type Html } from './html.js';

export interface PageContext {
  /** The login's Session: the form's hidden field. */
  session: string;
  /** The authorize request's parameters, carried in the sign-up and forgot-password links. */
  linkQuery: string;
  customization?: { css?: string; imageUrl?: string };
  /** The refusal shown above the form. */
  error?: string;
  /** What the page says happened before it (a password just changed), above the form. */
  notice?: string;
}

export const errorBox = (error: string | undefined): Html | string => (error ? html`<span class="errorMessage-customizable" role="alert">${error}</span>` : '');
export const noticeBox = (notice: string | undefined): Html | string => (notice ? html`<span class="textDescription-customizable notice" role="status">${notice}</span>` : '');
export const sessionField = (session: string) => html`<input type="hidden" name="session" value="${session}">`;

/** A button on the sign-in page for an identity provider of the client. */
export interface ProviderButton {
  name: string;
  type: string;
}

/** How Cognito's sign-in page words a provider's button. */
const BUTTON_LABELS: Readonly<Record<string, string>> = {
  Google: 'Continue with Google',
  Facebook: 'Continue with Facebook',
  LoginWithAmazon: 'Continue with Amazon',
  SignInWithApple: 'Continue with Apple',
};

/**
 * The identity providers' part of the sign-in page: a button per provider, and the corporate email
 * box in place of the SAML buttons when every SAML provider of the client has identifiers. Both
 * post to /login on the login's Session, so the way through the provider stays one login.
 */
function federationPart(session: string, providers: ProviderButton[], domainBox: boolean): Html | string {
  if (providers.length === 0) return '';
  const buttons = providers.filter((provider) => !(domainBox && provider.type === 'SAML'));
  return html`<div class="federation">
${
  domainBox
    ? html`<form method="post" action="/login" name="cognitoCorporateSignInForm">
<span class="idpDescription-customizable">Sign in with your corporate ID</span>
${sessionField(session)}
<label class="label-customizable" for="idpIdentifier">Email</label>
<input id="idpIdentifier" name="idp_identifier" type="email" class="inputField-customizable" placeholder="name@host.com" autocomplete="email" required>
<input name="corporateSignInSubmitButton" type="submit" value="Sign in" class="submitButton-customizable">
</form>`
    : ''
}
${buttons.map(
  (provider) => html`<form method="post" action="/login" class="idp">
${sessionField(session)}
<input type="hidden" name="identity_provider" value="${provider.name}">
<button type="submit" class="idpButton-customizable" data-provider="${provider.name}">${BUTTON_LABELS[provider.type] ?? provider.name}</button>
</form>`,
)}
</div>`;
}

export function loginPage(context: PageContext & { username?: string; allowSignUp: boolean; providers?: ProviderButton[]; domainBox?: boolean; withPassword?: boolean }): string {
  const { session, linkQuery, error, username, allowSignUp, providers = [], domainBox = false, withPassword = true } = context;
  const passwordForm = html`<form method="post" action="/login" name="cognitoSignInForm">
<span class="textDescription-customizable heading">Sign in with your username and password</span>
${sessionField(session)}
<label class="label-customizable" for="signInFormUsername">Username</label>
<input id="signInFormUsername" name="username" type="text" class="inputField-customizable" placeholder="Username" autocapitalize="none" autocomplete="username" required value="${username ?? ''}">
<label class="label-customizable" for="signInFormPassword">Password</label>
<input id="signInFormPassword" name="password" type="password" class="inputField-customizable" placeholder="Password" autocomplete="current-password" required>
<a class="redirect-customizable" href="/forgotPassword?${linkQuery}">Forgot your password?</a>
<input name="signInSubmitButton" type="submit" value="Sign in" class="submitButton-customizable">
${allowSignUp ? html`<span class="textDescription-customizable footer-customizable">Need an account? <a href="/signup?${linkQuery}">Sign up</a></span>` : ''}
</form>`;
  return page({
    title: 'Signin',
    customization: context.customization,
    body: html`${noticeBox(context.notice)}
${errorBox(error)}
${federationPart(session, providers, domainBox)}
${providers.length > 0 && withPassword ? html`<span class="divider">or</span>` : ''}
${withPassword ? passwordForm : ''}`,
  });
}

export function newPasswordPage(context: PageContext & { requiredAttributes: string[] }): string {
  const attributes = context.requiredAttributes.map(
    (name) => html`<label class="label-customizable" for="attr-${name}">${name}</label>
<input id="attr-${name}" name="requiredAttributes[${name}]" type="text" class="inputField-customizable" required>`,
  );
  return page({
    title: 'Change Password',
    customization: context.customization,
    body: html`<form method="post" action="/forceChangePassword" name="cognitoNewPasswordForm">
<span class="textDescription-customizable heading">Change Password</span>
<span class="textDescription-customizable">Please enter a new password.</span>
${errorBox(context.error)}
${sessionField(context.session)}
<label class="label-customizable" for="new_password">New Password</label>
<input id="new_password" name="new_password" type="password" class="inputField-customizable" autocomplete="new-password" required>
<label class="label-customizable" for="confirm_password">Enter New Password Again</label>
<input id="confirm_password" name="confirm_password" type="password" class="inputField-customizable" autocomplete="new-password" required>
${attributes}
<input type="submit" value="Send" class="submitButton-customizable">
</form>`,
  });
}

/** Where the code went, as Cognito words it for each channel. */
function codeDescription(challengeName: string, parameters: Record<string, string>): string {
  const destination = parameters.CODE_DELIVERY_DESTINATION;
  if (challengeName === 'SOFTWARE_TOKEN_MFA') return 'Enter the code from your authenticator app to complete sign-in.';
  if (challengeName === 'EMAIL_OTP') return `We have sent a code by email to ${destination ?? 'your email address'}. Enter the code to complete sign-in.`;
  return `We have delivered the authentication code by SMS to ${destination ?? 'your phone number'}. Please enter the code to complete authentication.`;
}

export function mfaCodePage(context: PageContext & { challengeName: string; parameters: Record<string, string> }): string {
  return page({
    title: 'MFA',
    customization: context.customization,
    body: html`<form method="post" action="/mfa" name="cognitoMfaForm">
<span class="textDescription-customizable heading">Multi-factor authentication</span>
<span class="textDescription-customizable">${codeDescription(context.challengeName, context.parameters)}</span>
${errorBox(context.error)}
${sessionField(context.session)}
<label class="label-customizable" for="mfa_code">Code</label>
<input id="mfa_code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" class="inputField-customizable" required>
<input type="submit" value="Sign in" class="submitButton-customizable">
</form>`,
  });
}

const MFA_CHOICE_LABELS: Record<string, string> = { SMS_MFA: 'SMS message', SOFTWARE_TOKEN_MFA: 'Authenticator app', EMAIL_OTP: 'Email message' };

export function selectMfaPage(context: PageContext & { choices: string[] }): string {
  const choices = context.choices.map(
    (choice, index) => html`<label><input type="radio" name="mfa_type" value="${choice}"${index === 0 ? html` checked` : ''}> ${MFA_CHOICE_LABELS[choice] ?? choice}</label>`,
  );
  return page({
    title: 'Choose MFA',
    customization: context.customization,
    body: html`<form method="post" action="/mfa" name="cognitoSelectMfaForm">
<span class="textDescription-customizable heading">Choose how to receive your code</span>
${errorBox(context.error)}
${sessionField(context.session)}
<div class="choices">${choices}</div>
<input type="submit" value="Continue" class="submitButton-customizable">
</form>`,
  });
}

export function mfaSetupPage(context: PageContext & { secret: string; qrSvg: string }): string {
  return page({
    title: 'Set up MFA',
    customization: context.customization,
    body: html`<form method="post" action="/mfaSetup" name="cognitoMfaSetupForm">
<span class="textDescription-customizable heading">Set up authenticator app MFA</span>
<span class="textDescription-customizable">Scan the QR code with your authenticator app, then enter the code it shows. If you can't scan the QR code, choose Show secret key and enter the key in your app.</span>
${errorBox(context.error)}
${sessionField(context.session)}
<img class="qr" alt="QR code for your authenticator app" src="data:image/svg+xml;base64,${Buffer.from(context.qrSvg).toString('base64')}">
<details><summary>Show secret key</summary><p class="secret">${context.secret}</p></details>
<label class="label-customizable" for="totp_code">Code</label>
<input id="totp_code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" class="inputField-customizable" required>
<label class="label-customizable" for="device_name">Device name (optional)</label>
<input id="device_name" name="device_name" type="text" class="inputField-customizable">
<input type="submit" value="Sign in" class="submitButton-customizable">
</form>`,
  });
}

/** Cognito's error page: bad client_id or redirect_uri are shown here, never redirected. */
export function errorPage(detail: string): string {
  return page({
    title: 'Error',
    body: html`<span class="textDescription-customizable heading">An error was encountered with the requested page.</span>
<span class="errorMessage-customizable" role="alert">${detail}</span>`,
  });
}
