/**
 * What the request gives replaces what was stored, member by member (ProviderDetails as a
 * whole, so an update repeats the secrets); what it omits stays as it was.
 *
 * New details of an OIDC provider without its endpoints have them read from the issuer's
 * discovery document, as CreateIdentityProvider does (and kept without them when it cannot be read).
 * New details of a SAML provider have their MetadataURL read and their encryption key made, as
 * CreateIdentityProvider does (cognito/federation/saml-provider.ts).
 */
import type { UpdateIdentityProviderCommandInput, UpdateIdentityProviderCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { ProviderNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import {
  AcrMappingShape,
  AttributeMappingShape,
  IdpIdentifiersShape,
  ProviderDetailsShape,
  checkAcrMapping,
  checkIdpIdentifiers,
  toIdentityProviderType,
} from './identity-provider.js';
import { checkProviderDetails } from '../../../../cognito/federation/provider-details.js';
import { withDiscoveredEndpoints } from '../../../../cognito/federation/oidc-discovery.js';
import { prepareSamlDetails } from '../../../../cognito/federation/saml-provider.js';

export const UpdateIdentityProvider = operation<
  UpdateIdentityProviderCommandInput,
  UpdateIdentityProviderCommandOutput,
  Pick<Services, 'store' | 'clock' | 'bus' | 'options'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ProviderName: required(ProviderNameType),
    ProviderDetails: ProviderDetailsShape,
    AttributeMapping: AttributeMappingShape,
    IdpIdentifiers: IdpIdentifiersShape,
    AcrMapping: AcrMappingShape,
  }),
  async handle(input, context) {
    const { store, clock } = services;
    const pool = requirePool(store, input.UserPoolId!);
    const existing = store.identityProviders.find(pool.id, input.ProviderName!);
    if (!existing) {
      throw new ResourceNotFoundException(`Identity provider ${input.ProviderName} in User Pool ${pool.id} does not exist.`);
    }
    if (input.ProviderDetails) checkProviderDetails(existing.type, input.ProviderDetails);
    if (input.IdpIdentifiers) checkIdpIdentifiers(store, pool.id, input.IdpIdentifiers, existing.name);
    if (input.AcrMapping) checkAcrMapping(existing.type, input.AcrMapping);

    const details = input.ProviderDetails && (await withDiscoveredEndpoints(services, { ...existing, details: input.ProviderDetails }));
    const saml = details && (await prepareSamlDetails(services, { ...existing, details }));
    const provider = {
      ...(store.identityProviders.find(pool.id, existing.name) ?? existing),
      ...(details && { details }),
      ...(input.AttributeMapping && { attributeMapping: input.AttributeMapping }),
      ...(input.IdpIdentifiers && { idpIdentifiers: input.IdpIdentifiers }),
      ...(input.AcrMapping && { acrMapping: input.AcrMapping }),
      modified: clock.now(),
    };
    store.identityProviders.save(provider);
    saml?.keep();
    return { IdentityProvider: toIdentityProviderType(store, provider, context.origin) };
  },
}));
