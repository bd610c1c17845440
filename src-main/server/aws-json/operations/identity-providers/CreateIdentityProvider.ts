/**
 * Limitations: AttributeMapping keys are not checked against the pool's attributes; the quota
 * of 300 providers per pool is not enforced. A SAML provider's MetadataURL is read before it is
 * stored (refused with "Error retrieving metadata from <url>" when it cannot be), and its
 * encryption key made when EncryptedResponses is "true": see cognito/federation/saml-provider.ts.
 *
 * An OIDC provider without authorize_url, token_url, attributes_url or jwks_uri has them read from
 * `{oidc_issuer}/.well-known/openid-configuration` (identity provider lane) and stored with its
 * details, as Cognito does. Difference: when the issuer cannot be reached or answers no discovery
 * document, the provider is created without them (Cognito's answer then is not known) and sign-in
 * reads the document again.
 */
import type { CreateIdentityProviderCommandInput, CreateIdentityProviderCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { DuplicateProviderException } from '../../../../cognito/errors.js';
import { ProviderNameTypeV1, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import {
  AcrMappingShape,
  AttributeMappingShape,
  IdentityProviderTypeShape,
  IdpIdentifiersShape,
  ProviderDetailsShape,
  checkAcrMapping,
  checkIdpIdentifiers,
  checkProviderName,
  toIdentityProviderType,
} from './identity-provider.js';
import { checkProviderDetails, defaultAttributeMapping } from '../../../../cognito/federation/provider-details.js';
import { withDiscoveredEndpoints } from '../../../../cognito/federation/oidc-discovery.js';
import { prepareSamlDetails } from '../../../../cognito/federation/saml-provider.js';

export const CreateIdentityProvider = operation<
  CreateIdentityProviderCommandInput,
  CreateIdentityProviderCommandOutput,
  Pick<Services, 'store' | 'clock' | 'bus' | 'options'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ProviderName: required(ProviderNameTypeV1),
    ProviderType: required(IdentityProviderTypeShape),
    ProviderDetails: required(ProviderDetailsShape),
    AttributeMapping: AttributeMappingShape,
    IdpIdentifiers: IdpIdentifiersShape,
    AcrMapping: AcrMappingShape,
  }),
  async handle(input, context) {
    const { store, clock } = services;
    const pool = requirePool(store, input.UserPoolId!);
    const name = input.ProviderName!;
    const type = input.ProviderType!;
    checkProviderName(name, type);
    if (store.identityProviders.find(pool.id, name)) {
      throw new DuplicateProviderException(`${name} already exists for tenant ${pool.id}.`);
    }
    checkProviderDetails(type, input.ProviderDetails!);
    const idpIdentifiers = input.IdpIdentifiers ?? [];
    checkIdpIdentifiers(store, pool.id, idpIdentifiers);
    if (input.AcrMapping) checkAcrMapping(type, input.AcrMapping);

    const details = await withDiscoveredEndpoints(services, { poolId: pool.id, name, type, details: input.ProviderDetails! });
    const saml = await prepareSamlDetails(services, { poolId: pool.id, name, type, details });
    if (store.identityProviders.find(pool.id, name)) {
      throw new DuplicateProviderException(`${name} already exists for tenant ${pool.id}.`);
    }
    const now = clock.now();
    const provider = {
      poolId: pool.id,
      name,
      type,
      details,
      attributeMapping: input.AttributeMapping ?? defaultAttributeMapping(type),
      idpIdentifiers,
      ...(input.AcrMapping && { acrMapping: input.AcrMapping }),
      created: now,
      modified: now,
    };
    store.identityProviders.insert(provider);
    saml.keep();
    return { IdentityProvider: toIdentityProviderType(store, provider, context.origin) };
  },
}));
