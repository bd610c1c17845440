/**
 * Linking identities at a pool's identity providers to existing users (AdminLinkProviderForUser)
 * and undoing it (AdminDisableProviderForUser), and finding, at a federated sign-in, the user an
 * identity is linked to. Rules from the guide ("Linking federated users to an existing user
 * profile") and the API reference:
 *  - the SourceUser is an identity at one of the pool's providers, never a Cognito user; social
 *    providers link on `Cognito_Subject` (the provider's user id: Google and Apple `sub`,
 *    Facebook `id`, Amazon `user_id`); OIDC and SAML ones also on a claim, a SAML attribute or
 *    the user pool attribute a claim is mapped to;
 *  - the identity must not have signed in yet (its `{Provider}_{id}` user must not exist), and a
 *    value links once per provider;
 *  - the DestinationUser is a user of the pool: ProviderName `Cognito` and the username (the
 *    ProviderAttributeName is ignored), or a provider's name and the id of its federated user;
 *    every attribute it has must be mutable; it takes at most five links;
 *  - a link adds the identity to the destination's `identities` (issuer null, primary false);
 *    unlinking takes it out.
 *
 * Messages: "Invalid SourceUser: Cognito users with a username/password may not be passed in as
 * a SourceUser, only as a DestinationUser", "Merging is not currently supported, provide a
 * SourceUser that has not been signed up in order to link" and "SourceUser is already linked to
 * DestinationUser" are Cognito's as applications report them; an unknown provider answers the
 * live service's text for it ("Identity provider X for tenantId Y does not exist."). The rest
 * (a social provider linked on another attribute, too many links, an immutable attribute on the
 * destination, a missing attribute name or value) use sandbox wording: Cognito's is not known.
 *
 * AdminDisableProviderForUser, as its reference describes it: for a provider identity that is
 * linked, the link is removed (named as it was linked, or by Cognito_Subject and the user id of
 * the identity that has signed in through it); for one that is not, its federated user can no
 * longer sign in: the sandbox disables it (Enabled false; AdminEnableUser undoes it), an
 * assumption. For ProviderName `Cognito` (Cognito_Subject and the username), the user can no
 * longer sign in with a password: InitiateAuth and AdminInitiateAuth refuse it as they refuse
 * federated users.
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import type { ProviderLink } from '../../store/repositories/provider-links.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException, UserNotFoundException } from '../errors.js';
import { schemaOf } from '../pool-config.js';
import { resolveUser, usernameKeyOf } from '../usernames.js';
import { federatedUsername, identitiesOf, isIdentityOf, withIdentities, type FederatedIdentity } from './identities.js';

/** The ProviderName that stands for the pool's own users. */
export const COGNITO_PROVIDER = 'Cognito';
/** The ProviderAttributeName that stands for the provider's user id (a SAML NameID). */
export const COGNITO_SUBJECT = 'Cognito_Subject';
/** "You can link up to five federated users to each user profile." */
export const MAX_LINKS_PER_USER = 5;

const SOCIAL_TYPES: ReadonlySet<string> = new Set(['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple']);

export type LinkServices = Pick<BaseServices, 'store' | 'clock'>;

/** ProviderUserIdentifierType as the request gives it. */
export interface ProviderUser {
  ProviderName?: string;
  ProviderAttributeName?: string;
  ProviderAttributeValue?: string;
}

/** What the sandbox keeps on a user whose password sign-in AdminDisableProviderForUser turned off. */
export const PASSWORD_SIGN_IN_DISABLED = 'passwordSignInDisabled';

const isCognito = (name: string | undefined) => name?.toLowerCase() === COGNITO_PROVIDER.toLowerCase();

function requireLinkProvider(services: LinkServices, pool: UserPool, name: string): IdentityProvider {
  const provider = services.store.identityProviders.find(pool.id, name);
  if (!provider) throw new ResourceNotFoundException(`Identity provider ${name} for tenantId ${pool.id} does not exist.`);
  return provider;
}

function requireMember(value: string | undefined, role: string, member: string): string {
  if (!value) throw new InvalidParameterException(`Invalid ${role}: ${member} is required.`);
  return value;
}

