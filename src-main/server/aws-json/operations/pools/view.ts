/** A stored pool as DescribeUserPool and CreateUserPool return it. */
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { Wire } from '../../operation.js';
import { userPoolArn, wireDate } from '../common.js';

export function userPoolView(pool: UserPool, { store, options }: Pick<Services, 'store' | 'options'>): Wire<UserPoolType> {
  const domains = store.domains.domainsOfPool(pool.id);
  return {
    Id: pool.id,
    Name: pool.name,
    ...pool.config,
    ...(domains.prefix && { Domain: domains.prefix }),
    ...(domains.custom && { CustomDomain: domains.custom }),
    Arn: userPoolArn(pool.id, options.accountId),
    CreationDate: wireDate(pool.created),
    LastModifiedDate: wireDate(pool.modified),
    EstimatedNumberOfUsers: store.pools.countUsers(pool.id),
  };
}
