import type { DescribeUserPoolCommandInput, DescribeUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { userPoolView } from './view.js';

export const DescribeUserPool = operation<DescribeUserPoolCommandInput, DescribeUserPoolCommandOutput, Pick<Services, 'store' | 'options'>>(
  (services) => ({
    input: structure({ UserPoolId: required(UserPoolIdType) }),
    handle(input) {
      return { UserPool: userPoolView(requirePool(services.store, input.UserPoolId!), services) };
    },
  }),
);
