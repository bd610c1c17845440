/**
 * What the window makes of a federated login: the sandbox's calls to the identity provider (the
 * `idp` lane of `http.exchanged`) named for what they are, the redirect that sends the browser to
 * the provider, the words on the `federation.*` steps, the checks made on the provider's answer
 * and the attribute mapping as rows of before → after. Pure functions over the shared schema.
 */
import type { EventBase, FederationMapped, FederationRequested, FederationResponded, HttpExchanged, SandboxEvent } from '../../shared/events';

export type FederationRequestedEvent = EventBase & FederationRequested;
export type FederationRespondedEvent = EventBase & FederationResponded;
export type FederationMappedEvent = EventBase & FederationMapped;
export type FederationEvent = FederationRequestedEvent | FederationRespondedEvent | FederationMappedEvent;

type Exchange = HttpExchanged['data'];

export function isFederationEvent(event: SandboxEvent): event is FederationEvent {
  return event.type === 'federation.requested' || event.type === 'federation.responded' || event.type === 'federation.mapped';
}

/** The built-in mock identity providers answer under this path, on the sandbox's own origin. */
export const MOCK_IDP_PATH = '/_mock-idp/';

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://sandbox.invalid').pathname;
  } catch {
    return url;
  }
}

/** A redirect to one of the sandbox's mock identity providers. */
export function isMockIdpUrl(url: string): boolean {
  return pathOf(url).startsWith(MOCK_IDP_PATH);
}

/** The browser is back from the provider: its answer to /oauth2/idpresponse or /saml2/idpresponse. */
export function isIdpResponse(data: Exchange): boolean {
  return data.lane === 'browser' && /^\/(oauth2|saml2)\/idpresponse$/.test(data.path);
}

/** What a call of the sandbox to an identity provider is for, from its URL and answer. */
export type IdpCallKind = 'discovery' | 'JWKS' | 'token' | 'userInfo' | 'SAML metadata' | 'call';

export function idpCallKind(data: Pick<Exchange, 'path' | 'form' | 'method'>): IdpCallKind {
  const path = pathOf(data.path).toLowerCase();
  if (path.endsWith('/.well-known/openid-configuration')) return 'discovery';
  if (/(jwks(\.json)?|certs|\/keys)$/.test(path)) return 'JWKS';
  if (data.form?.grant_type || /(\/token|access_token)$/.test(path)) return 'token';
  if (/(userinfo|\/me|\/profile)$/.test(path)) return 'userInfo';
  if (path.includes('metadata')) return 'SAML metadata';
  return 'call';
}

const CALL_WORDS: Record<IdpCallKind, string> = {
  discovery: 'discovery document',
  JWKS: 'JWKS (signing keys)',
  token: 'token request',
  userInfo: 'userInfo',
  'SAML metadata': 'SAML metadata',
  call: 'request',
};

/** `token request`, the request arrow's words. */
export function idpRequestLabel(data: Exchange): string {
  return CALL_WORDS[idpCallKind(data)];
}

/** `POST localhost:9229/_mock-idp/google/token · grant_type=authorization_code`. */
export function idpRequestNote(data: Exchange): string {
  let where = data.path;
  try {
    const url = new URL(data.path);
    where = `${url.host}${url.pathname}`;
  } catch {
    // A relative path stays as it is.
  }
  const grant = data.form?.grant_type ? ` · grant_type=${data.form.grant_type}` : '';
  return `${data.method} ${where}${grant}`;
}

/** `200 tokens`, `200 JWKS, 2 keys`, `401 invalid_client`, `unreachable`. */
export function idpResponseLabel(data: Exchange): string {
  if (data.status === 0) return data.error ? `unreachable` : 'no answer';
  if (data.error) return `${data.status} ${data.error.error}`;
  const response = data.response as Record<string, unknown> | undefined;
  if (response && typeof response.error === 'string') return `${data.status} ${response.error}`;
  const kind = idpCallKind(data);
  if (kind === 'JWKS' && Array.isArray(response?.keys)) return `${data.status} JWKS, ${response.keys.length} key${response.keys.length === 1 ? '' : 's'}`;
  if (kind === 'token' && response && ('access_token' in response || 'id_token' in response)) return `${data.status} tokens`;
  if (kind === 'call') return `${data.status}`;
  return `${data.status} ${kind}`;
}