/** The federated user an identity made when it signed in, if it has. */
export function federatedUserOf(services: LinkServices, pool: UserPool, providerName: string, userId: string): StoredUser | undefined {
  const user = services.store.users.findByKey(pool.id, usernameKeyOf(pool, federatedUsername(pool, providerName, userId)));
  return user && identitiesOf(user).some((identity) => identity.primary && isIdentityOf(identity, providerName, userId)) ? user : undefined;
}

/** The user a request's DestinationUser (or AdminDisableProviderForUser's Cognito User) names. */
function destinationUser(services: LinkServices, pool: UserPool, destination: ProviderUser): StoredUser {
  const providerName = requireMember(destination.ProviderName, 'DestinationUser', 'ProviderName');
  const value = requireMember(destination.ProviderAttributeValue, 'DestinationUser', 'ProviderAttributeValue');
  const user = isCognito(providerName)
    ? resolveUser(services.store, pool, value)
    : federatedUserOf(services, pool, requireLinkProvider(services, pool, providerName).name, value);
  if (!user) throw new UserNotFoundException('User does not exist.');
  return user;
}

/** "All attributes in the DestinationUser profile must be mutable." */
function checkAllMutable(pool: UserPool, user: StoredUser): void {
  const immutable = new Set(schemaOf(pool).filter((attribute) => attribute.Mutable === false && attribute.Name !== 'sub').map((attribute) => attribute.Name!));
  const held = user.attributes.find((attribute) => immutable.has(attribute.Name));
  if (held) throw new InvalidParameterException(`Invalid DestinationUser: its attributes must all be mutable, and ${held.Name} is not.`);
}

/** The source identity's provider and the attribute it links on, checked. */
function sourceIdentity(services: LinkServices, pool: UserPool, source: ProviderUser) {
  const providerName = requireMember(source.ProviderName, 'SourceUser', 'ProviderName');
  if (isCognito(providerName)) {
    throw new InvalidParameterException('Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser');
  }
  const provider = requireLinkProvider(services, pool, providerName);
  const attributeName = requireMember(source.ProviderAttributeName, 'SourceUser', 'ProviderAttributeName');
  const value = requireMember(source.ProviderAttributeValue, 'SourceUser', 'ProviderAttributeValue');
  if (SOCIAL_TYPES.has(provider.type) && attributeName !== COGNITO_SUBJECT) {
    throw new InvalidParameterException(`Invalid SourceUser: a ${provider.type} identity is linked on ${COGNITO_SUBJECT}, not ${attributeName}.`);
  }
  return { provider, attributeName, value };
}

/** AdminLinkProviderForUser: the source identity signs in as the destination user from now on. */
export function linkProviderForUser(services: LinkServices, pool: UserPool, destination: ProviderUser, source: ProviderUser): void {
  const { store, clock } = services;
  const { provider, attributeName, value } = sourceIdentity(services, pool, source);
  const user = destinationUser(services, pool, destination);
  checkAllMutable(pool, user);
  if (attributeName === COGNITO_SUBJECT && federatedUserOf(services, pool, provider.name, value)) {
    throw new InvalidParameterException('Merging is not currently supported, provide a SourceUser that has not been signed up in order to link');
  }
  if (store.providerLinks.find(pool.id, provider.name, value)) throw new InvalidParameterException('SourceUser is already linked to DestinationUser');
  if (store.providerLinks.forUser(pool.id, user.sub).length >= MAX_LINKS_PER_USER) {
    throw new LimitExceededException(`A user can be linked to at most ${MAX_LINKS_PER_USER} identities from identity providers.`);
  }
  const now = clock.now();
  const identity: FederatedIdentity = { userId: value, providerName: provider.name, providerType: provider.type, issuer: null, primary: false, dateCreated: now };
  store.transaction(() => {
    store.providerLinks.insert({ poolId: pool.id, providerName: provider.name, attributeName, attributeValue: value, userSub: user.sub, created: now });
    store.users.save({ ...user, attributes: withIdentities(user.attributes, [...identitiesOf(user), identity]), modified: now });
  });
}

