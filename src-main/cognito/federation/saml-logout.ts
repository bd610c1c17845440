/**
 * SAML single logout, the pool as service provider, for providers with IDPSignout "true":
 *
 * - SP-initiated (startSamlLogout): after /logout ends the hosted session of a user who signed in
 *   through the provider, the browser goes to the provider's SingleLogoutService (HTTP-Redirect)
 *   with a LogoutRequest naming the session's NameID and SessionIndex, signed with the pool's
 *   signing key (Cognito signs every logout request: the certificate is GetSigningCertificate's);
 *   the provider's LogoutResponse comes back to /saml2/logout, and the browser goes on to where
 *   /logout was sending it (the app's sign-out URL or the sign-in page).
 * - IdP-initiated (answerSamlLogoutMessage with a LogoutRequest): the provider's signed
 *   LogoutRequest ends the hosted sessions of its NameID (and SessionIndex), and the browser
 *   goes back to the provider with a signed LogoutResponse.
 *
 * Both arrive at /saml2/logout by POST (Cognito's binding) or by redirect. Refusals are
 * SamlLogoutRefused: the door shows the error page (sandbox wording; Cognito's is not known).
 *
 * Assumptions: an unsigned LogoutResponse, or one with a status other than Success, is taken (it
 * only sends the browser on: the session has ended already) but a badly signed one is not; a
 * LogoutRequest must be signed; a LogoutRequest
 * naming no live session is answered Requester / UnknownPrincipal. A logout request waits five
 * minutes for its answer.
 */
import type { Profile } from '@node-saml/node-saml';
import type { BaseServices } from '../../base-services.js';
import { closeSamlSessions, type SessionSamlIdentity } from '../hosted-sessions.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { knownSamlIdp, samlIdpOf } from './saml-idp.js';
import { samlSigningKey } from './saml-keys.js';
import type { SamlIdpDescription } from './saml-metadata.js';
import { samlServiceProvider } from './saml-sp.js';
import { attributeOf, childElement, decodePostMessage, decodeRedirectMessage, parseSamlXml, SAML_ASSERTION, SAML_PROTOCOL, textOf, UnreadableSamlMessage } from './saml-xml.js';
import { providerClockOf } from '../../clock.js';

export type SamlLogoutServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'ids'>;

/** How long a LogoutRequest waits for the provider's LogoutResponse. */
const LOGOUT_ANSWER_MS = 5 * 60 * 1000;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** A LogoutRequest or LogoutResponse /saml2/logout does not take. */
export class SamlLogoutRefused extends Error {
  override name = 'SamlLogoutRefused';
}

export interface SamlLogoutStart {
  pool: UserPool;
  identity: SessionSamlIdentity;
  origin: string;
  /** Where the browser goes once the provider has answered. */
  next: string;
  flowId?: string | null;
}

/**
 * The provider's SingleLogoutService URL with the signed LogoutRequest, when the provider has
 * IDPSignout "true" and a redirect SLO endpoint; undefined otherwise (the browser goes straight
 * on). A provider whose metadata cannot be read is skipped: signing out never fails for it.
 */
export async function startSamlLogout(services: SamlLogoutServices, start: SamlLogoutStart): Promise<string | undefined> {
  const provider = services.store.identityProviders.find(start.pool.id, start.identity.provider);
  if (provider?.type !== 'SAML' || provider.details.IDPSignout !== 'true') return undefined;
  const idp = await samlIdpOf(services, provider, start.flowId ?? null).catch(() => undefined);
  if (!idp?.sloRedirectBindingUri || !URL.canParse(idp.sloRedirectBindingUri)) return undefined;
  const requestId = `_${services.ids.uuid()}`;
  const sp = samlServiceProvider(
    {
      poolId: start.pool.id,
      origin: start.origin,
      idpCertificates: idp.signingCertificates,
      sloUrl: idp.sloRedirectBindingUri,
      signingKey: (await samlSigningKey(services, start.pool.id)).privateKey,
      requestId,
    },
    providerClockOf(services.clock),
  );
  const profile: Profile = {
    issuer: idp.entityId,
    nameID: start.identity.nameId,
    nameIDFormat: start.identity.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    ...(start.identity.sessionIndex && { sessionIndex: start.identity.sessionIndex }),
  };
  const location = await sp.getLogoutUrlAsync(profile, requestId, {});
  const now = providerClockOf(services.clock).now();
  services.store.samlLogoutRequests.insert({ requestId, poolId: start.pool.id, provider: provider.name, next: start.next, expires: now + LOGOUT_ANSWER_MS }, now);
  return location;
}

