/**
 * The user pool as relying party of an OIDC provider or of Google, Facebook, Login with Amazon and
 * Sign in with Apple: the authorize request the browser is sent with, then the provider's answer
 * at /oauth2/idpresponse turned into the identity it vouches for.
 *
 * startOAuthLogin: `response_type=code`, client_id, `redirect_uri={origin}/oauth2/idpresponse`, the
 * authorize_scopes, the login's `state`, a nonce (OIDC, Google, Apple), Apple's form_post. An OIDC
 * provider without endpoints in its details has them discovered (oidc-discovery.ts).
 *
 * finishOAuthLogin: the provider's own refusal passed on; the code exchanged at the token endpoint
 * with client_secret_post (Facebook: GET; Apple: the client-secret JWT); the ID token verified
 * (id-token.ts); then userInfo (OIDC: attributes_request_method, with the access token as Bearer;
 * Google: attributes_url), Facebook's `/me?fields=id,<mapped claims>&access_token=`, Amazon's
 * profile, Apple's `user` field. The claims (ID token, then userInfo over it; Apple's `user` under
 * the ID token) become strings (idp-claims.ts). Every call goes through idpFetch (identity provider
 * lane, bounded in time: `idpTimeoutMs`), and `federation.responded` shows every check, refused or not.
 *
 * Assumptions: no PKCE towards the provider, and no `prompt`, `acr_values` or other extra parameter
 * (AcrMapping is not sent); a userInfo POST carries the access token as Bearer, not in the body; a
 * userInfo answered as a signed JWT (application/jwt) is refused; a userInfo `sub` other than the ID
 * token's is refused (OpenID Connect Core §5.3.2); the form_post's own `id_token` is not used (the token
 * endpoint's is); the refusals are in idp-refusals.ts.
 */
import type { BaseServices } from '../../base-services.js';
import { claimText, claimTexts } from './idp-claims.js';
import { FederationRecord } from './federation-record.js';
import { injectedTokenEndpointFault } from './idp-faults.js';
import { verifyIdToken } from './id-token.js';
import { jsonOf, type IdpAnswer, type IdpCallContext, type IdpRequest } from './idp-fetch.js';
import { answeredBadly, badAnswer, badIdToken, callIdp, providerRefused } from './idp-refusals.js';
import { callableUrl, oidcEndpoints } from './oidc-discovery.js';
import { effectiveDetails } from './provider-details.js';
import { appleClientSecret, appleUserClaims, extraAuthorizeParameters, issuersOf, jwksUriOf, scopesOf, wireOf } from './social-wires.js';
import { FederationError, type FederationCall, type IdpIdentity, type IdpRedirect, type IdpResponse, type PendingIdpRequest } from './types.js';
import { providerClockOf } from '../../clock.js';

export type OAuthLoginServices = Pick<BaseServices, 'bus' | 'clock' | 'options' | 'ids' | 'faults'>;

const NONCE_BYTES = 24;

type Details = Record<string, string>;

function contextOf(call: FederationCall): IdpCallContext {
  return { flowId: call.flowId, poolId: call.pool.id };
}

function detailsOf(call: FederationCall): Details {
  return effectiveDetails(call.provider, call.origin);
}

/** The provider's endpoints: as the details give them, an OIDC provider's completed by discovery. */
async function endpointsOf(services: OAuthLoginServices, call: FederationCall, details: Details): Promise<Details> {
  if (call.provider.type !== 'OIDC') return details;
  return { ...details, ...(await oidcEndpoints(services, call.provider.name, details, contextOf(call))) };
}

/** A step whose refusal is thrown from below is recorded as the check it failed. */
async function recorded<T>(record: FederationRecord, check: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof FederationError && !record.checks.some((each) => !each.passed)) record.fail(check, error.description, error);
    throw error;
  }
}

function requireUrl(call: FederationCall, details: Details, key: string): string {
  const url = callableUrl(details[key]);
  if (!url) throw new FederationError('invalid_request', `${call.provider.name} Error - ${key} is not an http(s) URL`);
  return url;
}

