/**
 * Takes one of an app client's secrets away: from now on it is refused wherever the client
 * authenticates. The last secret stays (a confidential client cannot become public); when the
 * oldest goes, DescribeUserPoolClient shows the one left. Refusals: ../../../../cognito/client-secrets.ts.
 */
import type { DeleteUserPoolClientSecretCommandInput, DeleteUserPoolClientSecretCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireDeletableSecret } from '../../../../cognito/client-secrets.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { ClientSecretIdType } from './client-secrets.js';

export const DeleteUserPoolClientSecret = operation<
  DeleteUserPoolClientSecretCommandInput,
  DeleteUserPoolClientSecretCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    ClientSecretId: required(ClientSecretIdType),
  }),
  handle(input) {
    const { client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    const secret = requireDeletableSecret(client, input.ClientSecretId!);
    store.clients.deleteSecret(client.clientId, secret.secretId);
    return {};
  },
}));
