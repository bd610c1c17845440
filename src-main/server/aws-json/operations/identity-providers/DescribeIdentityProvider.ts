import type { DescribeIdentityProviderCommandInput, DescribeIdentityProviderCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ProviderNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireProvider, toIdentityProviderType } from './identity-provider.js';

export const DescribeIdentityProvider = operation<
  DescribeIdentityProviderCommandInput,
  DescribeIdentityProviderCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ProviderName: required(ProviderNameType),
  }),
  handle(input, context) {
    const pool = requirePool(store, input.UserPoolId!);
    return { IdentityProvider: toIdentityProviderType(store, requireProvider(store, pool.id, input.ProviderName!), context.origin) };
  },
}));
