/**
 * The pages of MFA_SETUP on the hosted UI, as the guide's sign-up walk-through shows them:
 * "Choose a multi-factor authentication (MFA) method" when the pool offers both methods, the
 * authenticator app's page (the otpauth:// key URI as a QR code, "Show secret key", an optional
 * device name), and "Set up SMS MFA" (the phone number, then the code sent to it, with "Send a new
 * code" and "Back"). Every form posts to /mfaSetup; what it means follows from the page the login
 * is at (../../flows/hosted-login/machine.ts).
 */
import { create } from 'qrcode';
import { qrPath } from '../../../shared/qr-path.js';
import type { HostedLoginStep } from '../../flows/hosted-login/hosted-login.js';
import { setupFactorsOf } from '../../flows/hosted-login/machine.js';
import { totpUri } from '../../cognito/totp.js';
import type { Services } from '../../services.js';
import { html, page } from './html.js';
import { errorBox, mfaSetupPage, sessionField, type PageContext } from './pages.js';

/** The login's states that show an MFA set-up page, and each page's name in the debugger's lane. */
export const MFA_SETUP_PAGES: Readonly<Record<string, string>> = {
  mfaSetupChoicePage: 'mfa-setup-choice',
  softwareTokenPage: 'mfa-setup-totp',
  phoneNumberPage: 'mfa-setup-sms',
  setupCodePage: 'mfa-setup-sms-code',
};

/** A QR code of `text` as an SVG document, dark on white. */
export function qrSvg(text: string): string {
  const { size, path } = qrPath(create(text, { errorCorrectionLevel: 'M' }).modules);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
}

const FACTOR_LABELS: Record<string, string> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'Authenticator app' };

function choicePage(context: PageContext & { factors: string[] }): string {
  const choices = context.factors.map(
    (factor, index) => html`<label><input type="radio" name="mfa_type" value="${factor}"${index === 0 ? html` checked` : ''}> ${FACTOR_LABELS[factor] ?? factor}</label>`,
  );
  return page({
    title: 'Choose MFA',
    customization: context.customization,
    body: html`<form method="post" action="/mfaSetup" name="cognitoMfaSetupChoiceForm">
<span class="textDescription-customizable heading">Choose a multi-factor authentication (MFA) method</span>
${errorBox(context.error)}
${sessionField(context.session)}
<div class="choices">${choices}</div>
<input type="submit" value="Continue" class="submitButton-customizable">
</form>`,
  });
}

function phoneNumberPage(context: PageContext): string {
  return page({
    title: 'Set up SMS MFA',
    customization: context.customization,
    body: html`<form method="post" action="/mfaSetup" name="cognitoSmsMfaSetupForm">
<span class="textDescription-customizable heading">Set up SMS MFA</span>
<span class="textDescription-customizable">Enter a phone number that includes a + sign and a country code, for example +12125551234.</span>
${errorBox(context.error)}
${sessionField(context.session)}
<label class="label-customizable" for="phone_number">Phone Number</label>
<input id="phone_number" name="phone_number" type="tel" class="inputField-customizable" placeholder="+12125551234" autocomplete="tel" required>
<input type="submit" value="Send code" class="submitButton-customizable">
</form>`,
  });
}

function setupCodePage(context: PageContext & { destination: string }): string {
  return page({
    title: 'Set up SMS MFA',
    customization: context.customization,
    body: html`<form method="post" action="/mfaSetup" name="cognitoSmsMfaCodeForm">
<span class="textDescription-customizable heading">Set up SMS MFA</span>
<span class="textDescription-customizable">We have sent a code by SMS to ${context.destination}. Enter it below to finish setting up SMS MFA.</span>
${errorBox(context.error)}
${sessionField(context.session)}
<label class="label-customizable" for="sms_code">Code</label>
<input id="sms_code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" class="inputField-customizable" required>
<input type="submit" value="Sign in" class="submitButton-customizable">
</form>
<div class="footer-customizable">
<form method="post" action="/mfaSetup" class="inline-form">${sessionField(context.session)}<input type="hidden" name="resend" value="1"><span class="textDescription-customizable">Didn't receive a code? <button type="submit" class="link-button">Send a new code</button></span></form>
<form method="post" action="/mfaSetup" class="inline-form">${sessionField(context.session)}<input type="hidden" name="change_phone_number" value="1"><button type="submit" class="link-button">Back</button></form>
</div>`,
  });
}

/** The MFA set-up page the login is at, if it is at one. */
export function mfaSetupPageOf(services: Pick<Services, 'store'>, step: HostedLoginStep, pageContext: PageContext): { name: string; body: string } | undefined {
  const name = MFA_SETUP_PAGES[step.state];
  if (!name) return undefined;
  const { challenge, mfaSetup } = step.context;
  if (step.state === 'mfaSetupChoicePage') return { name, body: choicePage({ ...pageContext, factors: setupFactorsOf(challenge) }) };
  if (step.state === 'softwareTokenPage') {
    const secret = mfaSetup?.secretCode ?? '';
    const issuer = services.store.pools.findById(step.context.poolId)?.name ?? 'Cognito';
    const uri = totpUri({ secret, issuer, label: challenge?.username ?? '' });
    return { name, body: mfaSetupPage({ ...pageContext, secret, qrSvg: qrSvg(uri) }) };
  }
  if (step.state === 'phoneNumberPage') return { name, body: phoneNumberPage(pageContext) };
  return { name, body: setupCodePage({ ...pageContext, destination: mfaSetup?.sentCode?.destination ?? 'your phone number' }) };
}
