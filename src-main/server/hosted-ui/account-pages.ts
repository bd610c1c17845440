/**
 * The hosted UI's account pages, with Cognito's wording: sign-up ("Sign up with a new account"),
 * confirm the account with the code sent ("We have sent a code by email to a***@e***. Enter it
 * below to confirm your account."), the confirmation link's answer, forgot password and the
 * reset with its code. Every form carries the login's Session (a hidden field) so the login
 * goes on once the account is ready.
 */
import type { CodeDelivery } from '../../cognito/code-delivery.js';
import { html, page, type Html } from './html.js';
import { errorBox, noticeBox, sessionField, type PageContext } from './pages.js';

/** A field of the sign-up form: the username or a required attribute. */
export interface SignUpField {
  /** The form field's name: `username`, or `requiredAttributes[NAME]`. */
  name: string;
  label: string;
  type: 'text' | 'email' | 'tel';
  placeholder?: string;
  autocomplete?: string;
}

export interface SignUpPageContext extends PageContext {
  fields: SignUpField[];
  /** What the user typed before a refusal, by field name (never the password). */
  values: Record<string, string>;
  /** The pool's password policy, as the hints under the password field. */
  passwordHints: string[];
  terms?: { termsOfUse: string; privacyPolicy: string };
}

const fieldId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

const inputOf = (field: SignUpField, value: string | undefined): Html => html`<label class="label-customizable" for="${fieldId(field.name)}">${field.label}</label>
<input id="${fieldId(field.name)}" name="${field.name}" type="${field.type}" class="inputField-customizable" placeholder="${field.placeholder ?? field.label}" autocapitalize="none"${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ''} required value="${value ?? ''}">`;

export function signUpPage(context: SignUpPageContext): string {
  const { session, linkQuery, fields, values, passwordHints, terms } = context;
  return page({
    title: 'Signup',
    customization: context.customization,
    body: html`<form method="post" action="/signup" name="cognitoSignUpForm">
<span class="textDescription-customizable heading">Sign up with a new account</span>
${errorBox(context.error)}
${sessionField(session)}
${fields.map((field) => inputOf(field, values[field.name]))}
<label class="label-customizable" for="signUpFormPassword">Password</label>
<input id="signUpFormPassword" name="password" type="password" class="inputField-customizable" placeholder="Password" autocomplete="new-password" required>
<ul class="legalText-customizable password-hints">${passwordHints.map((hint) => html`<li>${hint}</li>`)}</ul>
${terms ? html`<span class="legalText-customizable">By signing up, you agree to our <a href="${terms.termsOfUse}" target="_blank" rel="noopener">Terms of Use</a> and <a href="${terms.privacyPolicy}" target="_blank" rel="noopener">Privacy Policy</a>.</span>` : ''}
<input name="signUpButton" type="submit" value="Sign up" class="submitButton-customizable">
<span class="textDescription-customizable footer-customizable">Already have an account? <a href="/login?${linkQuery}">Sign in</a></span>
</form>`,
  });
}

/** Where the code went, as the confirm and reset pages say it. */
function sentBy(delivery: CodeDelivery | undefined): string {
  if (!delivery) return 'We have sent you a code';
  return delivery.DeliveryMedium === 'SMS' ? `We have sent a code by SMS to ${delivery.Destination}` : `We have sent a code by email to ${delivery.Destination}`;
}

export interface CodePageContext extends PageContext {
  /** The name the user signs up or resets with, as they typed it. */
  username: string;
  delivery?: CodeDelivery;
}

export function confirmAccountPage(context: CodePageContext): string {
  const { session, username, delivery } = context;
  return page({
    title: 'Confirm your account',
    customization: context.customization,
    body: html`<form method="post" action="/confirmUser" name="cognitoConfirmForm">
<span class="textDescription-customizable heading">Confirm your account</span>
${noticeBox(context.notice)}
<span class="textDescription-customizable">${sentBy(delivery)}. Enter it below to confirm your account.</span>
${errorBox(context.error)}
${sessionField(session)}
<input type="hidden" name="username" value="${username}">
<label class="label-customizable" for="verification_code">Verification Code</label>
<input id="verification_code" name="confirmation_code" type="text" inputmode="numeric" autocomplete="one-time-code" class="inputField-customizable" placeholder="Code" required>
<input name="confirm" type="submit" value="Confirm Account" class="submitButton-customizable">
</form>
<form method="post" action="/resendcode" name="cognitoResendForm" class="footer-customizable">
${sessionField(session)}
<input type="hidden" name="username" value="${username}">
<span class="textDescription-customizable">Didn't receive a code? <button type="submit" class="link-button">Send a new code</button></span>
</form>`,
  });
}

/** The confirmation link's page (CONFIRM_WITH_LINK), once the account is confirmed. */
export function accountConfirmedPage(customization?: PageContext['customization']): string {
  return page({
    title: 'Account confirmed',
    customization,
    body: html`<span class="textDescription-customizable heading">Your registration has been confirmed!</span>
<span class="textDescription-customizable">You can now close this page and sign in to the app.</span>`,
  });
}

export function forgotPasswordPage(context: PageContext & { usernameLabel: string; username?: string }): string {
  const { session, linkQuery, usernameLabel } = context;
  return page({
    title: 'Forgot Password',
    customization: context.customization,
    body: html`<form method="post" action="/forgotPassword" name="cognitoForgotPasswordForm">
<span class="textDescription-customizable heading">Forgot your password?</span>
<span class="textDescription-customizable">Enter your ${usernameLabel} below and we will send a message to reset your password</span>
${errorBox(context.error)}
${sessionField(session)}
<input id="forgotPasswordUsername" name="username" type="text" class="inputField-customizable" placeholder="${usernameLabel}" aria-label="${usernameLabel}" autocapitalize="none" autocomplete="username" required value="${context.username ?? ''}">
<input name="reset_my_password" type="submit" value="Reset my password" class="submitButton-customizable">
<span class="textDescription-customizable footer-customizable"><a href="/login?${linkQuery}">Back to sign in</a></span>
</form>`,
  });
}

export function resetPasswordPage(context: CodePageContext): string {
  const { session, username, delivery } = context;
  return page({
    title: 'Change Password',
    customization: context.customization,
    body: html`<form method="post" action="/confirmForgotPassword" name="cognitoConfirmForgotPasswordForm">
<span class="textDescription-customizable heading">Reset your password</span>
${noticeBox(context.notice)}
<span class="textDescription-customizable">${delivery ? `${sentBy(delivery).replace('a code', 'a password reset code')}. Enter it below to reset your password.` : 'Enter the password reset code we sent you.'}</span>
${errorBox(context.error)}
${sessionField(session)}
<input type="hidden" name="username" value="${username}">
<label class="label-customizable" for="forgot_password_code">Code</label>
<input id="forgot_password_code" name="confirmation_code" type="text" inputmode="numeric" autocomplete="one-time-code" class="inputField-customizable" placeholder="Code" required>
<label class="label-customizable" for="new_password">New Password</label>
<input id="new_password" name="password" type="password" class="inputField-customizable" placeholder="New Password" autocomplete="new-password" required>
<label class="label-customizable" for="confirm_password">Enter New Password Again</label>
<input id="confirm_password" name="confirm_password" type="password" class="inputField-customizable" placeholder="Enter New Password Again" autocomplete="new-password" required>
<input name="reset_password" type="submit" value="Change Password" class="submitButton-customizable">
</form>`,
  });
}
