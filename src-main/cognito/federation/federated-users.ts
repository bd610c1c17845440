/**
 * The user of the pool a federated sign-in signs in: the one the identity is linked to
 * (AdminLinkProviderForUser), or its own `{ProviderName}_{userId}` user, made at its first
 * sign-in. As Cognito does it (guide: "Things to know about user pools third-party sign-in",
 * "Things to know about mappings", "Lambda triggers for federated users"):
 *  - a new user has status EXTERNAL_PROVIDER, is enabled, has no password and carries the
 *    `identities` attribute (identities.ts); the attribute mapping (attribute-mapping.ts) gives
 *    it its attributes, the required ones included, at every sign-in;
 *  - the first sign-in runs PreSignUp_ExternalProvider before the user is made (a refusal leaves
 *    no user; autoVerifyEmail / autoVerifyPhone verify the mapped email / phone number,
 *    autoConfirmUser changes nothing: the user is EXTERNAL_PROVIDER either way) and post
 *    confirmation after;
 *  - later sign-ins, and every sign-in of a linked identity, run PreAuthentication_Authentication
 *    before the mapping is applied (the guide has it delete attributes for the mapping to write
 *    again) and PostAuthentication_Authentication after;
 *  - a disabled user, or one whose provider identity AdminDisableProviderForUser disabled, is
 *    refused ("User is disabled.", NotAuthorizedException, as for a password sign-in).
 * Each sign-in publishes `federation.mapped`: each mapped attribute before and after, the user,
 * and the user the identity is linked to.
 *
 * Assumptions:
 *  - the federated first sign-in's post confirmation source is PostConfirmation_ConfirmSignUp:
 *    the guide's table says PostConfirmation_ConfirmSignIn, but events captured from Cognito
 *    (EXTERNAL_PROVIDER users, callerContext aws-sdk-unknown-unknown) say ConfirmSignUp;
 *  - a linked identity signs in as its destination and no `{Provider}_{id}` user is made (the
 *    API reference's ListUsers note says Cognito also lists an IdP user for a linked one);
 *  - an existing `{Provider}_{id}` user that is not this identity's (a NameID differing only in
 *    case in a case-insensitive pool, or a native user of that name) refuses the sign-in with
 *    "Invalid ProviderName/Username combination." (InvalidParameterException);
 *  - PreSignUp_ExternalProvider's userAttributes are the mapped attributes alone (captured events
 *    sometimes also show empty `cognito:email_alias` / `cognito:phone_number_alias`);
 *  - a verified email or phone number of a federated user does not claim (or move) the alias
 *    from another user, as a sign-up's does.
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import type { ProviderLink } from '../../store/repositories/provider-links.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser, UserAttribute } from '../../store/repositories/users.js';
import { runPostConfirmation } from '../../triggers/apply/post-confirmation.js';
import { runPreSignUp, type PreSignUpDecision } from '../../triggers/apply/pre-sign-up.js';
import type { TriggerCaller } from '../../triggers/apply/caller.js';
import { userAttributesOf } from '../../triggers/events/common.js';
import { postAuthenticationEvent, readPostAuthenticationResponse } from '../../triggers/events/postAuthentication.js';
import { preAuthenticationEvent, readPreAuthenticationResponse } from '../../triggers/events/preAuthentication.js';
import type { Triggers } from '../../triggers/runtime.js';
import type { AppClient } from '../app-clients.js';
import { applyAttributeChanges, attributeMap, type AttributeChange } from '../attributes.js';
import { InvalidParameterException, NotAuthorizedException, UserNotFoundException } from '../errors.js';
import { usernameKeyOf } from '../usernames.js';
import { mapAttributes, USERNAME_MAPPING, type MappedAttribute } from './attribute-mapping.js';
import { federatedUsername, identitiesOf, isIdentityOf, withIdentities, type FederatedIdentity } from './identities.js';
import { COGNITO_SUBJECT, linkOf, PASSWORD_SIGN_IN_DISABLED } from './provider-links.js';
import { knownSamlIdp } from './saml-idp.js';
import type { IdpIdentity } from './types.js';

export type FederatedUserServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus'> & { triggers: Triggers };

export interface FederatedSignIn {
  pool: UserPool;
  client: AppClient;
  provider: IdentityProvider;
  /** Who the provider says signed in. */
  identity: IdpIdentity;
  flowId: string;
  /** As the triggers' callerContext names the caller (the hosted UI's browser: aws-sdk-unknown-unknown). */
  awsSdkVersion?: string;
  /** The browser's origin (the pool's domain as reached); kept for the steps after this one. */
  origin: string;
}