/** A message as it reached /saml2/logout. */
export interface SamlLogoutMessage {
  binding: 'post' | 'redirect';
  /** The form (POST) or query (redirect) parameters. */
  parameters: Record<string, string>;
  /** The query string as sent (redirect binding): its signature covers the parameters as encoded there. */
  rawQuery?: string;
  origin: string;
  /** The pool the request's host names (`{prefix}.localhost`), if it names one. */
  poolId?: string;
}

export type SamlLogoutOutcome =
  /** The provider answered the pool's LogoutRequest: the browser goes on. */
  | { kind: 'answered'; poolId: string; provider: string; next: string; status?: string }
  /** The provider asked for a logout: the sessions ended, the browser goes back with the answer. */
  | { kind: 'loggedOut'; poolId: string; provider: string; ended: number; location: string };

interface ReadMessage {
  root: Element;
  issuer?: string;
}

function readMessage(message: SamlLogoutMessage, name: 'SAMLRequest' | 'SAMLResponse'): ReadMessage {
  try {
    const encoded = message.parameters[name]!;
    const xml = message.binding === 'redirect' ? decodeRedirectMessage(encoded) : decodePostMessage(encoded);
    const root = parseSamlXml(xml).documentElement;
    const issuer = textOf(childElement(root, SAML_ASSERTION, 'Issuer'));
    return { root, ...(issuer && { issuer }) };
  } catch (error) {
    if (error instanceof UnreadableSamlMessage) throw new SamlLogoutRefused(error.message);
    throw error;
  }
}

/** node-saml's check of the message's signature (XML signature for POST, query signature for redirect); node-saml reads the message again. */
async function verifiedByNodeSaml(services: SamlLogoutServices, message: SamlLogoutMessage, poolId: string, idp: SamlIdpDescription): Promise<Profile | null> {
  const sp = samlServiceProvider({ poolId, origin: message.origin, idpCertificates: idp.signingCertificates }, providerClockOf(services.clock));
  try {
    if (message.binding === 'redirect') return (await sp.validateRedirectAsync(message.parameters, message.rawQuery ?? '')).profile;
    if (message.parameters.SAMLRequest !== undefined) return (await sp.validatePostRequestAsync({ SAMLRequest: message.parameters.SAMLRequest })).profile;
    return (await sp.validatePostResponseAsync({ SAMLResponse: message.parameters.SAMLResponse! })).profile;
  } catch (error) {
    throw new SamlLogoutRefused(`The ${message.parameters.SAMLRequest !== undefined ? 'LogoutRequest' : 'LogoutResponse'} does not verify: ${(error as Error).message}`);
  }
}

function isSigned(message: SamlLogoutMessage, root: Element): boolean {
  if (message.binding === 'redirect') return message.parameters.Signature !== undefined;
  return childElement(root, 'http://www.w3.org/2000/09/xmldsig#', 'Signature') !== undefined;
}

async function answered(services: SamlLogoutServices, message: SamlLogoutMessage): Promise<SamlLogoutOutcome> {
  const { root, issuer } = readMessage(message, 'SAMLResponse');
  if (root.namespaceURI !== SAML_PROTOCOL || root.localName !== 'LogoutResponse') throw new SamlLogoutRefused('SAMLResponse is not a LogoutResponse.');
  const inResponseTo = attributeOf(root, 'InResponseTo') ?? message.parameters.RelayState;
  const now = providerClockOf(services.clock).now();
  const request = inResponseTo === undefined ? undefined : services.store.samlLogoutRequests.take(inResponseTo, now);
  if (!request) throw new SamlLogoutRefused('The LogoutResponse answers no logout request the sandbox is waiting for.');
  const provider = services.store.identityProviders.find(request.poolId, request.provider);
  const idp = provider && knownSamlIdp(services.store, provider);
  if (!idp || issuer !== idp.entityId) throw new SamlLogoutRefused(`The LogoutResponse's Issuer is not the entity ID of identity provider ${request.provider}.`);
  // node-saml refuses any status but Success before it looks at the signature: the session has ended either way, so the browser goes on.
  const status = attributeOf(childElement(childElement(root, SAML_PROTOCOL, 'Status'), SAML_PROTOCOL, 'StatusCode'), 'Value');
  if (status === SUCCESS && isSigned(message, root)) await verifiedByNodeSaml(services, message, request.poolId, idp);
  return { kind: 'answered', poolId: request.poolId, provider: request.provider, next: request.next, ...(status && { status }) };
}