/** The link AdminDisableProviderForUser names: as it was made, or by Cognito_Subject and the id that signed in through it. */
function namedLink(services: LinkServices, pool: UserPool, providerName: string, attributeName: string, value: string): ProviderLink | undefined {
  const link = services.store.providerLinks.find(pool.id, providerName, value);
  if (link && (link.attributeName === attributeName || (attributeName === COGNITO_SUBJECT && link.subject === value))) return link;
  return attributeName === COGNITO_SUBJECT ? services.store.providerLinks.findBySubject(pool.id, providerName, value) : undefined;
}

function unlink(services: LinkServices, pool: UserPool, link: ProviderLink): void {
  const { store, clock } = services;
  const user = store.users.findBySub(pool.id, link.userSub);
  store.transaction(() => {
    store.providerLinks.delete(pool.id, link.providerName, link.attributeValue);
    if (!user) return;
    const kept = identitiesOf(user).filter((identity) => identity.primary || !isIdentityOf(identity, link.providerName, link.attributeValue));
    store.users.save({ ...user, attributes: withIdentities(user.attributes, kept), modified: clock.now() });
  });
}

/** AdminDisableProviderForUser. */
export function disableProviderForUser(services: LinkServices, pool: UserPool, target: ProviderUser): void {
  const { store, clock } = services;
  const providerName = requireMember(target.ProviderName, 'User', 'ProviderName');
  const attributeName = requireMember(target.ProviderAttributeName, 'User', 'ProviderAttributeName');
  const value = requireMember(target.ProviderAttributeValue, 'User', 'ProviderAttributeValue');
  if (isCognito(providerName)) {
    if (attributeName !== COGNITO_SUBJECT) throw new InvalidParameterException(`Invalid User: a Cognito user is named by ${COGNITO_SUBJECT}, not ${attributeName}.`);
    const user = destinationUser(services, pool, target);
    store.users.save({ ...user, extra: { ...user.extra, [PASSWORD_SIGN_IN_DISABLED]: true }, modified: clock.now() });
    return;
  }
  const provider = requireLinkProvider(services, pool, providerName);
  if (SOCIAL_TYPES.has(provider.type) && attributeName !== COGNITO_SUBJECT) {
    throw new InvalidParameterException(`Invalid User: a ${provider.type} identity is named by ${COGNITO_SUBJECT}, not ${attributeName}.`);
  }
  const link = namedLink(services, pool, provider.name, attributeName, value);
  if (link) return unlink(services, pool, link);
  const user = attributeName === COGNITO_SUBJECT ? federatedUserOf(services, pool, provider.name, value) : undefined;
  if (!user) throw new UserNotFoundException('User does not exist.');
  store.users.save({ ...user, enabled: false, modified: clock.now() });
}

/** What an identity offers a link to match: its user id, and each claim or mapped attribute by name. */
export interface LinkCandidate {
  providerName: string;
  userId: string;
  /** The SAML NameID, when the identity is a SAML one. */
  nameId?: string;
  /** Claim or SAML attribute name → value, and user pool attribute → the value the mapping gives it. */
  values: ReadonlyMap<string, string>;
}

function matches(link: ProviderLink, candidate: LinkCandidate): boolean {
  if (link.attributeName === COGNITO_SUBJECT) return link.attributeValue === candidate.userId;
  if (link.attributeName === 'NameID' && candidate.nameId !== undefined) return link.attributeValue === candidate.nameId;
  return candidate.values.get(link.attributeName) === link.attributeValue;
}

/** The link an identity signs in through, if any: the one it signed in through before, else one its id or attributes match. */
export function linkOf(services: Pick<BaseServices, 'store'>, pool: UserPool, candidate: LinkCandidate): ProviderLink | undefined {
  const { providerLinks } = services.store;
  const known = providerLinks.findBySubject(pool.id, candidate.providerName, candidate.userId);
  if (known) return known;
  const values = [...new Set([candidate.userId, ...(candidate.nameId ? [candidate.nameId] : []), ...candidate.values.values()])];
  return providerLinks.findAny(pool.id, candidate.providerName, values).find((link) => matches(link, candidate));
}
