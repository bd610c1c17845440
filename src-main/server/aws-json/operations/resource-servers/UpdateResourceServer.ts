/** Replaces the name and the whole scope list: scopes the request omits are removed. */
import type { UpdateResourceServerCommandInput, UpdateResourceServerCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceServerIdentifierType, ResourceServerNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { ResourceServerScopeListType, requireResourceServer, scopesFromRequest, toResourceServerType } from './resource-server.js';

export const UpdateResourceServer = operation<
  UpdateResourceServerCommandInput,
  UpdateResourceServerCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Identifier: required(ResourceServerIdentifierType),
    Name: required(ResourceServerNameType),
    Scopes: ResourceServerScopeListType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const existing = requireResourceServer(store, pool.id, input.Identifier!);
    const server = { ...existing, name: input.Name!, scopes: scopesFromRequest(input.Scopes), modified: clock.now() };
    store.resourceServers.save(server);
    return { ResourceServer: toResourceServerType(server) };
  },
}));