export function idpResponseNote(data: Exchange): string | undefined {
  if (data.error) return data.error.error_description;
  const response = data.response as Record<string, unknown> | undefined;
  if (!response) return undefined;
  if (typeof response.error_description === 'string') return response.error_description;
  const tokens = ['access_token', 'id_token', 'refresh_token'].filter((name) => name in response);
  return tokens.length ? tokens.join(', ') : undefined;
}

export function idpCallFailed(data: Exchange): boolean {
  const response = data.response as Record<string, unknown> | undefined;
  return data.status === 0 || data.status >= 400 || data.error !== undefined || typeof response?.error === 'string';
}

const PROTOCOL_REQUEST: Record<FederationRequested['data']['protocol'], string> = {
  oidc: 'OIDC authorize request',
  oauth2: 'OAuth authorize request',
  saml: 'SAML AuthnRequest',
};

/** `SAML AuthnRequest for MySaml`. */
export function requestedLabel(data: FederationRequested['data']): string {
  return `${PROTOCOL_REQUEST[data.protocol]} for ${data.provider}`;
}

/** `SAML response checked`, `ID token checked`, `Facebook profile checked`; refused ones say so. */
export function respondedLabel(data: FederationResponded['data']): string {
  const what = data.protocol === 'saml' ? 'SAML response' : data.idToken ? 'ID token' : `${data.provider} answer`;
  return data.error ? `${what} refused` : `${what} accepted`;
}

/** `7 checks passed`, or the first that failed. */
export function checksNote(data: FederationResponded['data']): string | undefined {
  const failed = data.checks.find((check) => !check.passed);
  if (failed) return `${failed.check} failed${data.error ? `: ${data.error.error}` : ''}`;
  if (data.error) return `${data.error.error}${data.error.error_description ? `: ${data.error.error_description}` : ''}`;
  if (data.checks.length === 0) return undefined;
  return `${data.checks.length} check${data.checks.length === 1 ? '' : 's'} passed`;
}

export const MAPPED_LABEL = 'attributes mapped';

/** `Google_1234 created`, `Google_1234 (linked to alice)`. */
export function mappedNote(data: FederationMapped['data']): string {
  if (data.linkedTo) return `${data.user.username} (linked to ${data.linkedTo})`;
  return `${data.user.username} ${data.user.created ? 'created' : 'updated'}`;
}

/** One row of the mapping table: the attribute, the claim it reads, before → after and what happened. */
export interface MappingRow {
  attribute: string;
  claim: string;
  before?: string;
  after?: string;
  /** `set`: a new value; `changed`: a different one; `same`: written again, unchanged; `skipped`: not written (why in `reason`). */
  outcome: 'set' | 'changed' | 'same' | 'skipped';
  reason?: string;
}

export function mappingRows(data: FederationMapped['data']): MappingRow[] {
  return data.mapping.map((entry) => {
    const base = { attribute: entry.attribute, claim: entry.claim, before: entry.before, after: entry.after };
    if (entry.skipped) return { ...base, outcome: 'skipped', reason: entry.skipped };
    if (entry.before === undefined) return { ...base, outcome: 'set' };
    return { ...base, outcome: entry.before === entry.after ? 'same' : 'changed' };
  });
}

/** The `federation.*` events of a login, each the latest of its kind (a retried login shows its last try). */
export function federationOf(events: readonly SandboxEvent[]): {
  requested?: FederationRequestedEvent;
  responded?: FederationRespondedEvent;
  mapped?: FederationMappedEvent;
} {
  const last = <T extends FederationEvent['type']>(type: T) =>
    events.filter((event): event is Extract<FederationEvent, { type: T }> => event.type === type).at(-1);
  return { requested: last('federation.requested'), responded: last('federation.responded'), mapped: last('federation.mapped') };
}

