/**
 * A SAML provider's details as CreateIdentityProvider and UpdateIdentityProvider take them and as
 * DescribeIdentityProvider shows them, beyond what provider-details.ts reads from a MetadataFile:
 * - a MetadataURL is read when the provider is created or updated (refused when it cannot be) and
 *   kept; its SSORedirectBindingURI and SLORedirectBindingURI are then shown from the kept document,
 *   without a fetch;
 * - with EncryptedResponses "true", the provider's encryption key is made then, and its certificate
 *   shown as ActiveEncryptionCertificate (Cognito gives each SAML provider a key pair, whose
 *   certificate the IdP needs before it can encrypt to it).
 *
 * Assumption: ActiveEncryptionCertificate is the certificate's base64 DER without PEM armour, as
 * GetSigningCertificate returns the signing one; the SDK documentation shows it only as "[certificate]".
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { keepMetadata, knownSamlIdp, readMetadataUrl } from './saml-idp.js';
import { certificateBody, newEncryptionKey } from './saml-keys.js';

type ProviderServices = Pick<BaseServices, 'store' | 'clock' | 'bus'>;
type SamlProvider = Pick<IdentityProvider, 'poolId' | 'name' | 'type' | 'details'>;

const encrypted = (provider: SamlProvider) => provider.details.EncryptedResponses === 'true';

/** What is kept once the provider is stored (the kept metadata and keys belong to a stored provider). */
export interface PreparedSamlDetails {
  keep(): void;
}

/**
 * What Cognito does with new SAML details before it stores them: reads the MetadataURL
 * (InvalidParameterException when it cannot) and makes the encryption key the provider lacks.
 */
export async function prepareSamlDetails(services: ProviderServices, provider: SamlProvider): Promise<PreparedSamlDetails> {
  const { store } = services;
  const url = provider.type === 'SAML' ? provider.details.MetadataURL : undefined;
  const metadata = url === undefined ? undefined : await readMetadataUrl(services, provider.poolId, url);
  const needsKey = provider.type === 'SAML' && encrypted(provider) && !store.samlSpKeys.encryptionKey(provider.poolId, provider.name);
  const key = needsKey ? await newEncryptionKey(provider.poolId, provider.name) : undefined;
  return {
    keep() {
      // Deleted while the URL was read: nothing to keep them for.
      if (!store.identityProviders.find(provider.poolId, provider.name)) return;
      if (metadata) keepMetadata(store, provider, metadata);
      if (key) store.samlSpKeys.keepEncryptionKey(provider.poolId, provider.name, key);
    },
  };
}

/** The details DescribeIdentityProvider adds to a stored SAML provider from what the sandbox keeps for it. */
export function shownSamlDetails(store: BaseServices['store'], provider: IdentityProvider): Record<string, string> {
  if (provider.type !== 'SAML') return {};
  const metadata = provider.details.MetadataURL === undefined ? undefined : knownSamlIdp(store, provider);
  const key = encrypted(provider) ? store.samlSpKeys.encryptionKey(provider.poolId, provider.name) : undefined;
  return {
    ...(metadata && { SSORedirectBindingURI: metadata.ssoRedirectBindingUri }),
    ...(metadata?.sloRedirectBindingUri && { SLORedirectBindingURI: metadata.sloRedirectBindingUri }),
    ...(key && { ActiveEncryptionCertificate: certificateBody(key.certificate) }),
  };
}
