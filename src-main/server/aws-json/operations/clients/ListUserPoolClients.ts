/**
 * Clients come in creation order; `MaxResults` absent means a page of 60. Every client the sandbox
 * holds is REGULAR (none comes from dynamic client registration), so a `ClientType` of DCR finds
 * none.
 */
import type { ListUserPoolClientsCommandInput, ListUserPoolClientsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { PaginationKey, PoolQueryLimitType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { enumeration, required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';

const DEFAULT_PAGE_SIZE = 60;

export const ListUserPoolClients = operation<
  ListUserPoolClientsCommandInput,
  ListUserPoolClientsCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    MaxResults: PoolQueryLimitType,
    NextToken: PaginationKey,
    ClientType: enumeration(['REGULAR', 'DCR']),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const page = store.clients.listPage(pool.id, input.MaxResults ?? DEFAULT_PAGE_SIZE, input.NextToken);
    if (!page) throw new InvalidParameterException('Invalid pagination token.');
    const clients = page.clients.filter((client) => !input.ClientType || client.settings.ClientType === input.ClientType);
    return {
      UserPoolClients: clients.map((client) => ({ ClientId: client.clientId, UserPoolId: client.poolId, ClientName: client.name })),
      ...(page.nextToken && { NextToken: page.nextToken }),
    };
  },
}));
