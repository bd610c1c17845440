/**
 * AdminLinkProviderForUser: an identity at one of the pool's identity providers (SourceUser)
 * signs in as an existing user of the pool (DestinationUser) from then on. The rules and their
 * refusals are cognito/federation/provider-links.ts's (`linkProviderForUser`).
 *
 * Limitations: a SourceUser linked on a claim or SAML attribute (not Cognito_Subject) is not
 * checked against the provider's users that have already signed in: only the link's uniqueness
 * stops it.
 */
import type { AdminLinkProviderForUserCommandInput, AdminLinkProviderForUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { linkProviderForUser } from '../../../../cognito/federation/provider-links.js';
import { ProviderUserIdentifierType } from './provider-user.js';

export const AdminLinkProviderForUser = operation<
  AdminLinkProviderForUserCommandInput,
  AdminLinkProviderForUserCommandOutput,
  Pick<Services, 'store' | 'clock'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    DestinationUser: required(ProviderUserIdentifierType),
    SourceUser: required(ProviderUserIdentifierType),
  }),
  handle(input) {
    const pool = requirePool(services.store, input.UserPoolId!);
    linkProviderForUser(services, pool, input.DestinationUser!, input.SourceUser!);
    return {};
  },
}));
