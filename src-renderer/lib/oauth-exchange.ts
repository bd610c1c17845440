/**
 * What the window makes of a hosted-UI or OAuth request (“http.exchanged”): the words on its
 * arrows in the sequence, what each OAuth parameter means, and which request redeemed the code
 * a redirect issued. Pure functions over the shared event schema.
 */
import type { EventBase, HttpExchanged, SandboxEvent } from '../../shared/events';
import { federationOf } from './federation';

export type HttpExchange = HttpExchanged['data'];
export type HttpExchangedEvent = EventBase & HttpExchanged;

/** What each parameter of the hosted UI's and the OAuth endpoints' requests and redirects means. */
const PARAMETERS: Readonly<Record<string, string>> = {
  response_type: '“code”: the authorization code grant (the code comes back in the redirect); “token”: the implicit grant (tokens in the fragment).',
  client_id: 'The app client; the sandbox finds the user pool from it.',
  redirect_uri: 'Where the browser goes back with the code: must match one of the client’s CallbackURLs exactly.',
  scope: 'The scopes asked for, space-separated: openid, email, phone, profile, aws.cognito.signin.user.admin and custom ones. None asked: all the client’s.',
  state: 'The app’s own value, echoed back in the redirect so the app can tell the answer belongs to its request (CSRF protection).',
  nonce: 'Echoed in the ID token’s nonce claim, so the app can tell the token was minted for this login (replay protection).',
  code_challenge: 'PKCE: base64url(SHA-256(code_verifier)). The code is redeemed only with the verifier behind it.',
  code_challenge_method: 'PKCE method: Cognito takes S256 only.',
  code_verifier: 'PKCE: the secret behind the code_challenge, sent when the code is redeemed (masked here).',
  identity_provider: 'Skips the sign-in page for this provider (COGNITO, a social or SAML/OIDC provider name).',
  idp_identifier: 'Picks a provider by one of its identifiers (an email domain).',
  prompt: '“login”: sign in again even with a hosted session.',
  lang: 'The language of the managed login pages.',
  grant_type: '“authorization_code” redeems a code, “refresh_token” refreshes, “client_credentials” is a machine-to-machine token.',
  code: 'The authorization code: single use, valid for 5 minutes, redeemed at /oauth2/token.',
  client_secret: 'The client’s secret, sent in the form (client_secret_post) instead of Basic authorization (masked here).',
  refresh_token: 'The refresh token being redeemed or revoked.',
  token: 'The token to revoke (a refresh token).',
  logout_uri: 'Where to go after signing out: one of the client’s sign-out URLs.',
  username: 'The username, email or phone number typed on the page.',
  password: 'The password typed on the page (masked before it is recorded).',
  error: 'The OAuth error code.',
  error_description: 'The error’s explanation.',
  access_token: 'The access token (shortened here; the Tokens tab decodes it).',
  id_token: 'The ID token (shortened here; the Tokens tab decodes it).',
  token_type: 'Always Bearer.',
  expires_in: 'Seconds until the access and ID tokens expire.',
  _csrf: 'The page’s anti-forgery token, matched against its cookie.',
  session: 'The page’s hidden Session: names the hosted login this form continues.',
  new_password: 'The new password typed on the page (masked before it is recorded).',
  confirm_password: 'The new password typed again (masked before it is recorded).',
  mfa_type: 'The MFA method chosen on the page.',
  device_name: 'A name for the authenticator app being set up.',
};

/** A code typed on a page (MFA, TOTP set-up, confirmation) is not the authorization code. */
const TYPED_CODE = 'The code the user typed: from the SMS, the email or the authenticator app.';
const PAGES_WITH_CODES = /^\/(mfa|mfaSetup|confirmUser|confirmForgotPassword)$/;

/** What a parameter means; `path`: the request it was sent to, where a name means something else there. */
export function parameterMeaning(name: string, path?: string): string | undefined {
  if (name === 'code' && path && PAGES_WITH_CODES.test(path)) return TYPED_CODE;
  if (name.startsWith('requiredAttributes[')) return 'A required attribute the pool asks for on the page.';
  return PARAMETERS[name];
}

/** A long value (a code, a challenge) cut for an arrow: `abcd1234…`. */
export function shorten(value: string, keep = 10): string {
  return value.length > keep + 1 ? `${value.slice(0, keep)}…` : value;
}

/** The parameters a request carried: its query, then its form. */
export function requestParameters(data: HttpExchange): Record<string, string> {
  return { ...data.query, ...(data.form ?? {}) };
}

/** `GET /oauth2/authorize`. */
export function requestLabel(data: HttpExchange): string {
  return `${data.method} ${data.path}`;
}