/** What each parameter of a request to an identity provider means (OIDC / OAuth authorize, SAML redirect binding). */
const IDP_PARAMETERS: Readonly<Record<string, string>> = {
  response_type: '“code”: the provider sends back an authorization code, which the sandbox redeems at its token endpoint.',
  response_mode: '“form_post”: the provider posts its answer (code, state, id_token) to the redirect URI instead of putting it in the query.',
  client_id: 'The pool’s client at the provider: ProviderDetails client_id.',
  redirect_uri: 'The pool’s /oauth2/idpresponse: where the provider sends the browser back.',
  scope: 'ProviderDetails authorize_scopes: what the pool asks the provider for.',
  state: 'The hosted login’s session (single use, 5 minutes): the provider echoes it, and the sandbox finds the login by it.',
  nonce: 'A fresh value the provider’s ID token must carry: the sandbox checks it (replay protection).',
  SAMLRequest: 'The AuthnRequest, deflated and base64-encoded (HTTP-Redirect binding): decoded below.',
  RelayState: 'The hosted login’s session: the IdP posts it back with the SAMLResponse, and the sandbox finds the login by it.',
  SigAlg: 'The algorithm of the redirect binding’s signature.',
  Signature: 'The redirect binding’s signature over SAMLRequest, RelayState and SigAlg.',
  SAMLResponse: 'The IdP’s response, base64-encoded, posted by the browser (HTTP-POST binding).',
  code: 'The provider’s authorization code: the sandbox redeems it at the provider’s token endpoint (masked there).',
  id_token: 'Sign in with Apple’s form_post: the ID token sent with the code.',
  user: 'Sign in with Apple’s form_post, first sign-in only: the user’s name and email as JSON.',
  error: 'The provider’s refusal: the sandbox sends the app an error at its redirect URI.',
  error_description: 'The provider’s explanation of its refusal.',
  grant_type: '“authorization_code”: the provider’s code redeemed for its tokens.',
  client_secret: 'ProviderDetails client_secret, sent in the form (client_secret_post), or Apple’s client-secret JWT (masked here).',
  access_token: 'The provider’s access token, shortened: the sandbox sends it to the provider’s userInfo or profile endpoint.',
  fields: 'The profile fields asked of the Graph API.',
  identity_provider: 'The provider the login was sent to, by its ProviderName.',
  idp_identifier: 'One of the provider’s IdpIdentifiers (an email domain) that picked it.',
};

/** What a parameter sent to, or received from, an identity provider means. */
export function idpParameterMeaning(name: string): string | undefined {
  return IDP_PARAMETERS[name];
}

/** What the claims of a provider's ID token mean to the sandbox, which checks them. */
const IDP_CLAIMS: Readonly<Record<string, string>> = {
  iss: 'The provider’s issuer: must be the provider’s oidc_issuer (Google: accounts.google.com, Apple: appleid.apple.com).',
  aud: 'Must be the pool’s client at the provider (ProviderDetails client_id).',
  sub: 'The user’s id at the provider: the federated username is ProviderName_sub.',
  nonce: 'Must be the nonce the sandbox sent in the authorize request.',
  exp: 'The token must not have expired when the sandbox checks it.',
  iat: 'When the provider issued it.',
  auth_time: 'When the user signed in at the provider.',
  azp: 'The party the provider issued it to.',
  at_hash: 'A hash of the provider’s access token issued with it.',
  email: 'The user’s email at the provider; the mapping writes it to the pool only if email is mapped.',
  email_verified: 'Whether the provider verified the email; map it to email_verified, or the pool’s email stays unverified.',
  is_private_email: 'Apple: the email is a private relay address.',
};

export function idpClaimMeaning(name: string): string | undefined {
  return IDP_CLAIMS[name];
}

/** The provider's wording of an epoch-seconds or ISO time, with how it relates to `at` (when the check ran). */
export function timeCondition(value: string | undefined, at: number): { text: string; relative: string } | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return { text: value, relative: '' };
  const seconds = Math.round((ms - at) / 1_000);
  const span = Math.abs(seconds);
  const words = span < 60 ? `${span} s` : span < 3_600 ? `${Math.round(span / 60)} min` : span < 172_800 ? `${Math.round(span / 3_600)} h` : `${Math.round(span / 86_400)} days`;
  return { text: value, relative: seconds === 0 ? 'at the check' : seconds > 0 ? `${words} after the check` : `${words} before the check` };
}

/**
 * The `federation.requested` a browser's request published while it ran (between the previous
 * browser or back-channel exchange and its own): the request whose redirect sent the browser to
 * the provider.
 */
export function requestedDuring(events: readonly SandboxEvent[], exchange: SandboxEvent): FederationRequestedEvent | undefined {
  if (exchange.type !== 'http.exchanged' || exchange.data.lane === 'idp') return undefined;
  let found: FederationRequestedEvent | undefined;
  for (const event of events) {
    if (event.seq >= exchange.seq) break;
    if (event.type === 'http.exchanged' && event.data.lane !== 'idp') found = undefined;
    else if (event.type === 'federation.requested') found = event;
  }
  return found;
}
