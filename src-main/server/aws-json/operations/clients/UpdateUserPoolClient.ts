/**
 * Cognito: "If you don't provide a value for an attribute, Amazon Cognito sets it to its default
 * value." Every setting is built afresh from the request; only the name (when left out), the
 * secret and the creation date are kept.
 */
import type { UpdateUserPoolClientCommandInput, UpdateUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ClientIdType, ClientNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { clientSettingsMembers } from './client-shapes.js';
import { clientSettings } from './client-settings.js';
import { toUserPoolClientType } from './client-type.js';
import { requireClient } from '../../../../cognito/resources.js';

export const UpdateUserPoolClient = operation<
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolClientCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    ClientName: ClientNameType,
    ...clientSettingsMembers,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const client = requireClient(store, pool.id, input.ClientId!);
    const settings = clientSettings(input, {
      pool,
      hasSecret: client.secret !== undefined,
      action: 'updating',
      scopeNames: () => store.resourceServers.scopeNames(pool.id),
      providerNames: () => store.identityProviders.providerNames(pool.id),
    });
    const updated = {
      clientId: client.clientId,
      poolId: client.poolId,
      name: input.ClientName ?? client.name,
      ...(client.secret !== undefined && { secret: client.secret }),
      created: client.created,
      modified: clock.now(),
      settings,
    };
    store.clients.save(updated);
    return { UserPoolClient: toUserPoolClientType(updated) };
  },
}));
