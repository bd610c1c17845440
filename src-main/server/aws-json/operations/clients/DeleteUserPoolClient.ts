import type { DeleteUserPoolClientCommandInput, DeleteUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireClient } from '../../../../cognito/resources.js';

export const DeleteUserPoolClient = operation<
  DeleteUserPoolClientCommandInput,
  DeleteUserPoolClientCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const client = requireClient(store, pool.id, input.ClientId!);
    store.clients.delete(client.clientId);
    return {};
  },
}));