export async function startOAuthLogin(services: OAuthLoginServices, call: FederationCall, state: string): Promise<IdpRedirect> {
  const { provider } = call;
  const wire = wireOf(provider.type);
  const details = await endpointsOf(services, call, detailsOf(call));
  const scopes = scopesOf(details);
  const nonce = wire.protocol === 'oidc' ? services.ids.opaque(NONCE_BYTES) : undefined;
  const returnUrl = `${call.origin}/oauth2/idpresponse`;
  const parameters: Record<string, string> = {
    response_type: 'code',
    client_id: details.client_id!,
    redirect_uri: returnUrl,
    scope: scopes.join(wire.scopeSeparator),
    state,
    ...extraAuthorizeParameters(provider.type, scopes, nonce),
  };
  const location = new URL(requireUrl(call, details, 'authorize_url'));
  for (const [name, value] of Object.entries(parameters)) location.searchParams.set(name, value);

  services.bus.publish(
    'federation.requested',
    { provider: provider.name, providerType: provider.type, protocol: wire.protocol, url: location.href, parameters },
    { flowId: call.flowId, poolId: call.pool.id },
  );
  return {
    location: location.href,
    pending: { provider: provider.name, protocol: wire.protocol, ...(nonce && { nonce }), returnUrl, sent: services.clock.now() },
  };
}

const isSuccess = (answer: IdpAnswer) => answer.status >= 200 && answer.status < 300;

/** The provider called, a failure to answer recorded as the check it failed. */
function callProvider(
  services: OAuthLoginServices,
  call: FederationCall,
  url: string,
  request: IdpRequest,
  check: { name: string; endpoint: 'token' | 'userInfo' },
  record: FederationRecord,
): Promise<IdpAnswer> {
  return recorded(record, check.name, () => callIdp(services, check.endpoint, url, request, contextOf(call)));
}

/** The code exchanged for the provider's tokens (client_secret_post; a GET with the query when token_request_method is GET). */
async function requestTokens(
  services: OAuthLoginServices,
  call: FederationCall,
  details: Details,
  code: string,
  pending: PendingIdpRequest,
  record: FederationRecord,
): Promise<Record<string, unknown>> {
  const tokenUrl = requireUrl(call, details, 'token_url');
  const injected = injectedTokenEndpointFault(services, call, tokenUrl);
  if (injected) return record.fail('token endpoint', injected.detail, injected.refusal);
  const clientSecret =
    call.provider.type === 'SignInWithApple'
      ? await recorded(record, 'client secret', () => appleClientSecret(details, providerClockOf(services.clock).now()))
      : details.client_secret!;
  const values = { client_id: details.client_id!, client_secret: clientSecret, redirect_uri: pending.returnUrl, code };
  let answer: IdpAnswer;
  if (details.token_request_method === 'GET') {
    const url = new URL(tokenUrl);
    for (const [name, value] of Object.entries(values)) url.searchParams.set(name, value);
    answer = await callProvider(services, call, url.href, { method: 'GET' }, { name: 'token endpoint', endpoint: 'token' }, record);
  } else {
    const form = { grant_type: 'authorization_code', ...values };
    answer = await callProvider(services, call, tokenUrl, { method: 'POST', form }, { name: 'token endpoint', endpoint: 'token' }, record);
  }
  const tokens = isSuccess(answer) ? jsonOf(answer) : undefined;
  if (!tokens || typeof tokens.access_token !== 'string') {
    const why = !isSuccess(answer) ? `answered ${answer.status}` : tokens ? 'answered no access_token' : `answered ${answer.contentType || 'something'} that is not a JSON object`;
    return record.fail('token endpoint', why, answeredBadly(call.provider.name, 'token', answer));
  }
  record.pass('token endpoint', `${answer.status}: ${['access_token', 'id_token', 'refresh_token'].filter((name) => tokens[name]).join(', ')}`);
  return tokens;
}

/**
 * The userInfo (profile) URL, with the mapped claims as its fields when attributes_url_add_attributes
 * is true (Facebook `me?fields=`, Google `people/me?personFields=`): appended only to a URL ending
 * with `=`, as those do, so an attributes_url pointed elsewhere (a mock's userinfo) is called as it is.
 */