/** The few parameters that say what a request is, for its arrow. */
export function requestNote(data: HttpExchange): string | undefined {
  const params = requestParameters(data);
  const parts: string[] = [];
  if (params.grant_type) parts.push(`grant_type=${params.grant_type}`);
  if (params.response_type) parts.push(`response_type=${params.response_type}`);
  if (params.username) parts.push(`username=${params.username}`);
  if (params.password) parts.push(`password=${params.password}`);
  if (params.scope) parts.push(`scope=${params.scope}`);
  if (params.code_challenge_method) parts.push(`PKCE ${params.code_challenge_method}`);
  if (params.code && !params.grant_type) parts.push(`code=${shorten(params.code)}`);
  if (parts.length === 0) {
    for (const [name, value] of Object.entries(params).slice(0, 3)) parts.push(`${name}=${shorten(value, 24)}`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

/** `host/path` of a redirect's target, without its query: where the browser is sent. */
export function redirectTarget(location: string): string {
  try {
    const url = new URL(location, 'http://sandbox.invalid');
    return url.host === 'sandbox.invalid' ? url.pathname : `${url.host}${url.pathname}`;
  } catch {
    return location;
  }
}

/** The words of the answer's arrow: `302 → localhost:3000/callback`, `200 login page`, `400 invalid_grant`. */
export function responseLabel(data: HttpExchange): string {
  if (data.error) return `${data.status} ${data.error.error}`;
  if (data.location) return `${data.status} → ${redirectTarget(data.location)}`;
  if (data.page) return `${data.status} ${data.page} page`;
  if (hasTokens(data)) return `${data.status} tokens`;
  return `${data.status}`;
}

/** What the answer carried: a redirect's code, state or error; the tokens; an error's description. */
export function responseNote(data: HttpExchange): string | undefined {
  if (data.error) return data.error.error_description;
  const params = data.redirectParams ?? {};
  if (params.error) return [params.error, params.error_description].filter(Boolean).join(': ');
  const parts: string[] = [];
  if (params.code) parts.push(`code issued ${shorten(params.code)}`);
  if (params.access_token || params.id_token) parts.push(['access_token', 'id_token'].filter((name) => params[name]).join(', '));
  if (params.state) parts.push(`state=${shorten(params.state, 16)}`);
  if (parts.length) return parts.join(' · ');
  if (hasTokens(data)) return tokenNames(data.response).join(', ');
  return undefined;
}

export function hasTokens(data: HttpExchange): boolean {
  return tokenNames(data.response).length > 0;
}

function tokenNames(response: unknown): string[] {
  if (!response || typeof response !== 'object') return [];
  return ['access_token', 'id_token', 'refresh_token'].filter((name) => name in (response as Record<string, unknown>));
}

/** An answer that failed: an error status, an OAuth error, or a redirect carrying one. */
export function failed(data: HttpExchange): boolean {
  return data.status >= 400 || data.error !== undefined || data.redirectParams?.error !== undefined;
}

/** The code a redirect issued. */
export function issuedCode(event: SandboxEvent): string | undefined {
  return event.type === 'http.exchanged' ? event.data.redirectParams?.code : undefined;
}

/** A token request redeeming a code (`grant_type=authorization_code`). */
export function redeemsCode(event: SandboxEvent): event is HttpExchangedEvent {
  return event.type === 'http.exchanged' && requestParameters(event.data).grant_type === 'authorization_code';
}

/**
 * The token request that redeemed the code this redirect issued: the one sending the same code,
 * else (the code masked or shortened in the event) the first code redemption after it.
 */
export function redemptionOf(events: readonly SandboxEvent[], issuing: SandboxEvent): HttpExchangedEvent | undefined {
  const code = issuedCode(issuing);
  if (!code) return undefined;
  const later = events.filter((e): e is HttpExchangedEvent => e.seq > issuing.seq && redeemsCode(e));
  return later.find((e) => requestParameters(e.data).code === code) ?? later[0];
}

/** The redirect that issued the code this token request redeems. */
export function issuanceOf(events: readonly SandboxEvent[], redeeming: SandboxEvent): HttpExchangedEvent | undefined {
  if (!redeemsCode(redeeming)) return undefined;
  const code = requestParameters(redeeming.data).code;
  const earlier = events.filter((e): e is HttpExchangedEvent => e.seq < redeeming.seq && issuedCode(e) !== undefined);
  return earlier.find((e) => issuedCode(e) === code) ?? earlier.at(-1);
}

/** The authorize request whose `state` a redirect echoes. */
export function authorizeRequestOf(events: readonly SandboxEvent[], redirect: SandboxEvent): HttpExchangedEvent | undefined {
  if (redirect.type !== 'http.exchanged' || !redirect.data.redirectParams?.state) return undefined;
  return events
    .filter((e): e is HttpExchangedEvent => e.type === 'http.exchanged' && e.seq <= redirect.seq && e.data.path.endsWith('/authorize'))
    .at(-1);
}

/** How far a hosted login has got, from its flow's events: what a "Try it" shows while it runs. */
export interface LoginProgress {
  authorize?: HttpExchangedEvent;
  /** The pages the browser was shown, in order. */
  pages: string[];
  /** The forms the browser posted. */
  posts: HttpExchangedEvent[];
  /** A federated login: the provider the browser went to, and whether its answer was accepted (undefined while it is out). */
  provider?: { name: string; accepted?: boolean; error?: string };
  /** The redirect that issued the code (or refused, with an `error`). */
  redirect?: HttpExchangedEvent;
  redemption?: HttpExchangedEvent;
}

export function loginProgress(events: readonly SandboxEvent[]): LoginProgress {
  const exchanges = events.filter((e): e is HttpExchangedEvent => e.type === 'http.exchanged');
  const redirect = exchanges.find((e) => e.data.lane === 'browser' && (e.data.redirectParams?.code !== undefined || e.data.redirectParams?.error !== undefined));
  const { requested, responded } = federationOf(events);
  return {
    authorize: exchanges.find((e) => e.data.path.endsWith('/authorize')),
    ...(requested && {
      provider: {
        name: requested.data.provider,
        ...(responded && { accepted: !responded.data.error, ...(responded.data.error && { error: responded.data.error.error }) }),
      },
    }),
    pages: exchanges.flatMap((e) => (e.data.page ? [e.data.page] : [])),
    posts: exchanges.filter((e) => e.data.lane === 'browser' && e.data.method === 'POST'),
    redirect,
    redemption: redirect ? redemptionOf(events, redirect) : undefined,
  };
}

/** Whether the flow's events hold the authorize request that sent this `state`. */
export function startedWithState(events: readonly SandboxEvent[], state: string): boolean {
  return events.some((e) => e.type === 'http.exchanged' && e.data.path.endsWith('/authorize') && e.data.query.state === state);
}
