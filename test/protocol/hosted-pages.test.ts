/**
 * The hosted UI's account pages over HTTP (the Chromium tests fill the same pages in a browser):
 * sign-up with the pool's required attributes and its confirm page, the confirmation link,
 * forgot password and the reset, the sign-in page's detours (an unconfirmed account, a password
 * reset required), MFA set-up (an authenticator app, SMS with the phone number asked for), each
 * on the self-service and sign-in flows the AWS JSON API runs, as child flows of the login; the
 * triggers those flows fire; each refusal on its page, and hostile forms on the error page.
 */
import {
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  CreateTermsCommand,
  CreateUserPoolDomainCommand,
  SetUICustomizationCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { getPage, openSignInPage, pageError, postForm, sessionOf, type PageAnswer } from '../support/hosted-login.js';
import { latestMessageTo, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, invoked, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const CALLBACK = 'http://localhost:3000/callback';
const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';

const WEB_CLIENT: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> = {
  ClientName: 'web',
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  CallbackURLs: [CALLBACK],
  SupportedIdentityProviders: ['COGNITO'],
};

const REQUIRED_EMAIL_AND_NAME = [
  { Name: 'email', AttributeDataType: 'String' as const, Required: true, Mutable: true },
  { Name: 'name', AttributeDataType: 'String' as const, Required: true, Mutable: true },
];

let sandbox: TestSandbox;
let events: SandboxEvent[];
let domains = 0;

beforeAll(async () => {
  sandbox = await startSandboxWithHandlers({
    'returns-event': fixture('returns-event.cjs'),
    'auto-confirm': fixture('auto-confirm.cjs'),
    throws: fixture('throws.cjs'),
  });
  events = [];
  sandbox.app.bus.subscribe((event) => events.push(event));
});
afterAll(() => sandbox?.close());

interface World {
  poolId: string;
  clientId: string;
  config: oidc.Configuration;
}

async function world(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}): Promise<World> {
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: `pages-${++domains}`, AutoVerifiedAttributes: ['email'], ...pool });
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `pages-${domains}-${process.pid}` }));
  const { clientId, clientSecret } = await createClient(cognito, poolId, { ...WEB_CLIENT, ...client });
  const config = await oidc.discovery(new URL(`${sandbox.url}/${poolId}`), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  return { poolId, clientId, config };
}

const authorizeUrl = (w: World, params: Record<string, string> = {}) => oidc.buildAuthorizationUrl(w.config, { redirect_uri: CALLBACK, scope: 'openid email profile', ...params }).href;

/** The login's sign-in page, and the link to `path` it carries. */
async function linkFromSignIn(w: World, path: '/signup' | '/forgotPassword'): Promise<{ session: string; page: PageAnswer }> {
  const { page, session } = await openSignInPage(sandbox.url, authorizeUrl(w));
  const href = new RegExp(`href="(${path}\\?[^"]+)"`).exec(page.html!)![1]!.replaceAll('&amp;', '&');
  const linked = await getPage(`${sandbox.url}${href}`);
  expect(linked.status).toBe(200);
  expect(sessionOf(linked.html)).toBe(session);
  return { session, page: linked };
}

