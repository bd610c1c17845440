/** DescribeIdentityPool: the pool's configuration, as CreateIdentityPool and UpdateIdentityPool answer it. */
import type { DescribeIdentityPoolCommandInput, DescribeIdentityPoolCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { describeIdentityPool, requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { IdentityPoolIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const DescribeIdentityPool = operation<DescribeIdentityPoolCommandInput, DescribeIdentityPoolCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({ IdentityPoolId: required(IdentityPoolIdType) }),
    handle(input) {
      return describeIdentityPool(requireIdentityPool(store, input.IdentityPoolId!));
    },
  }),
);
