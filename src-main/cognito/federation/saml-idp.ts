/**
 * A SAML provider as the SP sees it: its metadata (the MetadataFile, or the document at its
 * MetadataURL) read into entity ID, signing certificates and endpoints. A MetadataURL is fetched
 * through idpFetch (the debugger's identity-provider lane) and kept; Cognito refreshes it every
 * six hours, and so does the sandbox, keeping the last good document when a refresh fails.
 *
 * Limitations: a metadata document's validUntil and cacheDuration do not shorten the six hours.
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { idpFetch, IdpUnreachable } from './idp-fetch.js';
import { describeSamlIdp, type SamlIdpDescription } from './saml-metadata.js';
import { FederationError } from './types.js';

/** Cognito refreshes a MetadataURL document every six hours. */
const METADATA_REFRESH_MS = 6 * 60 * 60 * 1000;

type IdpServices = Pick<BaseServices, 'store' | 'clock' | 'bus'>;

/** The provider's metadata as far as the sandbox knows it without a fetch: its MetadataFile, or the document kept from its MetadataURL. */
export function knownSamlIdp(store: BaseServices['store'], provider: IdentityProvider): SamlIdpDescription | undefined {
  const { MetadataFile: file, MetadataURL: url } = provider.details;
  if (file !== undefined) return describeSamlIdp(file);
  const kept = url === undefined ? undefined : store.samlMetadataDocuments.find(provider.poolId, provider.name);
  return kept && kept.url === url ? describeSamlIdp(kept.document) : undefined;
}

async function fetchMetadata(services: IdpServices, provider: IdentityProvider, url: string, flowId: string | null): Promise<SamlIdpDescription | undefined> {
  try {
    const answer = await idpFetch(services, url, { headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } }, { flowId, poolId: provider.poolId });
    const description = answer.status === 200 ? describeSamlIdp(answer.text) : undefined;
    if (description) {
      services.store.samlMetadataDocuments.save({ poolId: provider.poolId, providerName: provider.name, url, document: answer.text, fetched: services.clock.now() });
    }
    return description;
  } catch (error) {
    if (error instanceof IdpUnreachable) return undefined;
    throw error;
  }
}

/**
 * The provider's metadata, fetched when its MetadataURL document is missing or six hours old;
 * FederationError when there is none to use (Cognito's wording for a metadata URL it cannot read).
 */
export async function samlIdpOf(services: IdpServices, provider: IdentityProvider, flowId: string | null = null): Promise<SamlIdpDescription> {
  const { MetadataFile: file, MetadataURL: url } = provider.details;
  const known = file !== undefined ? describeSamlIdp(file) : undefined;
  if (known) return known;
  if (url !== undefined) {
    const kept = services.store.samlMetadataDocuments.find(provider.poolId, provider.name);
    const current = kept && kept.url === url ? kept : undefined;
    if (current && services.clock.now() - current.fetched < METADATA_REFRESH_MS) {
      const description = describeSamlIdp(current.document);
      if (description) return description;
    }
    const fetched = (await fetchMetadata(services, provider, url, flowId)) ?? (current && describeSamlIdp(current.document));
    if (fetched) return fetched;
    throw new FederationError('invalid_request', `Error retrieving metadata from ${url}`);
  }
  throw new FederationError('invalid_request', `The metadata of identity provider ${provider.name} is not SAML metadata of an identity provider.`);
}
