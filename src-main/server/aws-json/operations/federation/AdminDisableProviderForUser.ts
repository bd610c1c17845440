/**
 * AdminDisableProviderForUser: a linked provider identity is unlinked (its entry leaves the
 * destination user's `identities`); a provider identity that is not linked can no longer sign
 * in (its user is disabled); a Cognito user (ProviderName `Cognito`, Cognito_Subject, the
 * username) can no longer sign in with its password. The rules and their refusals are
 * cognito/federation/provider-links.ts's (`disableProviderForUser`).
 *
 * Limitations: disabling a provider identity that is not linked disables its user (Enabled
 * false, undone by AdminEnableUser) rather than keeping a separate mark; a Cognito user's
 * password sign-in, once turned off, has no operation that turns it on again.
 */
import type { AdminDisableProviderForUserCommandInput, AdminDisableProviderForUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { disableProviderForUser } from '../../../../cognito/federation/provider-links.js';
import { ProviderUserIdentifierType } from './provider-user.js';

export const AdminDisableProviderForUser = operation<
  AdminDisableProviderForUserCommandInput,
  AdminDisableProviderForUserCommandOutput,
  Pick<Services, 'store' | 'clock'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    User: required(ProviderUserIdentifierType),
  }),
  handle(input) {
    const pool = requirePool(services.store, input.UserPoolId!);
    disableProviderForUser(services, pool, input.User!);
    return {};
  },
}));
