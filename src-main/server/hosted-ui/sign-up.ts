/**
 * The hosted UI's sign-up, on the sign-up flow SignUp, ResendConfirmationCode and ConfirmSignUp
 * run (a child flow of the login, so the debugger links them):
 *  - GET /signup: "Sign up with a new account": the username (or the email / phone number the
 *    pool's UsernameAttributes sign in with), the pool's required attributes and the password,
 *    with the pool's password rules and the client's terms links;
 *  - POST /signup: the flow's refusals on the page (InvalidPasswordException, UsernameExists,
 *    the pre sign-up function's ...); then the confirm page, or, when the pre sign-up function
 *    confirmed the user, straight back to the app signed in;
 *  - POST /confirmUser: the code confirms the account and the login goes back to the app signed
 *    in; POST /resendcode: "Send a new code";
 *  - GET /confirmUser?client_id&user_name&confirmation_code: the link a CONFIRM_WITH_LINK email
 *    carries, "Your registration has been confirmed!".
 * Form values are checked against SignUp's and ConfirmSignUp's input shapes, with their wording.
 *
 * Assumptions where the guide is silent: a pool that verifies no contact (no code is sent) shows
 * the sign-in page saying an administrator must confirm the account; with UsernameAttributes of
 * both email and phone_number the page asks for one "Email or Phone Number".
 */
import express, { type Request, type Response } from 'express';
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { findAppClient } from '../../cognito/app-clients.js';
import { passwordPolicyOf, requiredAttributeNames } from '../../cognito/pool-config.js';
import { pageCustomizationFor } from '../../cognito/managed-login-style.js';
import { termsFor } from '../../cognito/ui-customization.js';
import { resolveUser } from '../../cognito/usernames.js';
import type { Services } from '../../services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { AttributeListType, ConfirmationCodeType, PasswordType, UsernameType } from '../aws-json/model.js';
import { required, structure, validate } from '../aws-json/shapes.js';
import { noteExchange } from '../oauth2/exchange.js';
import { formBody, singleValued, type OAuthParams } from '../oauth2/parameters.js';
import { confirmationDeliveryOf, loginOfForm, loginOfLink, pageLogin, refusalOrThrow, signInPageOf, userCallOf, type PageLogin } from './account-login.js';
import { accountConfirmedPage, confirmAccountPage, signUpPage, type SignUpField } from './account-pages.js';
import { ErrorPage } from './authorize-request.js';
import { callOf, formOf, sendRefusal } from './login.js';
import { sendLoginStep } from './login-step.js';
import { errorPage } from './pages.js';
import { sendPage } from './send-page.js';

const SIGN_UP_FORM = structure({ Username: required(UsernameType), Password: required(PasswordType), UserAttributes: AttributeListType });
const CONFIRM_FORM = structure({ Username: required(UsernameType), ConfirmationCode: required(ConfirmationCodeType) });
const RESEND_FORM = structure({ Username: required(UsernameType) });

/** The classic hosted UI's labels of the standard attributes. */
const ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  address: 'Address',
  birthdate: 'Birthdate',
  email: 'Email',
  family_name: 'Family Name',
  gender: 'Gender',
  given_name: 'Given Name',
  locale: 'Locale',
  middle_name: 'Middle Name',
  name: 'Name',
  nickname: 'Nickname',
  phone_number: 'Phone Number',
  picture: 'Picture',
  preferred_username: 'Preferred Username',
  profile: 'Profile',
  updated_at: 'Updated At',
  website: 'Website',
  zoneinfo: 'Zoneinfo',
};

const EMAIL_FIELD = { type: 'email', placeholder: 'name@host.com', autocomplete: 'email' } as const;
const PHONE_FIELD = { type: 'tel', placeholder: '+12125551234', autocomplete: 'tel' } as const;
const FIELD_KINDS: Readonly<Record<string, Pick<SignUpField, 'type' | 'placeholder' | 'autocomplete'>>> = {
  email: EMAIL_FIELD,
  phone_number: PHONE_FIELD,
  birthdate: { type: 'text', placeholder: 'YYYY-MM-DD' },
  name: { type: 'text', autocomplete: 'name' },
  given_name: { type: 'text', autocomplete: 'given-name' },
  family_name: { type: 'text', autocomplete: 'family-name' },
};

