/**
 * The SP a message came from, as far as the mock cares: a pool (its entity ID is
 * `urn:amazon:cognito:sp:{poolId}`), the pool's SAML providers wired to this mock (by a
 * MetadataFile whose SSO endpoint is the mock's, or a MetadataURL that is the mock's metadata),
 * and the certificates Cognito gives that pool's SAML providers (cognito/federation/saml-keys.ts):
 * the signing one, to check a signed AuthnRequest or LogoutRequest, and the encryption one, for
 * EncryptedResponses.
 */
import type { Services } from '../../../services.js';
import type { IdentityProvider } from '../../../store/repositories/identity-providers.js';
import { spCertificates } from '../../../cognito/federation/saml-keys.js';
import { samlEndpoints } from '../../../cognito/federation/saml-metadata.js';
import { isLoopbackAddress } from '../../host-check.js';
import { BadSamlMessage } from './xml.js';

const COGNITO_SP = /^urn:amazon:cognito:sp:([\w-]+_[0-9a-zA-Z]+)$/;
const MOCK_SSO_PATH = '/_mock-idp/saml/sso';
const MOCK_METADATA_PATH = '/_mock-idp/saml/metadata';

type SpServices = Pick<Services, 'store'>;

/** The pool of a Cognito SP entity ID, or undefined for another SP. */
export function poolOfSp(spEntityId: string): string | undefined {
  return COGNITO_SP.exec(spEntityId)?.[1];
}

function pathOf(url: string | undefined): string | undefined {
  return url && URL.canParse(url) ? new URL(url).pathname : undefined;
}

function pointsAtMock(provider: IdentityProvider): boolean {
  if (provider.type !== 'SAML') return false;
  const metadataFile = provider.details.MetadataFile;
  if (metadataFile !== undefined) return pathOf(samlEndpoints(metadataFile)?.ssoRedirectBindingUri) === MOCK_SSO_PATH;
  return pathOf(provider.details.MetadataURL) === MOCK_METADATA_PATH;
}

/** The SAML providers of the SP's pool that are wired to this mock (none for an SP that is not a pool). */
export function providersUsingMock(services: SpServices, spEntityId: string): IdentityProvider[] {
  const poolId = poolOfSp(spEntityId);
  if (!poolId || !services.store.pools.findById(poolId)) return [];
  return services.store.identityProviders.all(poolId).filter(pointsAtMock);
}

/**
 * The SP's encryption certificate when one of its providers wired to this mock has
 * EncryptedResponses on (Cognito then expects an EncryptedAssertion); undefined otherwise.
 * Cognito gives each SAML provider its own encryption key; an AuthnRequest does not say which
 * provider sent it, so when two providers of a pool point at the mock with encryption on, the
 * first by name is the one encrypted for.
 */
export async function encryptionCertificateFor(services: SpServices, spEntityId: string): Promise<string | undefined> {
  const provider = providersUsingMock(services, spEntityId).find((candidate) => candidate.details.EncryptedResponses === 'true');
  if (!provider) return undefined;
  return (await spCertificates(services, provider.poolId, provider.name)).encryption;
}

/** The signing certificate of a pool's SP (what GetSigningCertificate returns); undefined for an SP that is not a pool. */
export async function signingCertificateFor(services: SpServices, spEntityId: string): Promise<string | undefined> {
  const poolId = poolOfSp(spEntityId);
  if (!poolId || !services.store.pools.findById(poolId)) return undefined;
  return (await spCertificates(services, poolId)).signing;
}

/**
 * Where the mock may POST an assertion: an http(s) URL on a loopback name or on the host the
 * browser reached the mock at. The mock signs assertions for whoever asks; it sends them only to
 * the sandbox or an app on this machine.
 */
export function checkAssertionConsumerUrl(url: string, requestHost: string | undefined): string {
  if (!URL.canParse(url)) throw new BadSamlMessage(`AssertionConsumerServiceURL ${url} is not a URL.`);
  const parsed = new URL(url);
  const onThisMachine = parsed.host === requestHost || isLoopbackAddress(parsed.hostname);
  if (!['http:', 'https:'].includes(parsed.protocol) || !onThisMachine) {
    throw new BadSamlMessage(`AssertionConsumerServiceURL ${url} is refused: the mock IdP posts assertions only to http(s) URLs on this machine.`);
  }
  return url;
}