/** The SAML providers with IDPSignout "true" whose metadata names this issuer, in the pool the host names or in every pool. */
function signOutProviders(services: SamlLogoutServices, issuer: string | undefined, poolId: string | undefined): IdentityProvider[] {
  if (!issuer) return [];
  const pools = poolId ? [poolId] : services.store.pools.all().map((pool) => pool.id);
  return pools.flatMap((id) =>
    services.store.identityProviders
      .all(id)
      .filter((provider) => provider.type === 'SAML' && provider.details.IDPSignout === 'true' && knownSamlIdp(services.store, provider)?.entityId === issuer),
  );
}

async function loggedOut(services: SamlLogoutServices, message: SamlLogoutMessage): Promise<SamlLogoutOutcome> {
  const { root, issuer } = readMessage(message, 'SAMLRequest');
  if (root.namespaceURI !== SAML_PROTOCOL || root.localName !== 'LogoutRequest') throw new SamlLogoutRefused('SAMLRequest is not a LogoutRequest.');
  if (!isSigned(message, root)) throw new SamlLogoutRefused('The LogoutRequest is not signed.');
  const providers = signOutProviders(services, issuer, message.poolId);
  if (providers.length === 0) throw new SamlLogoutRefused(`No SAML identity provider with IDPSignout "true" has the entity ID ${issuer ?? '(no Issuer)'}.`);
  let last: { provider: IdentityProvider; idp: SamlIdpDescription; profile: Profile } | undefined;
  let ended = 0;
  let refusal: SamlLogoutRefused | undefined;
  for (const provider of providers) {
    const idp = knownSamlIdp(services.store, provider)!;
    try {
      const profile = await verifiedByNodeSaml(services, message, provider.poolId, idp);
      if (!profile?.nameID) continue;
      ended += closeSamlSessions(services, provider.poolId, { provider: provider.name, nameId: profile.nameID, ...(profile.sessionIndex && { sessionIndex: profile.sessionIndex }) });
      last = { provider, idp, profile };
    } catch (error) {
      if (!(error instanceof SamlLogoutRefused)) throw error;
      refusal = error;
    }
  }
  if (!last) throw refusal ?? new SamlLogoutRefused('The LogoutRequest names no NameID.');
  if (!last.idp.sloRedirectBindingUri || !URL.canParse(last.idp.sloRedirectBindingUri)) {
    throw new SamlLogoutRefused(`Identity provider ${last.provider.name} has no HTTP-Redirect SingleLogoutService to answer.`);
  }
  const sp = samlServiceProvider(
    {
      poolId: last.provider.poolId,
      origin: message.origin,
      idpCertificates: last.idp.signingCertificates,
      sloUrl: last.idp.sloRedirectBindingUri,
      signingKey: (await samlSigningKey(services, last.provider.poolId)).privateKey,
      requestId: `_${services.ids.uuid()}`,
    },
    providerClockOf(services.clock),
  );
  const location = await sp.getLogoutResponseUrlAsync(last.profile, message.parameters.RelayState ?? '', {}, ended > 0);
  return { kind: 'loggedOut', poolId: last.provider.poolId, provider: last.provider.name, ended, location };
}

/** What /saml2/logout does with a LogoutResponse (the answer to the pool's request) or a LogoutRequest (the provider's). */
export async function answerSamlLogoutMessage(services: SamlLogoutServices, message: SamlLogoutMessage): Promise<SamlLogoutOutcome> {
  if (message.parameters.SAMLResponse !== undefined) return answered(services, message);
  if (message.parameters.SAMLRequest !== undefined) return loggedOut(services, message);
  throw new SamlLogoutRefused('SAMLRequest or SAMLResponse is required.');
}