const textOf = (html: string | undefined) => (html ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const noticeOf = (html: string | undefined) => /class="textDescription-customizable notice"[^>]*>([^<]*)</.exec(html ?? '')?.[1];

async function redeem(w: World, location: string | undefined) {
  expect(location?.startsWith(`${CALLBACK}?code=`)).toBe(true);
  return oidc.authorizationCodeGrant(w.config, new URL(location!));
}

const triggerSources = (flowIds: Set<string>) => invoked(events.filter((event) => event.flowId !== null && flowIds.has(event.flowId))).map((event) => event.data.triggerSource);

/** The flow ids of the login `loginFlowId` and every flow it started. */
function loginFamily(loginFlowId: string): Set<string> {
  const children = events.filter((event) => event.type === 'flow.started' && event.data.parentFlowId === loginFlowId).map((event) => event.flowId!);
  return new Set([loginFlowId, ...children]);
}

const loginFlowOf = (session: string) => sandbox.app.services.flows.hostedLogin.view(session).flowId;

const outbox = async (to: string) => (await (await fetch(`${sandbox.url}/_sandbox/api/outbox?to=${encodeURIComponent(to)}`)).json()) as { body: string; code: string }[];

describe('sign-up and confirm', () => {
  it('signs up with the required attributes, confirms with the code and goes back to the app signed in; the flows fire their triggers', async () => {
    const lambda = arn('returns-event');
    const w = await world({ Schema: REQUIRED_EMAIL_AND_NAME, LambdaConfig: { PreSignUp: lambda, PostConfirmation: lambda, PreTokenGeneration: lambda } });
    const { session, page } = await linkFromSignIn(w, '/signup');
    expect(textOf(page.html)).toContain('Sign up with a new account');
    for (const field of ['name="username"', 'name="requiredAttributes[email]"', 'name="requiredAttributes[name]"', 'name="password"']) expect(page.html).toContain(field);
    expect(textOf(page.html)).toContain('Password must contain at least 8 characters');
    const loginFlowId = loginFlowOf(session);

    const form = { session, username: 'carol', 'requiredAttributes[email]': 'carol@example.com', 'requiredAttributes[name]': 'Carol', password: PASSWORD };
    const weak = await postForm(`${sandbox.url}/signup`, { ...form, password: 'short' });
    expect(pageError(weak.html)).toMatch(/^Password did not conform with policy/);
    expect(weak.html).toContain('value="carol@example.com"');
    expect(weak.html).not.toContain('value="short"');

    const signedUp = await postForm(`${sandbox.url}/signup`, form);
    expect(signedUp.status).toBe(200);
    expect(textOf(signedUp.html)).toContain('We have sent a code by email to c***@e***. Enter it below to confirm your account.');
    expect(textOf(signedUp.html)).toContain("Didn't receive a code? Send a new code");
    expect(await outbox('carol@example.com')).toHaveLength(1);

    const resent = await postForm(`${sandbox.url}/resendcode`, { session, username: 'carol' });
    expect(noticeOf(resent.html)).toBe('A new code has been sent.');
    expect(await outbox('carol@example.com')).toHaveLength(2);
    const code = (await latestMessageTo(sandbox.url, 'carol@example.com')).code;

    const wrong = await postForm(`${sandbox.url}/confirmUser`, { session, username: 'carol', confirmation_code: code === '000000' ? '111111' : '000000' });
    expect(pageError(wrong.html)).toBe('Invalid verification code provided, please try again.');
    expect(textOf(wrong.html)).toContain('We have sent a code by email to c***@e***');

    const confirmed = await postForm(`${sandbox.url}/confirmUser`, { session, username: 'carol', confirmation_code: code });
    expect(confirmed.cookies.some((cookie) => cookie.startsWith('cognito-'))).toBe(true);
    const tokens = await redeem(w, confirmed.location);
    expect(tokens.claims()).toMatchObject({ 'cognito:username': 'carol', email: 'carol@example.com', name: 'Carol', email_verified: true });

    const family = loginFamily(loginFlowId);
    const kinds = events.filter((event) => event.type === 'flow.started' && family.has(event.flowId!)).map((event) => (event as Extract<SandboxEvent, { type: 'flow.started' }>).data.kind);
    expect(kinds).toEqual(['hosted-login', 'sign-up']);
    expect(triggerSources(family)).toEqual(['PreSignUp_SignUp', 'PostConfirmation_ConfirmSignUp', 'TokenGeneration_HostedAuth']);

    const again = await linkFromSignIn(w, '/signup');
    const taken = await postForm(`${sandbox.url}/signup`, { ...form, session: again.session });
    expect(pageError(taken.html)).toBe('User already exists');
  });

  it('signs in at once a user the pre sign-up function confirms; shows a refusing function\'s error', async () => {
    const confirming = await world({ LambdaConfig: { PreSignUp: arn('auto-confirm') } });
    const { session } = await linkFromSignIn(confirming, '/signup');
    const signedUp = await postForm(`${sandbox.url}/signup`, { session, username: 'dave', 'requiredAttributes[email]': 'dave@example.com', password: PASSWORD });
    const tokens = await redeem(confirming, signedUp.location);
    expect(decodeJwt(tokens.access_token).username).toBe('dave');

    const refusing = await world({ LambdaConfig: { PreSignUp: arn('throws') } });
    const page = await linkFromSignIn(refusing, '/signup');
    const refused = await postForm(`${sandbox.url}/signup`, { session: page.session, username: 'erin', password: PASSWORD });
    expect(pageError(refused.html)).toBe('PreSignUp failed with error Cannot register users with username less than the minimum length of 5.');
  });

  it('asks for the email a pool signs in with, shows the client\'s terms and UI customization, and is refused where only administrators create users', async () => {
    const w = await world({ UsernameAttributes: ['email'] }, { GenerateSecret: true });
    const terms = (name: 'terms-of-use' | 'privacy-policy') =>
      sandbox.cognito.send(new CreateTermsCommand({ UserPoolId: w.poolId, ClientId: w.clientId, TermsName: name, TermsSource: 'LINK', Enforcement: 'NONE', Links: { 'cognito:default': `https://example.com/${name}` } }));
    await terms('terms-of-use');
    await terms('privacy-policy');
    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: w.poolId, ClientId: w.clientId, CSS: '.submitButton-customizable { background-color: #00a1c9; }' }));
    const { session, page } = await linkFromSignIn(w, '/signup');
    expect(page.html).toContain('.submitButton-customizable { background-color: #00a1c9; }');
    expect(page.html).toMatch(/<label class="label-customizable" for="username">Email<\/label>/);
    expect(page.html).toContain('href="https://example.com/terms-of-use"');
    expect(page.html).toContain('href="https://example.com/privacy-policy"');
    const badEmail = await postForm(`${sandbox.url}/signup`, { session, username: 'not-an-email', password: PASSWORD });
    expect(pageError(badEmail.html)).toBe('Username should be an email.');
    const signedUp = await postForm(`${sandbox.url}/signup`, { session, username: 'fay@example.com', password: PASSWORD });
    expect(textOf(signedUp.html)).toContain('We have sent a code by email to f***@e***');
    const code = (await latestMessageTo(sandbox.url, 'fay@example.com')).code;
    const confirmed = await postForm(`${sandbox.url}/confirmUser`, { session, username: 'fay@example.com', confirmation_code: code });
    expect((await redeem(w, confirmed.location)).claims()?.email).toBe('fay@example.com');

    const adminOnly = await world({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    const { page: signIn } = await openSignInPage(sandbox.url, authorizeUrl(adminOnly));
    expect(signIn.html).not.toContain('/signup?');
    const direct = await getPage(`${sandbox.url}/signup?client_id=${adminOnly.clientId}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    expect(direct.status).toBe(400);
    expect(textOf(direct.html)).toContain('SignUp is not permitted for this user pool');
  });

  it('confirms by the link a CONFIRM_WITH_LINK email carries, once', async () => {
    const w = await world({ VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' } });
    const { session } = await linkFromSignIn(w, '/signup');
    await postForm(`${sandbox.url}/signup`, { session, username: 'gus', 'requiredAttributes[email]': 'gus@example.com', password: PASSWORD });
    const link = /(http:\/\/[^\s"<>]+\/confirmUser\?[^\s"<>]+)/.exec((await outbox('gus@example.com')).at(-1)!.body)![1]!.replaceAll('&amp;', '&');
    const confirmed = await getPage(link);
    expect(confirmed.status).toBe(200);
    expect(textOf(confirmed.html)).toContain('Your registration has been confirmed!');
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'gus' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    const twice = await getPage(link);
    expect(twice.status).toBe(400);
    expect(textOf(twice.html)).toContain('User cannot be confirmed. Current status is CONFIRMED');
    const missing = await getPage(`${sandbox.url}/confirmUser?client_id=${w.clientId}&user_name=gus`);
    expect(missing.status).toBe(400);
  });
});

describe('forgot password', () => {
  it('sends a reset code, sets the new password, and the login signs in with it', async () => {
    const lambda = arn('returns-event');
    const w = await world({ LambdaConfig: { PostConfirmation: lambda } });
    await createAdminUser(sandbox.cognito, w.poolId, 'hank', { password: PASSWORD, attributes: { email: 'hank@example.com', email_verified: 'true' } });
    const { session, page } = await linkFromSignIn(w, '/forgotPassword');
    const loginFlowId = loginFlowOf(session);
    expect(textOf(page.html)).toContain('Forgot your password? Enter your Username below and we will send a message to reset your password');
    const unknown = await postForm(`${sandbox.url}/forgotPassword`, { session, username: 'nobody' });
    expect(pageError(unknown.html)).toBe('Username/client id combination not found.');

    const sent = await postForm(`${sandbox.url}/forgotPassword`, { session, username: 'hank' });
    expect(textOf(sent.html)).toContain('We have sent a password reset code by email to h***@e***. Enter it below to reset your password.');
    const code = (await latestMessageTo(sandbox.url, 'hank@example.com')).code;
    const reset = { session, username: 'hank', confirmation_code: code, password: NEW_PASSWORD, confirm_password: NEW_PASSWORD };
    expect(pageError((await postForm(`${sandbox.url}/confirmForgotPassword`, { ...reset, confirm_password: 'other' })).html)).toBe('Passwords do not match.');
    expect(pageError((await postForm(`${sandbox.url}/confirmForgotPassword`, { ...reset, password: 'weak', confirm_password: 'weak' })).html)).toMatch(/^Password did not conform with policy/);
    expect(pageError((await postForm(`${sandbox.url}/confirmForgotPassword`, { ...reset, confirmation_code: code === '000000' ? '111111' : '000000' })).html)).toBe(
      'Invalid verification code provided, please try again.',
    );

    const changed = await postForm(`${sandbox.url}/confirmForgotPassword`, reset);
    expect(noticeOf(changed.html)).toBe('Your password has been reset. Sign in with your new password.');
    expect(sessionOf(changed.html)).toBe(session);
    const signedIn = await postForm(`${sandbox.url}/login`, { session, username: 'hank', password: NEW_PASSWORD });
    await redeem(w, signedIn.location);
    expect(triggerSources(loginFamily(loginFlowId))).toEqual(['PostConfirmation_ConfirmForgotPassword']);
  });
});

describe('the sign-in page\'s detours', () => {
  it('sends an unconfirmed user to the confirm page with a new code, and signs them in once confirmed', async () => {
    const w = await world();
    await sandbox.cognito.send(new SignUpCommand({ ClientId: w.clientId, Username: 'ivy', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ivy@example.com' }] }));
    const { session } = await openSignInPage(sandbox.url, authorizeUrl(w));
    const detour = await postForm(`${sandbox.url}/login`, { session, username: 'ivy', password: PASSWORD });
    expect(detour.status).toBe(200);
    expect(textOf(detour.html)).toContain('We have sent a code by email to i***@e***. Enter it below to confirm your account.');
    expect(await outbox('ivy@example.com')).toHaveLength(2);
    const code = (await latestMessageTo(sandbox.url, 'ivy@example.com')).code;
    const confirmed = await postForm(`${sandbox.url}/confirmUser`, { session, username: 'ivy', confirmation_code: code });
    expect(decodeJwt((await redeem(w, confirmed.location)).access_token).username).toBe('ivy');
  });

  it('sends a user whose password must be reset to the reset page with a code', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'jack', { password: PASSWORD, attributes: { email: 'jack@example.com', email_verified: 'true' } });
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: w.poolId, Username: 'jack' }));
    const { session } = await openSignInPage(sandbox.url, authorizeUrl(w));
    const detour = await postForm(`${sandbox.url}/login`, { session, username: 'jack', password: PASSWORD });
    expect(noticeOf(detour.html)).toBe('Password reset required for the user');
    expect(textOf(detour.html)).toContain('We have sent a password reset code by email to j***@e***');
    const code = (await latestMessageTo(sandbox.url, 'jack@example.com')).code;
    const changed = await postForm(`${sandbox.url}/confirmForgotPassword`, { session, username: 'jack', confirmation_code: code, password: NEW_PASSWORD, confirm_password: NEW_PASSWORD });
    expect(noticeOf(changed.html)).toBe('Your password has been reset. Sign in with your new password.');
    await redeem(w, (await postForm(`${sandbox.url}/login`, { session, username: 'jack', password: NEW_PASSWORD })).location);
  });
});

describe('MFA set-up', () => {
  async function mfaWorld(factors: { sms?: boolean; totp?: boolean }) {
    const w = await world();
    await sandbox.cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: w.poolId,
        MfaConfiguration: 'ON',
        ...(factors.sms && { SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }),
        ...(factors.totp && { SoftwareTokenMfaConfiguration: { Enabled: true } }),
      }),
    );
    await createAdminUser(sandbox.cognito, w.poolId, 'kim', { password: PASSWORD, attributes: { email: 'kim@example.com', email_verified: 'true' } });
    const { session } = await openSignInPage(sandbox.url, authorizeUrl(w));
    const page = await postForm(`${sandbox.url}/login`, { session, username: 'kim', password: PASSWORD });
    expect(page.status).toBe(200);
    return { w, page };
  }

  it('sets up an authenticator app: the QR code and secret, a wrong code refused, the right one signs in; the next login asks for its code', async () => {
    const { w, page } = await mfaWorld({ totp: true });
    expect(textOf(page.html)).toContain('Set up authenticator app MFA');
    expect(page.html).toContain('src="data:image/svg+xml;base64,');
    const secret = /<p class="secret">([A-Z2-7]+)<\/p>/.exec(page.html!)![1]!;
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    const wrong = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(page.html), code: totp.generate({ timestamp: Date.now() - 10 * 60_000 }) });
    expect(pageError(wrong.html)).toBe('Code mismatch and fail enable Software Token MFA');
    const notDigits = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(wrong.html), code: 'abcdef' });
    expect(pageError(notDigits.html)).toBe('Code mismatch and fail enable Software Token MFA');
    const done = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(notDigits.html), code: totp.generate(), device_name: 'phone' });
    await redeem(w, done.location);

    const { session } = await openSignInPage(sandbox.url, authorizeUrl(w, { prompt: 'login' }));
    const challenged = await postForm(`${sandbox.url}/login`, { session, username: 'kim', password: PASSWORD });
    expect(textOf(challenged.html)).toContain('Enter the code from your authenticator app');
  });

  it('sets up SMS: the phone number, a code sent to it, and the number verified with SMS MFA on', async () => {
    const { w, page } = await mfaWorld({ sms: true });
    expect(textOf(page.html)).toContain('Set up SMS MFA');
    const invalid = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(page.html), phone_number: '555-1234' });
    expect(pageError(invalid.html)).toBe('Invalid phone number format.');
    const sent = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(invalid.html), phone_number: '+1 (212) 555-0101' });
    expect(textOf(sent.html)).toContain('We have sent a code by SMS to +*******0101');
    const code = (await latestMessageTo(sandbox.url, '+12125550101')).code;
    const wrong = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(sent.html), code: code === '000000' ? '111111' : '000000' });
    expect(pageError(wrong.html)).toBe('Invalid code received for user');
    const done = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(wrong.html), code });
    await redeem(w, done.location);
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'kim' }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'phone_number', Value: '+12125550101' }, { Name: 'phone_number_verified', Value: 'true' }]));
    expect(user.PreferredMfaSetting).toBe('SMS_MFA');
  });

  it('offers the choice when the pool has both methods; "Back" asks for the number again; five wrong codes end the set-up', async () => {
    const { page } = await mfaWorld({ sms: true, totp: true });
    expect(textOf(page.html)).toContain('Choose a multi-factor authentication (MFA) method');
    const unknown = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(page.html), mfa_type: 'EMAIL_OTP' });
    expect(pageError(unknown.html)).toBe('Choose an MFA method.');
    const sms = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(unknown.html), mfa_type: 'SMS_MFA' });
    const sent = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(sms.html), phone_number: '+12125550102' });
    const back = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(sent.html), change_phone_number: '1' });
    expect(back.html).toContain('name="phone_number"');
    let current = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(back.html), phone_number: '+12125550102' });
    const code = (await latestMessageTo(sandbox.url, '+12125550102')).code;
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) current = await postForm(`${sandbox.url}/mfaSetup`, { session: sessionOf(current.html), code: wrongCode });
    expect(current.html).toContain('name="cognitoSignInForm"');
    expect(pageError(current.html)).toBe('Invalid code received for user');
  });
});

describe('hostile forms', () => {
  it('refuses forms without a live login, repeated fields, and values out of the API\'s bounds, never with a 500', async () => {
    const w = await world();
    for (const path of ['/signup', '/confirmUser', '/resendcode', '/forgotPassword', '/confirmForgotPassword', '/mfaSetup']) {
      const noSession = await postForm(`${sandbox.url}${path}`, { username: 'x' });
      expect(noSession.status, path).toBe(400);
      const stale = await postForm(`${sandbox.url}${path}`, { session: 'not-a-session', username: 'x' });
      expect(stale.status, path).toBe(400);
      expect(textOf(stale.html)).toContain('Your session has expired');
    }
    const { session } = await linkFromSignIn(w, '/signup');
    const repeated = await fetch(`${sandbox.url}/signup`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `session=${session}&username=a&username=b`, redirect: 'manual' });
    expect(repeated.status).toBe(400);
    const huge = await postForm(`${sandbox.url}/signup`, { session, username: 'u'.repeat(200), password: PASSWORD });
    expect(textOf(pageError(huge.html))).toContain("at 'username' failed to satisfy constraint: Member must have length less than or equal to 128");
    const spaced = await postForm(`${sandbox.url}/signup`, { session, username: 'two words', password: PASSWORD });
    expect(textOf(pageError(spaced.html))).toContain("at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const tooLong = await postForm(`${sandbox.url}/signup`, { session, username: 'ok', password: 'p'.repeat(9000) });
    expect(tooLong.status).toBe(400);
    const unknownClient = await getPage(`${sandbox.url}/signup?client_id=nosuchclient&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    expect(unknownClient.status).toBe(400);
    const badRedirect = await getPage(`${sandbox.url}/forgotPassword?client_id=${w.clientId}&response_type=code&redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.location).toBeUndefined();
    const wrongMethod = await fetch(`${sandbox.url}/resendcode`, { redirect: 'manual' });
    expect(wrongMethod.status).toBeLessThan(500);
  });
});