/** The status of a user a provider identity made. */
export const EXTERNAL_PROVIDER = 'EXTERNAL_PROVIDER';
/** Cognito's answer to InitiateAuth / AdminInitiateAuth naming a federated user. */
export const PASSWORD_SIGN_IN_REFUSED = 'User is not authorized to get auth details.';

/**
 * "You can't sign in federated users with API operations like InitiateAuth and AdminInitiateAuth":
 * refuses a password (or custom) sign-in of a federated user, or of a user whose password sign-in
 * AdminDisableProviderForUser turned off.
 */
export function checkPasswordSignIn(user: Pick<StoredUser, 'status' | 'extra'>): void {
  if (user.status === EXTERNAL_PROVIDER || user.extra[PASSWORD_SIGN_IN_DISABLED] === true) throw new NotAuthorizedException(PASSWORD_SIGN_IN_REFUSED);
}

/** The user id the username is made of: the claim the `username` mapping names, else the protocol's own (sub, id, user_id, NameID). */
function userIdOf(provider: IdentityProvider, identity: IdpIdentity): string {
  const claim = provider.attributeMapping[USERNAME_MAPPING];
  return (claim !== undefined && identity.claims[claim]) || identity.userId;
}

function callerOf(call: FederatedSignIn): TriggerCaller {
  return { clientId: call.client.clientId, awsSdkVersion: call.awsSdkVersion };
}

/** Each claim by name, and each mapped user pool attribute with the value its claim gives it: what a link may be made on. */
function linkValues(provider: IdentityProvider, claims: Readonly<Record<string, string>>): Map<string, string> {
  const values = new Map(Object.entries(claims));
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    if (Object.hasOwn(claims, claim)) values.set(attribute, claims[claim]!);
  }
  return values;
}

interface Found {
  user: StoredUser;
  link?: ProviderLink;
}

/** The user the identity signs in as, when it exists: the one it is linked to, else its own. */
function existingUser(services: FederatedUserServices, call: FederatedSignIn, userId: string): Found | undefined {
  const { store } = services;
  const { pool, provider, identity } = call;
  const link = linkOf(services, pool, { providerName: provider.name, userId, ...(identity.saml && { nameId: identity.saml.nameId }), values: linkValues(provider, identity.claims) });
  const linked = link && store.users.findBySub(pool.id, link.userSub);
  if (link && linked) return { user: linked, link };
  const user = store.users.findByKey(pool.id, usernameKeyOf(pool, federatedUsername(pool, provider.name, userId)));
  if (!user) return undefined;
  if (!identitiesOf(user).some((entry) => entry.primary && isIdentityOf(entry, provider.name, userId))) {
    throw new InvalidParameterException('Invalid ProviderName/Username combination.');
  }
  return { user };
}

function publishMapped(services: FederatedUserServices, call: FederatedSignIn, mapping: MappedAttribute[], user: StoredUser, created: boolean, linkedTo?: string): void {
  services.bus.publish(
    'federation.mapped',
    { provider: call.provider.name, mapping, user: { username: user.username, sub: user.sub, status: user.status, created }, ...(linkedTo && { linkedTo }) },
    { flowId: call.flowId, poolId: call.pool.id },
  );
}

async function runPreAuthentication(services: FederatedUserServices, call: FederatedSignIn, user: StoredUser): Promise<void> {
  if (!services.triggers.isConfigured(call.pool, 'PreAuthentication')) return;
  const event = preAuthenticationEvent({ ...callerOf(call), userPoolId: call.pool.id, userName: user.username, userAttributes: userAttributesOf(user, call.pool) });
  await services.triggers.invoke({ pool: call.pool, trigger: 'PreAuthentication', event, flowId: call.flowId, read: readPreAuthenticationResponse });
}

async function runPostAuthentication(services: FederatedUserServices, call: FederatedSignIn, user: StoredUser): Promise<void> {
  if (!services.triggers.isConfigured(call.pool, 'PostAuthentication')) return;
  const event = postAuthenticationEvent({ ...callerOf(call), userPoolId: call.pool.id, userName: user.username, userAttributes: userAttributesOf(user, call.pool) });
  await services.triggers.invoke({ pool: call.pool, trigger: 'PostAuthentication', event, flowId: call.flowId, read: readPostAuthenticationResponse });
}

