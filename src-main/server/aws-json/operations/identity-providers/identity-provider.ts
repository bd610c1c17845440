/**
 * Steps the identity-provider operations share: input shapes, Cognito's naming rules,
 * identifier uniqueness, lookups and the wire form.
 *
 * Messages: "Provider X cannot be of type Google." is Cognito's; the not-found and duplicate
 * texts ("... for tenantId ...") are Cognito's as reported from the live service, not from its
 * documentation. Refusals of a repeated IdpIdentifier and of AcrMapping outside OIDC use
 * sandbox wording.
 */
import type { IdentityProviderType, IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../../../../store/index.js';
import type { IdentityProvider } from '../../../../store/repositories/identity-providers.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import { IdpIdentifierType } from '../../model.js';
import type { Wire } from '../../operation.js';
import { enumeration, list, map, string } from '../../shapes.js';
import { wireDate } from '../common.js';
import { describedDetails } from '../../../../cognito/federation/provider-details.js';
import { shownSamlDetails } from '../../../../cognito/federation/saml-provider.js';

/** In the order Cognito lists them in its validation message. */
export const IdentityProviderTypeShape = enumeration(['Facebook', 'SAML', 'SignInWithApple', 'LoginWithAmazon', 'OIDC', 'Google']);
export const ProviderDetailsShape = map(string(), string());
export const AttributeMappingShape = map(string({ min: 1, max: 32 }), string());
export const IdpIdentifiersShape = list(IdpIdentifierType, { max: 50 });
export const AcrMappingShape = map(string(), string());

const SOCIAL_TYPES: readonly string[] = ['Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple'];
const ACR_LEVELS = ['Level1', 'Level2', 'Level3', 'Level4'];

/**
 * A social provider is named for its type; SAML and OIDC providers cannot take a social name,
 * nor COGNITO, which stands for the pool's own users in SupportedIdentityProviders.
 */
export function checkProviderName(name: string, type: IdentityProviderTypeType): void {
  const fits = SOCIAL_TYPES.includes(type) ? name === type : !SOCIAL_TYPES.includes(name) && name.toUpperCase() !== 'COGNITO';
  if (!fits) throw new InvalidParameterException(`Provider ${name} cannot be of type ${type}.`);
}

/** Identifiers are unique across the pool's providers (`exceptProvider`: the one being updated). */
export function checkIdpIdentifiers(store: Store, poolId: string, identifiers: string[], exceptProvider?: string): void {
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    if (seen.has(identifier)) throw new InvalidParameterException(`Duplicate IdpIdentifier: ${identifier}.`);
    seen.add(identifier);
  }
  for (const other of store.identityProviders.all(poolId)) {
    if (other.name === exceptProvider) continue;
    const taken = other.idpIdentifiers.find((identifier) => seen.has(identifier));
    if (taken) throw new InvalidParameterException(`IdpIdentifier ${taken} is already used by identity provider ${other.name}.`);
  }
}

export function checkAcrMapping(type: IdentityProviderTypeType, acrMapping: Record<string, string>): void {
  if (type !== 'OIDC') throw new InvalidParameterException('AcrMapping is supported only by OIDC identity providers.');
  const level = Object.keys(acrMapping).find((key) => !ACR_LEVELS.includes(key));
  if (level) throw new InvalidParameterException(`AcrMapping keys are Level1 to Level4, not ${level}.`);
}

export function requireProvider(store: Store, poolId: string, name: string): IdentityProvider {
  const provider = store.identityProviders.find(poolId, name);
  if (!provider) throw new ResourceNotFoundException(`Identity provider ${name} for tenantId ${poolId} does not exist.`);
  return provider;
}

/**
 * The provider as Cognito answers it; a social provider's mock endpoints are at `origin`, the one
 * the request reached; a SAML provider's endpoints and encryption certificate from what the store keeps.
 */
export function toIdentityProviderType(store: Store, provider: IdentityProvider, origin: string): Wire<IdentityProviderType> {
  return {
    UserPoolId: provider.poolId,
    ProviderName: provider.name,
    ProviderType: provider.type,
    ProviderDetails: { ...shownSamlDetails(store, provider), ...describedDetails(provider, origin) },
    AttributeMapping: provider.attributeMapping,
    IdpIdentifiers: provider.idpIdentifiers,
    ...(provider.acrMapping && { AcrMapping: provider.acrMapping }),
    LastModifiedDate: wireDate(provider.modified),
    CreationDate: wireDate(provider.created),
  };
}