function userInfoUrl(call: FederationCall, details: Details, accessToken: string): string {
  let url = requireUrl(call, details, 'attributes_url');
  if (details.attributes_url_add_attributes === 'true' && url.endsWith('=')) {
    const fields = new Set(call.provider.type === 'Facebook' ? ['id'] : []);
    for (const claim of Object.values(call.provider.attributeMapping)) fields.add(claim);
    url += [...fields].join(',');
  }
  const target = new URL(url);
  if (call.provider.type === 'Facebook') target.searchParams.set('access_token', accessToken);
  return target.href;
}

async function requestUserInfo(
  services: OAuthLoginServices,
  call: FederationCall,
  details: Details,
  accessToken: string,
  record: FederationRecord,
): Promise<Record<string, unknown>> {
  const method = call.provider.type === 'OIDC' && details.attributes_request_method === 'POST' ? 'POST' : 'GET';
  const headers: Record<string, string> = call.provider.type === 'Facebook' ? {} : { authorization: `Bearer ${accessToken}` };
  const answer = await callProvider(services, call, userInfoUrl(call, details, accessToken), { method, headers }, { name: 'userInfo', endpoint: 'userInfo' }, record);
  const userInfo = isSuccess(answer) ? jsonOf(answer) : undefined;
  if (!userInfo) {
    const why = isSuccess(answer) ? `answered ${answer.contentType || 'something'} that is not a JSON object` : `answered ${answer.status}`;
    return record.fail('userInfo', why, answeredBadly(call.provider.name, 'userInfo', answer));
  }
  record.userInfo = userInfo;
  record.pass('userInfo', `${method} ${answer.status}`);
  return userInfo;
}

/** The provider's answer as the browser brought it: its refusal, or a code. */
function codeOf(call: FederationCall, pending: PendingIdpRequest, response: IdpResponse, record: FederationRecord): string {
  if (response.protocol === 'saml') return record.fail('provider answer', 'a SAML response', new FederationError('invalid_request', 'A SAML response cannot answer an OAuth request.'));
  if (pending.provider !== call.provider.name) {
    record.fail('request', `the request was sent to ${pending.provider}`, new FederationError('invalid_request', `No request was sent to ${call.provider.name}.`));
  }
  record.pass('request', `answers the request sent at ${new Date(pending.sent).toISOString()}`);
  if (response.error) {
    record.fail('provider answer', [response.error, response.errorDescription].filter(Boolean).join(': '), providerRefused(response.error, response.errorDescription));
  }
  if (!response.code) return record.fail('provider answer', 'neither a code nor an error', new FederationError('invalid_request', 'code is missing'));
  record.pass('provider answer', 'an authorization code');
  return response.code;
}

async function verifiedIdTokenClaims(
  services: OAuthLoginServices,
  call: FederationCall,
  details: Details,
  tokens: Record<string, unknown>,
  pending: PendingIdpRequest,
  record: FederationRecord,
): Promise<Record<string, unknown>> {
  if (typeof tokens.id_token !== 'string') return record.fail('ID token', 'the token endpoint sent no id_token', badIdToken());
  const jwksUri = callableUrl(jwksUriOf(call.provider.type, details));
  if (!jwksUri) return record.fail('signing key', 'the provider has no jwks_uri', badIdToken());
  const { claims } = await verifyIdToken(
    services,
    tokens.id_token,
    {
      providerName: call.provider.name,
      issuers: issuersOf(call.provider.type, details),
      clientId: details.client_id!,
      ...(details.client_secret && { clientSecret: details.client_secret }),
      jwksUri,
      ...(pending.nonce !== undefined && { nonce: pending.nonce }),
    },
    record,
    contextOf(call),
  );
  return claims;
}

