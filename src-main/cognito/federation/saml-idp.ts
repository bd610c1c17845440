/**
 * A SAML provider as the SP sees it: its metadata (the MetadataFile, or the document at its
 * MetadataURL) read into entity ID, signing certificates and endpoints. A MetadataURL is fetched
 * through idpFetch (the debugger's identity-provider lane) and kept; Cognito refreshes it every
 * six hours, and so does the sandbox, keeping the last good document when a refresh fails.
 *
 * CreateIdentityProvider and UpdateIdentityProvider read a MetadataURL at once (readMetadataUrl):
 * Cognito refuses one it cannot read with InvalidParameterException "Error retrieving metadata
 * from <url>" (the developer guide quotes that text, naming the exception InvalidArgumentException,
 * which the API does not have; whether Cognito ends it with a period is not known).
 *
 * Limitations: a metadata document's validUntil and cacheDuration do not shorten the six hours.
 * Only http and https URLs are fetched (Cognito asks for https; the sandbox also reads http, its
 * mocks being on http).
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { idpFetch, IdpUnreachable } from './idp-fetch.js';
import { InvalidParameterException } from '../errors.js';
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

type ProviderKey = Pick<IdentityProvider, 'poolId' | 'name'>;

function fetchable(url: string): boolean {
  const protocol = URL.parse(url)?.protocol;
  return protocol === 'https:' || protocol === 'http:';
}

/** A metadata document read from a MetadataURL, not yet kept. */
export interface FetchedMetadata {
  url: string;
  document: string;
  description: SamlIdpDescription;
  fetched: number;
}

async function readMetadata(services: IdpServices, poolId: string, url: string, flowId: string | null): Promise<FetchedMetadata | undefined> {
  if (!fetchable(url)) return undefined;
  try {
    const answer = await idpFetch(services, url, { headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } }, { flowId, poolId });
    const description = answer.status === 200 ? describeSamlIdp(answer.text) : undefined;
    return description && { url, document: answer.text, description, fetched: services.clock.now() };
  } catch (error) {
    if (error instanceof IdpUnreachable) return undefined;
    throw error;
  }
}

/** Keeps a fetched document as the provider's (the provider must be stored). */
export function keepMetadata(store: BaseServices['store'], provider: ProviderKey, { url, document, fetched }: FetchedMetadata): void {
  store.samlMetadataDocuments.save({ poolId: provider.poolId, providerName: provider.name, url, document, fetched });
}

async function fetchMetadata(services: IdpServices, provider: ProviderKey, url: string, flowId: string | null): Promise<SamlIdpDescription | undefined> {
  const read = await readMetadata(services, provider.poolId, url, flowId);
  if (read) keepMetadata(services.store, provider, read);
  return read?.description;
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

/**
 * The MetadataURL of a SAML provider being created or updated, read now (to be kept with
 * keepMetadata once the provider is stored); InvalidParameterException when it cannot be read.
 */
export async function readMetadataUrl(services: IdpServices, poolId: string, url: string): Promise<FetchedMetadata> {
  const read = await readMetadata(services, poolId, url, null);
  if (!read) throw new InvalidParameterException(`Error retrieving metadata from ${url}`);
  return read;
}
