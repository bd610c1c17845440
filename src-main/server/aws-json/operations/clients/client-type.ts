import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { StoredAppClient } from '../../../../store/repositories/app-clients.js';
import type { Wire } from '../../operation.js';
import { wireDate } from '../common.js';

/** A stored client as DescribeUserPoolClient returns it: the secret only when the client has one. */
export function toUserPoolClientType(client: StoredAppClient): Wire<UserPoolClientType> {
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(client.secret !== undefined && { ClientSecret: client.secret }),
    LastModifiedDate: wireDate(client.modified),
    CreationDate: wireDate(client.created),
    ...client.settings,
  };
}
