/**
 * The app client's secrets, oldest first, by id and creation date: never their values.
 *
 * Assumptions: all of a client's secrets (two at most) come in one answer without NextToken, as
 * the docs say, so a NextToken sent is ignored; a public client answers an empty list.
 */
import type { ListUserPoolClientSecretsCommandInput, ListUserPoolClientSecretsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { ClientIdType, PaginationKey, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { toClientSecretDescriptor } from './client-secrets.js';

export const ListUserPoolClientSecrets = operation<
  ListUserPoolClientSecretsCommandInput,
  ListUserPoolClientSecretsCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    NextToken: PaginationKey,
  }),
  handle(input) {
    const { client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    return { ClientSecrets: (client.secrets ?? []).map((secret) => toClientSecretDescriptor(secret)) };
  },
}));
