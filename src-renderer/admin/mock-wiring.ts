/**
 * Wiring a pool's identity provider to one of the sandbox's built-in mocks (under /_mock-idp/):
 * the debugger API lists each mock with the CreateIdentityProvider input that points a provider
 * of its type at it, at the window's origin. Sign in with Apple's private key is made here with
 * WebCrypto instead of the suggested one, as an Apple developer would download their own.
 */
import type { MockIdpListItem } from '../../shared/debugger-api';
import { callApi } from '../lib/api-client';
import { generateAppleKey, type ProviderType } from './idp-model';

/** The mocks, as the debugger API lists them. */
export function listMocks(): Promise<MockIdpListItem[]> {
  return callApi('mockIdps');
}

/** The mock standing in for this type of provider, its details ready to send (Apple's key freshly made). */
export async function mockWiring(type: ProviderType, mocks?: MockIdpListItem[]): Promise<MockIdpListItem> {
  const mock = (mocks ?? (await listMocks())).find((item) => item.providerType === type);
  if (!mock) throw new Error(`The sandbox has no built-in mock for ${type} providers.`);
  if (type !== 'SignInWithApple') return mock;
  const key = await generateAppleKey();
  return { ...mock, providerDetails: { ...mock.providerDetails, key_id: key.keyId, private_key: key.privateKey } };
}