const ATTRIBUTE_FIELD = /^requiredAttributes\[([^\]]{1,64})\]$/;

/** The field the user signs up with: a username, or the email / phone number the pool signs in with. */
function usernameField(pool: UserPool): SignUpField {
  const attributes = pool.config.UsernameAttributes ?? [];
  if (attributes.includes('email') && attributes.includes('phone_number')) return { name: 'username', label: 'Email or Phone Number', type: 'text', autocomplete: 'username' };
  if (attributes.includes('email')) return { name: 'username', label: 'Email', ...EMAIL_FIELD };
  if (attributes.includes('phone_number')) return { name: 'username', label: 'Phone Number', ...PHONE_FIELD };
  return { name: 'username', label: 'Username', type: 'text', autocomplete: 'username' };
}

/** The form's fields: the username, then the required attributes it does not stand for already. */
export function signUpFields(pool: UserPool): SignUpField[] {
  const byUsername = new Set<string>(['sub', ...(pool.config.UsernameAttributes ?? [])]);
  const attributes = requiredAttributeNames(pool)
    .filter((name) => !byUsername.has(name))
    .map((name): SignUpField => ({ name: `requiredAttributes[${name}]`, label: ATTRIBUTE_LABELS[name] ?? name, ...(FIELD_KINDS[name] ?? { type: 'text' }) }));
  return [usernameField(pool), ...attributes];
}

/** The pool's password policy, as the classic hosted UI lists it under the password. */
export function passwordHints(pool: UserPool): string[] {
  const policy = passwordPolicyOf(pool);
  return [
    ...(policy.RequireLowercase ? ['Password must contain a lower case letter'] : []),
    ...(policy.RequireUppercase ? ['Password must contain an upper case letter'] : []),
    ...(policy.RequireNumbers ? ['Password must contain a number'] : []),
    ...(policy.RequireSymbols ? ['Password must contain a special character'] : []),
    `Password must contain at least ${policy.MinimumLength} characters`,
  ];
}

/** The attributes the form posted, non-empty ones only (a missing required one is the flow's refusal). */
function postedAttributes(form: OAuthParams): AttributeType[] {
  return Object.entries(form).flatMap(([field, value]) => {
    const name = ATTRIBUTE_FIELD.exec(field)?.[1];
    return name && value.trim() !== '' ? [{ Name: name, Value: value.trim() }] : [];
  });
}

function signUpPageOf(services: Pick<Services, 'store'>, login: PageLogin, shown: { error?: string; values?: Record<string, string> } = {}): string {
  const { pool, client } = login;
  const terms = termsFor(services.store, pool.id, client.clientId);
  return signUpPage({
    ...login.page,
    fields: signUpFields(pool),
    values: shown.values ?? {},
    passwordHints: passwordHints(pool),
    ...(terms && { terms }),
    ...(shown.error && { error: shown.error }),
  });
}

