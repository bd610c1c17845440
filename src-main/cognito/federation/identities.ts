/**
 * The `identities` attribute: the provider identities a user of the pool signs in with. Cognito
 * writes it and nobody else may (guide: "You can't change the identities attribute in a user
 * profile directly"). As the attribute (AdminGetUser, ListUsers, trigger events) it is a JSON
 * string of `[{userId, providerName, providerType, issuer, primary, dateCreated}]`, `primary` a
 * boolean and `dateCreated` epoch milliseconds; in the ID token it is the same array with
 * `primary` and `dateCreated` as strings, as real tokens carry them.
 *
 * `issuer` is the SAML IdP's entity ID for a SAML identity and null for OIDC and social ones, as
 * real users show it; a linked identity (AdminLinkProviderForUser) is written with issuer null and
 * primary false.
 *
 * A federated user's username is `{ProviderName}_{userId}`; in a case-insensitive pool Cognito
 * hands it out lower-cased (its "text output is flattened to lowercase"), while the identity
 * keeps the provider's user id, case and all (SAML NameIDs are case-sensitive in every pool).
 */
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser, UserAttribute } from '../../store/repositories/users.js';
import { isUsernameCaseSensitive } from '../pool-config.js';

export const IDENTITIES = 'identities';

export interface FederatedIdentity {
  userId: string;
  providerName: string;
  providerType: IdentityProviderTypeType | string;
  issuer: string | null;
  primary: boolean;
  /** Epoch milliseconds. */
  dateCreated: number;
}

/** The username Cognito gives the user an identity creates: `Google_1234`, `google_1234` in a case-insensitive pool. */
export function federatedUsername(pool: UserPool, providerName: string, userId: string): string {
  const username = `${providerName}_${userId}`;
  return isUsernameCaseSensitive(pool) ? username : username.toLowerCase();
}

function isIdentity(value: unknown): value is FederatedIdentity {
  const entry = value as Partial<FederatedIdentity> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.userId === 'string' && typeof entry.providerName === 'string';
}

/** The identities an attribute value lists (nothing when it does not parse). */
export function parseIdentities(value: string | undefined): FederatedIdentity[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter(isIdentity) : [];
  } catch {
    return [];
  }
}

export function identitiesOf(user: Pick<StoredUser, 'attributes'>): FederatedIdentity[] {
  return parseIdentities(user.attributes.find((attribute) => attribute.Name === IDENTITIES)?.Value);
}

/** The attribute's value, members in Cognito's order. */
export function identitiesValue(identities: readonly FederatedIdentity[]): string {
  return JSON.stringify(
    identities.map(({ userId, providerName, providerType, issuer, primary, dateCreated }) => ({ userId, providerName, providerType, issuer, primary, dateCreated })),
  );
}

/** The user's attributes with `identities` set to `identities` (in place, or after `sub` when new). */
export function withIdentities(attributes: readonly UserAttribute[], identities: readonly FederatedIdentity[]): UserAttribute[] {
  const value = identitiesValue(identities);
  const index = attributes.findIndex((attribute) => attribute.Name === IDENTITIES);
  if (identities.length === 0) return attributes.filter((attribute) => attribute.Name !== IDENTITIES);
  if (index >= 0) return attributes.map((attribute, i) => (i === index ? { Name: IDENTITIES, Value: value } : { ...attribute }));
  const afterSub = attributes.findIndex((attribute) => attribute.Name === 'sub') + 1;
  return [...attributes.slice(0, afterSub), { Name: IDENTITIES, Value: value }, ...attributes.slice(afterSub)];
}

/** Whether the entry is the provider's identity `userId` (user ids compared exactly). */
export function isIdentityOf(identity: FederatedIdentity, providerName: string, userId: string): boolean {
  return identity.providerName === providerName && identity.userId === userId;
}

/** The `identities` claim of an ID token: the attribute's entries, `primary` and `dateCreated` as strings. */
export function identitiesClaim(value: string): Array<Record<string, string | null>> {
  return parseIdentities(value).map((identity) => ({
    userId: identity.userId,
    providerName: identity.providerName,
    providerType: identity.providerType,
    issuer: identity.issuer ?? null,
    primary: String(identity.primary),
    dateCreated: String(identity.dateCreated),
  }));
}