/** A later sign-in (or a linked identity's): pre authentication, the user's state, the mapping written, post authentication. */
async function signInExisting(services: FederatedUserServices, call: FederatedSignIn, found: Found, userId: string): Promise<StoredUser> {
  const { store, clock } = services;
  const { pool, provider } = call;
  await runPreAuthentication(services, call, found.user);
  const user = store.users.findBySub(pool.id, found.user.sub);
  if (!user) throw new UserNotFoundException('User does not exist.');
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  const result = mapAttributes({ pool, client: call.client, provider, claims: call.identity.claims, current: user.attributes });
  const updated: StoredUser = { ...user, attributes: applyAttributeChanges(user.attributes, result.changes), modified: clock.now() };
  const { link } = found;
  store.transaction(() => {
    store.users.save(updated);
    if (link && link.attributeName !== COGNITO_SUBJECT && link.subject === undefined) {
      store.providerLinks.recordSubject(pool.id, link.providerName, link.attributeValue, userId);
    }
  });
  publishMapped(services, call, result.mapping, updated, false, link && updated.username);
  await runPostAuthentication(services, call, updated);
  return updated;
}

/** PreSignUp's autoVerifyEmail / autoVerifyPhone on the new user's attributes (autoConfirmUser has nothing to confirm). */
function verifiedAsDecided(attributes: readonly UserAttribute[], decision: PreSignUpDecision): UserAttribute[] {
  const values = attributeMap(attributes);
  const verify = (attribute: 'email' | 'phone_number', label: string): AttributeChange => {
    if (!values.get(attribute)) throw new InvalidParameterException(`${label} cannot be auto verified, as the user has no ${attribute}.`);
    return { name: `${attribute}_verified`, value: 'true' };
  };
  return applyAttributeChanges(attributes, [
    ...(decision.autoVerifyEmail ? [verify('email', 'Email')] : []),
    ...(decision.autoVerifyPhone ? [verify('phone_number', 'Phone number')] : []),
  ]);
}

/** SAML: the IdP's entity ID (the assertion's Issuer, else its metadata's); OIDC and social identities carry none. */
function issuerOf(services: FederatedUserServices, provider: IdentityProvider, identity: IdpIdentity): string | null {
  if (provider.type !== 'SAML') return null;
  return identity.saml?.issuer ?? knownSamlIdp(services.store, provider)?.entityId ?? null;
}

/** A first sign-in: the mapping, PreSignUp_ExternalProvider, the user made, post confirmation. */
async function createFederatedUser(services: FederatedUserServices, call: FederatedSignIn, userId: string): Promise<StoredUser> {
  const { store, clock, ids } = services;
  const { pool, provider } = call;
  const result = mapAttributes({ pool, client: call.client, provider, claims: call.identity.claims });
  const now = clock.now();
  const username = federatedUsername(pool, provider.name, userId);
  const sub = ids.uuid();
  const candidate: StoredUser = {
    poolId: pool.id,
    username,
    usernameKey: usernameKeyOf(pool, username),
    sub,
    status: EXTERNAL_PROVIDER,
    enabled: true,
    created: now,
    modified: now,
    attributes: applyAttributeChanges([{ Name: 'sub', Value: sub }], result.changes),
    extra: {},
  };
  const caller = callerOf(call);
  const decision = await runPreSignUp(services, { pool, user: candidate, triggerSource: 'PreSignUp_ExternalProvider', caller, flowId: call.flowId });
  const identity: FederatedIdentity = { userId, providerName: provider.name, providerType: provider.type, issuer: issuerOf(services, provider, call.identity), primary: true, dateCreated: now };
  const user: StoredUser = { ...candidate, attributes: withIdentities(verifiedAsDecided(candidate.attributes, decision), [identity]) };
  store.users.insert(user);
  publishMapped(services, call, result.mapping, user, true);
  await runPostConfirmation(services, { pool, user, triggerSource: 'PostConfirmation_ConfirmSignUp', caller, flowId: call.flowId });
  return user;
}

/**
 * Signs the provider's identity in as a user of the pool: the user it is linked to, its own
 * federated user, or a new one. Throws Cognito's exceptions (a trigger's refusal, a required
 * attribute the provider did not send, a disabled user); the hosted login redirects with them.
 */
export async function signInFederatedUser(services: FederatedUserServices, call: FederatedSignIn): Promise<StoredUser> {
  const userId = userIdOf(call.provider, call.identity);
  const found = existingUser(services, call, userId);
  return found ? signInExisting(services, call, found, userId) : createFederatedUser(services, call, userId);
}