export function signUpRoutes(services: Services): express.Router {
  const router = express.Router();
  const logins = services.flows.hostedLogin;

  /** The login the form names, with the flows' call; the exchange joins the login's flow. */
  function formLogin(req: Request, res: Response, form: OAuthParams): PageLogin {
    const login = pageLogin(services, loginOfForm(services, form.session), callOf(req));
    noteExchange(res, { flowId: login.step.flowId, poolId: login.pool.id });
    return login;
  }

  /** The confirmed user signs in: the login goes back to the app with its code. */
  async function signInConfirmed(req: Request, res: Response, login: PageLogin, sub: string): Promise<void> {
    sendLoginStep(services, req, res, await logins.signedUp(login.page.session, sub, callOf(req)));
  }

  router.get('/signup', async (req, res) => {
    try {
      const call = callOf(req);
      const login = pageLogin(services, await loginOfLink(services, req, call), call);
      noteExchange(res, { flowId: login.step.flowId, poolId: login.pool.id });
      if (login.pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) return sendPage(res, 'error', errorPage('SignUp is not permitted for this user pool'), 400);
      sendPage(res, 'signup', signUpPageOf(services, login));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/signup', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const login = formLogin(req, res, form);
      const username = (form.username ?? '').trim();
      const attributes = postedAttributes(form);
      const values = { username, ...Object.fromEntries(attributes.map(({ Name, Value }) => [`requiredAttributes[${Name}]`, Value!])) };
      let registered;
      try {
        validate(SIGN_UP_FORM, { Username: username, Password: form.password ?? '', UserAttributes: attributes });
        registered = await services.flows.signUp.register({ ...userCallOf(login, username), password: form.password, attributes }, login.childCall);
      } catch (error) {
        return sendPage(res, 'signup', signUpPageOf(services, login, { error: refusalOrThrow(error), values }));
      }
      if (registered.userConfirmed) return await signInConfirmed(req, res, login, registered.userSub);
      if (!registered.delivery) {
        return sendPage(res, 'login', signInPageOf(login, { notice: 'Your account was created. An administrator must confirm it before you can sign in.' }));
      }
      sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, delivery: registered.delivery }));
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/confirmUser', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const login = formLogin(req, res, form);
      const username = form.username ?? '';
      const code = (form.confirmation_code ?? '').trim();
      try {
        validate(CONFIRM_FORM, { Username: username, ConfirmationCode: code });
        await services.flows.signUp.confirm({ ...userCallOf(login, username), code, forceAliasCreation: false }, login.childCall);
      } catch (error) {
        const delivery = confirmationDeliveryOf(services, login.pool, username);
        return sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, error: refusalOrThrow(error), ...(delivery && { delivery }) }));
      }
      const user = resolveUser(services.store, login.pool, username);
      if (!user) throw new ErrorPage(`User ${username} no longer exists.`);
      await signInConfirmed(req, res, login, user.sub);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.post('/resendcode', formBody, async (req, res) => {
    try {
      const form = formOf(req);
      const login = formLogin(req, res, form);
      const username = form.username ?? '';
      try {
        validate(RESEND_FORM, { Username: username });
        const delivery = await services.flows.signUp.resend(userCallOf(login, username), login.childCall);
        sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, delivery, notice: 'A new code has been sent.' }));
      } catch (error) {
        sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, error: refusalOrThrow(error) }));
      }
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  router.get('/confirmUser', async (req, res) => {
    try {
      const params = linkParams(req.query);
      if (params.session !== undefined && params.confirmation_code === undefined) return showConfirmPage(req, res, params);
      await confirmByLink(req, res, params);
    } catch (error) {
      sendRefusal(res, error);
    }
  });

  /** The confirm page of a login, for a user who signed up in it (`session` and `username` in the query). */
  function showConfirmPage(req: Request, res: Response, params: OAuthParams): void {
    const login = formLogin(req, res, params);
    const username = params.username ?? '';
    const delivery = confirmationDeliveryOf(services, login.pool, username);
    sendPage(res, 'confirm', confirmAccountPage({ ...login.page, username, ...(delivery && { delivery }) }));
  }

  /** The link of a CONFIRM_WITH_LINK email: its client, user and code. */
  async function confirmByLink(req: Request, res: Response, params: OAuthParams): Promise<void> {
    const { client_id: clientId, user_name: username, confirmation_code: code } = params;
    if (!clientId || !username || !code) throw new ErrorPage('invalid_request: client_id, user_name and confirmation_code are required');
    const client = findAppClient(services.store, clientId);
    const pool = client && services.store.pools.findById(client.poolId);
    if (!client || !pool) throw new ErrorPage('invalid_request: Client does not exist');
    noteExchange(res, { poolId: pool.id });
    const call = callOf(req);
    try {
      validate(CONFIRM_FORM, { Username: username, ConfirmationCode: code });
      await services.flows.signUp.confirm({ ...userCallOf({ pool, client }, username), code, forceAliasCreation: false }, call);
    } catch (error) {
      noteExchange(res, { ...(call.flowId && { flowId: call.flowId }) });
      return sendPage(res, 'error', errorPage(refusalOrThrow(error)), 400);
    }
    noteExchange(res, { ...(call.flowId && { flowId: call.flowId }) });
    sendPage(res, 'account-confirmed', accountConfirmedPage(pageCustomizationFor(services.store, pool.id, client.clientId)));
  }

  return router;
}

/** A link's query as single strings (the error page otherwise). */
function linkParams(query: unknown): OAuthParams {
  try {
    return singleValued(query);
  } catch (error) {
    throw new ErrorPage(`invalid_request: ${(error as { description?: string }).description ?? 'malformed query'}`);
  }
}
