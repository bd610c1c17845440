import type { DeleteResourceServerCommandInput, DeleteResourceServerCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceServerIdentifierType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireResourceServer } from './resource-server.js';

export const DeleteResourceServer = operation<
  DeleteResourceServerCommandInput,
  DeleteResourceServerCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Identifier: required(ResourceServerIdentifierType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const server = requireResourceServer(store, pool.id, input.Identifier!);
    store.resourceServers.delete(pool.id, server.identifier);
    return {};
  },
}));