/** userInfo speaks of the ID token's user, or it is not believed. */
function checkSameUser(idTokenClaims: Record<string, unknown>, userInfo: Record<string, unknown>, record: FederationRecord): void {
  if (userInfo.sub === undefined) return;
  if (userInfo.sub !== idTokenClaims.sub) {
    record.fail('userInfo subject', `userInfo sub ${String(userInfo.sub)} is not the ID token's ${String(idTokenClaims.sub)}`, badAnswer('userInfo sub does not match the id_token sub'));
  }
  record.pass('userInfo subject', 'the ID token\'s sub');
}

/** The claims the attribute mapping reads, in the order they are laid over each other. */
async function gatherClaims(
  services: OAuthLoginServices,
  call: FederationCall,
  details: Details,
  tokens: Record<string, unknown>,
  pending: PendingIdpRequest,
  response: IdpResponse & { protocol: 'oidc' | 'oauth2' },
  record: FederationRecord,
): Promise<Record<string, unknown>> {
  const { type } = call.provider;
  const accessToken = tokens.access_token as string;
  if (wireOf(type).protocol === 'oauth2') return requestUserInfo(services, call, details, accessToken, record);

  const idTokenClaims = await verifiedIdTokenClaims(services, call, details, tokens, pending, record);
  if (type === 'SignInWithApple') {
    const user = appleUserClaims(response.user);
    if (response.user) record.pass('Apple user', user ? Object.keys(user).join(', ') : 'not Apple\'s JSON: left out');
    return { ...user, ...idTokenClaims };
  }
  if (!details.attributes_url) return idTokenClaims;
  const userInfo = await requestUserInfo(services, call, details, accessToken, record);
  checkSameUser(idTokenClaims, userInfo, record);
  return { ...idTokenClaims, ...userInfo };
}

function identityOf(call: FederationCall, claims: Record<string, unknown>, record: FederationRecord): IdpIdentity {
  const { userIdClaim } = wireOf(call.provider.type);
  const userId = claimText(claims[userIdClaim]);
  if (!userId) return record.fail('user id', `no ${userIdClaim}`, badAnswer(`${call.provider.name} Error - the user's ${userIdClaim} is missing`));
  record.pass('user id', `${userIdClaim} ${userId}`);
  return { providerName: call.provider.name, providerType: call.provider.type, userId, claims: claimTexts(claims) };
}

async function exchange(
  services: OAuthLoginServices,
  call: FederationCall,
  pending: PendingIdpRequest,
  response: IdpResponse,
  record: FederationRecord,
): Promise<IdpIdentity> {
  const code = codeOf(call, pending, response, record);
  const details = await recorded(record, 'discovery', () => endpointsOf(services, call, detailsOf(call)));
  const tokens = await requestTokens(services, call, details, code, pending, record);
  const claims = await gatherClaims(services, call, details, tokens, pending, response as IdpResponse & { protocol: 'oidc' | 'oauth2' }, record);
  return identityOf(call, claims, record);
}

function publishResponded(services: OAuthLoginServices, call: FederationCall, record: FederationRecord, outcome: { identity?: IdpIdentity; error?: unknown }): void {
  const { identity, error } = outcome;
  const refusal =
    error instanceof FederationError
      ? { error: error.error, error_description: error.description }
      : error !== undefined
        ? { error: 'server_error', error_description: (error as Error).message }
        : undefined;
  services.bus.publish(
    'federation.responded',
    {
      provider: call.provider.name,
      providerType: call.provider.type,
      protocol: wireOf(call.provider.type).protocol,
      checks: record.checks,
      ...(record.idToken && { idToken: record.idToken }),
      ...(record.userInfo && { userInfo: record.userInfo }),
      ...(identity && { userId: identity.userId, claims: identity.claims }),
      ...(refusal && { error: refusal }),
    },
    { flowId: call.flowId, poolId: call.pool.id },
  );
}

export async function finishOAuthLogin(
  services: OAuthLoginServices,
  call: FederationCall,
  pending: PendingIdpRequest,
  response: IdpResponse,
): Promise<IdpIdentity> {
  const record = new FederationRecord();
  try {
    const identity = await exchange(services, call, pending, response, record);
    publishResponded(services, call, record, { identity });
    return identity;
  } catch (error) {
    publishResponded(services, call, record, { error });
    throw error;
  }
}
