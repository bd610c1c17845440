/** Draft by the skeleton; the pools work owns and completes it. */
import type { DescribeUserPoolCommandInput, DescribeUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool, userPoolArn, wireDate } from '../common.js';

export const DescribeUserPool = operation<DescribeUserPoolCommandInput, DescribeUserPoolCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({ UserPoolId: required(UserPoolIdType) }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      return {
        UserPool: {
          Id: pool.id,
          Name: pool.name,
          ...pool.config,
          Arn: userPoolArn(pool.id, options.accountId),
          CreationDate: wireDate(pool.created),
          LastModifiedDate: wireDate(pool.modified),
          EstimatedNumberOfUsers: store.pools.countUsers(pool.id),
        },
      };
    },
  }),
);
